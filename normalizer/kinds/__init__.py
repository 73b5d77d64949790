"""Rule kinds: importing this package registers every built-in code rule."""

from . import capitalization, duplicate, encoding, punctuation, whitespace  # noqa: F401
