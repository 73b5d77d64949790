"""mtnorm: clean up machine-translated English text, one reviewable fix at a time.

The API is three calls: :func:`propose` lists fixes, :func:`clean` applies them,
:func:`load_rules` chooses the rules. The command line (``mtnorm``) and the
review app are thin layers over these.
"""

from .api import clean, data_rules, load_rules, propose
from .document import Document, DocumentError, decode, read_document, write_atomic
from .engine import ConvergenceError, Result, apply, resolve
from .fixes import CATEGORIES, Fix, Proposal, Safety
from .loader import ConfigError
from .registry import Rule

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES", "ConfigError", "ConvergenceError", "Document", "DocumentError", "Fix",
    "Proposal", "Result", "Rule", "Safety", "apply", "clean", "data_rules", "decode",
    "load_rules", "propose", "read_document", "resolve", "write_atomic",
]
