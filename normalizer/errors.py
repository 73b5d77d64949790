"""Errors shown to command-line users as one line."""


class UsageError(Exception):
    """A problem with how mtnorm was called."""
