"""``mtnorm alias suggest``: transliteration links across first letters, and the canonical form's origin
(alias data, gazetteer, headline, most frequent), on small multi-file folders of our own."""

from __future__ import annotations

import json
from pathlib import Path

from normalizer import Document
from normalizer.name_clusters import collect, suggest
from normalizer.people import Person

from .conftest import run_cli

PEOPLE = (Person("Kaja Kallas", "Kallas", "Kaja", "foreign policy chief"),
          Person("Lee Jae-myung", "Lee", "Jae-myung", "president"),
          Person("Mohamed Salah", "Salah", "Mohamed", "forward"),
          Person("Olaf Scholz", "Scholz", "Olaf", "chancellor"),
          Person("Martin Schulz", "Schulz", "Martin", "politician"))


def clusters(*texts: str, people=PEOPLE) -> dict[str, tuple[str, set[str]]]:
    docs = [Document(t) for i, t in enumerate(texts)]
    return {c.canonical: (c.origin, {m.name for m in c.members}) for c in suggest(collect(docs), people=people)}


def test_korean_surname_romanizations_are_one_name_across_first_letters() -> None:
    found = clusters("On Monday President Lee Jae-myung met the envoys, and Lee spoke first.",
                     "The talks went on, said President Rhee Jae-myung in Seoul.",
                     "Officials close to President Yi Jae-myung said little.")
    assert found["Lee"] == ("gazetteer", {"Lee", "Rhee", "Yi"})


def test_korean_surname_links_need_a_korean_given_name() -> None:
    found = clusters("The actor Zhang Yi starred in the series, and Yi thanked the fans.",
                     "The coach Bruce Lee Smith spoke; Lee Jae-myung was not there.",
                     "We walked in Central Park; Pak Pong-ju and Kim Song-il met in Pyongyang.")
    assert not any({"Lee", "Yi"} <= members or {"Park", "Pak"} <= members for _, members in found.values())
    assert not any("Song" in members for _, members in found.values())


def test_the_gazetteer_spelling_is_canonical_over_a_more_frequent_garble() -> None:
    found = clusters("The envoy met Kalas in Tallinn. Later Kalas said the talks went well.",
                     "Reporters asked Kalas about the deal; Kallas declined to comment.")
    assert found["Kallas"] == ("gazetteer", {"Kallas", "Kalas"})


def test_arabic_given_name_romanizations() -> None:
    found = clusters("The forward Muhammad scored twice, and Muhammad thanked the fans.",
                     "Fans sang for Mohamed after the match.")
    assert found["Mohamed"][0] == "gazetteer" and found["Mohamed"][1] == {"Mohamed", "Muhammad"}


def test_a_pivot_spelling_links_across_the_w_v_difference() -> None:
    found = clusters("Minister Stoyanov said so, and Stoyanov left.", "The minister Stojanow arrived late.",
                     people=())
    assert found["Stoyanov"] == ("most frequent", {"Stoyanov", "Stojanow"})


def test_a_russian_initial_vowel_links_across_first_letters() -> None:
    found = clusters("Minister Yerlikaya said so, and Yerlikaya left.", "The minister Erlikaya arrived late.",
                     people=())
    assert found["Yerlikaya"] == ("most frequent", {"Yerlikaya", "Erlikaya"})


def test_the_headline_spelling_is_canonical_without_the_gazetteer() -> None:
    found = clusters("Minister Wojtaszczyk Resigns Over Budget\n\nThe minister Wojtaszczik said she would go."
                     " Later Wojtaszczik left.", people=())
    assert found["Wojtaszczyk"][0] == "headline"


def test_a_headline_outnumbered_three_to_one_is_not_canonical() -> None:
    body = " ".join(f"Minister Wojtaszczyk spoke in part {i}." for i in range(4))
    found = clusters(f"Minister Wojtaszczik Resigns Over Budget\n\n{body}", people=())
    assert found["Wojtaszczyk"][0] == "most frequent"


def test_two_listed_people_are_never_one_cluster() -> None:
    found = clusters("Chancellor Scholz met the former speaker Schulz; Scholz and Schulz spoke in Berlin.")
    assert not any({"Scholz", "Schulz"} <= members for _, members in found.values())


def test_function_words_are_not_korean_surnames() -> None:
    found = clusters("An official said No talks were held. President Roh Moo-hyun died in 2009. Roh was 62.",
                     people=())
    assert not any("An" in members or "No" in members for _, members in found.values())


def test_cli_prints_the_origin(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The envoy met Kalas in Tallinn. Later Kalas said the talks went well.\n")
    (tmp_path / "b.txt").write_text("Reporters asked Kalas about the deal; Kallas declined to comment.\n")
    out = run_cli("alias", "suggest", tmp_path, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Kallas (1x, gazetteer" in out.stdout and "<- Kalas (3x)" in out.stdout
    data = json.loads(run_cli("alias", "suggest", "--format", "json", tmp_path, cwd=tmp_path).stdout)
    kallas = next(c for c in data["clusters"] if c["canonical"] == "Kallas")
    assert kallas["origin"] == "gazetteer" and not kallas["from_alias_data"]
    alone = json.loads(run_cli("alias", "suggest", "--no-builtin-aliases", "--format", "json", tmp_path,
                               cwd=tmp_path).stdout)
    assert [c["canonical"] for c in alone["clusters"]] == ["Kalas"]
