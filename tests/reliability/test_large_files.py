"""Large files are streamed in paragraph blocks: exact offsets, the same fixes, bounded memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from normalizer import engine, load_rules, read_document, stream
from normalizer.batch import process

from ..conftest import ROOT, run_cli

LOCAL = load_rules(select=["S", "D", "E", "B", "K", "Z", "C"], ignore=["B003"])  # rules that look at a paragraph


def big_text(copies: int = 6) -> str:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt"))]
    return "\n\n".join(seeds[i % len(seeds)] for i in range(copies))


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "STREAM_OVER", 1000)
    monkeypatch.setattr(stream, "BLOCK_CHARS", 3000)
    monkeypatch.setattr(stream, "CONTEXT_CHARS", 800)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_streamed_check_matches_whole_file_check(tmp_path: Path, small_blocks: None, newline: str) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(big_text().replace("\n", newline).encode("utf-8"))
    whole = read_document(path)
    expected, _ = engine.resolve(engine.propose(whole, LOCAL))
    report = process(path, LOCAL, "check", "safe")
    assert report.positions is not None, "the file should have been streamed"
    assert [(f.start, f.end, f.rule, f.replacement) for f in report.fixes] == \
           [(f.start, f.end, f.rule, f.replacement) for f in expected]
    assert all(report.position(f) == whole.position(f.start) for f in report.fixes)
    assert all(whole.text[f.start:f.end] == f.original for f in report.fixes)


def test_streamed_clean_matches_whole_file_clean(tmp_path: Path, small_blocks: None) -> None:
    path = tmp_path / "big.txt"
    path.write_text(big_text(), encoding="utf-8")
    expected = engine.clean(read_document(path), LOCAL, "all").text
    report = process(path, LOCAL, "clean", "all", stage_dir=tmp_path)
    assert report.result is not None and report.result.staged is not None
    assert report.result.staged.read_text(encoding="utf-8") == expected


def test_streamed_offsets_are_exact_with_every_rule(tmp_path: Path, small_blocks: None) -> None:
    path = tmp_path / "big.txt"
    path.write_text(big_text(), encoding="utf-8")
    text = read_document(path).text
    report = process(path, load_rules(), "check", "all")
    assert report.fixes and all(text[f.start:f.end] == f.original for f in report.fixes)


def test_cli_streams_large_files_in_every_command(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.txt").write_text(big_text(8), encoding="utf-8")
    env = {**os.environ, "MTNORM_STREAM_OVER": "20000"}
    cmd = [sys.executable, "-m", "normalizer"]

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, timeout=300)

    whole = run_cli("check", "--format", "jsonl", src)
    streamed = cli("check", "--format", "jsonl", str(src))
    assert streamed.returncode == whole.returncode == 1
    assert [json.loads(x)["rule"] for x in streamed.stdout.splitlines()]  # same contract, one fix per line
    assert cli("clean", str(src), "--out", str(tmp_path / "out"), "-q").returncode in (0, 1)
    diff = cli("diff", str(src))
    assert diff.returncode == 1 and diff.stdout.startswith(f"--- a/{str(src / 'big.txt').lstrip('/')}")
    patched = tmp_path / "patched.txt"
    patched.write_bytes((src / "big.txt").read_bytes())
    subprocess.run(["patch", "-s", str(patched)], input=diff.stdout, text=True, check=True)
    assert patched.read_bytes() == (tmp_path / "out" / "big.txt").read_bytes()  # the diff is what clean writes
    before = (src / "big.txt").read_bytes()
    assert cli("clean", str(src), "--in-place", "-q").returncode in (0, 1)
    assert (src / "big.txt").read_bytes() == (tmp_path / "out" / "big.txt").read_bytes()
    assert cli("undo", str(src)).returncode == 0
    assert (src / "big.txt").read_bytes() == before


def test_memory_stays_bounded_on_a_large_file(tmp_path: Path) -> None:
    path = tmp_path / "large.txt"
    piece = big_text(5)
    with open(path, "w", encoding="utf-8") as fh:
        while fh.tell() < 60_000_000:
            fh.write(piece + "\n\n")
    # VmHWM is this process image's own peak (ru_maxrss would include the forking pytest's size)
    probe = ("import sys\nfrom normalizer import cli\n"
             "code = cli.main(sys.argv[1:])\n"
             "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
             "print(int(hwm.split()[1]) // 1024)\n")
    env = {**os.environ, "MTNORM_STREAM_OVER": str(1 << 20)}
    out = subprocess.run([sys.executable, "-c", probe, "clean", str(path), "--out", str(tmp_path / "out"), "-q",
                          "--select", "S001,S002,S005,D001"], capture_output=True, text=True, env=env, timeout=600)
    peak_mb = int(out.stdout.split()[-1])
    assert (tmp_path / "out" / "large.txt").stat().st_size > 50_000_000
    assert peak_mb < 300, f"peak memory {peak_mb} MB for a 60 MB file"
