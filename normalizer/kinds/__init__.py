"""Rule kinds: importing this package registers every built-in code rule.

Registration is explicit. The modules imported below register code rules with ``@rule``;
:data:`BUILDERS` build rules from the data tables (their ``build_rules``, called by
:func:`normalizer.api.data_rules`); :data:`HELPERS` hold what those share.
tests/test_architecture.py checks that every module of this folder is in one of the three.
"""

from . import boilerplate, capitalization, duplicate, encoding, participles, possessive, punctuation, whitespace  # noqa: F401
from . import furniture, name_evidence  # noqa: F401  (B020-B027; N003-N005)
from . import codepage_search, markup  # noqa: F401  (E007, E008)
from . import foreign_articles, foreign_lines, foreign_lost, foreign_words, leftovers, spun  # noqa: F401  (Z006-Z010, K002)
from . import casing, codepages, letters, obfuscation, quotes, repeats, stops  # noqa: F401  (P, D004-D005, C004-C009, E005-E006, Z004-Z005)
from . import case_evidence, layout  # noqa: F401  (C012-C015, S015-S016)

BUILDERS = ("calques", "fragments", "gazetteer", "names", "native_names", "word_rules")
HELPERS = ("boundaries", "codepage_tables", "foreign_names", "fragment_edges", "furniture_inline", "furniture_signals", "gazetteer_match",
           "gazetteer_surnames", "glued", "name_forms",
           "name_mentions", "name_runs", "typos", "words")
