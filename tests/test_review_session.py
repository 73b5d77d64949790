"""The review session without a terminal: decisions, undo, the journal and writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import clean, load_rules
from normalizer.finding import find_files
from normalizer.decisions import JOURNAL_NAME, Journal
from normalizer.review import ReviewSession, StaleFileError

TEXT = "However, The talks resumed  today.\nTreasury Secretary Bescent spoke about rare lands.\n"


def session(folder: Path, out: Path | None = None) -> ReviewSession:
    pairs = list(find_files([folder], ["txt"], [".*"]))
    return ReviewSession.open(pairs, load_rules(), Journal.for_paths([folder]), out)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def test_decisions_undo_and_progress(folder: Path) -> None:
    s = session(folder)
    rules = [f.rule for f in s.file.fixes]
    assert rules == ["C001", "S002", "N001", "K001"]
    s.approve()
    s.reject()
    assert s.file.decisions == {0: ("approve", "the"), 1: ("reject", "")}
    assert (s.decided, s.total) == (2, 4)
    assert s.undo() and s.file.decisions == {0: ("approve", "the")} and s.cursor == 1
    s.skip()
    assert s.cursor == 2


def test_choose_alternative_and_rest_of_rule(folder: Path) -> None:
    s = session(folder)
    s.cursor = 3  # K001 rare lands
    assert s.choose(1) and s.file.decisions[3] == ("approve", "rare earths")
    assert not s.choose(7)
    s.cursor = 1
    assert s.decide_rest_of_rule(approve=False) == 1


def test_write_applies_approved_and_keeps_a_backup(folder: Path) -> None:
    s = session(folder)
    s.approve()  # C001
    s.reject()   # S002
    s.approve()  # N001
    assert s.unwritten == 2
    s.write()
    text = (folder / "a.txt").read_text()
    assert text == TEXT.replace("The talks", "the talks").replace("Bescent", "Bessent")
    assert (folder / "a.txt.orig").read_text() == TEXT
    assert s.unwritten == 0
    assert [f.rule for f in s.file.fixes] == ["K001"]  # rejected S002 is not proposed again


def test_resume_from_journal(folder: Path) -> None:
    s = session(folder)
    s.approve()
    s.reject()
    again = session(folder)
    assert again.file.decisions == {0: ("approve", "the")}
    assert [f.rule for f in again.file.fixes] == ["C001", "N001", "K001"]
    assert again.cursor == 1
    assert (folder / JOURNAL_NAME).read_text().count("\n") == 2


def test_stale_file_is_never_overwritten(folder: Path) -> None:
    s = session(folder)
    s.approve()
    (folder / "a.txt").write_text("Someone else edited this.\n")
    with pytest.raises(StaleFileError):
        s.write()
    assert (folder / "a.txt").read_text() == "Someone else edited this.\n"


def test_write_to_out_dir_leaves_input(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    s = session(folder, out)
    s.approve()
    s.write()
    assert (out / "a.txt").read_text().startswith("However, the talks")
    assert (folder / "a.txt").read_text() == TEXT and s.unwritten == 0


def test_clean_with_decisions_applies_the_journal(folder: Path) -> None:
    s = session(folder)
    s.approve()  # C001, review
    s.reject()   # S002, safe: vetoed
    journal = Journal(folder / JOURNAL_NAME)
    rules = load_rules()
    from normalizer.engine import clean as engine_clean
    from normalizer import read_document

    doc = read_document(folder / "a.txt")
    out = engine_clean(doc, rules, "safe", journal.chooser(folder / "a.txt")).text
    assert out.startswith("However, the talks resumed  today.")  # approved applied, rejected kept
    assert "Bessent" in out
    assert clean(doc).text.startswith("However, The talks resumed today.")


def test_cli_clean_with_decisions(folder: Path) -> None:
    from .conftest import run_cli

    s = session(folder)
    s.approve()  # C001
    s.reject()   # S002
    out = run_cli("clean", folder / "a.txt", "--out", folder / "out", "--decisions", folder / JOURNAL_NAME)
    assert out.returncode == 1, out.stderr  # N001? no: K001 review fix still pending
    assert (folder / "out/a.txt").read_text().startswith("However, the talks resumed  today.")
    checked = run_cli("check", "--format", "jsonl", folder / "a.txt", "--decisions", folder / JOURNAL_NAME)
    assert '"S002"' not in checked.stdout
    assert run_cli("check", folder / "a.txt", "--decisions", folder / "nope.jsonl").returncode == 2


def test_review_learns_boilerplate_across_the_folder(tmp_path: Path) -> None:
    footer = "Follow Example Daily on social networks for more stories like this one"
    for i, topic in enumerate(["roads", "schools", "water", "parks"]):
        (tmp_path / f"{i}.txt").write_text(f"Officials met to discuss {topic} in district {i}.\n\n{footer}\n")
    s = session(tmp_path)
    assert all(any(f.rule == "B003" for f in st.fixes) for st in s.files)
