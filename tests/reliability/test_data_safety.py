"""Data safety: atomic writes, undo, interrupted batches, failing disks, inputs never overwritten."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from normalizer import batch, cli, document
from normalizer.document import write_atomic
from normalizer.undo import UNDO_NAME

from ..conftest import mtnorm_command, run_cli

DIRTY = "Talks resumed on Monday , officials said, on a deal worth $ 600 billion.\n"
CLEANED = "Talks resumed on Monday, officials said, on a deal worth $600 billion.\n"


WORDS = ("talks ministers budget harbour election river council market farmers schools trains hospital "
         "weather museum festival bridge factory airport").split()


def corpus(folder: Path, n: int = 3, lines: int = 1) -> list[Path]:
    """``n`` stories ending in :data:`DIRTY`, with ``lines - 1`` varied paragraphs before it."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        rng = random.Random(i)
        p = folder / f"story{i:03d}.txt"
        body = "".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + " , as planned.\n\n"
                       for _ in range(lines - 1))
        p.write_text(f"Story {i}.\n\n" + body + DIRTY, encoding="utf-8")
        paths.append(p)
    return paths


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


def test_in_place_then_undo_restores_every_byte(tmp_path: Path) -> None:
    files = corpus(tmp_path / "c")
    (tmp_path / "c" / "clean.txt").write_text("Nothing to do here.\n", encoding="utf-8")
    originals = {p: p.read_bytes() for p in files}
    assert cli.main(["clean", str(tmp_path / "c"), "--in-place", "-q"]) == 0
    assert all(p.read_text(encoding="utf-8").endswith(CLEANED) for p in files)
    assert all(p.with_name(p.name + ".orig").read_bytes() == originals[p] for p in files)
    assert (tmp_path / "c" / UNDO_NAME).is_file()
    assert cli.main(["undo", str(tmp_path / "c")]) == 0
    assert {p: p.read_bytes() for p in files} == originals
    assert not list((tmp_path / "c").glob("*.orig"))  # the backups went back into place
    assert cli.main(["undo", str(tmp_path / "c")]) == 2  # nothing left to undo


def test_undo_refuses_a_file_edited_since_and_force_restores_it(tmp_path: Path) -> None:
    a, b = corpus(tmp_path / "c", 2)
    before_b = b.read_bytes()
    assert cli.main(["clean", str(tmp_path / "c"), "--in-place", "-q"]) == 0
    a.write_text("The reporter's own later edit.\n", encoding="utf-8")
    assert cli.main(["undo", str(tmp_path / "c")]) == 2  # a refused: the edit is kept
    assert a.read_text(encoding="utf-8") == "The reporter's own later edit.\n"
    assert b.read_bytes() == before_b  # the other file was restored
    assert cli.main(["undo", str(tmp_path / "c"), "--force"]) == 0
    assert a.read_text(encoding="utf-8").endswith(DIRTY)


def test_undo_list_shows_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus(tmp_path / "c", 2)
    cli.main(["clean", str(tmp_path / "c"), "--in-place", "-q"])
    capsys.readouterr()
    assert cli.main(["undo", str(tmp_path / "c"), "--list"]) == 0
    assert "2 files" in capsys.readouterr().out


