"""The engine: run rules, resolve overlapping fixes, apply a chosen set."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .document import Document
from .fixes import Fix, Safety, touches
from .registry import Rule
from .scan import RunContext, Scan

MAX_PASSES = 10

APPLY_LEVELS = ("safe", "all", "none")


class ConvergenceError(RuntimeError):
    """Cleaning kept changing the text after :data:`MAX_PASSES` passes."""


class EntryError(Exception):
    """A rule built from many data entries (K001's calques) failed in one: ``where`` is its file:line."""

    def __init__(self, where: str, exc: BaseException) -> None:
        super().__init__(str(exc))
        self.where, self.exc = where, exc


class RuleError(RuntimeError):
    """A rule raised (or a user pattern ran out of time); the message names the rule and its file."""

    def __init__(self, rule: Rule, exc: BaseException) -> None:
        source = rule.source
        if isinstance(exc, EntryError):  # the entry's own file (a user's), not the rule's shipped one
            source, exc = exc.where, exc.exc
        if isinstance(exc, TimeoutError):
            detail = "a regular expression ran out of time (catastrophic backtracking?)"
        else:
            detail = f"{type(exc).__name__}: {exc}"
        where = "" if source == "builtin" else f", defined in {source}"
        super().__init__(f"rule {rule.code} ({rule.name}{where}) failed: {detail}; file left unchanged")
        self.code = rule.code


def sort_key(fix: Fix) -> tuple[int, int, str, str]:
    """Order fixes by position, wider first at the same start, then by rule."""
    return (fix.start, -fix.end, fix.rule, fix.replacement)


def propose(doc: Document, rules: Sequence[Rule], run: RunContext | None = None) -> list[Fix]:
    """Every fix the rules propose for ``doc``, in a deterministic order (none inside code spans).

    One :class:`~normalizer.scan.Scan` of the text serves every rule: a rule whose trigger
    cannot hold is skipped, the others read what the scan found. ``run`` is what a batch
    learned across its files (B003, N002), or ``None``.
    """
    seen: set[tuple[int, int, str, str]] = set()
    out: list[Fix] = []
    code = doc.code_spans
    scan = Scan(doc.text, run)
    for r in rules:
        if r.check is not None and not r.check(scan):
            continue  # its trigger cannot hold: the rule would find nothing here
        try:
            found = list(r.find(doc, scan))
        except Exception as exc:  # one rule's bug or a runaway user pattern: name the rule
            raise RuleError(r, exc) from exc
        for fix in found:
            key = (fix.start, fix.end, fix.rule, fix.replacement)
            if code and touches(fix, code):
                continue  # code is quoted verbatim: never touched
            if key not in seen:
                seen.add(key)
                out.append(fix)
    out.sort(key=sort_key)
    return out


def _overlaps(a: Fix, b: Fix) -> bool:
    """True if two fixes touch the same text (two insertions at one point do too)."""
    if a.start == a.end or b.start == b.end:
        if a.start == a.end and b.start == b.end:
            return a.start == b.start
        point, span = (a, b) if a.start == a.end else (b, a)
        return span.start < point.start < span.end
    return a.start < b.end and b.start < a.end


def resolve(fixes: Iterable[Fix]) -> tuple[list[Fix], list[Fix]]:
    """Split fixes into a non-overlapping set to apply and the ones skipped.

    Fixes are taken in :func:`sort_key` order; a fix overlapping one already
    taken is skipped (the next pass proposes it again if it still applies). Fixes that
    change only whitespace go last: a blank-line fix at the edge of a block never keeps
    the block's removal out.
    """
    taken: list[Fix] = []
    skipped: list[Fix] = []
    active: list[Fix] = []  # taken fixes that may still reach later starts
    blanks: list[Fix] = []
    for fix in sorted(fixes, key=sort_key):
        if _blank(fix):
            blanks.append(fix)
            continue
        active = [t for t in active if t.end >= fix.start]
        if any(_overlaps(fix, t) for t in active):
            skipped.append(fix)
        else:
            taken.append(fix)
            active.append(fix)
    if blanks:  # then the whitespace fixes, around what was taken
        starts = [t.start for t in taken]
        for fix in blanks:
            i = bisect.bisect_right(starts, fix.start)
            if any(_overlaps(fix, t) for t in taken[max(0, i - 2):i + 1]):
                skipped.append(fix)
            else:
                taken.insert(i, fix)
                starts.insert(i, fix.start)
    return taken, skipped


def _blank(fix: Fix) -> bool:
    """True for a fix that changes only whitespace (blank lines, runs of spaces, odd spaces)."""
    return fix.original.isspace() and (not fix.replacement or fix.replacement.isspace())


def apply(text: str, fixes: Iterable[Fix]) -> str:
    """Apply non-overlapping fixes to ``text`` (they are sorted here; an insertion at the start of a
    span goes before the span's replacement, as :func:`resolve` lets the two stand together)."""
    parts: list[str] = []
    pos = 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end != f.start, sort_key(f))):
        if fix.start < pos:
            raise ValueError(f"overlapping fix {fix.rule} at {fix.start}")
        if text[fix.start:fix.end] != fix.original:
            raise ValueError(f"fix {fix.rule} at {fix.start} does not match the text")
        parts.append(text[pos:fix.start])
        parts.append(fix.replacement)
        pos = fix.end
    parts.append(text[pos:])
    return "".join(parts)


