"""Nothing hangs: FIFOs and sockets, symbolic-link loops, deep folders, long words, big alias files."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from normalizer import stream
from normalizer.batch import corpus_stats
from normalizer.finding import find_files
from normalizer.document import DocumentError, read_document

from ..conftest import mtnorm_command

DIRTY = "The minister , who spoke on Monday, said the deal was worth $ 600 million.\n"


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail (rather than hang the test run) if the block takes longer than ``seconds``."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command line, killed after 60 s (a hang is a failure, not a stuck test run)."""
    try:
        return subprocess.run([*mtnorm_command(), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"mtnorm {' '.join(map(str, args))} hung")


@pytest.fixture
def folder_with_fifo(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    (folder / "c.txt").write_text(DIRTY, encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", [["check"], ["diff"], ["clean", "--out", "OUT"], ["alias", "suggest"],
                                     ["check", "--select", "B003"]])
def test_fifo_in_a_folder_is_skipped_with_one_error(folder_with_fifo: Path, command: list[str]) -> None:
    out_dir = folder_with_fifo.parent / "out"
    args = [str(out_dir) if a == "OUT" else a for a in command]
    out = run(*args, folder_with_fifo)
    assert out.returncode == 2, out.stderr
    lines = [x for x in out.stderr.splitlines() if "b.txt" in x]
    assert lines == [f"mtnorm: error: {folder_with_fifo / 'b.txt'}: not a regular file (fifo), skipped"]
    if command == ["check"]:
        assert "a.txt:1:13: S001" in out.stdout and "c.txt:1:13: S001" in out.stdout
    if command[0] == "clean":
        assert (out_dir / "c.txt").read_text(encoding="utf-8") != DIRTY
        assert not (out_dir / "b.txt").exists()


def test_fifo_named_on_the_command_line(folder_with_fifo: Path) -> None:
    out = run("check", folder_with_fifo / "b.txt", folder_with_fifo / "c.txt")
    assert out.returncode == 2
    assert "not a regular file (fifo), skipped" in out.stderr
    assert "c.txt:1:13: S001" in out.stdout


def test_readers_never_open_a_fifo(folder_with_fifo: Path) -> None:
    fifo = folder_with_fifo / "b.txt"
    files = sorted(folder_with_fifo.iterdir())
    with deadline(30):
        with pytest.raises(DocumentError, match=r"not a regular file \(fifo\)"):
            read_document(fifo)
        assert corpus_stats(files, 2) is not None
        assert not stream.should_stream(fifo)
        with pytest.raises(DocumentError, match="not a regular file"):
            stream.check(fifo, [])
        with pytest.raises(DocumentError, match="not a regular file"):
            stream.clean(fifo, [], "safe", None)


def test_review_session_skips_a_fifo(folder_with_fifo: Path) -> None:
    from normalizer import load_rules
    from normalizer.decisions import Journal
    from normalizer.review import ReviewSession

    pairs = list(find_files([folder_with_fifo], ["txt"], []))
    with deadline(30):
        session = ReviewSession.open(pairs, load_rules(), Journal(folder_with_fifo.parent / "journal.jsonl"))
    errors = {s.path.name: s.error for s in session.files}
    assert errors == {"a.txt": None, "b.txt": "not a regular file (fifo), skipped", "c.txt": None}


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        with deadline(30), pytest.raises(DocumentError, match=r"not a regular file \(socket\)"):
            read_document(path)
    finally:
        sock.close()


def test_a_file_swapped_for_a_fifo_after_the_check_is_not_read(folder_with_fifo: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The race between the type check and the open: the opened file is checked again."""
    regular = os.stat(folder_with_fifo / "a.txt")
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: regular if str(p).endswith("b.txt") else real_stat(p, *a, **k))
    with deadline(30), pytest.raises(DocumentError, match=r"not a regular file \(fifo\)"):
        read_document(folder_with_fifo / "b.txt")


# ------------------------------------------------------------------ folder walking


def test_symlink_loops_do_not_stop_the_batch(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    (root / "a" / "b.txt").write_text(DIRTY, encoding="utf-8")
    os.symlink("..", root / "a" / "loop")
    os.symlink("x.txt", root / "a" / "x.txt")           # a link to itself
    os.symlink("y2.txt", root / "a" / "y1.txt")         # two links to each other
    os.symlink("y1.txt", root / "a" / "y2.txt")
    (root / "a" / "z.txt").write_text(DIRTY, encoding="utf-8")
    skipped: list[tuple[Path, str]] = []
    found = [f for f, _ in find_files([root], ["txt"], [], skipped)]
    assert found == [root / "a" / "b.txt", root / "a" / "z.txt"]
    reasons = {p.name: why for p, why in skipped}
    assert reasons["loop"] == "symbolic link to a folder, not followed"
    assert {reasons["x.txt"], reasons["y1.txt"], reasons["y2.txt"]} == {"symbolic link loop, skipped"}
    out = run("clean", "--in-place", "-q", root)
    assert "Traceback" not in out.stderr
    assert (root / "a" / "z.txt").read_text(encoding="utf-8") != DIRTY


def test_folders_nested_a_thousand_deep(tmp_path: Path) -> None:
    root = tmp_path / "in"
    deep = root
    root.mkdir()
    for _ in range(1000):  # not os.makedirs: it recurses once per level
        deep = deep / "d"
        deep.mkdir()
    try:
        (deep / "bottom.txt").write_text(DIRTY, encoding="utf-8")
        (root / "top.txt").write_text(DIRTY, encoding="utf-8")
        assert [f for f, _ in find_files([root], ["txt"], [])] == [deep / "bottom.txt", root / "top.txt"]
    finally:  # shutil.rmtree (pytest's clean-up of old temporary folders) recurses once per level
        (deep / "bottom.txt").unlink(missing_ok=True)
        while deep != root:
            deep.rmdir()
            deep = deep.parent


def test_walk_keeps_order_and_rules(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ("b/2.txt", "b/1.txt", "a.txt", "c/x/3.txt", "skip/4.txt", "b/n.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(DIRTY, encoding="utf-8")
    (tmp_path / "outside.txt").write_text(DIRTY, encoding="utf-8")
    os.symlink(tmp_path / "outside.txt", root / "out.txt")
    os.symlink("a.txt", root / "same.txt")
    os.symlink("c", root / "clink")
    skipped: list[tuple[Path, str]] = []
    found = [f for f, _ in find_files([root, root / "b" / "1.txt"], ["txt"], ["skip"], skipped)]
    assert found == [root / "a.txt", root / "b" / "1.txt", root / "b" / "2.txt", root / "c" / "x" / "3.txt"]
    assert sorted((p.name, why) for p, why in skipped) == [
        ("clink", "symbolic link to a folder, not followed"),
        ("out.txt", "symbolic link to a file outside the folder, skipped"),
        ("same.txt", "the same file as another one in this run, taken once"),
    ]


# ------------------------------------------------------------------ long words


class CountingSet(frozenset):
    """A frozenset that counts membership tests: the work a rule does per cut of a word."""

    calls = 0

    def __contains__(self, item: object) -> bool:
        CountingSet.calls += 1
        return super().__contains__(item)


@pytest.mark.parametrize("letters", ["abcdefghij", "Abcdefghij", "abcdéfghij"])
def test_a_very_long_word_is_checked_in_bounded_work(letters: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from normalizer import load_rules
    from normalizer.engine import propose
    from normalizer.document import Document
    from normalizer.kinds import glued

    monkeypatch.setattr(glued, "FUNCTION_WORDS", CountingSet(glued.FUNCTION_WORDS))
    CountingSet.calls = 0
    word = letters + letters.lower() * 19_999  # 200,000 letters
    text = f"The talks began today. {word} and ended two years agoimplementing it.\n"
    began = time.perf_counter()
    with deadline(120):
        fixes = propose(Document(text), load_rules(select=["G"]))
    assert time.perf_counter() - began < 5
    assert CountingSet.calls < 1000  # was one per cut of the long word: 200,000
    assert [(f.rule, f.replacement) for f in fixes] == [("G001", "ago implementing")]


# ------------------------------------------------------------------ large alias files


def alias_tables(n: int, bad: int | None = None) -> tuple[str, int]:
    """``n`` user alias tables (table ``bad`` has an empty variant list) and the line where ``bad`` starts."""
    parts = ["# user aliases\n"]
    for i in range(1, n + 1):
        variants = "" if i == bad else f'"Zorq{i:06d}", "Zorkk{i:06d}"'
        parts.append(f'\n[[alias]]\ncanonical = "Zork{i:06d}"\nvariants = [{variants}]\nnote = "n"\n')
    bad_line = 5 * bad - 1 if bad else 0  # a header line, then five lines a table, "canonical" the fourth
    return "".join(parts), bad_line


def test_a_large_alias_file_loads_in_linear_time(tmp_path: Path) -> None:
    import time

    from normalizer.loader import load_file

    path = tmp_path / "aliases.toml"
    path.write_text(alias_tables(50_000)[0], encoding="utf-8")
    began = time.perf_counter()
    with deadline(300):
        aliases = load_file(path)[1]
    assert len(aliases) == 50_000
    assert time.perf_counter() - began < 20  # about 3 s here; was about 60 s (quadratic)
    assert aliases[-1].line == 50_000 * 5 - 1  # its "canonical" line


def test_an_error_deep_in_a_large_alias_file_names_its_line(tmp_path: Path) -> None:
    from normalizer.errors import ConfigError
    from normalizer.loader import load_file

    path = tmp_path / "aliases.toml"
    text, line = alias_tables(60_000, bad=50_000)
    path.write_text(text, encoding="utf-8")
    assert text.splitlines()[line - 1] == 'canonical = "Zork050000"'
    with deadline(300), pytest.raises(ConfigError) as caught:
        load_file(path)
    assert str(caught.value).startswith(f"{path}:{line}: alias 'Zork050000': 'variants' is empty")


# ------------------------------------------------------------------ streamed files


@pytest.mark.parametrize("block_chars", [300, 500, 777])
def test_block_edges_never_cut_a_fix(tmp_path: Path, block_chars: int) -> None:
    """A long one-line text full of artefacts: streamed clean == whole-text clean, and a second pass is a no-op."""
    import random

    from normalizer import engine, load_rules
    from normalizer.document import Document

    rules = load_rules()
    rnd = random.Random(5)
    words = "the minister said that talks would resume on Monday after a long pause in the city".split()
    parts = []
    for _ in range(400):  # filler of varying length, so the artefacts land on every side of the edges
        parts.append(" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 12))))
        parts.append(rnd.choice(["the the", "worth $ 600 million", "this year.before", "said , then"]))
    text = "The report. " + " ".join(parts) + ".\n"
    whole = engine.clean(Document(text), rules, "safe").text
    assert whole != text
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    _, result = stream.clean(path, rules, "safe", tmp_path / "stage", block_chars=block_chars)
    assert result.staged is not None
    streamed = result.staged.read_text(encoding="utf-8")
    assert streamed == whole
    again = tmp_path / "again.txt"
    again.write_text(streamed, encoding="utf-8")
    _, second = stream.clean(again, rules, "safe", tmp_path / "stage2", block_chars=block_chars)
    assert not second.changed
    _, fixes, _ = stream.check(path, rules, block_chars=block_chars)
    first_pass, _ = engine.resolve(engine.propose(Document(text), rules))
    assert [(f.start, f.end, f.rule) for f in fixes] == [(f.start, f.end, f.rule) for f in first_pass]
