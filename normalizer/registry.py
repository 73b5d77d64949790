"""Rules, their stable codes, and selection by code, prefix, name or category."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from .document import Document
from .fixes import CATEGORIES, Fix, Proposal, Safety
from .scan import Check, RunContext, Scan, compiled
from .triggers import Trigger

CODE_RE = regex.compile(r"^[A-Z][0-9]{3}$")

# A finder takes the document, or the document and its scan when its signature asks for two arguments.
Finder = Callable[..., Iterable[Proposal]]


@dataclass(frozen=True)
class Rule:
    """A named check: finds proposals in a document, never edits it.

    ``code`` is stable (a family letter and three digits); ``example`` is an
    input on which the rule proposes something, shown by ``mtnorm rules CODE``.
    ``trigger`` states what must hold for the rule to find anything (the engine's
    scan skips the rule elsewhere); ``None``: the rule always runs.
    """

    code: str
    name: str
    category: str
    safety: Safety
    description: str
    finder: Finder = field(repr=False, compare=False)
    example: str = ""
    source: str = "builtin"
    trigger: Trigger | None = field(default=None, repr=False, compare=False)
    takes_scan: bool = field(default=False, init=False, repr=False, compare=False)
    check: Check | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "takes_scan", _positional(self.finder) >= 2)
        # compiled now: its byte pattern and literals join the shared passes when the rule is built
        object.__setattr__(self, "check", compiled(self.trigger))

    def may(self, scan: Scan) -> bool:
        """False only when the rule's trigger cannot hold on the scanned text."""
        return self.check is None or self.check(scan)

    def find(self, doc: Document, scan: Scan | None = None, run: RunContext | None = None) -> Iterator[Fix]:
        """Run the rule (unless its trigger cannot hold) and turn its proposals into fixes.

        ``scan`` is the document's scan (the engine builds one per pass); without it one is built here.
        """
        if scan is None and (self.check is not None or self.takes_scan):
            scan = Scan(doc.text, run)
        if self.check is not None and not self.check(scan):
            return
        text = doc.text
        for p in (self.finder(doc, scan) if self.takes_scan else self.finder(doc)):
            original = text[p.start:p.end]
            if original == p.replacement:
                continue
            yield Fix(
                p.start, p.end, original, p.replacement, self.code, self.category,
                p.safety or self.safety, p.message, p.alternatives,
            )


_BUILTIN: dict[str, Rule] = {}


def _positional(func: Callable[..., Any]) -> int:
    """How many positional arguments ``func`` takes (a ``functools.partial``'s bound ones left out)."""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return 1
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params):
        return 2
    return sum(1 for p in params if p.kind in kinds)


def rule(
    code: str, name: str, category: str, safety: Safety, *, example: str = "", trigger: Trigger | None = None
) -> Callable[[Finder], Finder]:
    """Register a code rule; the function's docstring is its description.

    ``trigger`` declares what can make it find something; the function takes ``(doc)``, or
    ``(doc, scan)`` to read what the scan found.
    """
    if not CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")

    def register(func: Finder) -> Finder:
        if code in _BUILTIN:
            raise ValueError(f"rule code {code} registered twice")
        doc = inspect.cleandoc(func.__doc__ or "")
        _BUILTIN[code] = Rule(code, name, category, safety, doc, func, example, trigger=trigger)
        return func

    return register


def make_rule(code: str, name: str, category: str, safety: Safety, func: Finder,
              *, example: str = "", source: str = "builtin", trigger: Trigger | None = None) -> Rule:
    """A rule built at load time (from data or settings); ``func``'s docstring describes it."""
    target = getattr(func, "func", func)  # a functools.partial keeps its function's docstring there
    return Rule(code, name, category, safety, inspect.cleandoc(target.__doc__ or ""), func, example, source,
                trigger=trigger)


def registered() -> list[Rule]:
    """The code rules registered so far with :func:`rule` (:func:`normalizer.api.builtin_rules`
    imports the rule modules first), by code."""
    return sorted(_BUILTIN.values(), key=lambda r: r.code)


def matches(rule_: Rule, selector: str) -> bool:
    """True if ``selector`` (``ALL``, a code prefix, a rule name or a category) names the rule."""
    s = selector.strip()
    if s.upper() == "ALL":
        return True
    if s.lower() == rule_.category or s.lower() == rule_.name:
        return True
    return bool(s) and s[0].isalpha() and s[1:].isdigit() and rule_.code.startswith(s.upper()) or (
        len(s) == 1 and rule_.code.startswith(s.upper())
    )


def known_selector(selector: str, rules: Sequence[Rule]) -> bool:
    """True if ``selector`` names at least one rule (or is a category)."""
    return selector.lower() in CATEGORIES or any(matches(r, selector) for r in rules)


def select(
    rules: Sequence[Rule], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[Rule]:
    """The rules named by ``select`` (all when empty) minus those named by ``ignore``."""
    chosen = [r for r in rules if not select or any(matches(r, s) for s in select)]
    return [r for r in chosen if not any(matches(r, s) for s in ignore)]
