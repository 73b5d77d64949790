"""Z001 keeps the sentence English at a fragment's edges; Z008 (pivot article) and Z009 (stray word)."""

from __future__ import annotations

import pytest

from normalizer import load_rules, propose


def _fixes(text: str, code: str) -> list[tuple[str, str]]:
    return [(f.original, f.replacement) for f in propose(text, rules=load_rules(select=[code])) if f.rule == code]


@pytest.mark.parametrize("text, original, replacement", [
    ("The blaze started at dawn. Crews of the Π.Υ. Πάτρας They contained it within an hour.",
     "Π.Υ. Πάτρας They", "Patras Fire Service"),
    ("Medics of the ΕΚΑΒ They carried two people out of the building.", "ΕΚΑΒ They", "National Emergency Aid Centre"),
    ("A statement from the МЧС said the road was closed.", "МЧС", "Emergencies Ministry"),
])
def test_institution_abbreviations_in_english(text: str, original: str, replacement: str) -> None:
    assert _fixes(text, "Z001") == [(original, replacement)]


@pytest.mark.parametrize("text, original", [
    ("Delegates of the الحكومة , the paper said, left early.", " of the الحكومة "),
    ("She thanked the الشركة the company had hired.", "the الشركة "),
    ("Volunteers from the الهلال الأحمر They handed out water all night.", " from the الهلال الأحمر They"),
])
def test_removal_takes_the_orphaned_article(text: str, original: str) -> None:
    assert _fixes(text, "Z001") == [(original, "")]


@pytest.mark.parametrize("text, original", [
    ("The convoy arrived in الرياض They said the roads were empty.", "الرياض "),  # a verb before: not the subject
    ("She met the الشركة owner in March.", "الشركة "),  # the article has its noun
])
def test_edges_left_alone(text: str, original: str) -> None:
    assert _fixes(text, "Z001") == [(original, "")]


@pytest.mark.parametrize("text, article, replacement", [
    ("El Chosun Ilbo ran the interview on its front page.", "El", "The"),
    ("The report, cited by Le Yomiuri Shimbun, was denied.", "Le", "the"),
    ("Il Washington Post later corrected the figure.", "Il", "The"),
])
def test_pivot_article(text: str, article: str, replacement: str) -> None:
    assert _fixes(text, "Z008") == [(article, replacement)]


@pytest.mark.parametrize("text", [
    "Le Monde and El País both ran the story, as did La Repubblica and Il Sole 24 Ore.",
    "The Los Angeles Times and the El Paso Times sent reporters to El Salvador.",
    "El Nuevo Herald and Il Post disagreed; O Globo stayed neutral.",
    "El-Sisi met Le Pen's envoy before the La Liga final in Las Vegas.",
    "El Watan, the Algerian daily, quoted Le Thi Hoa.",
])
def test_pivot_article_real_names(text: str) -> None:
    assert _fixes(text, "Z008") == []


@pytest.mark.parametrize("text, original", [
    ("Voting ends at noon on Sunday. subscribe.", " subscribe."),
    ("The museum reopens next spring after repairs. share\n\nMore text follows here.", " share"),
])
def test_stray_trailing_word(text: str, original: str) -> None:
    assert _fixes(text, "Z009") == [(original, "")]


@pytest.mark.parametrize("text", [
    "The shop opens at 9 a.m. daily.",
    "They sold apples, pears etc. too.",
    "Visit the site at www.example.com today.",
    "The vote was close. But the count went on.",
    "He said the word was zzyzx. qwrtp.",
])
def test_stray_trailing_word_left_alone(text: str) -> None:
    assert _fixes(text, "Z009") == []
