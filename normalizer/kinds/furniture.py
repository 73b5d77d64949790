"""Furniture scorer (B020-B027): site furniture recognised by what it is, not by which site wrote it.

Every non-blank line gets the signals of ``furniture_signals`` (navigation and UI words in
English and the common source languages, stamps in any date format, bylines and credits,
picture captions, spam keywords, template placeholders). Its score is its strongest signal's
weight plus what the page layout says:

* +2 for a short line (six words or fewer, no final stop) in the top block above the headline
  (the first lines of the page, each already furniture), +1 elsewhere above the first sentence
  of running text or below the last one;
* +1 for each neighbouring line (above, below) that is furniture.

A line scoring 3 or more is furniture. These figures were chosen on the MT cases and checked
on the professional-translation controls, where they remove nothing: a line needs a signal of
its own (weight 2 or 3) or a weak one (1: a short label) in a place where furniture lives. The
headline (the last title line above the text) and every sentence of running text without a
signal of their own are never furniture. Consecutive furniture lines are removed as one block,
named after the strongest signal in it; a block is safe only when every line carries an
unambiguous signal (weight 4: skip links, shortcodes, "Posted by admin", labelled stamps).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import zipf
from ..registry import rule
from .boilerplate import removal_span
from .furniture_inline import INLINE, INLINE_NEEDS, listing_teasers, repeated_suffixes
from .furniture_signals import (RELATED_BULLET, SENTENCE_END, Signal, agency_tag_at_end, core,
                                home_word, is_sentence, line_info, words)

THRESHOLD = 3
CREDIT = "Picture credit."
TAIL_PUNCT = regex.compile(r"(?<![\s\-–—|:])[\s\-–—|:]+$")
LETTER_RUN = regex.compile(r"\p{L}+")
CRUMB = regex.compile(r"(?<![ \t])[ \t]+[>›»→][ \t]+")
CRUMB_MARKS = ">›»→"
LIST_ITEM = regex.compile(r"^[ \t]*[-•*·][ \t]")
DANGLING = regex.compile(r"\S[\-–|]$")
STOPS = regex.compile(r"[.!?](?:\s|$)")
FINAL_STOP = regex.compile(r"[.!?]$")
NON_WORD = regex.compile(r"\W")
GLUED_START = regex.compile(r"^[ \t]+(?:\p{Lu}\p{Ll}+[ \t]+\p{Ll}|\S{1,6}[ \t]?\d{1,2}[ \t]?\p{Lu})")
QUOTES = str.maketrans("‘’“”", "''\"\"")
ATTRIBUTION = regex.compile(r"\(@\w+\)[ \t]*$|^[ \t]*[—–][ \t]+\S")


# "... below:", or a short line naming an embed and ending with a colon ("Next, the video:", "The post:").
LEAD_IN = regex.compile(r"(?i)\b(?:below|here)[ \t]*:[ \t]*$|^[^.!?:\n]{0,30}\b(?:video|clip|footage|images?|photos?|gallery|map|chart|"
                        r"graphic|infographic|tweet|post|publication|broadcast)[ \t]*:[ \t]*$")
EMBED_START = regex.compile(r"^[ \t]*(?:[\"“‘'«—–•*-]|\d{1,2}[.)][ \t])")
EMBED_MARKS = regex.compile(r"@\w|https?://|pic\.twitter|#\w")


TEXTUAL = regex.compile(r"(?i)\b(?:statements?|text|letter|post|tweet|publication|transcript|speech|remarks|list|details|message|full|following|"
                        r"points|excerpts?|summary|communiqu[eé]|declaration|decree|note|answers?|questions?|interview)\b")
REPORTED = regex.compile(r"(?i)\b(?:said|says|told|according to|added|noted|stated|reported)\b")


def _not_embedded(lead: str, after: list[str], is_sentence: bool) -> bool:
    """The line after a lead-in is the article going on, not the content announced (a quote, a list, a post).

    A lead-in that announces text ("the full statement below:") may be followed by that text in
    plain prose: only a line that reports speech ("..., the ministry said") is the article going on.
    """
    nxt = after[0]
    if not is_sentence or EMBED_START.match(nxt) or any(EMBED_MARKS.search(t) or ATTRIBUTION.search(t) for t in after):
        return False  # the content is there: a quotation, a list, or a post with its author's handle
    return not TEXTUAL.search(lead) or bool(REPORTED.search(nxt))


@dataclass(frozen=True, slots=True)
class Block:
    start: int
    end: int
    family: str
    safe: bool
    reason: str


@lru_cache(maxsize=8)
def _lines(text: str) -> tuple[tuple[int, int, str], ...]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return tuple(out)


def _norm(line: str) -> str:
    return " ".join(TAIL_PUNCT.sub("", core(line)).lower().translate(QUOTES).split())


def _glued_to_headline(line: str, headline: str) -> bool:
    """A line that starts with the headline and goes on, without a stop, with a new capitalized sentence."""
    head = headline.strip()
    text = line.strip()
    if not head or not text.startswith(head) or len(text) == len(head):
        return False
    rest = text[len(head):]
    return bool(GLUED_START.match(rest))


def _headline(lines: list[tuple[int, int, str]], sigs: list[list[Signal]], first_prose: int) -> int:
    """The index of the headline: the last title line (four words or more, no signal) above the text."""
    best = -1
    for i in range(first_prose):
        text = lines[i][2]
        if (max((s.weight for s in sigs[i]), default=0) < 2 and len(LETTER_RUN.findall(text)) >= 4
                and not RELATED_BULLET.match(text) and not core(text).startswith("-")):
            best = i
    return best


def _trail_start(word: str) -> bool:
    """Home, or "Main", Russian главная translated word for word, before a slash of a breadcrumb."""
    return home_word(word) or word.strip().lower() in ("main", "main page")


def _breadcrumb(lines: list[tuple[int, int, str]], head: str) -> dict[int, Signal]:
    """Breadcrumb trails: "Home > World > Asia" on one line, or a list whose first item is "Home"."""
    out: dict[int, Signal] = {}
    for i, (_, _, text) in enumerate(lines):
        if any(c in text for c in CRUMB_MARKS):
            parts = [p.strip() for p in CRUMB.split(text.strip())]
        elif " / " in text and _trail_start(text.split(" / ", 1)[0]):  # "Home / News / Local"
            parts = [p.strip() for p in text.strip().split(" / ")]
        else:
            parts = [text.strip()]
        if (len(parts) >= 3 and not SENTENCE_END.search(text.strip())
                and all(1 <= len(words(p)) <= 4 for p in parts[:-1]) and len(words(parts[-1])) <= 20):
            out[i] = Signal("breadcrumb", 4, "Breadcrumb trail.", all(len(words(p)) <= 4 for p in parts))
        elif LIST_ITEM.match(text) and home_word(text):
            j = i
            while j < len(lines) and LIST_ITEM.match(lines[j][2]):
                item = lines[j][2]
                if j > i and len(words(item)) > 3 and _norm(item) != head:
                    break
                out[j] = Signal("breadcrumb", 4, "Breadcrumb trail.", j == i)
                j += 1
    return out


@lru_cache(maxsize=8)
def blocks(text: str) -> tuple[Block, ...]:
    """The furniture blocks of a text, each a span to remove with its family and safety."""
    lines = _lines(text)
    if not lines:
        return ()
    info = [line_info(t) for _, _, t in lines]
    sigs = [list(s) for _, s in info]
    nw = [n for n, _ in info]
    sentence = [is_sentence(t, n) for (_, _, t), n in zip(lines, nw)]
    prose = [i for i in range(len(lines)) if sentence[i] and max((s.weight for s in sigs[i]), default=0) < 3]
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (len(lines), -1)
    h = _headline(lines, sigs, first_prose)
    head = _norm(lines[h][2]) if h >= 0 else _norm(lines[0][2])
    # the headline printed twice at the top: the first copy is the headline, the later one the repeat
    h = next((i for i in range(max(h, 0)) if _norm(lines[i][2]) == head), h)
    listing_teasers([t for _, _, t in lines], sigs)
    for i, s in _breadcrumb(lines, head).items():
        sigs[i] = [s]
    head_n = len(words(head))
    for i, (_, _, t) in enumerate(lines):
        if i != h and i > 0 and abs(nw[i] - head_n) <= 2 and _norm(t) == head and len(head.split()) >= 3:
            dangling = bool(DANGLING.search(t.strip()))
            sigs[i] = sigs[i] + [Signal("label", 3 if dangling else 2, "The headline repeated as page furniture.")]
        elif (i != h and head_n >= 5 and nw[i] <= head_n + 45 and not sigs[i]
              and _glued_to_headline(t, lines[h][2] if h >= 0 else "")):
            sigs[i] = [Signal("caption", 3, "Picture caption behind the headline used as the picture's text.")]
    for i in range(1, len(lines)):  # a date under a quoted post ("- Name (@handle)") closes the quotation
        if ATTRIBUTION.search(lines[i - 1][2]):
            sigs[i] = [s for s in sigs[i] if s.family != "stamp"]
    for i in range(1, len(lines)):  # the caption above a picture credit
        if (any(s.reason == CREDIT for s in sigs[i]) and not sigs[i - 1] and i - 1 not in (0, h)
                and len(words(lines[i - 1][2])) <= 45 and len(STOPS.findall(lines[i - 1][2])) <= 2):
            sigs[i - 1] = [Signal("caption", 3, "Picture caption above its credit.")]
    for i in range(1, len(lines) - 1):  # "Read the statement below:" with the embedded statement gone
        if (not sigs[i] and nw[i] <= 14 and lines[i][2].rstrip().endswith(":") and LEAD_IN.search(lines[i][2])
                and _not_embedded(lines[i][2], [t for _, _, t in lines[i + 1:i + 4]], sentence[i + 1])):
            sigs[i] = [Signal("navigation", 3, "Lead-in to embedded content that is not on the page.")]
    for i in range(max(last_prose, 0), len(lines) - 1):  # the titles under a list header at the bottom
        if any(s.family == "navigation" and s.weight >= 3 for s in sigs[i]) and not sigs[i + 1]:
            sigs[i + 1] = [Signal("navigation", 2, "Title in a list of other articles.")]
    base = [max((s.weight for s in ss), default=0) for ss in sigs]
    zone = [0] * len(lines)
    top = True
    for i, (_, _, t) in enumerate(lines):
        short = nw[i] <= 6 and not sentence[i] and not FINAL_STOP.search(t.strip())
        own = base[i] >= 1 or (i > 0 and base[i - 1] >= 1 and zone[i - 1] == 2)  # a tagline under a masthead
        if top and 0 <= i < h and i < first_prose and short and own:
            zone[i] = 2
        elif i < first_prose or i > last_prose:
            zone[i] = 1
        top = top and (base[i] >= THRESHOLD or zone[i] == 2) and (h < 0 or i < h)
    protected = {h} | {i for i in prose if base[i] == 0}
    if h >= 1 and base[h - 1] <= 1 and nw[h - 1] >= 4 and _headline(lines[h - 1:h], sigs[h - 1:h], 1) == 0 \
            and (h == 1 or not any(s.reason == "Site name." for s in sigs[h - 2])):
        protected.add(h - 1)  # a title above the headline, not under a masthead (a tagline): headline and subtitle
    if base[0] <= 1 and nw[0] >= 5 and not FINAL_STOP.search(lines[0][2].strip()):
        protected.add(0)  # the first line, a title of five words or more (a weak signal at most), is the page's title
    flagged = [base[i] >= THRESHOLD for i in range(len(lines))]
    for _ in range(4):  # let furniture spread to its neighbours until nothing changes
        new = [flagged[i] or (i not in protected and base[i] + zone[i]
                              + (i > 0 and flagged[i - 1]) + (i + 1 < len(lines) and flagged[i + 1]) >= THRESHOLD)
               for i in range(len(lines))]
        if new == flagged:
            break
        flagged = new
    out: list[Block] = []
    i = 0
    while i < len(lines):
        if not flagged[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and flagged[j + 1]:
            j += 1
        run = [s for k in range(i, j + 1) for s in sigs[k]] or [Signal("label", 1, "Page furniture.")]
        best = max(run, key=lambda s: s.weight)
        safe = all(any(s.safe for s in sigs[k]) for k in range(i, j + 1))
        s, e = removal_span(text, lines[i][0], lines[j][1])
        n = j - i + 1
        out.append(Block(s, e, best.family, safe, best.reason + (f" ({n} lines of page furniture)" if n > 1 else "")))
        i = j + 1
    return tuple(out)


@lru_cache(maxsize=4)
def _lower(text: str) -> str:
    return text.lower()


HEAD_SUFFIX = regex.compile(r"(?<![ \t])(?:[ \t]+[|｜][ \t]+\p{Lu}[\p{L}]*(?:[ \t]+\p{L}+){0,2}){1,3}[ \t]*$")  # " | World | News"


TAIL = 160  # characters: the longest credit in brackets after a line's last sentence


def _line_ends(pattern: regex.Pattern, text: str) -> Iterator[regex.Match]:
    """``pattern`` (anchored at a line's end, after a bracket) searched only in such lines' tails."""
    for start, end, line in _lines(text):
        if line.rstrip()[-1:] in ")）]":
            yield from pattern.finditer(text, max(start, end - TAIL), end)


def _matches(pattern: regex.Pattern, text: str, reason: str) -> Iterator[regex.Match]:
    if "after the last sentence" in reason:
        return _line_ends(pattern, text)
    return pattern.finditer(text)


def _inline(text: str, family: str) -> Iterator[Proposal]:
    lexicon_words = {"sic", "ed", "eds", "ibid"}
    low = None
    for (fam, pattern, reason), needs in zip(INLINE, INLINE_NEEDS):
        if fam != family:
            continue
        if low is None:
            low = _lower(text)
        if not any(k in low for k in needs):
            continue  # the pattern scans the whole text: only where its words occur
        for m in _matches(pattern, text, reason):
            tag = NON_WORD.sub("", m.group()).lower()
            if "initials" in reason and (tag in lexicon_words or zipf(tag.split("/")[0] if "/" in tag else tag) >= 3.0):
                continue
            end = m.end() - (m.group()[:1] == " " and m.group()[-1:] == " ")  # keep one space between the words
            if (not m.start() or text[m.start() - 1] == "\n") and text[end:end + 1] == "\n":
                end += 1  # the whole line: its line break goes with it
            if end > m.start():
                yield Proposal(m.start(), end, "", reason)
    if family == "byline":
        for m in _line_ends(agency_tag_at_end(), text):
            yield Proposal(m.start(), m.end(), "", "Agency tag after the last sentence.")
    if family == "label":
        first = _lines(text)[:1]
        if first and not is_sentence(first[0][2]) and (m := HEAD_SUFFIX.search(first[0][2])):
            yield Proposal(first[0][0] + m.start(), first[0][0] + m.end(), "", "Section name after the headline.")
        yield from repeated_suffixes(_lines(text))


def _family(doc: Document, family: str) -> Iterator[Proposal]:
    taken = []
    for b in blocks(doc.text):
        if b.family == family:
            taken.append((b.start, b.end))
            yield Proposal(b.start, b.end, "", b.reason, Safety.SAFE if b.safe else None)
    for p in _inline(doc.text, family):
        if not any(a <= p.start < b for a, b in taken):
            yield p


@rule("B020", "page-navigation", "boilerplate", Safety.REVIEW,
      example="Storms hit the coast on Monday, flooding hundreds of homes, officials said.\n\nMost Read\n")
def page_navigation(doc: Document) -> Iterator[Proposal]:
    """Navigation and UI lines: skip links, share and save buttons, related and popular lists,
    comment counters, links to the source, in English and the page's source language.

    Review; a skip link or a back-to-top link alone is safe.
    """
    yield from _family(doc, "navigation")


@rule("B021", "breadcrumb", "boilerplate", Safety.REVIEW,
      example="Home > World > Asia\nFloods close schools in the north\n\nHeavy rain closed schools on Monday, officials said.\n")
def breadcrumb(doc: Document) -> Iterator[Proposal]:
    """A breadcrumb trail ("Home > World > Asia", or a list starting with "Home" in any language).

    Safe when every step is a short label; review when the last step is a title.
    """
    yield from _family(doc, "breadcrumb")


@rule("B022", "publication-stamp", "boilerplate", Safety.REVIEW,
      example="Floods close schools\nUpdated: 2024-03-05 10:12\nHeavy rain closed schools on Monday, officials said.\n")
def publication_stamp(doc: Document) -> Iterator[Proposal]:
    """A line that is only a publication or update stamp, in any date format and language,
    possibly with reading time, word count and writer ("March 4, 2024 | 2 min read | by X").

    Safe when labelled ("Updated: ..."); review otherwise (a bare date may close a letter).
    """
    yield from _family(doc, "stamp")


@rule("B023", "byline-credit", "boilerplate", Safety.REVIEW,
      example="Heavy rain closed schools on Monday, officials said.\n\nReporter of this newspaper Li Wen\n")
def byline_credit(doc: Document) -> Iterator[Proposal]:
    """Bylines and credits: reporter and correspondent lines, "Posted by", e-mail lines, a
    translator credit after a slash, a writer's name alone at the end, copyright and theme credits.

    Review: a byline may be wanted; a theme credit ("Powered by X") is safe.
    """
    yield from _family(doc, "byline")


@rule("B024", "picture-caption", "boilerplate", Safety.REVIEW,
      example="Figure 1: Farmers plant rice near the river.\n\nHeavy rain closed schools on Monday, officials said.\n")
def picture_caption(doc: Document) -> Iterator[Proposal]:
    """A photo caption: a numbered picture label ("Figure 1:", "Photo 2:"), a caption ending
    with its credit ("[Photo/Agency]", "AP Photo/Name"), a credit line ("Name / AP") with the
    caption above it, caption toggle buttons. Review: a caption is written text.
    """
    yield from _family(doc, "caption")


@rule("B025", "spam-line", "boilerplate", Safety.REVIEW,
      example="Heavy rain closed schools on Monday, officials said.\n\ncasino online slot gacor\n")
def spam_line(doc: Document) -> Iterator[Proposal]:
    """A line of injected spam keywords (gambling, pharmacy) or a row of hashtags.

    Safe with two spam keywords or more; review otherwise.
    """
    yield from _family(doc, "spam")


@rule("B026", "cms-placeholder", "boilerplate", Safety.SAFE,
      example='[the_ad id="12"]\nHeavy rain closed schools on Monday, officials said.\n')
def cms_placeholder(doc: Document) -> Iterator[Proposal]:
    """A template field the site never filled: a plugin shortcode ("[the_ad id=..]"), an
    author left as "admin", an empty "Posted by". Safe: no article has such a line.
    """
    yield from _family(doc, "cms")


@rule("B027", "page-label", "boilerplate", Safety.REVIEW,
      example="Europe\n\nFloods close schools in the north\n\nHeavy rain closed schools on Monday, officials said.\n")
def page_label(doc: Document) -> Iterator[Proposal]:
    """A label of the page, not of the article: a section name or masthead above the headline,
    the site's name and description at the bottom, the headline repeated beside other furniture,
    the site's name after the titles of a listing page (" – NTV24 – North Television" ending two
    title lines or more).

    Review: a short line may be a heading.
    """
    yield from _family(doc, "label")
