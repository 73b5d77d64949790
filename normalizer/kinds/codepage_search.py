"""Encoding family (E), the code-page search: UTF-8 read with any single-byte code page, or two in a row.

ftfy (E001) repairs UTF-8 read as Latin-1, Windows-1252 and a few other pages when a whole line
shows it. The web shows many more pages: DOS (cp437, cp850, cp866, cp775), Windows 1250-1258,
ISO 8859-x, KOI8-R/U, Mac Roman. Each turns one character of UTF-8 into two to four characters
of the page ("’" becomes "ΓÇÖ" in cp437, "тАЩ" in cp866, "Б─≥" in KOI8-R), so English text holds
a run of characters from code-page ranges side by side where English has none. For each such run
the search encodes it back with each page (and, for text damaged twice, with two pages in a row),
reads the bytes as UTF-8 and keeps a repair only where the result is clearly better.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..registry import rule
from ..textdiff import changed_spans
from ..triggers import Trigger
from .codepage_tables import DOUBLE_PAGES, FTFY_PAGES, LOST, NAMES, PAGES, encode, encoding_only, lost_bytes, possible_pages, script, tier

# Two characters beyond ASCII side by side (a UTF-8 character read with a single-byte page always
# gives two or more). The trigger's byte pattern: a lead byte, its continuation, another lead byte.
RUN = regex.compile(r"[^\x00-\x7f]{2,}")
RUN_TRIGGER = Trigger(pattern=RUN, non_ascii=True, byte_pattern=r"[\xc2-\xf4][\x80-\xbf]+[\xc2-\xf4]")
EDGE_PUNCT = "‘’“”–—…\u00a0"
QUOTES = "‘’‚“”„"
PIECEWISE = ("decode_inconsistent_utf8", "fix_c1_controls", "replace_lossy_sequences")
Chain = tuple[str, ...]


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    repairs: dict[Chain, str]   # chain of pages (the last wrong decode first) -> repaired text
    damaged: bool               # the run itself shows damage (not only a word of another script)


def damaged(s: str, before: str, after: str) -> bool:
    """True if ``s`` (between ``before`` and ``after``) cannot be English text as it stands.

    >>> damaged("ΓÇÖ", "r", "s"), damaged("тАЩ", "r", "s"), damaged("ÔÇÖ", "r", "s")
    (True, True, True)
    >>> damaged("Путин", " ", " "), damaged("é’", "s", "s")
    (False, False)
    """
    if any(tier(c) == 2 for c in s):
        return True
    scripts = {script(c) for c in before + s + after if c.isalpha()}
    if len(scripts) > 1:
        return True
    pairs = list(zip(before + s, s + after))
    if any(a.islower() and b.isupper() and not (a + b).isascii() for a, b in pairs):
        return True  # a capital inside a word ("ministerÔÇÖs")
    return any(unicodedata.category(a).startswith("S") and b.isalpha() or a.isalpha() and unicodedata.category(b).startswith("S")
               for a, b in zip(s, s[1:]))


def acceptable(s: str, before: str, after: str) -> bool:
    """True if ``s`` reads as English text: plausible characters, no damage, and a common character
    beyond ASCII (a curly quote, an accented letter) or a word of one script."""
    if any(tier(c) > 1 for c in s) or damaged(s, before, after):
        return False
    return any(tier(c) == 0 and not c.isascii() for c in s) or len({script(c) for c in s if c.isalpha()}) == 1


def undo(s: str, codec: str, before: str = " ", after: str = " ") -> str | None:
    """``s`` encoded back with ``codec`` and read as UTF-8; a lost byte (U+FFFD) is restored only
    where one undefined byte of the page gives common characters (an opening or a closing quote,
    as the context asks)."""
    data = encode(s, codec)
    if data is None:
        return None
    results = []
    for attempt in lost_bytes(data, codec):
        try:
            results.append(attempt.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    if len(results) > 1:  # a lost byte: keep the one reading that gives common characters only
        results = [r for r in dict.fromkeys(results) if all(tier(c) == 0 for c in r)]
        if len(results) > 1:  # a quote's last byte: the quote the context asks for
            want = "’" if before.isalnum() and after.isalnum() else "“" if after.isalnum() else "”"
            results = [r for r in results if r.strip(want) == "" or set(r) & set(QUOTES) == {want}][:1]
    return results[0] if len(results) == 1 and results[0] != s else None


def repairs(run: str, before: str, after: str) -> dict[Chain, str]:
    """Every page, or pair of pages, whose undoing turns ``run`` into acceptable text (the second
    page may be a two-byte one)."""
    found: dict[Chain, str] = {}
    for codec in possible_pages(run):
        once = undo(run, codec, before, after)
        if once is None:
            continue
        if acceptable(once, before, after):
            found[(codec,)] = once
        if len(once) > 1:  # damaged twice? ("тАФ", "‚Äô" are themselves UTF-8 read with a page)
            for inner in possible_pages(once):
                twice = undo(once, inner, before, after)
                if twice is not None and acceptable(twice, before, after) and quality(twice) < quality(once):
                    found[(codec, inner)] = twice
        if any(c >= "\u3000" for c in once):  # read as a two-byte page first ("è´¸" -> "贸" -> "ó")?
            for wide, _ in DOUBLE_PAGES:
                twice = _undo_wide(once, wide)
                if twice is not None and acceptable(twice, before, after):
                    found[(codec, wide)] = twice
    return found


def _undo_wide(s: str, codec: str) -> str | None:
    """``s`` encoded back with a two-byte page and read as UTF-8, or None."""
    try:
        fixed = s.encode(codec).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed != s else None


def quality(s: str) -> tuple[int, int]:
    """Lower is better: how rare the characters beyond ASCII are, then how many there are."""
    wide = [c for c in s if not c.isascii()]
    return sum(tier(c) for c in wide), len(wide)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The run, then the run without typographic punctuation at its edges (a real quote beside damage)."""
    yield start, end
    s, e = start, end
    while s < e and text[s] in EDGE_PUNCT:
        s += 1
    while e > s and text[e - 1] in EDGE_PUNCT:
        e -= 1
    if (s, e) != (start, end) and e - s >= 2:
        yield s, e


