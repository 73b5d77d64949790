"""Alias data, the alias commands, and name clusters across files (`alias suggest`)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from normalizer import ConfigError, clean, load_rules, read_document
from normalizer.aliases import is_ordinary_word, validate
from normalizer.api import load_aliases
from normalizer.name_clusters import collect, suggest
from normalizer.loader import shipped_rules_dir

from .conftest import ROOT, run_cli

SHIPPED = shipped_rules_dir() / "aliases.toml"


def test_shipped_alias_data_is_well_formed() -> None:
    data = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    tables = data["alias"]
    assert len(tables) >= 150
    canonicals = [t["canonical"] for t in tables]
    assert len(canonicals) == len(set(canonicals)), "an entity is listed twice"
    aliases = load_aliases()
    assert validate(aliases) == []
    variants = [v for a in aliases for v in a.variants]
    assert len(variants) == len(set(variants)), "a variant belongs to two entities"
    for a in aliases:
        for v in a.variants:
            assert v not in canonicals
            assert v not in a.canonical.split(), f"{v!r} sits inside its canonical {a.canonical!r}"
            if is_ordinary_word(v):
                assert v in a.ordinary_words and v in a.review, v


def test_bad_alias_table_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "aliases.toml"
    bad.write_text('# mine\n\n[[alias]]\ncanonical = "Bessent"\nvariants = ["Table"]\n')
    with pytest.raises(ConfigError, match=r"aliases.toml:4: .*common English word"):
        load_aliases([bad])
    bad.write_text('[[alias]]\ncanonical = "Bessent"\nvariants = ["Sheinbaum"]\n')
    with pytest.raises(ConfigError, match="canonical form of another entity"):
        load_aliases([bad])


@pytest.mark.parametrize("name", ["Russel", "Hassett", "Leavitt", "Greer", "Doshi", "Triolo", "Rollins", "Medeiros"])
def test_correct_names_in_seeds_are_never_changed(name: str) -> None:
    rules = load_rules(select=["name"])
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = read_document(path).text
        out = clean(text, rules=rules, apply="all").text
        assert out.count(name) == text.count(name)


def test_alias_commands_round_trip_a_commented_file(tmp_path: Path) -> None:
    aliases = tmp_path / "mtnorm-aliases.toml"
    aliases.write_text("# Our newsroom's names\n\n[[alias]]\ncanonical = \"Okonjo\"  # the minister\nvariants = [\"Okonja\"]\n")
    (tmp_path / "a.txt").write_text("Finance Minister Okonjia and Okonja spoke.\n")
    assert run_cli("check", "a.txt", "--select", "N001", cwd=tmp_path).stdout.count("N001") == 1
    out = run_cli("alias", "add", "Okonjo", "--variant", "Okonjia", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = aliases.read_text()
    assert "# Our newsroom's names" in text and "# the minister" in text
    checked = run_cli("check", "a.txt", "--select", "N001", cwd=tmp_path)
    assert checked.stdout.count("N001") == 2
    listed = json.loads(run_cli("alias", "list", "--format", "json", cwd=tmp_path).stdout)
    assert listed[0]["canonical"] == "Okonjo" and listed[0]["variants"] == ["Okonja", "Okonjia"]
    assert run_cli("alias", "remove", "Okonjo", "--variant", "Okonja", cwd=tmp_path).returncode == 0
    assert "Okonja\"" not in aliases.read_text() and "# the minister" in aliases.read_text()
    assert run_cli("alias", "remove", "Okonjo", cwd=tmp_path).returncode == 0
    assert "Okonjo" not in aliases.read_text() and "# Our newsroom's names" in aliases.read_text()


def test_alias_add_refuses_bad_variants(tmp_path: Path) -> None:
    for variant, reason in (("Sheinbaum", "canonical form of another"), ("Table", "common English word"),
                            ("Pekin", "already belongs to 'Beijing'")):
        out = run_cli("alias", "add", "Bessent", "--variant", variant, cwd=tmp_path)
        assert out.returncode == 2 and reason in out.stderr, out.stderr
    forced = run_cli("alias", "add", "Bessent", "--variant", "Table", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    data = tomllib.loads((tmp_path / "mtnorm-aliases.toml").read_text())
    assert data["alias"][0]["review"] == ["Table"]


def test_suggest_finds_the_bessent_cluster_from_the_texts_alone(tmp_path: Path) -> None:
    out = run_cli("alias", "suggest", "--no-builtin-aliases", "--format", "json", ROOT / "seeds", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    clusters = json.loads(out.stdout)["clusters"]
    bessent = next(c for c in clusters if c["canonical"] == "Bessent")
    assert {m["name"] for m in bessent["members"]} >= {"Bessent", "Bescent", "Becent", "Bessed"}
    assert not bessent["from_alias_data"]
    assert all(m["examples"] for m in bessent["members"])


def test_suggest_exclusion_is_remembered(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Bessent and Bessant met Bessemt. Bessent left.\n")
    first = run_cli("alias", "suggest", "a.txt", "--no-builtin-aliases", "--exclude", "Bessemt=Bessent",
                    "--write", "mine.toml", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    data = tomllib.loads((tmp_path / "mine.toml").read_text())
    assert data["not_alias"] == [{"canonical": "Bessent", "names": ["Bessemt"]}]
    assert data["alias"][0]["variants"] == ["Bessant"]
    again = run_cli("alias", "suggest", "a.txt", "--no-builtin-aliases", "--rules", "mine.toml",
                    "--format", "json", cwd=tmp_path)
    names = {m["name"] for c in json.loads(again.stdout)["clusters"] for m in c["members"]}
    assert "Bessemt" not in names


def test_discovery_never_links_two_ordinary_words() -> None:
    from normalizer import Document

    docs = [Document("Green and Greer met Greene. Russia and Russel spoke.")]
    assert suggest(collect(docs)) == []


def test_fuzzy_names_use_the_other_files_of_a_run(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Minister Okonjo said the budget would pass, Okonjo told reporters in part {i}.\n")
    (tmp_path / "3.txt").write_text("The budget passed on Tuesday, Okonja said.\n")
    out = run_cli("check", "--format", "jsonl", "--select", "N002", tmp_path)
    fixes = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(Path(f["path"]).name, f["original"], f["replacement"]) for f in fixes] == [("3.txt", "Okonja", "Okonjo")]
    assert "files of this run" in fixes[0]["message"]
    alone = run_cli("check", "--select", "N002", tmp_path / "3.txt")
    assert alone.returncode == 0


def test_name_blocks_give_exactly_the_names_the_fuzzy_rule_may_score() -> None:
    import random

    from normalizer.kinds.names import NameBlocks

    rng = random.Random(11)
    names = list(dict.fromkeys("".join(rng.choice("SsOoKkaeiu") for _ in range(rng.randint(1, 9))).capitalize()
                                for _ in range(3000)))
    blocks = NameBlocks(names)
    for word in rng.sample(names, 300) + ["Okonja", "S", "Zed"]:
        assert blocks.near(word) == [t for t in names if t[:1] == word[:1] and abs(len(t) - len(word)) <= 2]


def test_fuzzy_names_against_a_run_of_many_names(tmp_path: Path) -> None:
    """Tens of thousands of run-wide names: the word is scored against its block only, and still found."""
    import random

    from normalizer import Document
    from normalizer.corpus import CorpusStats
    from normalizer.engine import propose
    from normalizer.scan import RunContext

    rng = random.Random(5)
    names = {"".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4)).capitalize(): 3
             for _ in range(30000)}
    names["Okonjo"] = 40
    rule = [r for r in load_rules() if r.code == "N002"]
    doc = Document("The budget passed on Tuesday, Okonja said.\n")
    run = RunContext(CorpusStats(100, 3, {}, names))
    assert [(f.original, f.replacement) for f in propose(doc, rule, run)] == [("Okonja", "Okonjo")]
