"""Rules, their stable codes, and selection by code, prefix, name or category."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import regex

from .document import Document
from .fixes import CATEGORIES, Fix, Proposal, Safety

CODE_RE = regex.compile(r"^[A-Z][0-9]{3}$")

Finder = Callable[[Document], Iterable[Proposal]]


@dataclass(frozen=True)
class Rule:
    """A named check: finds proposals in a document, never edits it.

    ``code`` is stable (a family letter and three digits); ``example`` is an
    input on which the rule proposes something, shown by ``mtnorm rules CODE``.
    """

    code: str
    name: str
    category: str
    safety: Safety
    description: str
    finder: Finder = field(repr=False, compare=False)
    example: str = ""
    source: str = "builtin"

    def find(self, doc: Document) -> Iterator[Fix]:
        """Run the rule and turn its proposals into fixes."""
        text = doc.text
        for p in self.finder(doc):
            original = text[p.start:p.end]
            if original == p.replacement:
                continue
            yield Fix(
                p.start, p.end, original, p.replacement, self.code, self.category,
                p.safety or self.safety, p.message, p.alternatives,
            )


_BUILTIN: dict[str, Rule] = {}


def rule(
    code: str, name: str, category: str, safety: Safety, *, example: str = ""
) -> Callable[[Finder], Finder]:
    """Register a code rule; the function's docstring is its description."""
    if not CODE_RE.match(code):
        raise ValueError(f"bad rule code {code!r}")
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")

    def register(func: Finder) -> Finder:
        if code in _BUILTIN:
            raise ValueError(f"rule code {code} registered twice")
        doc = inspect.cleandoc(func.__doc__ or "")
        _BUILTIN[code] = Rule(code, name, category, safety, doc, func, example)
        return func

    return register


def make_rule(code: str, name: str, category: str, safety: Safety, func: Finder,
              *, example: str = "", source: str = "builtin") -> Rule:
    """A rule built at load time (from data or settings); ``func``'s docstring describes it."""
    target = getattr(func, "func", func)  # a functools.partial keeps its function's docstring there
    return Rule(code, name, category, safety, inspect.cleandoc(target.__doc__ or ""), func, example, source)


def builtin_rules() -> list[Rule]:
    """Every code rule, importing the rule modules on first use."""
    from . import kinds  # noqa: F401  (registers the rules)

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
