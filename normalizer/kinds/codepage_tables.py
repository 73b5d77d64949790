"""Single-byte code pages for the code-page search (E007): byte tables and how suspect a character is.

A page maps each byte 0x80-0xFF to one character. Undefined bytes are kept the way browsers
decode them (the C1 control of the same number, as in the WHATWG windows-1252 decoder), so that
text shown by a browser encodes back to its bytes. :func:`tier` grades a character for English
news text: 0 common (curly punctuation, accented Latin-1 letters), 1 plausible (other Latin
letters, Greek and Cyrillic, symbols), 2 a sign of damage (box drawing, controls, other scripts).

>>> encode("ΓÇÖ", "cp437")
b'\\xe2\\x80\\x99'
>>> [tier(c) for c in "é’Łπ╘"]
[0, 0, 1, 1, 2]
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

# (codec, name in messages): the pages of the search, most common in the wild first (the order
# breaks ties between pages that repair a run the same way).
PAGES: tuple[tuple[str, str], ...] = (
    ("cp1252", "Windows-1252"), ("latin_1", "Latin-1"), ("mac_roman", "Mac Roman"),
    ("cp1251", "Windows-1251"), ("cp1250", "Windows-1250"), ("cp437", "cp437"), ("cp850", "cp850"),
    ("cp866", "cp866"), ("koi8_r", "KOI8-R"), ("koi8_u", "KOI8-U"), ("cp1253", "Windows-1253"),
    ("cp1254", "Windows-1254"), ("cp1257", "Windows-1257"), ("cp1255", "Windows-1255"),
    ("cp1256", "Windows-1256"), ("cp1258", "Windows-1258"), ("cp775", "cp775"), ("cp852", "cp852"),
    ("iso8859_15", "ISO 8859-15"), ("iso8859_2", "ISO 8859-2"), ("iso8859_9", "ISO 8859-9"),
    ("iso8859_5", "ISO 8859-5"), ("iso8859_7", "ISO 8859-7"), ("iso8859_13", "ISO 8859-13"),
    ("iso8859_4", "ISO 8859-4"), ("iso8859_16", "ISO 8859-16"), ("iso8859_10", "ISO 8859-10"),
    ("iso8859_3", "ISO 8859-3"),
)
# Two-byte pages: E005 undoes them alone; the search tries them after a single-byte page, for
# text read as GBK and the result read again as Windows-1252 ("ó" -> "贸" -> "è´¸").
DOUBLE_PAGES: tuple[tuple[str, str], ...] = (("gbk", "GBK"), ("big5", "Big5"), ("shift_jis", "Shift-JIS"),
                                            ("euc_kr", "EUC-KR"))
NAMES = dict(PAGES + DOUBLE_PAGES)
# The pages ftfy itself considers (ftfy.chardata.CHARMAP_ENCODINGS): E001 has the first word on them.
FTFY_PAGES = frozenset({"cp1252", "latin_1", "mac_roman", "cp1251", "cp1250", "cp1253", "cp1254",
                        "cp1257", "iso8859_2", "cp437"})

LOST = "\ufffd"
LOST_UTF8 = LOST.encode("utf-8")
# Characters of English news text beyond ASCII that are common: curly quotes, dashes, accented
# Latin-1 letters, a few symbols.
COMMON = frozenset("‘’‚“”„–—…•′″€£¥°©®™§¶·«»¿¡¢\u00a0") | frozenset(
    chr(c) for c in range(0xC0, 0x100) if chr(c) not in "×÷")
PLAUSIBLE_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


@lru_cache(maxsize=None)
def table(codec: str) -> dict[str, int]:
    """Character -> byte for the upper half of ``codec`` (undefined bytes as C1 controls)."""
    out: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            ch = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            ch = chr(byte) if byte < 0xA0 else LOST
        if ch != LOST:
            out.setdefault(ch, byte)
    return out


@lru_cache(maxsize=None)
def _starts() -> tuple[dict[str, int], dict[str, int]]:
    """Character -> bit mask of the pages (by index in PAGES) where it is a UTF-8 lead byte, and
    where it is a continuation byte."""
    lead: dict[str, int] = {}
    cont: dict[str, int] = {}
    for i, (codec, _) in enumerate(PAGES):
        for ch, byte in table(codec).items():
            if 0xC2 <= byte <= 0xF4:
                lead[ch] = lead.get(ch, 0) | 1 << i
            elif byte <= 0xBF:
                cont[ch] = cont.get(ch, 0) | 1 << i
    return lead, cont


def possible_pages(run: str) -> list[str]:
    """The pages under which ``run`` can start a UTF-8 character: its first character a lead
    byte, its second a continuation byte (a quick first check before encoding).

    >>> possible_pages("тАЩ")
    ['cp866', 'iso8859_5']
    """
    if len(run) < 2:
        return []
    lead, cont = _starts()
    first = -1 if run[0] == LOST else lead.get(run[0], 0)  # a lost byte may have been any
    second = -1 if run[1] == LOST else cont.get(run[1], 0)
    mask = first & second
    return [codec for i, (codec, _) in enumerate(PAGES) if mask >> i & 1]


@lru_cache(maxsize=None)
def undefined(codec: str) -> tuple[int, ...]:
    """The bytes ``codec`` cannot decode: a U+FFFD in text read with it may stand for one of them."""
    lost = []
    for byte in range(0x80, 0x100):
        try:
            bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            lost.append(byte)
    return tuple(lost)


def encode(run: str, codec: str) -> bytes | None:
    """``run`` as the bytes ``codec`` read it from, or None (a U+FFFD stays U+FFFD's own UTF-8 bytes:
    :func:`lost_bytes` puts each undefined byte in its place)."""
    tab = table(codec)
    out = bytearray()
    for ch in run:
        if ch < "\x80":
            out.append(ord(ch))
        elif ch == LOST:
            out += LOST_UTF8
        elif (b := tab.get(ch)) is not None:
            out.append(b)
        else:
            return None
    return bytes(out)


def lost_bytes(data: bytes, codec: str) -> list[bytes]:
    """``data`` with each U+FFFD replaced by each byte ``codec`` cannot decode (at most two of them)."""
    if LOST_UTF8 not in data:
        return [data]
    if data.count(LOST_UTF8) > 2:
        return []
    head, _, tail = data.partition(LOST_UTF8)
    return [head + bytes([b]) + rest for b in undefined(codec) for rest in lost_bytes(tail, codec)]


@lru_cache(maxsize=4096)
def tier(ch: str) -> int:
    """0 common in English news text, 1 plausible, 2 a sign of damage."""
    if ch < "\x7f" and (ch >= " " or ch in "\t\n\r"):
        return 0
    if ch in COMMON:
        return 0
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return 2
    if "\u2500" <= ch <= "\u259f":
        return 2  # box drawing and blocks
    if cat.startswith("M"):
        return 1
    if cat.startswith("L"):
        return 1 if unicodedata.name(ch, "").startswith(PLAUSIBLE_SCRIPTS) else 2
    if ch <= "\u00ff" or "\u2000" <= ch <= "\u22ff" or "\u2600" <= ch <= "\u27bf" or "\U0001f300" <= ch <= "\U0001faff":
        return 1  # Latin-1 signs, punctuation, currency, letterlike, arrows, math, emoji
    return 2


@lru_cache(maxsize=4096)
def script(ch: str) -> str:
    """The script of a letter (its Unicode name's first word), '' for anything else."""
    if not ch.isalpha():
        return ""
    if ch.isascii():
        return "LATIN"
    return unicodedata.name(ch, "?").split(" ")[0]


@lru_cache(maxsize=1)
def encoding_only() -> Any:
    """ftfy's settings for encoding repairs only (ftfy is imported on first use: most text never needs it)."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )
