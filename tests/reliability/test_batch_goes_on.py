"""A batch never stops or lies because of one bad target (missing paths, failed writes)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from normalizer import cli
from normalizer.undo import UNDO_NAME

DIRTY = "Talks resumed on Monday , officials said, on a deal worth $ 600 billion.\n"
CLEANED = "Talks resumed on Monday, officials said, on a deal worth $600 billion.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", [["check"], ["diff"], ["clean", "--out", "OUT"], ["alias", "suggest"]])
def test_a_missing_path_is_one_error_line_and_the_rest_is_processed(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    argv = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    status = cli.main([*argv, str(corpus), str(tmp_path / "missing.txt")])
    captured = capsys.readouterr()
    assert status == 2
    errors = [line for line in captured.err.splitlines() if line.startswith("mtnorm: error:")]
    assert errors == [f"mtnorm: error: {tmp_path / 'missing.txt'}: no such file or folder"]
    if command[0] == "check":
        assert "S001" in captured.out or "S005" in captured.out  # a.txt was still checked
    if command[0] == "diff":
        assert "+Talks resumed on Monday, officials said" in captured.out
    if command[0] == "clean":
        assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == CLEANED


def test_review_with_a_missing_path_and_an_unreadable_file_exits_2(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (corpus / "bad.txt").write_bytes(b"caf\xe9\n")
    import normalizer.tui as tui

    class Headless:  # the app as a reviewer who quits at once
        def __init__(self, pairs, rules, journal, *args) -> None:
            from normalizer.review import ReviewSession
            self.session = ReviewSession.open(pairs, rules, journal, None)

        def run(self):
            return self.session

    monkeypatch.setattr(tui, "ReviewApp", Headless)
    assert cli.main(["review", str(corpus), str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt: no such file or folder" in err and "bad.txt" in err


def _refuse_replace(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith(name):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("mode", ["--out", "--in-place"])
def test_the_summary_counts_files_that_could_not_be_written(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        mode: str) -> None:
    (corpus / "b.txt").write_text(DIRTY, encoding="utf-8")
    _refuse_replace(monkeypatch, "b.txt")
    target = ["--out", str(tmp_path / "out")] if mode == "--out" else ["--in-place"]
    assert cli.main(["clean", str(corpus), *target]) == 2
    out = capsys.readouterr().out
    assert "2 files, 1 changed, 2 fixes applied, 0 left to review. 1 file could not be written." in out


def test_a_failed_in_place_write_leaves_no_backup_and_nothing_to_undo(
        corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse_replace(monkeypatch, "a.txt")
    assert cli.main(["clean", str(corpus), "--in-place", "-q"]) == 2
    assert sorted(p.name for p in corpus.iterdir()) == [UNDO_NAME, "a.txt"]
    assert (corpus / "a.txt").read_text(encoding="utf-8") == DIRTY
    monkeypatch.undo()
    capsys.readouterr()
    assert cli.main(["undo", str(corpus)]) == 2
    assert "nothing to undo" in capsys.readouterr().err
