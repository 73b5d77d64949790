"""Rule kinds: importing this package registers every built-in code rule."""

from . import capitalization, duplicate, encoding, punctuation, whitespace  # noqa: F401
from . import boilerplate, possessive  # noqa: F401,E402  (boilerplate also registers its data kind)
from . import casing, letters, quotes, repeats, stops  # noqa: F401,E402  (punctuation slips, repeated blocks, casing)
