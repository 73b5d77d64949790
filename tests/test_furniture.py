"""The furniture scorer (B020-B027) on whole pages: furniture of every kind goes, the article stays."""

from __future__ import annotations

import signal

import pytest

from normalizer import clean, load_rules, propose

CODES = [f"B0{n}" for n in range(20, 28)]

ARTICLE = (
    "Floods close schools in the north\n\n"
    "Heavy rain closed schools across the northern region on Monday, officials said.\n\n"
    "Rivers rose by two metres overnight, and several bridges were shut to traffic, the police said.\n\n"
    "\"We have never seen water this high in March,\" a farmer told reporters near the river.\n\n"
    "A second storm is expected on Thursday, forecasters warned.\n"
)

PAGE = (
    "Skip to content\n\n"
    "Weather\n\n"
    "Floods close schools in the north\n\n"
    "Updated: 2024-03-05 10:12\n\n"
    "Heavy rain closed schools across the northern region on Monday, officials said.\n\n"
    "Bagikan\n\nTweet\n\n"
    "Rivers rose by two metres overnight, and several bridges were shut to traffic, the police said.\n\n"
    "Figure 2: Residents carry sandbags to the river bank in the old town.\n\n"
    "Photo by Lena Varga\n\n"
    "\"We have never seen water this high in March,\" a farmer told reporters near the river.\n\n"
    "A second storm is expected on Thursday, forecasters warned.\n\n"
    "Reporter of this newspaper Li Wen\n\n"
    "Most Read\n\n"
    "Copyright © 2024 Valley Courier. All rights reserved.\n\n"
    "Powered by Pressfold\n"
)

EDITED = (
    "Council approves new bus lanes\n\n"
    "By Ana Ruiz\n\n"
    "VALLEYTOWN, March 4 - The city council approved three new bus lanes on Monday after a two-hour debate.\n\n"
    "What changes\n\n"
    "Buses will get their own lane on Main Street from June, the transport office said.\n\n"
    "The plan, first presented on March 5, 2023, was updated twice.\n\n"
    "- Main Street\n- Station Road\n- Harbour Way\n\n"
    "Critics said the lanes would slow car traffic in the centre\n\n"
    "Thank you.\n"
)


def test_a_page_of_furniture_comes_out_as_the_article() -> None:
    out = clean(PAGE, apply="all")
    assert out.text == ARTICLE
    assert {f.rule for f in out.applied} >= {"B020", "B022", "B023", "B024"}


def test_edited_article_keeps_every_line() -> None:
    assert [f for f in propose(EDITED) if f.rule in CODES] == []


def test_safety_follows_the_signal() -> None:
    rules = load_rules(select=CODES)
    alone = {f.original.strip(): f.safety.value for f in propose("Skip to content\n\n" + ARTICLE, rules=rules)}
    assert alone == {"Skip to content": "safe"}
    fixes = {f.original.strip(): f.safety.value for f in propose(PAGE, rules=rules)}
    assert fixes["Skip to content\n\nWeather"] == "review"  # a block is safe only if every line is
    assert [v for k, v in fixes.items() if k.startswith("Figure 2")] == ["review"]


def test_cleaning_is_idempotent_and_deterministic() -> None:
    rules = load_rules(select=CODES)
    once = clean(PAGE, rules=rules, apply="all").text
    assert clean(once, rules=rules, apply="all").text == once
    assert propose(PAGE, rules=rules) == propose(PAGE, rules=rules)


def test_a_single_file_is_enough() -> None:
    """The scorer needs no batch: one document, no corpus statistics."""
    assert any(f.rule == "B020" for f in propose("Skip to content\n\n" + ARTICLE, rules=load_rules(select=["B020"])))


PATHOLOGICAL = {
    "a run of spaces inside a line": "x" + " " * 60000 + "| Europe\n",
    "a dotted word": "a." * 30000,
    "an underscored word": "a_" * 30000,
    "a dateline run": "(A" + " " * 60000 + "=B",
    "many short lines": "Ab Cd\n" * 10000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_lines_finish_quickly(name: str) -> None:
    def hang(signum, frame):  # pragma: no cover - only on a regression
        raise TimeoutError(f"{name}: still running after 20 s")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(20)
    try:
        fixes = propose(PATHOLOGICAL[name], rules=load_rules(select=CODES))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert all(0 <= f.start <= f.end <= len(PATHOLOGICAL[name]) for f in fixes)
