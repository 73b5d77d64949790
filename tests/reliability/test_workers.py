"""A run loads its rules once, writes no cache while loading, and lets its workers write their files."""

from __future__ import annotations

import errno
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from normalizer import api, batch, cli
from normalizer.api import load_run_rules
from normalizer.outputs import Done, Output
from normalizer.undo import UNDO_NAME

from ..conftest import run_cli

PLACES = ["Lagos", "Quito", "Oslo", "Hanoi", "Lima", "Accra", "Dakar", "Riga", "Sofia", "Tunis", "Kigali",
          "Male", "Baku", "Minsk", "Doha", "Bern", "Rabat", "Vaduz", "Apia", "Suva", "Lusaka", "Nuuk", "Praia", "Taipei"]
VERBS = ["resumed", "stalled", "began", "ended", "paused", "moved"]


def dirty(i: int) -> str:
    """A story of its own (nothing repeats across the run), with a space before a comma and after a dollar sign."""
    return (f"Talks in {PLACES[i]} {VERBS[i % 6]} on day {i} , officials said of a deal worth $ {600 + i} million.\n"
            f"The {PLACES[-1 - i]} office gave no figure.\n")


def cleaned(i: int) -> str:
    return dirty(i).replace(" ,", ",").replace("$ ", "$")