def test_killed_batch_leaves_each_file_whole_and_a_rerun_finishes(tmp_path: Path) -> None:
    expected_dir = tmp_path / "expected"
    files = corpus(tmp_path / "c", 300, 40)
    originals = {p.name: p.read_bytes() for p in files}
    assert run_cli("clean", tmp_path / "c", "--out", expected_dir, "-q").returncode in (0, 1)  # 1: review left
    cleaned = {p.name: (expected_dir / p.name).read_bytes() for p in files}
    assert all(cleaned[n] != originals[n] for n in cleaned)
    proc = subprocess.Popen([*mtnorm_command(), "clean", str(tmp_path / "c"), "--in-place", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = tmp_path / "c" / UNDO_NAME
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not log.exists() or log.stat().st_size < 2000):
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    states = {p.name: p.read_bytes() for p in files}
    done = [n for n in states if states[n] == cleaned[n]]
    untouched = [n for n in states if states[n] == originals[n]]
    assert len(done) + len(untouched) == len(files)  # no file is half-written or mixed
    assert done and untouched, "the kill should land mid-batch"
    assert run_cli("clean", tmp_path / "c", "--in-place", "-q").returncode in (0, 1)
    assert all(p.read_bytes() == cleaned[p.name] for p in files)
    assert run_cli("undo", tmp_path / "c").returncode == 0  # the second run
    assert run_cli("undo", tmp_path / "c").returncode == 0  # the killed one
    assert all(p.read_bytes() == originals[p.name] for p in files)


def _fail_for(name_part: str, err: int, real):
    def fake(*args, **kwargs):
        if any(name_part in str(a) for a in (*args, *kwargs.values())):
            raise OSError(err, os.strerror(err))
        return real(*args, **kwargs)
    return fake


@pytest.mark.parametrize(("where", "err", "reason"), [
    ("replace", errno.ENOSPC, "disk full"),
    ("replace", errno.EROFS, "read-only file system"),
    ("create", errno.EACCES, "permission denied"),
])
@pytest.mark.parametrize("mode", ["--out", "--in-place"])
def test_failed_write_leaves_no_partial_file_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        where: str, err: int, reason: str, mode: str) -> None:
    src = tmp_path / "c"
    src.mkdir()
    bad, good = src / "full.txt", src / "ok.txt"
    bad.write_text(DIRTY, encoding="utf-8")
    good.write_text(DIRTY, encoding="utf-8")
    out = tmp_path / "out"
    if where == "replace":
        monkeypatch.setattr(document.os, "replace", _fail_for("full.txt", err, os.replace))
    else:
        real_open = os.open

        def no_new_files(name, flags, *args, **kwargs):  # the folder refuses new files named after full.txt
            if flags & os.O_CREAT and "full.txt" in str(name):
                raise OSError(err, os.strerror(err))
            return real_open(name, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", no_new_files)
    argv = ["clean", str(src), "-q"] + (["--out", str(out)] if mode == "--out" else ["--in-place"])
    assert cli.main(argv) == 2
    assert f"cannot write: {reason}; nothing was changed" in capsys.readouterr().err
    assert bad.read_text(encoding="utf-8") == DIRTY  # the input is intact
    assert leftovers(tmp_path) == []  # no temporary file left behind
    if mode == "--out":
        assert not (out / "full.txt").exists()
        assert (out / "ok.txt").read_text(encoding="utf-8") == CLEANED
    else:
        assert good.read_text(encoding="utf-8") == CLEANED


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "story.txt"
    target.write_bytes(b"old text\n")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(document.os, "fsync", no_space)
    with pytest.raises(OSError):
        write_atomic(target, b"new text that does not fit\n")
    assert target.read_bytes() == b"old text\n"
    assert leftovers(tmp_path) == []


def test_output_never_overwrites_input(tmp_path: Path) -> None:
    files = corpus(tmp_path / "c", 2)
    before = {p: p.read_bytes() for p in files}
    out = run_cli("clean", tmp_path / "c", "--out", tmp_path / "c")
    assert out.returncode == 2 and "--out is the input folder" in out.stderr
    one = run_cli("clean", files[0], "--out", tmp_path / "c")
    assert one.returncode == 2 and "would overwrite the input" in one.stderr
    assert {p: p.read_bytes() for p in files} == before
    run_cli("check", tmp_path / "c")
    run_cli("diff", tmp_path / "c")
    run_cli("clean", tmp_path / "c", "--out", tmp_path / "elsewhere")
    assert {p: p.read_bytes() for p in files} == before  # only --in-place ever writes an input


def test_in_place_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "store" / "story.txt"
    real.parent.mkdir()
    real.write_text(DIRTY, encoding="utf-8")
    link = tmp_path / "work" / "story.txt"
    link.parent.mkdir()
    link.symlink_to(real)
    assert cli.main(["clean", str(link), "--in-place", "-q"]) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == CLEANED


def test_file_edited_during_the_run_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (story,) = corpus(tmp_path / "c", 1)
    real_process = batch.process

    def process_then_edit(path, *args, **kwargs):
        report = real_process(path, *args, **kwargs)
        time.sleep(0.01)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("A paragraph the reporter added meanwhile.\n")
        return report

    monkeypatch.setattr(batch, "process", process_then_edit)
    assert cli.main(["clean", str(tmp_path / "c"), "--in-place", "-q"]) == 2
    assert "changed on disk while being cleaned; not overwritten" in capsys.readouterr().err
    assert story.read_text(encoding="utf-8").endswith("A paragraph the reporter added meanwhile.\n")


def _count_flushes(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"fsync": 0, "sync": 0}
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls["fsync"] += 1
        real_fsync(fd)

    def sync() -> None:
        calls["sync"] += 1

    monkeypatch.setattr(document.os, "fsync", fsync)
    monkeypatch.setattr(document.os, "sync", sync, raising=False)
    return calls


def test_out_copies_are_flushed_together_at_the_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus(tmp_path / "in", n=4)
    calls = _count_flushes(monkeypatch)
    assert cli.main(["clean", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"]) == 0
    assert sorted(p.read_text(encoding="utf-8")[-len(CLEANED):] for p in (tmp_path / "out").iterdir()) == [CLEANED] * 4
    assert calls == {"fsync": 0, "sync": 1}  # one flush of everything, none per file
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_in_place_flushes_every_file_and_backup_before_replacing(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    corpus(tmp_path / "in", n=2)
    calls = _count_flushes(monkeypatch)
    assert cli.main(["clean", str(tmp_path / "in"), "--in-place", "-q"]) == 0
    assert calls["sync"] == 0 and calls["fsync"] >= 2 * 4  # backup and file, each with its folder


def test_flush_at_end_flushes_even_when_the_run_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_flushes(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        with document.flush_at_end():
            write_atomic(tmp_path / "a.txt", b"one")
            with document.flush_at_end():  # nested: the outer one flushes
                write_atomic(tmp_path / "b.txt", b"two")
            raise KeyboardInterrupt
    assert calls == {"fsync": 0, "sync": 1}
    assert (tmp_path / "a.txt").read_bytes() == b"one" and (tmp_path / "b.txt").read_bytes() == b"two"
    write_atomic(tmp_path / "c.txt", b"three")  # outside: flushed at once again
    assert calls["fsync"] == 2
