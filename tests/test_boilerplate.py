"""Boilerplate: learned furniture across a folder, and clean removal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer import Document, clean, load_rules, read_document
from normalizer.corpus import learn, run_context
from normalizer.scan import RunContext
from normalizer.engine import propose

from .conftest import ROOT, run_cli

FOOTER = "Follow Example Daily on social networks for more stories like this one"
QUOTE = "“We will not back down,” the minister said in a statement on Monday."


TOPICS = ["roads", "schools", "water", "housing", "parks", "buses", "taxes", "libraries"]
CITIES = ["Lyon", "Porto", "Graz", "Turin", "Ghent", "Brno", "Cork", "Malmo"]


def article(i: int, footer: bool, quote: bool) -> str:
    topic, city = TOPICS[i], CITIES[i]
    body = [f"Officials in {city} met to discuss {topic}, the biggest item in this year's budget.",
            f"After a debate on {topic}, the {city} council backed the plan by a narrow margin."]
    if quote:
        body.insert(1, QUOTE)
    if footer:
        body.append(f"{FOOTER} ({2020 + i})")
    return "\n\n".join(body) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "news"
    src.mkdir()
    for i in range(8):
        (src / f"{i}.txt").write_text(article(i, footer=i < 5, quote=i >= 4), encoding="utf-8")
    return src


def test_footer_in_five_of_eight_files_is_learned(folder: Path) -> None:
    out = run_cli("check", "--format", "jsonl", "--select", "B003", folder)
    fixes = [json.loads(line) for line in out.stdout.splitlines()]
    assert sorted(Path(f["path"]).name for f in fixes) == [f"{i}.txt" for i in range(5)]
    assert all("5 of 8 documents" in f["message"] and f["safety"] == "review" for f in fixes)
    assert all(f["original"].strip().startswith("Follow Example Daily") for f in fixes)


def test_shared_quotation_is_not_learned(folder: Path) -> None:
    docs = [read_document(p) for p in sorted(folder.glob("*.txt"))]
    run = run_context(d.text for d in docs)
    rules = load_rules(select=["B003"])
    assert run.stats.repeated and all(QUOTE not in f.original for d in docs for f in propose(d, rules, run))


def test_threshold_is_configurable(folder: Path) -> None:
    assert run_cli("check", "--select", "B003", "--learn-min-docs", "6", folder).returncode == 0
    assert run_cli("check", "--select", "B003", "--learn-min-docs", "0", folder).returncode == 0
    assert learn([article(1, True, False)] * 2, min_docs=3).repeated == {}


def test_learned_footer_removed_cleanly(folder: Path, tmp_path: Path) -> None:
    out = run_cli("clean", folder, "--out", tmp_path / "out", "--select", "B003,S", "--apply", "all")
    assert out.returncode == 0, out.stderr
    for p in sorted((tmp_path / "out").glob("*.txt")):
        text = p.read_text()
        assert "Follow Example" not in text
        assert text.endswith(".\n") and "\n\n\n" not in text


GOLD = [json.loads(line) for line in (ROOT / "seeds/gold.jsonl").read_text(encoding="utf-8").splitlines()]
MUST = [g for g in GOLD if g["category"] == "boilerplate" and g["level"] == "must"]


@pytest.mark.parametrize("item", MUST, ids=[g["before"][:30] for g in MUST])
def test_seed_boilerplate_is_removed(item: dict) -> None:
    doc = read_document(ROOT / "seeds" / item["doc"])
    out = clean(doc, apply="all").text
    afters = item["after"] if isinstance(item["after"], list) else [item["after"]]
    assert item["before"] not in out
    assert any(a in out for a in afters if a) or "" in afters
    assert not out.startswith("\n") and "\n\n\n" not in out and not out.endswith("\n\n")


LINES = st.sampled_from([
    "The talks resumed on Monday in Geneva, officials said.",
    "A second round is planned for next month in Madrid, the ministry added.",
    "Open image in the gallery Delegates arrive ( AP ))",
    "Disclaimer: The article represents the author's personal views.",
    "Subscribe to our newsletter for the latest news.",
    "Also on the topic:",
    "Original article: https://example.com/a/1",
])


def well_formed(text: str) -> bool:
    return text == "" or (not text.startswith("\n") and "\n\n\n" not in text
                          and text.endswith("\n") and not text.endswith("\n\n"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(LINES, st.sampled_from(["\n", "\n\n"])), min_size=1, max_size=10))
def test_removal_leaves_well_formed_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(line + sep for line, sep in parts[:-1]) + parts[-1][0] + "\n"
    assert well_formed(text)
    # one removal is clean by itself; when neighbouring lines go together, the layout
    # rules (S009-S011) close the gap in the same run
    rules = load_rules(select=["boilerplate", "S009", "S010", "S011"])
    out = clean(Document(text), rules=rules, apply="all").text
    assert well_formed(out), repr(out)
    assert "The talks resumed" in out or "The talks resumed" not in text


def test_saved_learned_line_becomes_a_rule(folder: Path) -> None:
    rules_file = folder.parent / "mtnorm-rules.toml"
    rules_file.write_text("# our furniture\n")
    out = run_cli("boilerplate", "save", f"{FOOTER} (2020)", cwd=folder.parent)
    assert out.returncode == 0, out.stderr
    assert rules_file.read_text().startswith("# our furniture\n")
    checked = run_cli("check", "--format", "jsonl", "--select", "B900", "news", cwd=folder.parent)
    fixes = [json.loads(line) for line in checked.stdout.splitlines()]
    assert len(fixes) == 5 and all(f["safety"] == "safe" for f in fixes)


# ---------------------------------------------------------------- the fast paths of the learning pass

def _regex_units(text: str) -> list:
    """The definition the fast ``units`` must agree with: paragraphs, then lines, found by regex."""
    from normalizer.corpus import BLOCK, LINE

    out = []
    for b in BLOCK.finditer(text):
        block = b.group().rstrip("\n")
        if "\n" in block:
            out.append((b.start(), b.start() + len(block), block))
    out += [(m.start(), m.end(), m.group()) for m in LINE.finditer(text)]
    return out


def _regex_key(unit: str) -> str:
    import hashlib

    from normalizer.corpus import DIGITS, SPACES

    norm = SPACES.sub(" ", DIGITS.sub("0", unit.lower())).strip()
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=12).hexdigest()



PIECES = st.sampled_from(["a", "B", " ", "\t", "\n", "\n\n", "\x1c", "1", "٣", "é", "\u2003", "x y", "Line two.", "“quoted words here”"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_fast_units_and_keys_agree_with_the_regex_definitions(text: str) -> None:
    from normalizer.corpus import key, units

    assert list(units(text)) == _regex_units(text)
    assert key(text) == _regex_key(text)


def test_repeated_units_have_their_pieces_and_texts_without_one_are_skipped() -> None:
    from normalizer.corpus import pieces, runs
    from normalizer.folding import fold

    assert runs("Subscribe to our NEWSLETTER (2024) now") == ("newsletter", "subscribe")  # four letters or more
    assert pieces(runs("Subscribe to our NEWSLETTER (2024) today")) == ("newsletter", "subscribe")  # the rarest two
    assert runs("12 34 56 78 90 -- 11 a b") == ()  # no run of four letters: no gate
    texts = [article(i, footer=i < 5, quote=False) for i in range(8)]
    stats = learn(texts)
    assert len(stats.repeated) == 1 and stats.pieces == (("networks", "stories"),)  # the footer's rarest words
    assert stats.may_repeat(fold(texts[0])) and not stats.may_repeat(fold("Markets were calm on Monday.\n"))
    rule = [r for r in load_rules(select=["B003"])]
    assert propose(Document("Markets were calm on Monday.\n"), rule, RunContext(stats)) == []
    assert [f.rule for f in propose(Document(texts[1]), rule, RunContext(stats))] == ["B003"]
    assert propose(Document(texts[1]), rule) == []  # no run context: nothing learned


def test_a_repeated_unit_without_a_piece_turns_the_gate_off() -> None:
    from normalizer.corpus import Tally

    a, b = Tally(), Tally()
    for t in (a, b):  # the footer once in each tally: three documents in all, no tally saw it twice
        t.add(article(0, footer=True, quote=False))
    a.add(article(1, footer=True, quote=False))  # twice in a: its piece is known there
    assert a.merge(b).stats(3).pieces is not None
    c, d = Tally(), Tally()
    for t in (c, d):
        t.add(article(2, footer=True, quote=False))
    c.merge(d).merge(Tally(1, __import__("collections").Counter(a.units)))  # counted, piece unknown
    stats = c.stats(3)
    assert stats.repeated and stats.pieces is None
    assert stats.may_repeat("anything at all")  # no gate: B003 looks at every text
