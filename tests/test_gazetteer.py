"""N006/N007 over a small gazetteer written here, and the transliteration-aware comparison they use."""

from __future__ import annotations

import pytest

from normalizer import clean
from normalizer.fixes import Safety
from normalizer.kinds import gazetteer
from normalizer.kinds.gazetteer_match import house_key, mechanism, pivot_key, role_cue
from normalizer.people import parse_people

PEOPLE = parse_people({"group": [{"country": "Testland", "people": [
    {"name": "Tomasz Wierzbicki", "role": "finance minister"},
    {"name": "Oleksandr Hrytsenko", "role": "mayor", "variants": ["Oleksandr Gritsenko"]},
    {"name": "Park Min-seo", "surname": "Park", "role": "singer"},
    {"name": "Park Min-jun", "surname": "Park", "role": "footballer"},
    {"name": "Katarina Novak", "role": "president"},
    {"name": "Mehmet Yıldırım", "role": "central bank governor", "variants": ["Mehmet Yildirim"]},
]}]})
RULES = gazetteer.build_rules(PEOPLE)


def run(text: str) -> tuple[str, list]:
    out = clean(text, rules=RULES, apply="all")
    assert clean(out.text, rules=RULES, apply="all").applied == []  # idempotent
    return out.text, out.applied


@pytest.mark.parametrize(("text", "fixed"), [
    ("Tomasz Wiezbicki said the budget holds.", "Tomasz Wierzbicki said the budget holds."),
    ("Tomasz Wiersbicki said the budget holds.", "Tomasz Wierzbicki said the budget holds."),
    ("Tomsaz Wierzbicki said the budget holds.", "Tomasz Wierzbicki said the budget holds."),
    ("Aleksandr Hrytsenko opened the bridge.", "Oleksandr Hrytsenko opened the bridge."),
    ("Mayor Oleksandr Hrytsenco opened the bridge.", "Mayor Oleksandr Hrytsenko opened the bridge."),
    ("The singer Park Min-sao sang.", "The singer Park Min-seo sang."),
    ("President Catarina Novak spoke.", "President Katarina Novak spoke."),
])
def test_near_misses_of_listed_people_are_repaired(text: str, fixed: str) -> None:
    out, applied = run(text)
    assert out == fixed
    assert applied and all(f.safety is Safety.REVIEW for f in applied)


@pytest.mark.parametrize("text", [
    "Tomasz Wierzbicki and Mehmet Yildirim and Mehmet Yıldırım met.",  # listed spellings
    "Oleksandr Gritsenko, the mayor, spoke.",                           # a listed house variant
    "Park Min-seo and Park Min-jun are not related.",                   # two listed people
    "Park Min-sao sang.",                                               # shared surname, no role
    "Catarina Novak spoke.",                                            # a real given name, no role
    "Katarina Novakova spoke.",                                         # the female form of a surname
    "Tomasz Wierzbicka spoke.",                                         # the female form of a surname
    "Mehmet Yıldız spoke.",                                             # diacritics: another name
    "Tomasz Wierzbicki's plan and WIERZBICKI's aides.",                 # possessive, capitals
    "Anna Novak and Karolina Novak met.",                               # other given names
])
def test_other_names_are_left_alone(text: str) -> None:
    assert run(text) == (text, [])


def test_the_message_states_the_evidence() -> None:
    _, applied = run("Finance minister Tomsaz Wierzbicki spoke.")
    (fix,) = applied
    assert fix.rule == "N006"
    assert "Tomasz Wierzbicki (finance minister, Testland)" in fix.message
    assert "letters swapped" in fix.message and "'minister'" in fix.message


def test_the_rules_run_only_where_a_listed_name_occurs() -> None:
    from normalizer.scan import Scan

    n006, n007, n008, n009, n012 = RULES
    assert not n012.may(Scan("Putin met Zelensky.")) and n012.may(Scan("Putin met Zelenský."))
    assert not n006.may(Scan("Nothing about anyone here.")) and not n007.may(Scan("Plain text."))
    assert not n008.may(Scan("Nothing about anyone here.")) and not n009.may(Scan("The president spoke."))
    assert n006.may(Scan("Tomsaz Wierzbicki spoke.")) and n008.may(Scan("Tomsaz Wierzbicki spoke."))
    assert n009.may(Scan("President Wierzbicky spoke."))


def test_house_styles_share_a_key() -> None:
    assert house_key("Zelenskyy") == house_key("Zelensky") == house_key("Zelenskiy")
    assert house_key("Yoon") == house_key("Yun") and house_key("Pak") == house_key("Park")
    assert house_key("Mohammed") == house_key("Muhammad") == house_key("Mohamed")
    assert house_key("Min-jae") == house_key("Minjae") and house_key("Łukasz") == house_key("Lukasz")
    assert house_key("Hsiao") == house_key("Xiao") and house_key("Ohno") == house_key("Ono")
    assert house_key("Wierzbicki") != house_key("Wierzbicka")


def test_pivot_spellings_share_a_pivot_key_but_not_a_house_key() -> None:
    for pivot, english in (("Stojanow", "Stoyanov"), ("Tschernow", "Chernov"), ("Schewtschenko", "Shevchenko")):
        assert pivot_key(pivot) == pivot_key(english) and house_key(pivot) != house_key(english)


@pytest.mark.parametrize(("written", "known"), [
    ("Jong-il", "Jong-un"), ("Qiang", "Keqiang"), ("Kowalska", "Kowalski"), ("Ivanova", "Ivanov"),
    ("Zelenskiy", "Zelenskyy"), ("Nguyễn", "Nguyên"), ("Mark", "Marco"), ("Yu", "Yi"),
])
def test_not_a_slip(written: str, known: str) -> None:
    assert mechanism(written, known) is None


def test_role_cue_reads_the_words_around_the_name() -> None:
    text = "The central bank governor Mehmet Yildirim spoke"
    start = text.index("Mehmet")
    assert role_cue(text, start, start + 15, "central bank governor") == "governor"
    assert role_cue("Mehmet Yildirim, the striker", 0, 15, "central bank governor") is None