def runs(text: str) -> list[Run]:
    """The runs of ``text`` that some page, or pair of pages, repairs."""
    out = []
    for m in RUN.finditer(text):
        for s, e in _trimmed(text, m.start(), m.end()):
            before, after = text[s - 1:s], text[e:e + 1]
            found = _cached_repairs(text[s:e], before if before.isalpha() else " ", after if after.isalpha() else " ")
            if found:
                out.append(Run(s, e, found, damaged(text[s:e], before, after)))
                break
    return out


@lru_cache(maxsize=4096)
def _cached_repairs(run: str, before: str, after: str) -> dict[Chain, str]:
    return repairs(run, before, after)


@lru_cache(maxsize=256)
def _ftfy(line: str) -> tuple[str, bool]:
    """ftfy's repair of ``line``, and whether it took the line piece by piece (no one page for it all)."""
    import ftfy

    fixed, steps = ftfy.fix_encoding_and_explain(line, encoding_only())
    return fixed, any(param in PIECEWISE for _, param in steps or ())


def _damage(text: str) -> int:
    """How much visible damage ``text`` holds: suspect characters and damaged runs."""
    lost = sum(1 for c in text if c == LOST or "\x80" <= c < "\xa0" or c in "\u2028\u2029")
    return lost + sum(1 for m in RUN.finditer(text)
                      if damaged(m.group(), text[m.start() - 1:m.start()], text[m.end():m.end() + 1]))


def _repaired(line: str) -> tuple[str, bool]:
    """``line`` with every run repaired, and whether one chain of pages repaired them all."""
    found = runs(line)
    out, pos, chains = [], 0, set()
    for r, chain, _ in _choose(found):
        out += [line[pos:r.start], r.repairs[chain]]
        pos = r.end
        chains.add(chain)
    if chains and all(len(c) == 1 and c[0] in FTFY_PAGES for c in chains):
        return line, False  # ftfy's own pages: ftfy decides
    return "".join(out) + line[pos:], len(chains) == 1 and not any(m.start() not in {r.start for r in found}
                                                                   for m in RUN.finditer(line))


