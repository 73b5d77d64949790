"""mtnorm: clean up machine-translated English text, one reviewable fix at a time.

The API is three calls: :func:`propose` lists fixes, :func:`clean` applies them,
:func:`load_rules` chooses the rules. The command line (``mtnorm``) and the
review app are thin layers over these. Names are imported on first use, so
``import normalizer`` (and ``mtnorm --help``) loads no rules or dictionaries.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_HOME = {
    "clean": "api", "data_rules": "api", "load_rules": "api", "propose": "api",
    "Document": "document", "DocumentError": "document", "decode": "document",
    "read_document": "document", "write_atomic": "writing",
    "ConvergenceError": "engine", "Result": "engine", "apply": "engine", "resolve": "engine",
    "CATEGORIES": "fixes", "Fix": "fixes", "Proposal": "fixes", "Safety": "fixes",
    "ConfigError": "errors", "Rule": "registry", "RunContext": "scan", "Trigger": "triggers",
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
