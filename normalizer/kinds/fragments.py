"""Fragment family (Z): source-language text left inside English, glossed or removed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

import re

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..cedict import cedict_pinyin, cedict_senses
from ..glossary import Gloss
from ..lexicon import zipf
from ..registry import Rule
from ..triggers import Trigger
from .boilerplate import removal_span
from .foreign_names import other_reading, romanized_name
from .fragment_edges import doubled_subject, institution, korean_headline_hanja, orphans

NONLATIN = r"[[\p{L}\p{M}]--[\p{Latin}\p{Common}\p{Inherited}]]"
ANY_NONLATIN = regex.compile(rf"(?V1){NONLATIN}")
RUN = regex.compile(rf"(?V1){NONLATIN}+(?:[\s\p{{P}}\p{{N}}]{{0,3}}{NONLATIN}+)*")
# Characters that may be NONLATIN: everything but ranges with no letter of another script
# (ASCII to combining marks, Latin Extended Additional, punctuation, currency, symbols, arrows,
# Latin ligatures, variation selectors, emoji); tests/test_fragments.py checks it against NONLATIN.
MAYBE_NONLATIN = re.compile("[^\x00-\u036f\u1e00-\u1eff\u2000-\u20cf\u2100-\u2125\u2127-\u214f"
                            "\u2150-\u2bff\ufb00-\ufb06\ufe00-\ufe0f\U0001f000-\U0001faff]")
# The trigger of Z001 and Z003: MAYBE_NONLATIN, with an explicit UTF-8 byte pattern that matches
# exactly the characters the class matches (tested over all of Unicode; the derived one would take
# any character beyond ASCII).
NONLATIN_TRIGGER = Trigger(
    pattern=MAYBE_NONLATIN, non_ascii=True,
    byte_pattern=(r"\xcd[\xb0-\xbf]|[\xce-\xe0\xe3-\xee\xf1-\xf4]|\xe1[\x80-\xb7\xbc-\xbf]"
                  r"|\xe2(?:\x83[\x90-\xbf]|\x84\xa6|[\xb0-\xbf])"
                  r"|\xef(?:[\x80-\xab\xad-\xb7\xb9-\xbf]|\xac[\x87-\xbf]|\xb8[\x90-\xbf])"
                  r"|\xf0(?:[\x80-\x9e\xa0-\xbf]|\x9f[\xac-\xbf])"),
)
HAN = regex.compile(r"\p{Han}")
LETTER = regex.compile(r"\p{L}")
LINE = regex.compile(r"[^\n]+")
INTRODUCED = regex.compile(
    r"(?i)(?:\b(?:the )?(?:word|term|characters?|phrase|expression|slogan|name|idiom|title)s?|called|known as|"
    r"written(?: as)?|reads?|means?|meaning|dubbed|the chinese|in chinese|in russian|in japanese|in korean)"
    r"\s*[,:]?\s*[“\"'‘«]?\s*\Z"
)
EXPLAINED_AFTER = regex.compile(r"\A\s*[”\"'’»]?\s*[,，]?\s*(?:\(|meaning\b|which means\b|literally\b|or\b|—|–)")
OPENERS = {"(": ")", "（": "）", "[": "]", "“": "”", "«": "»", "\"": "\"", "‘": "’", "「": "」", "『": "』"}
TO_DROP = regex.compile(r"(?i)(?:\bto|\bwill|\bcan|\bmust|\bshould|\bwould|\bcould|\bmight|\bmay|\bdid|\bdoes|\bdo|\bcannot|\bwon['’]t)(?:\s+not|n['’]t)?\s*\Z")
# A noun's place: after a determiner or a possessive, or after a name ("Chen 教授 said": a title).
NOUN_SLOT = regex.compile(r"(?:\b(?i:the|a|an|this|that|these|those|his|her|its|their|our|my|your)|[^.!?\s]\s+\p{Lu}\p{Ll}+)\s*\Z")
PREPOSITIONS = ("from", "of", "to", "with", "at", "on", "in", "for", "into", "off", "out of", "away from")
LANGUAGES = {
    "zh-cn": "Chinese", "zh-tw": "Chinese", "ja": "Japanese", "ko": "Korean", "ru": "Russian",
    "uk": "Ukrainian", "bg": "Bulgarian", "mk": "Macedonian", "el": "Greek", "ar": "Arabic",
    "fa": "Persian", "ur": "Urdu", "he": "Hebrew", "th": "Thai", "hi": "Hindi", "mr": "Marathi",
    "ne": "Nepali", "bn": "Bengali", "ta": "Tamil", "te": "Telugu",
}
SCRIPTS = (("Hiragana", "Japanese"), ("Katakana", "Japanese"), ("Hangul", "Korean"), ("Han", "Chinese"),
           ("Cyrillic", "Russian"), ("Greek", "Greek"), ("Arabic", "Arabic"), ("Hebrew", "Hebrew"),
           ("Thai", "Thai"), ("Devanagari", "Hindi"))


def language_of(fragment: str) -> str:
    """The language of a fragment: the script first, langdetect (seeded) to refine it."""
    by_script = next((name for script, name in SCRIPTS if regex.search(rf"\p{{{script}}}", fragment)), "")
    try:
        from langdetect import DetectorFactory, detect

        from ..language_profiles import install

        install()  # the profiles from the cache folder, not parsed again
        DetectorFactory.seed = 0
        code = detect(fragment)
    except Exception:  # langdetect raises on text without features
        code = ""
    name = LANGUAGES.get(code, "")
    if by_script == "Chinese" and name not in ("Chinese", "Japanese"):
        return "Chinese"
    if by_script in ("Japanese", "Korean", "Greek", "Hebrew", "Thai"):
        return by_script
    return name or by_script or "a non-Latin script"


JUNK_SENSE = regex.compile(r"(?i)^(?:CL:|surname |variant of |old variant|see |abbr\. for |used in |\(Tw\)|\(old\))")
PAREN = regex.compile(r"\s*\(([^)]*)\)")
XREF = regex.compile(r"\s*[\p{Han}|·]+(?:\[[^\]]*\])?")  # CC-CEDICT's "成都[Cheng2 du1]" references
NOT_ENGLISH = regex.compile(r"[^\p{Latin}\P{L}]")  # a letter of another script


def clean_sense(sense: str) -> str:
    """A dictionary sense made fit for running text ("to break away (from)" -> "to break away from").

    Cross-references go ("short name for Chengdu 成都[Cheng2 du1]" -> "short name for
    Chengdu"), and a sense still holding non-Latin letters is dropped (empty): a
    gloss must never bring back what Z001 removes, or cleaning would not converge.

    >>> clean_sense("short name for Chengdu 成都[Cheng2 du1]")
    'short name for Chengdu'
    >>> clean_sense("Том")
    ''
    """
    def keep(m: regex.Match) -> str:
        inner = m.group(1).strip()
        return " " + inner if inner in PREPOSITIONS else ""

    out = " ".join(PAREN.sub(keep, XREF.sub("", sense)).split()).strip(" ;,")
    return "" if NOT_ENGLISH.search(out) or "[" in out else out


def segment(text: str, max_len: int = 8) -> list[str] | None:
    """Longest-match segmentation of Han text with CC-CEDICT; None if a character is unknown."""
    d = cedict_senses()
    out, i = [], 0
    while i < len(text):
        for n in range(min(max_len, len(text) - i), 0, -1):
            if text[i:i + n] in d:
                out.append(text[i:i + n])
                i += n
                break
        else:
            return None
    return out


def gloss_chinese(run: str, before: str, after: str) -> list[str]:
    """English readings of a Han fragment fitted to its sentence, best first (empty if unknown)."""
    words = segment(run)
    if not words:
        return []
    d = cedict_senses()
    per_word = []
    for w in words:
        senses = [clean_sense(s) for s in d[w] if not JUNK_SENSE.match(s)]
        senses = [s for s in dict.fromkeys(senses) if s]
        if not senses:
            return []
        per_word.append(senses)
    next_is_word = bool(regex.match(r"\s*\p{L}", after))
    drop_to = bool(TO_DROP.search(before))

    def fit(sense: str) -> str:
        return sense[3:] if drop_to and sense.startswith("to ") else sense

    per_word = [[_name_part(s) for s in senses] for senses in per_word]
    if len(per_word) == 1:
        senses = per_word[0]
        noun_slot = bool(NOUN_SLOT.search(before)) and not drop_to
        ranked = sorted(range(len(senses)), key=lambda i: (
            -(drop_to and senses[i].startswith("to ")) - (noun_slot and not senses[i].startswith("to ")),
            -(next_is_word and senses[i].endswith(tuple(" " + p for p in PREPOSITIONS))), i))
        return list(dict.fromkeys(fit(senses[i]) for i in ranked))
    return [fit(" ".join(s[0] for s in per_word))]


def _name_part(sense: str) -> str:
    """The name of a proper-noun sense without its description ("Sina, Chinese web portal" -> "Sina")."""
    head, comma, _ = sense.partition(", ")
    return head if comma and head[:1].isupper() and len(head.split()) <= 3 else sense


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Chinese surnames in pinyin: CC-CEDICT's "surname X" senses whose X is the headword's pinyin ("Fan", "Sima")."""
    py = cedict_pinyin()
    return frozenset(s[8:] for head, senses in cedict_senses().items() if len(head) <= 2 for s in senses
                     if s.startswith("surname ") and s[8:].lower() in {"".join(r) for r in _readings(head, py)})


def _readings(head: str, py) -> list[tuple[str, ...]]:
    """Every toneless reading of a headword of one or two characters."""
    first = py.get(head[0], [])
    return [(a,) for a in first] if len(head) == 1 else [(a, b) for a in first for b in py.get(head[1], [])]


def pinyin_name(run: str) -> str:
    """A given name in Han written in pinyin ("振東" -> "Zhendong"); empty if a character has no reading."""
    readings = [cedict_pinyin().get(c, []) for c in run]
    return "".join(r[0] for r in readings).capitalize() if all(readings) else ""


SURNAME_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(\p{Lu}\p{Ll}+) \Z")
READING_AFTER = regex.compile(r"[ \t]*\(([A-Za-z][A-Za-z'\- ]{1,40})\)")


def given_name(text: str, start: int, end: int) -> str:
    """The pinyin of two ideographs (not a dictionary word) written right after a pinyin surname ("Fan 振東"), else empty."""
    run = text[start:end]
    m = SURNAME_BEFORE.search(text, max(0, start - 20), start)
    if len(run) != 2 or not HAN.fullmatch(run[0]) or not HAN.fullmatch(run[1]) or m is None or run in cedict_senses():
        return ""  # a word of the dictionary after a surname ("Wang 表示") is glossed, not read as a name
    return pinyin_name(run) if m.group(1) in surnames() else ""


def foreign_reading(text: str, start: int, end: int, gloss: str) -> regex.Match | None:
    """A bracketed romanization after a Chinese name that is neither its pinyin nor English nor its gloss.

    "新浪体育 (shinro taiiku)": a Japanese reading of a Chinese name, not a translation.
    """
    m = READING_AFTER.match(text, end)
    if m is None or not gloss[:1].isupper():
        return None
    reading = m.group(1).lower().split()
    run = text[start:end]
    pinyin = "".join(cedict_pinyin().get(c, ["?"])[0] for c in run)
    if "".join(reading) == pinyin or any(zipf(w) >= 2.5 or w in gloss.lower() for w in reading):
        return None
    return m


def _protected(text: str, start: int, end: int) -> bool:
    """Non-Latin text that English keeps on purpose: in brackets or quotes, or introduced as a term."""
    before = text[max(0, start - 60):start]
    after = text[end:end + 40]
    b, a = before.rstrip(), after.lstrip()
    if b and a and b[-1] in OPENERS and a[0] == OPENERS[b[-1]]:
        return True
    if INTRODUCED.search(before) or EXPLAINED_AFTER.match(after):
        return True
    run = text[start:end]
    return len(LETTER.findall(run)) == 1 and not HAN.search(run)  # a lone Greek letter: a symbol


def _line_is_foreign(line: str) -> bool:
    foreign = len(ANY_NONLATIN.findall(line))
    if foreign < 2:
        return False
    letters = len(LETTER.findall(line))
    return letters == 0 or foreign / letters > 0.5  # no letter at all: marks of another script only


def build_rules(glosses: Sequence[Gloss]) -> list[Rule]:
    """Z001 (dictionary or removal), Z002 (user glossary), Z003 (whole lines in another script)."""
    by_source = {g.source: g for g in glosses}
    gloss_pattern = (regex.compile("|".join(regex.escape(s) for s in sorted(by_source, key=len, reverse=True)))
                     if by_source else None)

    def foreign_lines(doc: Document) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in LINE.finditer(doc.text) if _line_is_foreign(m.group())]

    def stray(doc: Document) -> Iterator[Proposal]:
        text = doc.text
        if not ANY_NONLATIN.search(text):
            return
        skip = foreign_lines(doc)
        for m in RUN.finditer(text):
            start, end = m.start(), m.end()
            if any(a <= start < b for a, b in skip):
                continue
            run = m.group()
            if "鈥" in run:
                continue  # UTF-8 punctuation read as GBK ("鈥淚" for "“I"): mojibake, the encoding rules' job
            read_after = bool(HAN.match(run)) and bool(READING_AFTER.match(text, end))
            if _protected(text, start, end) and not read_after:
                continue
            if gloss_pattern is not None and gloss_pattern.search(run):
                continue  # the glossary (Z002) decides
            name = given_name(text, start, end)
            if name:
                yield Proposal(start, end, name, f"Chinese given name {run!r} after its surname, in pinyin: {name!r}.",
                               alternatives=("",))
                continue
            if korean := korean_headline_hanja(text, run):
                yield Proposal(start, end, korean, f"{run.strip()!r} is how Korean headlines write {korean!r}.",
                               alternatives=("",))
                continue
            lang = language_of(run)
            before, after = text[max(0, start - 30):start], text[end:end + 30]
            glued_left = bool(before) and before[-1].isalnum()
            glued_right = bool(after) and after[0].isalnum()
            pad = (" " if glued_left else "", " " if glued_right else "")
            senses = []
            if lang == "Chinese" and regex.fullmatch(r"[\p{Han}\s]+", run):
                pieces = [gloss_chinese(p, before, after) for p in run.split()]
                if all(pieces):
                    senses = pieces[0] if len(pieces) == 1 else [" ".join(p[0] for p in pieces)]
            reading = foreign_reading(text, start, end, senses[0]) if senses and read_after else None
            if read_after and reading is None:
                continue  # a name beside its reading or translation: kept
            if reading is not None:
                title = " ".join(w[:1].upper() + w[1:] for w in senses[0].split())
                yield Proposal(start, reading.end(), title,
                               f"Chinese name {run!r} with a reading that is not pinyin ({reading.group(1)!r}): "
                               f"CC-CEDICT names it {title!r}.")
            elif senses:
                options = [pad[0] + s + pad[1] for s in senses[:9]]
                yield Proposal(start, end, options[0],
                               f"Untranslated {lang} {run!r}; CC-CEDICT reads it as {senses[0]!r}.",
                               alternatives=tuple(options[1:]) + (" " if glued_left and glued_right else "",))
            elif body := institution(run):
                yield Proposal(start, doubled_subject(text, start, end), pad[0] + body + pad[1],
                               f"{lang} abbreviation {run!r} of a public body: {body!r} in English.", alternatives=("",))
            else:
                spaced = before.endswith(" ") and after.startswith(" ")
                latin, reading = romanized_name(run), other_reading(run)
                wide = orphans(text, start, end) if not (latin or reading) else (start, end)
                if wide != (start, end):
                    start, end = wide  # the article the removal would leave alone goes with it
                elif spaced:
                    end += 1  # take one of the two spaces around the fragment with it
                removal = " " if glued_left and glued_right else ""
                written = [pad[0] + r + (" " if spaced else pad[1]) for r in (latin, reading) if r]
                if latin:
                    yield Proposal(start, end, written[0], f"{lang} name {run!r} left in its script; "
                                   f"in Latin letters {latin!r}.", alternatives=(removal,))
                    continue
                yield Proposal(start, end, removal,
                               f"Untranslated {lang} {run!r} inside English text; remove it or keep it.",
                               alternatives=tuple(written))

    def glossary(doc: Document) -> Iterator[Proposal]:
        if gloss_pattern is None:
            return
        text = doc.text
        for m in gloss_pattern.finditer(text):
            g = by_source[m.group()]
            if g.before is not None and not g.before.search(text, max(0, m.start() - 80), m.start()):
                continue
            if _protected(text, m.start(), m.end()):
                continue
            before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 1]
            english = g.english
            if english:
                english = ((" " if before.isalnum() and not english[0].isspace() else "") + english
                           + (" " if after.isalnum() and not english[-1].isspace() else ""))
            yield Proposal(m.start(), m.end(), english,
                           f"Glossary: {m.group()!r} is {g.english!r}" + (f" ({g.note})." if g.note else "."),
                           alternatives=g.alternatives)

    def lines(doc: Document) -> Iterator[Proposal]:
        text = doc.text
        if not ANY_NONLATIN.search(text):
            return
        spans = foreign_lines(doc)
        nonblank = [m.start() for m in LINE.finditer(text) if m.group().strip()]
        edges = set(nonblank[:2] + nonblank[-2:])
        for a, b in spans:
            line = text[a:b].strip()
            lang = language_of(line)
            where = "at the edge of the document, likely page furniture" if a in edges else "left untranslated"
            s, e = removal_span(text, a, b)
            yield Proposal(s, e, "", f"A whole line in {lang} {where}: {line[:30]!r}.")

    return [
        Rule("Z001", "stray-fragment", "fragment", Safety.REVIEW,
             "Text in a non-Latin script left inside an English sentence (\"powers to摆脱 dependence\").\n\n"
             "Chinese is glossed from CC-CEDICT (offline): longest-match segmentation, every sense as\n"
             "an alternative with the best fit for its slot first, no doubled \"to\", spaces restored;\n"
             "two ideographs after a pinyin surname are a given name in pinyin (\"Fan Zhendong\"), and a\n"
             "Chinese name with a bracketed non-pinyin reading becomes its English name. A capitalized\n"
             "Cyrillic or Greek word is a name written in Latin letters (anyascii). Other\n"
             "languages are proposed for removal, named in the message. Names in brackets\n"
             "(\"Xi Jinping (习近平)\"), quoted or introduced terms (\"the word 摆脱\") and lone Greek\n"
             "letters are left alone. Review: a dictionary is not a translator.",
             stray, example="He used emergency powers to摆脱 dependence on imports.", source="builtin",
             trigger=NONLATIN_TRIGGER),
        Rule("Z002", "glossary-fragment", "fragment", Safety.SAFE,
             "A fragment your glossary translates ([[gloss]] tables: source, english, optional\n"
             "context `before`). Glossary entries win over the dictionary and are safe.",
             glossary, example="来源：Reuters" if "来源：" in by_source else "", source="rules/glossary.toml",
             trigger=Trigger(exact=tuple(sorted(by_source)))),  # a source fragment must occur as written
        Rule("Z003", "foreign-script-line", "fragment", Safety.REVIEW,
             "A whole line in another script: an untranslated sentence or paragraph, or page\n"
             "furniture (a \"skip to content\" link, a tagline) at the edges of the document.\n"
             "One fix removes the line. Review.",
             lines, example="跳转到主要内容\nThe talks resumed on Monday.\n", source="builtin",
             trigger=NONLATIN_TRIGGER),
    ]
