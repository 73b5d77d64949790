"""The review app (Textual): approve, reject or edit each fix, shown as a diff."""

from .app import ReviewApp

__all__ = ["ReviewApp"]
