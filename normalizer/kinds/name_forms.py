"""How a word relates to a name without being a garble of it: a word made from the name
("Bolsonarist"), the name inflected in a Slavic language ("Zabrzu", "W Zabrzu"), or too many letters
away to be a slip (N002 reads these)."""

from __future__ import annotations

import regex


# Endings that make a word from a name ("Bolsonarist", "Putinism") or inflect it in a Slavic language
# ("Zabrzu" for Zabrze after a preposition, "Kyjeva" for Kyjev): another word, not a garble of the name.
DERIVED_ENDINGS = ("ist", "ists", "ism", "isms", "ista", "istas", "ian", "ians", "ite", "ites", "ismo", "esque")
CASE_ENDINGS = ("u", "a", "e", "y", "i", "em", "iem", "ie", "om", "ach", "ami", "ow", "ą", "ę", "ów", "ě", "ou")


def edits(a: str, b: str) -> int:
    """Letters changed, added, dropped or swapped between two spellings (case-folded)."""
    from rapidfuzz.distance import DamerauLevenshtein

    return DamerauLevenshtein.distance(a.casefold(), b.casefold())


def derived_form(word: str, name: str) -> bool:
    """True if ``word`` is ``name`` (or its stem, without a final vowel) with a derivational or a case
    ending.

    >>> derived_form("Bolsonarist", "Bolsonaro"), derived_form("Kyjeva", "Kyjev"), derived_form("Sinbaum", "Sheinbaum")
    (True, True, False)
    >>> derived_form("Okonja", "Okonjo"), derived_form("Zabrzem", "Zabrze")
    (False, True)
    """
    for stem in {name, name.rstrip("aeiouy")}:
        if len(stem) >= 4 and word.startswith(stem):
            ending = word[len(stem):]
            if ending in DERIVED_ENDINGS:
                return True
            if ending in CASE_ENDINGS and (len(ending) > 1 or stem == name) and len(word) - len(name) <= 2:
                return True  # a vowel for a vowel ("Okonja" for "Okonjo") is a garble, not a case
    return False


SLAVIC_PREPOSITION = regex.compile(r"(?<![\p{L}\p{M}])(?:[WwVvZz]|[Ww]e|[Vv]e|[Zz]e|[Nn]a|[Dd]o|[Oo]d|[Pp]o)[ \t]\Z")
