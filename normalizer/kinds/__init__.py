"""Rule kinds: importing this package registers every built-in code rule.

Registration is explicit. The modules imported below register code rules with ``@rule``;
:data:`BUILDERS` build rules from the data tables (their ``build_rules``, called by
:func:`normalizer.api.data_rules`); :data:`HELPERS` hold what those share.
tests/test_architecture.py checks that every module of this folder is in one of the three.
"""

from . import boilerplate, capitalization, duplicate, encoding, possessive, punctuation, whitespace  # noqa: F401

BUILDERS = ("calques", "fragments", "names", "word_rules")
HELPERS = ("boundaries", "glued", "typos", "words")
