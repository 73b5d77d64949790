"""B020: a lead-in to embedded content ("... below:") whose content is gone, and the lead-ins that keep theirs."""

from __future__ import annotations

import pytest

from normalizer import load_rules, propose

CODES = [f"B0{n}" for n in range(20, 28)]
TOP = ("Storm closes mountain roads\n\n"
       "Snow closed three mountain passes on Friday and left hundreds of drivers stranded, officials said.\n\n")
BOTTOM = "\n\nPloughs are expected to reopen the passes by Sunday, the road agency said.\n"


def _furniture(middle: str) -> list[str]:
    return [f.original.strip() for f in propose(TOP + middle + BOTTOM, rules=load_rules(select=CODES))]


@pytest.mark.parametrize("lead, nxt", [
    ("AlpineWire below:", "The closures affect the northern valleys, where some forty villages are cut off."),
    ("Watch the video below:", "The closures affect the northern valleys, where some forty villages are cut off."),
    ("See the post below:", "Rescue teams reached the last stranded bus late on Friday, the police said."),
    ("Read the full statement below:", "The closures affect the valleys, the regional governor told reporters."),
    ("Next, the video:", "The closures affect the northern valleys, where some forty villages are cut off."),
    ("Below, the publication:", "Rescue teams reached the last stranded bus late on Friday, the police said."),
])
def test_lead_in_without_its_content(lead: str, nxt: str) -> None:
    assert _furniture(f"{lead}\n\n{nxt}") == [lead]


@pytest.mark.parametrize("lead, nxt", [
    ("Read the full statement below:", "We ask every driver to stay off the mountain roads until the ploughs have passed."),
    ("See the post below:", "“Roads closed until Sunday, stay safe,” the agency wrote on X (@RoadAgency)."),
    ("The closed roads are listed below:", "- Pass of the Eagles, from the northern gate to the lake"),
    ("The agency's advice is below:", "“Carry chains, water and a blanket in every car,” it said."),
    ("Here is what drivers should know below:", "Key points"),
    ("The post:", "Roads are closed until Sunday and every driver should stay at home tonight.\n\n— Road Agency (@RoadAgency)"),
    ("See the post below:", "Crews are clearing the northern pass first, then the lake road on Saturday.\n\n— Road Agency (@RoadAgency) March 3, 2024"),
])
def test_lead_in_with_its_content_stays(lead: str, nxt: str) -> None:
    assert _furniture(f"{lead}\n\n{nxt}") == []


def test_a_sentence_ending_below_stays() -> None:
    text = "The agency gave the full list of closures, which we reproduce in the table below:\n\nThe closures affect the northern valleys, where some forty villages are cut off."
    assert _furniture(text) == []