@lru_cache(maxsize=256)
def superseded(line: str, ftfy_fixed: str) -> bool:
    """True if the code-page search repairs ``line`` better than ftfy did (``ftfy_fixed``): ftfy's
    repair left damage (another page's runs, a lost byte turned into U+FFFD) that the search does not.
    E001 then leaves the line to E007."""
    if ftfy_fixed == line or not RUN.search(line):
        return False
    ours, one_page = _repaired(line)
    if ours in (ftfy_fixed, line):
        return False
    mine, theirs = _damage(ours), _damage(ftfy_fixed)
    return mine < theirs or mine == theirs and one_page and _ftfy(line)[1]


def _line(text: str, start: int, end: int) -> tuple[int, str]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, text[line_start:len(text) if line_end < 0 else line_end]


def _ftfy_owns(text: str, start: int, end: int) -> bool | None:
    """True if E001 repairs this span, False if ftfy changes nothing on its line, None if E001
    left the line to this rule."""
    line_start, line = _line(text, start, end)
    fixed = _ftfy(line)[0]
    if fixed == line:
        return False
    if superseded(line, fixed):
        return None
    return any(s < end - line_start and start - line_start < e for s, e, _ in changed_spans(line, fixed))


def _describe(chain: Chain) -> str:
    if len(chain) == 1:
        return f"UTF-8 read as {NAMES[chain[0]]}"
    return f"UTF-8 read as {NAMES[chain[1]]}, then again as {NAMES[chain[0]]}"


def _choose(found: list[Run]) -> Iterator[tuple[Run, Chain, int]]:
    """Each run with the chain most runs of the document agree on, and how many runs that chain repairs."""
    order = {codec: i for i, (codec, _) in enumerate(PAGES + DOUBLE_PAGES)}
    votes = Counter(chain for r in found for chain in r.repairs)
    damaged_votes = Counter(chain for r in found if r.damaged for chain in r.repairs)
    for r in found:
        chain = min(r.repairs, key=lambda c: (-votes[c], quality(r.repairs[c]), len(c), [order[p] for p in c]))
        yield r, chain, damaged_votes[chain] - (1 if r.damaged else 0)


@rule("E007", "code-page-mojibake", "encoding", Safety.SAFE, example="The minister\u0442\u0410\u0429s reply came late.",
      trigger=RUN_TRIGGER)
def code_page_mojibake(doc: Document) -> Iterator[Proposal]:
    """UTF-8 read with a single-byte code page that ftfy does not repair, or with two in a row
    ("ministerтАЩs" for "minister’s": UTF-8 read as cp866).

    A run of characters beyond ASCII is encoded back with each page (Windows 1250-1258, ISO 8859-x,
    DOS 437/775/850/852/866, KOI8-R/U, Mac Roman) and read as UTF-8; a repair is kept when the run
    shows damage (box drawing, controls, letters of two scripts, a symbol glued to a letter) and
    the result is plain English text (curly punctuation, accented letters, one script). The page
    that repairs most runs of the document wins. Safe when it repairs two runs or more; review
    for a lone run. A run that is a word of another script is only repaired when other runs of
    the document show the same page; a run ftfy repairs is E001's, and on ftfy's own pages a lone
    run ftfy leaves alone stays alone.
    """
    text = doc.text
    found = runs(text)
    for r, chain, others in _choose(found):
        if not r.damaged and others < 1:
            continue  # a word of another script, with no damage elsewhere to vouch for the page
        owns = _ftfy_owns(text, r.start, r.end)
        if owns or owns is False and len(chain) == 1 and chain[0] in FTFY_PAGES:
            continue  # E001's repair; or ftfy's page, where a run ftfy leaves alone is one of its look-alikes
        fixed = r.repairs[chain]
        guessed = LOST in text[r.start:r.end]
        safety = Safety.SAFE if others >= 1 and not guessed else Safety.REVIEW
        yield Proposal(r.start, r.end, fixed, f"{_describe(chain)}: {text[r.start:r.end]!r} -> {fixed!r}.", safety)
