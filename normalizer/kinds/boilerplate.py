"""Boilerplate family (B): site furniture removed as whole lines or paragraphs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import re


import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..loader import FLAG, NUMBER, STRING, STRINGS, ConfigError, deprecated, kind
from ..patterns import compile_pattern
from ..registry import rule
from ..scan import Scan
from ..triggers import Trigger

LINE = regex.compile(r"[^\n]*")
BLOCK = regex.compile(r"(?:[^\n]*\S[^\n]*(?:\n|\Z))+")  # a paragraph: lines with text up to a blank line
SCOPES = ("match", "line", "paragraph")


def removal_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to delete so that removing ``text[start:end]`` (whole lines) leaves clean text.

    The line break after the block goes too; a block between blank lines takes
    the blank lines after it; a block at the end takes the blank lines before it.

    >>> t = "A\\n\\nFooter\\n\\nB\\n"; s, e = removal_span(t, 3, 9); t[:s] + t[e:]
    'A\\n\\nB\\n'
    >>> t = "Head\\nTrump\\nText\\n"; s, e = removal_span(t, 5, 10); t[:s] + t[e:]
    'Head\\nText\\n'
    >>> t = "Para\\n\\nFooter"; s, e = removal_span(t, 6, 12); t[:s] + t[e:]
    'Para\\n'
    """
    e = end + 1 if end < len(text) and text[end] == "\n" else end
    if not text[e:].strip():
        s = start
        while s >= 2 and text[s - 1] == "\n" and text[s - 2] == "\n":
            s -= 1
        return s, len(text)
    if start == 0 or text[max(0, start - 2):start] == "\n\n":
        while e < len(text) and text[e] == "\n":
            e += 1
    return start, e


def _compile(patterns: Any, key: str, error: Callable[[str], ConfigError]) -> list[regex.Pattern]:
    if patterns is None:
        return []
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise error(f"{key!r} must be a list of regular expressions")
    out = []
    for p in patterns:
        try:  # the standard library's engine is several times faster where the syntax allows
            out.append(compile_pattern(p, regex.MULTILINE, prefer_re=True))
        except regex.error as exc:
            raise error(f"bad regular expression in {key!r}: {p!r}: {exc}") from None
    return out


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _enough_cues(cues: list, needed: int, text: str) -> bool:
    """True if at least ``needed`` cues occur in ``text``; stops as soon as the answer is known."""
    if not cues:
        return False
    hits = 0
    for i, c in enumerate(cues):
        if hits + len(cues) - i < needed:
            return False
        if c.search(text):
            hits += 1
            if hits >= needed:
                return True
    return False


@kind("boilerplate", {"patterns": STRINGS, "scope": STRING, "unless": STRINGS, "cues": STRINGS, "min_cues": NUMBER,
                      "max_words": NUMBER, "safe_if": STRINGS, "message": STRING, "text_files_only": FLAG,
                      "quick": STRINGS})
