"""Furniture inside lines and across them: the patterns removed as matches inside a line (a link
after the last sentence, an editor's credit, a teaser's "… Read more"), the teasers of a listing
page (which are its text), and the site's name repeated after the titles of a page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from ..fixes import Proposal
from .furniture_signals import TEASER, TEASER_LABEL, Signal, is_sentence, words


# Furniture inside a line of text: removed as a match, the text around it kept.
INLINE = (
    ("navigation", regex.compile(r"(?im)(?<=[.!?”\"])[ \t]*\b(?:read more|read the full (?:story|article)|continue reading|source)"
                                 r"[ \t]*[:：]?[ \t]*https?://\S+[ \t]*$"), "Link to another page after the text."),
    ("navigation", regex.compile(r"(?im)(?<=…|\.\.\.)[ \t]*(?:\[[ \t]*)?(?:read more|continue reading|read the full (?:story|article))"
                                 r"(?:[ \t]*(?:»|›|→|>>|\]))?[ \t]*$"), TEASER_LABEL),
    ("byline", regex.compile(r"(?m)(?<=[.!?”\"])[ \t]*[(（][ \t]*(?i:editor|editors|edited by|responsible editor|editor in charge|"
                             r"reporter|translator|writer|author|reporting by|writing by|editing by)\b[^()（）\n]{2,60}[)）][ \t]*$"),
     "Editor or reporter credit after the last sentence."),
    ("byline", regex.compile(r"(?m)(?<=[.!?”\"])[ \t]+\((?:\p{Ll}{2,4}|\p{Lu}\p{Ll}{1,3})(?:/\p{Ll}{2,4})*\)[ \t]*$"),
     "Editor's initials after the last sentence."),
    ("byline", regex.compile(r"(?m)^[ \t]*(?:\([ \t]*\p{Lu}[\p{L}. -]{1,30}=[^()\n=]{1,40}\)|\p{Lu}[\p{L}. -]{1,30}=[ \t]*\p{Lu}[\p{L}.-]*"
                             r"(?:[ \t]+\p{Lu}[\p{L}.-]*){0,3}(?=[ \t]+(?i:reporter|correspondent)))[ \t]*"
                             r"(?:(?i:staff[ \t]+)?(?i:reporter|correspondent)s?[ \t]+\p{Lu}[\p{L}-]*(?:[ \t]+\p{Lu}[\p{L}-]*){0,2}[ \t]*=?[ \t]*)?"
                             r"(?=\p{Lu})"), "Agency dateline with the reporter's name (\"City=Agency\")."),
    ("caption", regex.compile(r"(?:(?<=\p{L})[ \t]|(?<=[.:] ))(?:Photo|Image|Picture|Foto)s?[ \t]+(?:via|by|from|courtesy(?: of)?)[ \t]+"
                              r"\p{Lu}[\p{L}.-]+(?:[ \t]+(?!(?:A|An|The|This|That|In|On|At|After|As|When|While)\b)\p{Lu}[\p{L}.-]+)?"
                              r"(?:[ \t](?=\p{Lu}))?"), "Picture credit glued into the text."),
)
# Strings every match of each INLINE pattern holds (lower case), looked for before the pattern runs.
INLINE_NEEDS = (
    ("http",),
    ("read more", "continue reading", "read the full"),
    ("editor", "reporter", "translator", "writer", "author", "reporting", "writing", "editing"),
    (")",),
    ("=",),
    tuple(f"{w}{s} {p}" for w in ("photo", "image", "picture", "foto") for s in ("", "s") for p in ("via", "by", "from", "courtesy")),
)


def listing_teasers(lines: list[str], sigs: list[list[Signal]]) -> None:
    """On a listing page (two teasers or more making half its text or more), the teasers are the
    page's text: their teaser signal goes, and only the link label after them is furniture
    (:data:`TEASER_LABEL`, an inline pattern)."""
    teasers = [i for i, ss in enumerate(sigs) if any(x.reason == TEASER for x in ss)]
    if len(teasers) >= 2 and 2 * sum(len(lines[i]) for i in teasers) >= sum(map(len, lines)):
        for i in teasers:
            sigs[i] = [x for x in sigs[i] if x.reason != TEASER]


# The spaced dashes that separate a title from the site's name (" – ČT24 – Czech Television").
DASH_PART = regex.compile(r"(?<![ \t])[ \t]++[–—-][ \t]+")


def repeated_suffixes(lines: tuple[tuple[int, int, str], ...]) -> Iterator[Proposal]:
    """The site's name after the titles of a page (" – ČT24 – Czech Television"): a chain of short
    parts (three words or fewer) after spaced dashes at the end of title lines (no final stop),
    whose last part ends two lines or more."""
    tails = []
    for start, _, t in lines:
        line = t.rstrip()
        if line.endswith((".", "!", "?", "…", "\"", "”", ":")) or is_sentence(line) and len(words(line)) > 25:
            continue
        dashes = list(DASH_PART.finditer(line))[-3:]
        parts = [line[d.end():(dashes[k + 1].start() if k + 1 < len(dashes) else len(line))] for k, d in enumerate(dashes)]
        keep = len(parts)
        while keep > 0 and len(parts[keep - 1].split()) <= 3 and 0 < len(parts[keep - 1]) <= 40:
            keep -= 1  # the chain of short parts at the end
        if keep < len(parts) and dashes[keep].start() > 0:
            tails.append((start, line, dashes[keep].start(), parts[-1].strip().casefold()))
    last = Counter(key for *_, key in tails)
    for start, line, at, key in tails:
        if last[key] >= 2:
            yield Proposal(start + at, start + len(line), "", "The site's name after a title, on several lines.")
