"""Encoding family (E), double-byte code pages: UTF-8 read as GBK, Big5, Shift-JIS or EUC-KR.

ftfy repairs UTF-8 read as a single-byte page (Latin-1, Windows-1252, Mac Roman). A page read
as Chinese, Japanese or Korean turns each pair of bytes into one ideograph: "’s" (E2 80 99 73)
becomes "鈥檚" in GBK, "é" becomes "茅", and a byte the code page cannot pair becomes U+FFFD
("鈥�" for a closing quote). Inside English text such ideographs stand out: they sit between
Latin letters, quotes and spaces, and encoding them back gives valid UTF-8 of Latin letters and
punctuation.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..registry import rule
from ..triggers import Trigger
from ..folding import non_ascii

CODECS = ("gbk", "big5", "shift_jis", "euc_kr")
ANY_WIDE = regex.compile(r"[\u3000-\uffff]")
# A short run of CJK characters (maybe closed by U+FFFD) touching Latin text on at least one side.
RUN = regex.compile(r"[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]{1,8}\ufffd?")
LATIN_CONTEXT = regex.compile(r"[\p{Latin}\d.,;:!?\"'’“”()\[\] \t\n\r]")
# Bytes a code page may have dropped at U+FFFD: the third byte of ” “ ’ ‘ (E2 80 9D/9C/99/98).
LOST_BYTE = {"close": (b"\x9d", b"\x99"), "open": (b"\x9c", b"\x98")}


def _latin(text: str) -> bool:
    """True if every character beyond ASCII is a Latin letter, a mark or general punctuation."""
    for ch in text:
        if ch.isascii():
            continue
        name = unicodedata.name(ch, "")
        if not (name.startswith("LATIN") or "\u2010" <= ch <= "\u205f" or "\u00a0" <= ch <= "\u00bf"):
            return False
    return True


def _decode(run: str, codec: str, before: str, after: str) -> str | None:
    """``run`` encoded back with ``codec`` and read as UTF-8, if that gives Latin text."""
    lost = run.endswith("\ufffd")
    try:
        data = run.rstrip("\ufffd").encode(codec)
    except UnicodeEncodeError:
        return None
    tails = [b""]
    if lost:
        tails = list(LOST_BYTE["open" if after[:1].isalnum() else "close"])
    for tail in tails:
        try:
            fixed = (data + tail).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if fixed != run and _latin(fixed) and not _symbol_inside_word(before + fixed + after):
            return fixed
    return None


def _symbol_inside_word(s: str) -> bool:
    """True if a symbol or a superscript stands between two ASCII letters ("r©s", "b³n"): no repair
    reads so (a lossy double misreading of "é" can end as "©" once its lost bytes are gone). After a
    letter beyond ASCII it may be a first step of two ("rÃ©s", which E001 then repairs).

    >>> [_symbol_inside_word(s) for s in ("r©s", "b³n", "rÃ©s", "5°C", "n’s")]
    [True, True, False, False, False]
    """
    return any(unicodedata.category(b) in ("Sm", "Sc", "Sk", "So", "No") and a.isascii() and a.isalpha()
               and c.isascii() and c.isalpha()
               for a, b, c in zip(s, s[1:], s[2:]))


# E005 needs a character from U+3000 up (ideographs, kana, hangul, fullwidth forms): in UTF-8 its
# lead byte is E3-F4, so the shared byte pass rules out texts whose only non-ASCII is typographic
# punctuation or accented Latin letters.
DOUBLE_BYTE_TRIGGER = Trigger(pattern=regex.compile("[\u3000-\U0010ffff]"), non_ascii=True, byte_pattern=r"[\xe3-\xf4]")


@rule("E005", "double-byte-mojibake", "encoding", Safety.SAFE, example="Mauricio Dub贸n said 鈥淚t鈥檚 an honor.鈥�",
      trigger=DOUBLE_BYTE_TRIGGER)
def double_byte_mojibake(doc: Document) -> Iterator[Proposal]:
    """UTF-8 read as a Chinese, Japanese or Korean code page ("Dub贸n" for "Dubón", "鈥檚" for "’s").

    A short run of ideographs touching Latin text is encoded back with GBK, Big5, Shift-JIS and
    EUC-KR in turn; the first that yields valid UTF-8 made only of Latin letters and punctuation
    is the repair (a byte lost to U+FFFD is restored as the quote the context asks for). Safe
    when the same code page repairs two runs or more in the document; review for a lone run.
    Chinese text, and ideographs between spaces, are left to the fragment rules.
    """
    text = doc.text
    if not any(c >= "\u3000" for c in non_ascii(text)):
        return  # no ideograph, kana or hangul at all
    found: list[tuple[int, int, str, str]] = []
    for m in RUN.finditer(text):
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        glued = bool(before and before.isalpha() and before.isascii() or after and after.isalpha() and after.isascii())
        if not (before and LATIN_CONTEXT.match(before) or not before) or not (not after or LATIN_CONTEXT.match(after)):
            continue
        if not glued and not regex.search(r"[\u2018-\u201d]", _decode(m.group(), "gbk", before, after) or ""):
            continue  # an ideograph between spaces may be a real fragment; a quote mark is not
        for codec in CODECS:
            fixed = _decode(m.group(), codec, before, after)
            if fixed is not None:
                found.append((m.start(), m.end(), fixed, codec))
                break
    per_codec: dict[str, int] = {}
    for *_, codec in found:
        per_codec[codec] = per_codec.get(codec, 0) + 1
    for start, end, fixed, codec in found:
        safety = Safety.SAFE if per_codec[codec] > 1 else Safety.REVIEW
        yield Proposal(start, end, fixed, f"UTF-8 read as {codec.upper()}: {text[start:end]!r} -> {fixed!r}.", safety)


REPLACEMENT_RUN = regex.compile(r"[ \t]?\ufffd+")
CJK_BEFORE = regex.compile(r"[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}]")


@rule("E006", "replacement-characters", "encoding", Safety.REVIEW, example="Civil Protection Puebla ���� (@PC_Puebla)",
      trigger=Trigger(exact=("\ufffd",)))
def replacement_characters(doc: Document) -> Iterator[Proposal]:
    """Characters lost in decoding, shown as U+FFFD ("Puebla ���� (", an emoji destroyed byte by byte).

    Nothing can say what they were, so a run of them goes, with the space before it; a single
    one goes only at the end of a line (inside a line it may have been a dash). One after an
    ideograph is E005's (a quote whose last byte was lost). Review: the reader may want to know
    that something stood there.
    """
    text = doc.text
    for m in REPLACEMENT_RUN.finditer(text):
        first = m.end() - len(m.group().lstrip(" \t"))
        if first and CJK_BEFORE.match(text, first - 1):
            continue
        if m.end() - first == 1 and text[m.end():m.end() + 1] not in ("", "\n"):
            continue  # one lost character inside a line may have been a dash or a quote: left to a reader
        yield Proposal(m.start(), m.end(), "", "Characters lost in decoding (U+FFFD).")
