"""Encoding family (E): mojibake, HTML entities, control characters, odd spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..registry import rule
from ..triggers import Trigger
from ..textdiff import changed_spans
from .codepage_search import superseded
from .codepage_tables import encoding_only

ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Every match holds one of these characters (ESC is among them): a quick first search.
CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufff9-\ufffb]")
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufff9-\ufffb]")
ODD_SPACE = regex.compile(r"(?<=\S)[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+(?=\S)")
# No-break spaces that bind on purpose: "10\u00a0km", "p.\u00a012", "Mr.\u00a0Smith".
BINDING = regex.compile(r"(?:\d|\.)[\u00a0\u202f]|[\u00a0\u202f](?:\d|%|[°€$£¥])")
# ftfy changes a line only if its badness pattern matches there, and every match of it holds two
# characters beyond ASCII side by side, a C1 control, a ligature Œ/œ, or Â/Ã before a space ("voilÃ
# le": the no-break space of "à" lost); tests/test_ftfy_cases.py checks it for every character of
# the pattern's classes between ASCII characters. A line without one is clean for E001, whatever
# accented letters or typographic marks it holds.
SUSPECT = re.compile(r"[^\x00-\x7f]{2}|[\x80-\x9f\u0152\u0153]|[\u00c2\u00c3] ")
TYPOGRAPHIC = frozenset("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0")
# The triggers. E001's byte pattern is SUSPECT's, explicit (two characters beyond ASCII in a row,
# Â/Ã before a space, or one of the single characters, for which it matches exactly as SUSPECT
# does; tested over all of Unicode). E003's and E004's are derived from alternations of their characters.
MOJIBAKE_TRIGGER = Trigger(pattern=SUSPECT, non_ascii=True,
                           byte_pattern=r"[\xc2-\xf4][\x80-\xbf]{1,3}[\xc2-\xf4]|\xc2[\x80-\x9f]|\xc5[\x92\x93]|\xc3[\x82\x83]\x20")
CONTROL_TRIGGER = Trigger(pattern=r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\ufeff|\ufff9|\ufffa|\ufffb")  # CONTROL_CHAR
ODD_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) + "\u202f\u205f\u3000"  # ODD_SPACE's spaces
ODD_SPACE_TRIGGER = Trigger(pattern="|".join(ODD_SPACES), non_ascii=True)


def _explain(steps: list[tuple[str, str]] | None) -> str:
    if not steps:
        return "ftfy repair"
    return "; ".join(f"{action} {param}" for action, param in steps)


@rule("E001", "mojibake", "encoding", Safety.SAFE, example="The caf\u00c3\u00a9 reopened.", trigger=MOJIBAKE_TRIGGER)
def mojibake(doc: Document) -> Iterator[Proposal]:
    """Text decoded with the wrong encoding ("cafÃ©" for "café"), repaired by ftfy.

    ftfy only changes text whose garbling it can undo exactly and leaves text
    that merely looks odd alone, so its repairs are safe. Works line by line,
    and only on lines ftfy's badness test can flag: two characters beyond ASCII
    side by side (not two typographic marks), a C1 control or Œ/œ.
    """
    text = doc.text
    pos = 0
    while (hit := SUSPECT.search(text, pos)) is not None:  # only the lines ftfy's badness can match
        if len(hit.group()) == 2 and set(hit.group()) <= TYPOGRAPHIC:
            pos = hit.start() + 1  # ".”—": typographic marks side by side
            continue
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.start())
        end = len(text) if end < 0 else end
        pos = end
        line = text[start:end]
        import ftfy

        fixed, steps = ftfy.fix_encoding_and_explain(line, encoding_only())
        if fixed == line or superseded(line, fixed):
            continue  # unchanged, or E007 explains the line better than ftfy's partial repair
        how = _explain(steps)
        for s, e, rep in changed_spans(line, fixed):
            yield Proposal(start + s, start + e, rep, f"Mojibake repaired by ftfy ({how}).")


@rule("E002", "html-entity", "encoding", Safety.SAFE, example="Tom &amp; Jerry", trigger=Trigger(pattern=ENTITY))
def html_entity(doc: Document) -> Iterator[Proposal]:
    """An HTML character reference left in plain text ("&amp;", "&#8217;").

    Safe: only complete references that ftfy decodes are replaced. Markdown
    files are skipped, since entities are valid there.
    """
    if doc.is_markdown:
        return
    for m in ENTITY.finditer(doc.text):
        import ftfy.fixes

        decoded = ftfy.fixes.unescape_html(m.group())
        if decoded != m.group():
            yield Proposal(m.start(), m.end(), decoded, f"HTML entity {m.group()} decodes to {decoded!r}.")


@rule("E003", "control-character", "encoding", Safety.SAFE, example="Talks\x07 resumed.", trigger=CONTROL_TRIGGER)
def control_character(doc: Document) -> Iterator[Proposal]:
    """Invisible control characters, stray byte-order marks and terminal escapes.

    Safe: these never belong in prose; tabs and line breaks are kept.
    """
    for m in CONTROL.finditer(doc.text):
        yield Proposal(m.start(), m.end(), "", f"Control character {m.group()!r} removed.")


@rule("E004", "odd-space", "encoding", Safety.SAFE, example="Talks\u2003resumed.", trigger=ODD_SPACE_TRIGGER)
def odd_space(doc: Document) -> Iterator[Proposal]:
    """No-break, em, thin and ideographic spaces between words, where a space belongs.

    A no-break space that binds a number to its unit or follows an abbreviation
    ("10\u00a0km", "Mr.\u00a0Smith") is intentional and left alone.
    """
    text = doc.text
    for m in ODD_SPACE.finditer(text):
        around = text[max(0, m.start() - 1):m.end() + 1]
        if set(m.group()) <= {"\u00a0", "\u202f"} and BINDING.search(around):
            continue
        names = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(m.group()))
        yield Proposal(m.start(), m.end(), " ", f"Unusual space ({names}) between words.")