def stories(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for i in range(count):
        paths.append(folder / f"story{i:02d}.txt")
        paths[-1].write_text(dirty(i), encoding="utf-8")
    return paths


def count_rule_loads(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each build of the data rules, in whichever process, adds that process's id to ``log``."""
    real = api.data_rules

    def counted(*args, **kwargs):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "data_rules", counted)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_check_loads_the_rules_once_in_the_parent_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    stories(tmp_path / "in", 6)
    log = tmp_path / "loads.txt"
    count_rule_loads(monkeypatch, log)
    assert cli.main(["check", "-j", jobs, str(tmp_path / "in")]) == 1
    assert "S001" in capsys.readouterr().out
    assert log.read_text(encoding="utf-8").split() == [str(os.getpid())]


def test_rules_travel_to_a_fresh_worker_as_their_spec(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text('[[alias]]\ncanonical = "Brannigan"\nvariants = ["Branigen"]\n', encoding="utf-8")
    rules = load_run_rules(["S", "N001"], ["S002"], [extra])
    data = pickle.dumps(rules)
    assert b"Branigen" not in data and len(data) < 4096  # the spec, not the compiled rules
    again = pickle.loads(data)
    assert again.error is None and [r.code for r in again] == [r.code for r in rules] and "N001" in again.spec.select
    fixed = api.clean("Mr Branigen spoke .\n", rules=again, apply="all").text
    assert fixed == "Mr Brannigan spoke.\n"


def test_a_rule_file_changed_during_the_run_fails_each_file_of_a_fresh_worker(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text('[[alias]]\ncanonical = "Brannigan"\nvariants = ["Branigen"]\n', encoding="utf-8")
    rules = load_run_rules(rule_files=[extra])
    extra.write_text('[[alias]]\ncanonical = "Brannigan"\nvariants = ["Branigen", "Brenigan"]\n', encoding="utf-8")
    again = pickle.loads(pickle.dumps(rules))
    assert len(again) == 0 and "changed during the run" in again.error
    (story,) = stories(tmp_path / "in", 1)
    batch._init_worker(again)
    try:
        report = batch._process_in_worker((story, "check", "safe", None))
    finally:
        batch._init_worker(())
    assert report.error == again.error and not report.fixes


def test_loading_rules_writes_no_cache_and_a_run_saves_it_at_its_end(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    env = {**os.environ, "MTNORM_CACHE_DIR": str(cache)}
    code = "from normalizer.api import load_rules, load_run_rules; load_rules(); load_run_rules(['S'])"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    assert list(cache.iterdir()) == []
    (story,) = stories(tmp_path / "in", 1)
    out = subprocess.run([sys.executable, "-m", "normalizer", "check", str(story)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "S001" in out.stdout
    assert [p.name for p in cache.glob("bytepatterns-*")]  # kept for the next run


def test_a_read_only_cache_folder_is_left_alone_without_a_word(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    immutable = False
    if os.geteuid() == 0:  # root writes through permission bits: make the folder immutable instead
        immutable = subprocess.run(["chattr", "+i", str(cache)], capture_output=True).returncode == 0
        if not immutable:
            pytest.skip("cannot make a folder read-only for root here")
    try:
        with pytest.raises(OSError):
            (cache / "probe").write_bytes(b"")
        stories(tmp_path / "in", 3)
        env = {**os.environ, "MTNORM_CACHE_DIR": str(cache)}
        for argv, status in ((["check"], 1), (["clean", "--out", str(tmp_path / "out"), "-j", "2"], 0)):
            out = subprocess.run([sys.executable, "-m", "normalizer", *argv, str(tmp_path / "in")], env=env,
                                 capture_output=True, text=True, timeout=120)
            assert out.returncode == status, out.stderr
            assert out.stderr == ""
        assert list(cache.iterdir()) == []
        assert (tmp_path / "out" / "story00.txt").read_text(encoding="utf-8") == cleaned(0)
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(cache)], check=True)
        cache.chmod(0o755)


def test_workers_write_the_copies_and_send_back_summaries(tmp_path: Path) -> None:
    files = stories(tmp_path / "in", 8)
    output = Output({f: tmp_path / "in" for f in files}, tmp_path / "out", parent=os.getpid())
    rules = load_run_rules()
    reports = batch.run(files, "clean", "safe", rules=rules, jobs=2, deliver=output)
    assert [r.path for r in reports] == files
    assert all(r.document is None and isinstance(r.result, Done) and r.result.changed for r in reports)
    assert {f.rule for r in reports for f in r.result.applied} == {"S001", "S005"}
    for i, f in enumerate(files):
        assert (tmp_path / "out" / f.name).read_text(encoding="utf-8") == cleaned(i)


def test_a_worker_whose_run_is_gone_writes_nothing(tmp_path: Path) -> None:
    (story,) = stories(tmp_path / "in", 1)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process id that is neither this process nor its parent
    output = Output({story: tmp_path / "in"}, tmp_path / "out", parent=gone.pid)
    report = output(batch.process(story, api.load_rules(), "clean", "safe"))
    assert "stopped" in report.write_error and not (tmp_path / "out").exists()


@pytest.mark.parametrize("mode", ["--out", "--in-place"])
def test_a_failed_write_in_a_worker_is_one_error_line_in_file_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], mode: str) -> None:
    files = stories(tmp_path / "in", 9)
    (tmp_path / "in" / "story03.txt").write_bytes(b"caf\xe9 au lait\n")  # unreadable as UTF-8
    real = os.replace

    def refuse(src, dst, *args, **kwargs):  # inherited by the forked workers
        if str(dst).endswith("story06.txt"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", refuse)
    target = ["--out", str(tmp_path / "out")] if mode == "--out" else ["--in-place"]
    assert cli.main(["clean", str(tmp_path / "in"), *target, "-j", "2"]) == 2
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("mtnorm: error:")]
    assert len(errors) == 2 and "story03.txt" in errors[0] and "story06.txt: cannot write: read-only" in errors[1]
    assert "9 files, 7 changed, 14 fixes applied, 0 left to review, 1 error. 1 file could not be written." in captured.out
    written = tmp_path / "out" if mode == "--out" else tmp_path / "in"
    for i, f in enumerate(files):
        if i not in (3, 6):
            assert (written / f.name).read_text(encoding="utf-8") == cleaned(i)
    if mode == "--in-place":
        assert files[6].read_text(encoding="utf-8") == dirty(6)


def test_in_place_with_workers_shares_one_journal_and_undo_restores_every_file(tmp_path: Path) -> None:
    files = stories(tmp_path / "in", 24)
    before = {f: f.read_bytes() for f in files}
    out = run_cli("clean", tmp_path / "in", "--in-place", "-j", "2", "-q")
    assert out.returncode == 0 and out.stderr == ""
    assert all(f.read_text(encoding="utf-8") == cleaned(i) for i, f in enumerate(files))
    rows = (tmp_path / "in" / UNDO_NAME).read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(files) and all(r.startswith("{") and r.endswith("}") for r in rows)
    listed = run_cli("undo", tmp_path / "in", "--list")
    assert listed.returncode == 0 and "24 files" in listed.stdout
    assert run_cli("undo", tmp_path / "in").returncode == 0
    assert {f: f.read_bytes() for f in files} == before


def test_workers_started_afresh_build_the_rules_and_write_the_same_files(tmp_path: Path) -> None:
    """With the ``spawn`` start method (macOS, Windows; ``forkserver`` is Python 3.14's default on Linux)
    nothing is inherited: the rules travel as their spec and the output folder as a path."""
    stories(tmp_path / "in", 6)
    spawn = ("import multiprocessing, sys; multiprocessing.set_start_method('spawn'); "
             "from normalizer import cli; sys.exit(cli.main(sys.argv[1:]))")
    for jobs, out in (("1", "one"), ("2", "two")):
        done = subprocess.run([sys.executable, "-c", spawn, "clean", str(tmp_path / "in"), "--out", str(tmp_path / out),
                               "-j", jobs], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        assert "6 files, 6 changed, 12 fixes applied" in done.stdout
    for i in range(6):
        name = f"story{i:02d}.txt"
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
        assert (tmp_path / "two" / name).read_text(encoding="utf-8") == cleaned(i)
