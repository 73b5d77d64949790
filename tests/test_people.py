"""The gazetteer of public figures (rules/gazetteer/people.toml): well-formed, no duplicates, and
consistent with the rules that read it (N006-N009 never flag a listed spelling)."""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter

import pytest

from normalizer import clean, load_rules
from normalizer.errors import ConfigError
from normalizer.kinds.gazetteer_match import house_key
from normalizer.people import WORD, load_people, parse_people, people_path


def _parse(people: list[dict], **group: str) -> tuple:
    return parse_people({"group": [{**(group or {"country": "Testland"}), "people": people}]}, "test.toml")


def test_the_shipped_gazetteer_is_wide() -> None:
    people = load_people()
    assert len(people) >= 1000
    groups = Counter(p.group for p in people)
    assert len(groups) >= 20
    assert all(n >= 5 for n in groups.values()), groups


def test_every_entry_is_well_formed() -> None:
    for p in load_people():
        assert p.role and p.role == p.role.lower(), p
        assert unicodedata.normalize("NFC", p.name) == p.name, p.name
        assert all(WORD.fullmatch(w) for w in p.name.split(" ")), p.name
        assert p.given[0].isupper() and any(c.isupper() for c in p.surname.split(" ")[-1]), p
        joined = f"{p.surname} {p.given}" if p.family_first else f"{p.given} {p.surname}"
        assert joined == p.name
        for given, surname in p.forms():
            assert given and surname, (p.name, given, surname)


def test_no_person_or_spelling_is_listed_twice() -> None:
    forms = Counter(f.casefold() for p in load_people() for f in (p.name, *p.variants))
    assert [f for f, n in forms.items() if n > 1] == []


def test_the_file_parses_as_plain_toml() -> None:
    data = tomllib.loads(people_path().read_text(encoding="utf-8"))
    assert set(data) == {"group"}
    assert sum(len(g["people"]) for g in data["group"]) == len(load_people())


def test_a_family_first_name_splits_at_the_surname() -> None:
    (xi,) = _parse([{"name": "Xi Jinping", "surname": "Xi", "role": "president"}])
    assert (xi.given, xi.surname, xi.family_first) == ("Jinping", "Xi", True)
    (leyen,) = _parse([{"name": "Ursula von der Leyen", "surname": "von der Leyen", "role": "commission president"}])
    assert (leyen.given, leyen.family_first) == ("Ursula", False)


def test_variants_split_like_the_name() -> None:
    (p,) = _parse([{"name": "Itamar Ben-Gvir", "role": "minister", "variants": ["Itamar Ben Gvir"]}])
    assert list(p.forms()) == [("Itamar", "Ben-Gvir"), ("Itamar", "Ben Gvir")]
    (k,) = _parse([{"name": "Kim Jong-un", "surname": "Kim", "role": "leader", "variants": ["Kim Jong Un"]}])
    assert list(k.forms()) == [("Jong-un", "Kim"), ("Jong Un", "Kim")]


@pytest.mark.parametrize(("entry", "message"), [
    ({"name": "Cher", "role": "singer"}, "two or more words"),
    ({"name": "Anna  Novak", "role": "minister"}, "two or more words"),
    ({"name": "Anna Novak", "role": "Minister"}, "lower-case"),
    ({"name": "Anna Novak"}, "needs a 'name' and a 'role'"),
    ({"name": "Anna Novak", "role": "minister", "surname": "Nowak"}, "must open or close"),
    ({"name": "Anna Novak", "role": "minister", "variants": ["Anna Novak"]}, "another spelling"),
    ({"name": "Anna Novak", "role": "minister", "variants": ["Novak"]}, "another spelling"),
    ({"name": "Anna Novak", "role": "minister", "title": "Dr"}, "unknown key 'title'"),
])
def test_malformed_entries_are_refused(entry: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        _parse([entry])


def test_duplicates_are_refused_across_groups() -> None:
    data = {"group": [{"country": "A", "people": [{"name": "Anna Novak", "role": "minister"}]},
                      {"field": "B", "people": [{"name": "Piotr Nowak", "role": "mayor", "variants": ["anna novak"]}]}]}
    with pytest.raises(ConfigError, match="listed twice"):
        parse_people(data)


def test_a_group_needs_a_name_and_a_list() -> None:
    with pytest.raises(ConfigError, match="country"):
        parse_people({"group": [{"people": []}]})
    with pytest.raises(ConfigError, match="top level"):
        parse_people({"person": []})


def test_no_listed_spelling_is_flagged() -> None:
    """Every name and variant, each on its own line: no listed person is 'corrected' into another."""
    rules = load_rules(select=["N006", "N007", "N008", "N009", "N012"])
    text = "\n".join(f"{form} spoke on Monday." for p in load_people() for form in (p.name, *p.variants))
    assert clean(text, rules=rules, apply="all").applied == []
    titled = "\n".join(f"{title} {p.surname} spoke on Monday." for p in load_people()
                        for title in ("President", "Minister", "Chancellor", "Senator"))
    assert clean(titled, rules=rules, apply="all").applied == []


def test_variants_are_real_alternatives() -> None:
    """A variant that only differs from the name in case or spacing is no variant."""
    for p in load_people():
        for v in p.variants:
            assert v.replace(" ", "").casefold() != p.name.replace(" ", "").casefold(), (p.name, v)


def test_house_keys_join_the_accepted_spellings_of_a_listed_surname() -> None:
    people = {p.name: p for p in load_people()}
    zelenskyy = people["Volodymyr Zelenskyy"]
    assert len({house_key(s) for _, s in zelenskyy.forms()}) == 1
