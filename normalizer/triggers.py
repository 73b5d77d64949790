"""What can make a rule find something: a declaration the engine's scan answers once per document.

A rule states the necessary conditions of its findings, and the engine skips the rule on a
document where one of them fails; the rule never asks the speed machinery itself. Every part
given must hold (they are necessary conditions, combined with "and"):

- ``pattern``: a regular expression that matches wherever the rule can find something (the
  rule's own pattern, or a broader first check). The scan asks its byte pattern, derived by
  :mod:`normalizer.bytepatterns` (or ``byte_pattern`` where the derived one is too broad), in
  one Hyperscan pass shared by every rule, and its literals (:func:`~normalizer.prefilter.gate_for`)
  in one literal pass when ``pattern_literals`` is set (data rules: their patterns are mostly words).
- ``literals``: lower-case strings, one of which occurs in the case-folded text.
- ``exact``: strings, one of which occurs as written.
- ``non_ascii``: the text holds a character beyond ASCII.
- ``needs_run``: run-wide statistics (a batch of files) are there; ``uses_run``: the rule reads
  them when there are some. Either makes a batch run compute them when the rule is selected.
- ``any_of``: other triggers, one of which holds (for a rule with several patterns).
- ``asks``: no condition, but triggers the rule itself asks the scan about (``scan.may(t)``,
  ``scan.starts(t)``), declared so that they join the shared passes when the rule is built.

>>> Trigger(pattern=r"[ \\t][,;:.?!%]").wants_run
False
>>> Trigger(needs_run=True).wants_run
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Trigger:
    """The necessary conditions of a rule's findings (see the module's docstring)."""

    pattern: Any = None            # a str, or a compiled re / regex pattern
    byte_pattern: str | None = None
    pattern_literals: bool = False   # also the literals derived from ``pattern`` (one must occur)
    literals: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    non_ascii: bool = False
    needs_run: bool = False
    uses_run: bool = False
    any_of: tuple[Trigger, ...] = ()
    asks: tuple[Trigger, ...] = ()   # no condition: triggers the rule asks the scan about itself (``scan.may``)

    def __post_init__(self) -> None:
        for name in ("literals", "exact", "any_of", "asks"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))
        if any(lit != lit.lower() for lit in self.literals):
            raise ValueError(f"trigger literals are lower case (looked for in the folded text): {self.literals!r}")

    @property
    def wants_run(self) -> bool:
        """True if a batch run must compute run-wide statistics for this rule."""
        return self.needs_run or self.uses_run or any(t.wants_run for t in self.any_of)
