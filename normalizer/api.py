"""The core API that the command line and the review app are built on."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from . import engine
from .document import Document
from .engine import Result
from .fixes import Fix
from .loader import ConfigError, load_rule_file, shipped_rules_dir
from .registry import Rule, builtin_rules, known_selector
from .registry import select as select_rules


@lru_cache(maxsize=32)
def _rules_from(path: str, mtime: float) -> tuple[Rule, ...]:
    return tuple(load_rule_file(Path(path)))


def data_rules(files: Sequence[str | os.PathLike[str]] = ()) -> list[Rule]:
    """Rules from the shipped ``rules/*.toml`` and from extra rule files."""
    paths = sorted(shipped_rules_dir().glob("*.toml")) + [Path(f) for f in files]
    out: list[Rule] = []
    for p in paths:
        try:
            mtime = p.stat().st_mtime
        except OSError:
            raise ConfigError(f"{p}: rule file not found") from None
        out.extend(_rules_from(str(p), mtime))
    return out


def load_rules(
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rule_files: Sequence[str | os.PathLike[str]] = (),
) -> list[Rule]:
    """All rules (code and data), filtered by ``select``/``ignore`` selectors.

    Selectors are ``ALL``, a code or code prefix (``S``, ``S00``, ``S001``), a
    rule name (``repeated-space``) or a category (``spacing``). An unknown
    selector or a code defined twice raises :class:`ConfigError`.
    """
    every = builtin_rules() + data_rules(rule_files)
    seen: dict[str, Rule] = {}
    for r in every:
        if r.code in seen:
            raise ConfigError(f"{r.source}: rule code {r.code} is already used by {seen[r.code].source}")
        seen[r.code] = r
    for s in (*select, *ignore):
        if not known_selector(s, every):
            raise ConfigError(f"unknown rule selector {s!r}")
    return sorted(select_rules(every, select, ignore), key=lambda r: r.code)


def _document(text: str | Document) -> Document:
    return text if isinstance(text, Document) else Document(text)


def propose(
    text: str | Document,
    *,
    rules: Sequence[Rule] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[Fix]:
    """The non-overlapping fixes proposed for ``text`` on a first pass.

    >>> [(f.rule, f.replacement) for f in propose("worth $ 600 billion.\\n")]
    [('S005', '$')]
    """
    doc = _document(text)
    chosen = rules if rules is not None else load_rules(select, ignore)
    taken, _ = engine.resolve(engine.propose(doc, chosen))
    return taken


def clean(
    text: str | Document,
    *,
    apply: str = "safe",
    rules: Sequence[Rule] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Result:
    """Apply fixes (``safe`` ones, ``all``, or ``none``) until nothing applicable is left.

    >>> clean("the the talks ( AP ))\\n").text
    'the talks (AP)\\n'
    """
    doc = _document(text)
    chosen = rules if rules is not None else load_rules(select, ignore)
    return engine.clean(doc, chosen, apply)