def boilerplate_kind(table: dict[str, Any], error: Callable[[str], ConfigError]) -> tuple[Callable[..., Iterator[Proposal]], Trigger]:
    """``kind = "boilerplate"``: remove a match, its line, or its paragraph.

    A unit (line or paragraph) is furniture when one of ``patterns`` matches it,
    or at least ``min_cues`` of ``cues`` do; ``unless`` patterns veto, and
    ``max_words`` caps its length. ``safe_if`` patterns make a fix safe even
    when the rule's default is review. Every pattern and cue is its rule's trigger:
    a document where none can match is skipped (``quick``, the hand-written literals
    of old, is ignored: the literals are derived from the patterns).
    """
    scope = table.get("scope", "line")
    if scope not in SCOPES:
        raise error(f"scope must be one of {', '.join(SCOPES)}")
    patterns = _compile(table.get("patterns"), "patterns", error)
    cues = _compile(table.get("cues"), "cues", error)
    unless = _compile(table.get("unless"), "unless", error)
    safe_if = _compile(table.get("safe_if"), "safe_if", error)
    if not patterns and not cues:
        raise error("a boilerplate rule needs 'patterns' or 'cues'")
    min_cues = table.get("min_cues", 2)
    max_words = table.get("max_words", 0)
    if min_cues < 1 or max_words < 0:
        raise error("min_cues must be 1 or more, and max_words 0 (no limit) or more")
    message = table.get("message", table["description"].strip().splitlines()[0])
    text_only = bool(table.get("text_files_only", False))
    if "quick" in table:
        deprecated(error("'quick' is deprecated and ignored (the literals are derived from the patterns): remove it"))

    def triggers(items: list) -> list[Trigger]:
        """Each pattern's trigger: its literals and its byte pattern, asked in the shared passes."""
        return [Trigger(pattern=p, pattern_literals=True) for p in items]

    pattern_triggers, cue_triggers = triggers(patterns), triggers(cues)
    unless_triggers, safe_triggers = triggers(unless), triggers(safe_if)

    def live(items: list, item_triggers: list[Trigger], scan: Scan) -> list:
        """The patterns that may match somewhere in this text (their literals occur in it, their byte pattern matches)."""
        return [p for p, t in zip(items, item_triggers) if scan.may(t)]

    def find(doc: Document, scan: Scan) -> Iterator[Proposal]:
        text = doc.text
        if text_only and doc.is_markdown:
            return
        pats, cus = live(patterns, pattern_triggers, scan), live(cues, cue_triggers, scan)
        if len(cus) < min_cues:
            cus = []
        if not pats and not cus:
            return  # no pattern can match, nor enough cues: nothing here is furniture
        lines: list[int] | None = None
        starts = [scan.starts(t) for t in pattern_triggers + cue_triggers]
        if scope == "line" and all(s is not None for s in starts):
            # a line can only be furniture where a pattern's or a cue's literal occurs on it
            found = starts[:len(patterns)] + (starts[len(patterns):] if cus else [])
            lines = sorted({text.rfind("\n", 0, p) + 1 for s in found for p in s})  # type: ignore[union-attr]
            if not lines:
                return
        elif not any(p.search(text) for p in pats) and not _enough_cues(cus, min_cues, text):
            return  # nothing here can match: skip the line-by-line pass
        vetoes, safes = live(unless, unless_triggers, scan), live(safe_if, safe_triggers, scan)

        def furniture(unit: str) -> bool:
            if max_words and len(unit.split(None, max_words)) > max_words:  # splits no further than needed
                return False
            if any(u.search(unit) for u in vetoes):
                return False
            if any(p.search(unit) for p in pats):
                return True
            return bool(cus) and sum(1 for c in cus if c.search(unit)) >= min_cues

        if scope == "match":
            for p in pats:
                for m in p.finditer(text):
                    if m.end() > m.start() and not any(u.search(m.group()) for u in vetoes):
                        yield Proposal(m.start(), m.end(), "", message)
            return
        if lines is not None:
            found: Iterator[tuple[int, str]] = ((s, text[s:_line_end(text, s)]) for s in lines)
        else:
            units = BLOCK.finditer(text) if scope == "paragraph" else LINE.finditer(text)
            found = ((m.start(), m.group().rstrip("\n")) for m in units)
        for start, unit in found:
            if not unit.strip() or not furniture(unit):
                continue
            s, e = removal_span(text, start, start + len(unit))
            safety = Safety.SAFE if any(p.search(unit) for p in safes) else None
            yield Proposal(s, e, "", message, safety)

    return find, Trigger(any_of=tuple(pattern_triggers + cue_triggers), asks=tuple(unless_triggers + safe_triggers))


# ---------------------------------------------------------------- caption residue (B002)

