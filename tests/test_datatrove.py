"""The datatrove steps in a real pipeline on datatrove's local executor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document as DtDocument  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from normalizer.datatrove_steps import MtnormAnnotate, MtnormClean, MtnormLearn, load_corpus_stats  # noqa: E402

FOOTER = "Follow us on the Telegram channel of Example News for the latest stories every day"


def write_input(folder: Path) -> None:
    folder.mkdir()
    rows = [
        {"id": "a", "text": "Talks resumed on Monday , officials said.\n\n" + FOOTER + "\n"},
        {"id": "b", "text": "The the ministers met in Geneva.\n\n" + FOOTER + "\n"},
        {"id": "c", "text": "A deal worth $ 600 billion was signed.\n\n" + FOOTER + "\n"},
        {"id": "d", "text": "Markets were calm after the announcement.\n"},
    ]
    for i, chunk in enumerate((rows[:2], rows[2:])):  # two input files: two tasks
        with open(folder / f"part{i}.jsonl", "w", encoding="utf-8") as fh:
            for row in chunk:
                fh.write(json.dumps(row) + "\n")


def read_output(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.glob("*.jsonl*")):
        import gzip
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                out[row["id"]] = row
    return out


def test_two_pass_pipeline_annotates_and_cleans(tmp_path: Path) -> None:
    write_input(tmp_path / "in")
    LocalPipelineExecutor(pipeline=[JsonlReader(str(tmp_path / "in")), MtnormLearn(tmp_path / "stats")],
                          tasks=2, workers=1, logging_dir=str(tmp_path / "logs1")).run()
    stats = load_corpus_stats(tmp_path / "stats", min_docs=3)
    assert stats.documents == 4 and stats.repeated  # the footer is in three documents
    assert stats.pieces == (("telegram", "channel"),)  # the shards carry a piece of it: B003 skips texts without one
    LocalPipelineExecutor(pipeline=[
        JsonlReader(str(tmp_path / "in")),
        MtnormAnnotate(corpus_stats=str(tmp_path / "stats")),
        MtnormClean(apply="safe", corpus_stats=str(tmp_path / "stats")),
        JsonlWriter(str(tmp_path / "out"), compression=None),
    ], tasks=2, workers=1, logging_dir=str(tmp_path / "logs2")).run()
    docs = read_output(tmp_path / "out")
    assert docs["a"]["text"].startswith("Talks resumed on Monday, officials said.")
    assert docs["b"]["text"].startswith("The ministers met in Geneva.")
    assert docs["c"]["text"].startswith("A deal worth $600 billion was signed.")
    assert docs["d"]["text"] == "Markets were calm after the announcement.\n"  # clean text untouched
    fixes = docs["a"]["metadata"]["mtnorm_fixes"]
    assert {f["rule"] for f in fixes} >= {"S001", "B003"}  # B003 learned across the two tasks
    assert all(set(f) >= {"rule", "start", "end", "original", "replacement", "safety"} for f in fixes)
    assert docs["a"]["metadata"]["mtnorm_applied"] == {"S001": 1}
    assert [f["rule"] for f in docs["a"]["metadata"]["mtnorm_pending"]] == ["B003"]  # review: left for a person


def test_steps_work_without_an_executor() -> None:
    step = MtnormClean(apply="all", select=["D001"])
    (doc,) = list(step.run([DtDocument(text="the the end.", id="x")]))
    assert doc.text == "the end." and doc.metadata["mtnorm_applied"] == {"D001": 1}
    with pytest.raises(ValueError):
        MtnormClean(apply="everything")
