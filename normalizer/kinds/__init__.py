"""Rule kinds: importing this package registers every built-in code rule."""

from . import capitalization, duplicate, encoding, punctuation, whitespace  # noqa: F401
from . import boilerplate, furniture, possessive  # noqa: F401,E402  (boilerplate also registers its data kind)
from . import casing, codepages, letters, obfuscation, quotes, repeats, stops  # noqa: F401,E402  (P family, D004, C004-C009, E005, Z004-Z005)
