"""Errors shown to command-line users as one line."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


class UsageError(Exception):
    """A problem with how mtnorm was called."""


class ConfigError(Exception):
    """Bad configuration or rule data; the message names the file and line."""


def unknown_key(key: str, known: Iterable[str], where: str = "") -> str:
    """The message for an unknown key, with the nearest known one suggested.

    >>> unknown_key("pattern", {"patterns", "scope"}, " for kind 'boilerplate'")
    "unknown key 'pattern' for kind 'boilerplate' (did you mean 'patterns'? known: patterns, scope)"
    """
    names = sorted(known)
    near = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    hint = f"did you mean {near[0]!r}? " if near else ""
    return f"unknown key {key!r}{where} ({hint}known: {', '.join(names)})"


def display(path: object) -> str:
    r"""A path as printed in a one-line message: control and bidirectional characters escaped.

    A file name may hold a line break (which would forge a second message line)
    or U+202E (which reverses what the terminal shows); both are shown as escapes.

    >>> display("a\nb.txt"), display("x\u202etxt.exe")
    ('a\\nb.txt', 'x\\u202etxt.exe')
    """
    text = str(path)
    if text.isprintable() and not any(unicodedata.category(c) == "Cf" for c in text):
        return text
    return "".join(c if c.isprintable() and unicodedata.category(c) != "Cf" else
                   c.encode("unicode_escape").decode("ascii") for c in text)