def applicable(level: str) -> Callable[[Fix], bool]:
    """The filter for ``--apply``: ``safe`` fixes only, ``all`` fixes, or ``none``."""
    if level not in APPLY_LEVELS:
        raise ValueError(f"apply must be one of {', '.join(APPLY_LEVELS)}, not {level!r}")
    if level == "all":
        return lambda f: True
    if level == "none":
        return lambda f: False
    return lambda f: f.safety is Safety.SAFE


@dataclass
class Result:
    """What cleaning did: the new text, the fixes applied, and those left pending.

    ``applied`` holds one list per pass (offsets into that pass's input);
    ``pending`` are fixes still proposed for ``text`` that were not applied.
    """

    document: Document
    text: str
    passes: list[list[Fix]] = field(default_factory=list)
    pending: list[Fix] = field(default_factory=list)

    @property
    def applied(self) -> list[Fix]:
        """All applied fixes, pass after pass."""
        return [f for p in self.passes for f in p]

    @property
    def changed(self) -> bool:
        return self.text != self.document.text


Chooser = Callable[[str, Fix], "Fix | None | bool"]


def clean(
    doc: Document,
    rules: Sequence[Rule],
    level: str = "safe",
    choose: Chooser | None = None,
    run: RunContext | None = None,
) -> Result:
    """Propose and apply fixes until nothing applicable is left.

    ``choose(text, fix)`` sees every proposal first: ``None`` vetoes it (a
    rejected fix), a :class:`Fix` is applied as given (an approved, maybe
    edited fix), ``True`` leaves it to the ``level`` filter. Raises
    :class:`ConvergenceError` if the text still changes after :data:`MAX_PASSES` passes.
    ``run`` is what a batch learned across its files (see :func:`propose`).
    """
    ok = applicable(level)
    result = Result(doc, doc.text)
    current = doc
    for _ in range(MAX_PASSES):
        proposed = propose(current, rules, run)
        wanted: list[Fix] = []
        vetoed: list[Fix] = []
        for fix in proposed:
            verdict = choose(current.text, fix) if choose else True
            if verdict is None:
                vetoed.append(fix)
                continue
            if isinstance(verdict, Fix):
                wanted.append(verdict)
            elif ok(fix):
                wanted.append(fix)
        taken, _ = resolve(wanted)
        if not taken:
            decided = set(wanted) | set(vetoed)
            result.pending = [f for f in proposed if f not in decided]
            result.text = current.text
            return result
        result.passes.append(taken)
        current = current.replace_text(apply(current.text, taken))
    # the rules of the last two passes: a pair of rules undoing each other takes turns
    names = {r.code: r.name for r in rules}
    still = ", ".join(f"{c} {names.get(c, '')}".rstrip() for c in sorted({f.rule for p in result.passes[-2:] for f in p}))
    raise ConvergenceError(f"text still changing after {MAX_PASSES} passes (rules still changing it: {still}); "
                           "file left unchanged")
