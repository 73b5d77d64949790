"""``--jobs 1`` and ``--jobs N`` give identical output: the same fixes, the same files, the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import DATA, ROOT, run_cli


def make_corpus(folder: Path) -> Path:
    folder.mkdir()
    for p in sorted(ROOT.glob("seeds/*.txt")) + sorted((DATA / "prose").glob("*.txt")):
        shutil.copy(p, folder / p.name)
    for i, p in enumerate(sorted((DATA / "mqm").glob("*.txt"))):
        (folder / "sub").mkdir(exist_ok=True)
        text = p.read_text(encoding="utf-8")[:6000]
        (folder / "sub" / f"{i}.txt").write_text(text.replace(". ", " . ", 3).replace(" the ", " the the ", 2),
                                                 encoding="utf-8")
    return folder


def test_jobs_do_not_change_the_output(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    one = run_cli("check", "--format", "jsonl", "-j", "1", corpus)
    two = run_cli("check", "--format", "jsonl", "-j", "2", corpus)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count("\n") > 20
    for jobs in ("1", "2"):
        out = run_cli("clean", corpus, "--out", tmp_path / f"out{jobs}", "-j", jobs, "--apply", "all", "-q")
        assert out.returncode in (0, 1), out.stderr
    files1 = sorted(p.relative_to(tmp_path / "out1") for p in (tmp_path / "out1").rglob("*.txt"))
    files2 = sorted(p.relative_to(tmp_path / "out2") for p in (tmp_path / "out2").rglob("*.txt"))
    assert files1 == files2 and len(files1) == len(list(corpus.rglob("*.txt")))
    assert all((tmp_path / "out1" / f).read_bytes() == (tmp_path / "out2" / f).read_bytes() for f in files1)


def test_default_jobs_follow_the_batch_size(monkeypatch) -> None:
    from normalizer import jobs

    monkeypatch.setattr(jobs, "cores", lambda: 4)
    assert jobs.jobs_for(range(jobs.AUTO_FILES - 1), None) == 1  # a short batch: no pool to start
    assert jobs.jobs_for(range(jobs.AUTO_FILES), None) == 4  # a long one: every core
    assert jobs.jobs_for(range(1000), 1) == 1 and jobs.jobs_for(range(3), 0) == 4 and jobs.jobs_for([], 3) == 3


def test_default_jobs_give_the_output_of_one_process(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    from normalizer.jobs import AUTO_FILES

    assert len(list(corpus.rglob("*.txt"))) >= AUTO_FILES  # long enough for the default to use every core
    one = run_cli("check", "--format", "jsonl", "-j", "1", corpus)
    default = run_cli("check", "--format", "jsonl", corpus)
    assert one.stdout == default.stdout and one.returncode == default.returncode == 1


def test_negative_jobs_are_a_usage_error(tmp_path: Path) -> None:
    out = run_cli("check", "-j", "-1", tmp_path)
    assert out.returncode == 2 and "--jobs" in out.stderr
