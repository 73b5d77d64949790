"""What Z001 does at the edges of a fragment, so that the sentence around it stays English.

Three things, each a small function Z001 calls:

* :func:`institution`: a Greek or Russian abbreviation of a public body ("Π.Υ." for the fire
  service, "МЧС") is written in English; a Greek place name after it (in the genitive, as Greek
  puts it) goes before it, as English puts it ("Π.Υ. Πάτρας" -> "Patras Fire Service").
* :func:`doubled_subject`: a translation that did not recognise the fragment as the subject adds
  its own ("Staff of the Π.Υ. Πάτρας They managed"): a capitalized subject pronoun right after a
  fragment that sits in the sentence's opening noun phrase goes with the fragment.
* :func:`orphans`: removing a fragment must not leave an article (or "of the") before a comma,
  a stop or another article ("of the 中华 , said", "the 公司 the company"), nor a doubled subject
  ("Staff of the 消防局 They managed" -> "Staff managed"): the removal takes them along.

>>> institution("Π.Υ. Πάτρας"), institution("МЧС"), institution("Πάτρας")
('Patras Fire Service', 'Emergencies Ministry', '')
"""

from __future__ import annotations

import regex
from anyascii import anyascii

# Public bodies the news names by abbreviation; dots and spaces are ignored when looking up.
GREEK = {"ΠΥ": "Fire Service", "ΕΛΑΣ": "Hellenic Police", "ΛΣ": "Coast Guard", "ΕΚΑΒ": "National Emergency Aid Centre",
         "ΑΤ": "Police Station", "ΤΑ": "Security Department", "ΔΑ": "Security Directorate", "ΕΜΑΚ": "Special Disaster Response Unit",
         "ΥΠΑ": "Civil Aviation Authority", "ΔΕΗ": "Public Power Corporation", "ΟΣΕ": "Hellenic Railways Organisation",
         "ΕΛΑΣ.": "Hellenic Police", "ΓΕΕΘΑ": "Hellenic National Defence General Staff"}
CYRILLIC = {"МВД": "Interior Ministry", "МЧС": "Emergencies Ministry", "ФСБ": "FSB", "СК": "Investigative Committee",
            "ГИБДД": "traffic police", "ВСУ": "Ukrainian Armed Forces", "ЗСУ": "Armed Forces of Ukraine", "СБУ": "SBU",
            "ДСНС": "State Emergency Service", "МИД": "Foreign Ministry", "ЦИК": "Central Election Commission",
            "МЗС": "Foreign Ministry", "США": "United States", "ООН": "United Nations", "НАТО": "NATO", "ЕС": "EU"}
ABBREVIATION = regex.compile(r"((?:[\p{Greek}\p{Cyrillic}]\.?\s?){1,5}?[\p{Greek}\p{Cyrillic}]\.?)(?:\s+(\p{Greek}\p{Ll}+))?")
PRONOUN_AFTER = regex.compile(r"[ \t]+(?:They|He|She|We|It)[ \t]+(?=\p{Ll})")
# The sentence up to the fragment: a capitalized start, then up to five words none of which is a
# verb form that would make the fragment an object ("arrived in", "said"), ending on a determiner
# or a preposition.
OPENING = regex.compile(r"(?:\A|[.!?]\s+|\n)(\p{Lu}[\p{L}'’-]*(?:[ \t]+[\p{L}'’-]+){0,5})[ \t]+(?i:the|a|an|of|from|at|in|for|by)[ \t]*\Z")
VERBISH = regex.compile(r"(?i)\b(?:\p{L}+ed|is|was|were|are|be|been|has|have|had|said|says|told|did|does|do|will|would|can|could)\b")
ORPHAN = regex.compile(r"(?i)(?:\b(?:of|in|at|from|for|with|by|to|on)[ \t]+)?\b(?:the|a|an)[ \t]+\Z")
NEXT_BREAKS = regex.compile(r"[ \t]*(?:[,.;:)!?]|(?i:the|a|an)\b)")


# Korean newspapers write a president, a party or a country as one hanja in headlines and tags
# ("尹" Yoon, "與" the ruling party, "美" the US); engines leave the character or gloss its Chinese sense.
KOREAN_HEADLINE = {"尹": "Yoon", "文": "Moon", "李": "Lee", "朴": "Park", "韓": "South Korea", "美": "U.S.",
                   "中": "China", "日": "Japan", "北": "North Korea", "英": "Britain", "露": "Russia", "與": "the ruling party",
                   "野": "the opposition", "靑": "the presidential office"}
KOREAN_SOURCE = regex.compile(r"\p{Hangul}|\bKorean?\b|\bSeoul\b|\bYonhap\b")


def korean_headline_hanja(text: str, run: str) -> str:
    """The English of a lone hanja Korean headlines use for a name ("尹" -> "Yoon"), in a text from
    Korea (hangul, or Korea, Seoul, Yonhap named); empty otherwise."""
    word = KOREAN_HEADLINE.get(run.strip())
    return word if word and KOREAN_SOURCE.search(text) else ""


def institution(run: str) -> str:
    """The English of a Greek or Russian abbreviation of a public body, with a Greek place after it."""
    m = ABBREVIATION.fullmatch(run)
    if m is None:
        return ""
    key = regex.sub(r"[.\s]", "", m.group(1))
    english = GREEK.get(key) or (CYRILLIC.get(key) if m.group(2) is None else None)
    if not english:
        return ""
    if m.group(2) is None:
        return english
    place = anyascii(m.group(2))
    return f"{place} {english}" if regex.fullmatch(r"[A-Za-z]+", place) else ""


def doubled_subject(text: str, start: int, end: int) -> int:
    """The end of a subject pronoun the translation doubled after the fragment at ``start:end`` (else ``end``)."""
    m = PRONOUN_AFTER.match(text, end)
    if m is None:
        return end
    opening = OPENING.search(text, max(0, start - 80), start)
    if opening is None or VERBISH.search(opening.group(1)):
        return end
    return m.end() - 1 if text[m.end() - 1] in " \t" else m.end()


def orphans(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a removal that takes the article (and its preposition) a removed fragment leaves alone.

    With a doubled subject after the fragment, the preposition, article, fragment and pronoun go
    ("Staff of the X They managed" -> "Staff managed"). Before a comma or a stop, the space before the article goes too ("leaders of the 中华 , said"
    -> "leaders, said"); before another article, the fragment's article goes ("the 公司 the
    company" -> "the company"). Otherwise the span is unchanged.
    """
    subject_end = doubled_subject(text, start, end)
    if subject_end != end:  # "Staff of the X They managed" -> "Staff managed"
        m = ORPHAN.search(text, max(0, start - 24), start)
        if m is not None and not m.group().lower().startswith(("the", "a ", "an ")) and m.start() > 0:
            return m.start() - 1, subject_end
    nxt = NEXT_BREAKS.match(text, end)
    m = ORPHAN.search(text, max(0, start - 24), start) if nxt else None
    if m is None or (m.start() > 0 and text[m.start() - 1] not in " \t"):
        return start, end
    gap = len(nxt.group()) - len(nxt.group().lstrip(" \t"))
    if nxt.group().lstrip(" \t")[:1].isalpha():
        return m.start(), end + gap
    return (m.start() - 1 if m.start() > 0 else m.start()), end + gap