CONNECTORS = frozenset("of the and for de da del von van der den al el bin ibn la le".split())
ROLE_WORDS = regex.compile(
    r"\b(?:Spokes(?:person|man|woman)|President|Minister|Secretary|Chancellor|Premier|Governor|CEO|"
    r"Chair(?:man|woman)?|Director|Ambassador|Senator|Leader|Prime|Commissioner|Envoy|King|Queen|Pope)\b"
)
CAPTION_WORD = regex.compile(r"^\p{Lu}[\p{L}'’.-]*$")
PROSE_END = regex.compile(r"[.!?…\"”’)]\s*$")


def _is_prose(line: str) -> bool:
    return len(line.split(None, 7)) >= 8 and bool(PROSE_END.search(line))  # eight words or more


CAPTION_PUNCT = re.compile(r"[.!?:;,\"“”()0-9]")


def _caption_shape(line: str) -> bool:
    """The checks on the line alone: 1-8 words, no digit, not all capitals, no sentence punctuation."""
    words = line.split(None, 8)  # nine pieces: more than eight words
    if not 1 <= len(words) <= 8 or CAPTION_PUNCT.search(line) or any(ch.isdigit() for ch in line) or line.isupper():
        return False
    return True


def _caption_like(line: str, text: str, start: int, end: int) -> bool:
    if not _caption_shape(line):
        return False
    words = line.split()
    names = [w for w in words if w.lower() not in CONNECTORS]
    if not names or not all(CAPTION_WORD.match(w) for w in names):
        return False
    if ROLE_WORDS.search(line):
        return True
    rest = text[:start] + " " + text[end:]
    for w in names:
        bare = regex.sub(r"['’]s$", "", w)
        # the word must be used as a name elsewhere: capitalized, not at a sentence start
        if not regex.search(rf"(?<=[\p{{Ll}},;] ){regex.escape(bare)}(?![\p{{L}}])", rest):
            return False
    return True


@rule("B002", "caption-residue", "boilerplate", Safety.REVIEW,
      example="Talks resumed in Geneva on Monday, officials from both sides said.\nTrump\n"
              "According to Reuters, Trump wants a deal before the summit in Geneva.\n")
def caption_residue(doc: Document) -> Iterator[Proposal]:
    """A lone name or title line left from a photo caption, standing between two prose paragraphs.

    Only short lines of capitalized words without punctuation or digits whose
    words the article uses as names elsewhere, or that carry a role ("China's
    Foreign Ministry Spokesperson Lin Jian"). Headlines, datelines and
    subheadings with ordinary words ("Markets rebound") stay. Review.
    """
    text = doc.text
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    for i in range(1, len(lines) - 1):
        start, end, line = lines[i]
        if not _caption_shape(line.strip()):
            continue  # most lines are prose: settled by their length and punctuation
        if not (_is_prose(lines[i - 1][2]) and _is_prose(lines[i + 1][2])):
            continue
        if _caption_like(line.strip(), text, start, end):
            s, e = removal_span(text, start, end)
            yield Proposal(s, e, "", f"Lone caption line {line.strip()!r} between paragraphs.")


# ---------------------------------------------------------------- learned boilerplate (B003)


@rule("B003", "learned-boilerplate", "boilerplate", Safety.REVIEW, trigger=Trigger(needs_run=True))
def learned_boilerplate(doc: Document, scan: Scan) -> Iterator[Proposal]:
    """A line or paragraph that repeats across the documents of one run: site furniture.

    Compared after normalizing case, digits and whitespace (the paragraph-hash
    technique of web-corpus cleaning); needs ``learn_min_docs`` documents (default
    3). Quotations are never learned. Works only in batch runs; always review.
    """
    stats = scan.run.stats
    if not stats.may_repeat(scan.folded):
        return  # nothing repeats in the run, or no piece of what repeats is in this text
    text = doc.text
    taken: list[tuple[int, int]] = []
    for start, end, n in stats.repeated_units(text):
        if any(a <= start < b for a, b in taken):
            continue
        if n:
            taken.append((start, end))
            s, e = removal_span(text, start, end)
            yield Proposal(s, e, "", f"Repeated in {n} of {stats.documents} documents of this run: likely site furniture.")
