"""The command line through its real entry point, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import ROOT, run_cli

KEYS = {"path", "rule", "category", "safety", "start", "end", "line", "col",
        "original", "replacement", "alternatives", "message"}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_check_exit_codes(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "Talks resumed.\n")
    bad = write(tmp_path, "bad.txt", "worth $ 600 billion.\n")
    assert run_cli("check", good).returncode == 0
    out = run_cli("check", bad)
    assert out.returncode == 1
    assert f"{bad}:1:7: S005" in out.stdout
    assert run_cli("check", tmp_path / "missing.txt").returncode == 2
    assert run_cli("check", "--select", "NOPE", good).returncode == 2


def test_jsonl_schema_and_offsets(tmp_path: Path) -> None:
    text = "\nHowever, The talks resumed  today.\nSource :Skai"
    path = write(tmp_path, "a.txt", text)
    out = run_cli("check", "--format", "jsonl", path)
    assert out.returncode == 1
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert records and all(set(r) == KEYS for r in records)
    decoded = path.read_text(encoding="utf-8")
    for r in records:
        assert decoded[r["start"]:r["end"]] == r["original"]
        assert r["safety"] in {"safe", "review"}
    assert {r["rule"] for r in records} >= {"S009", "C001", "S002", "S001", "S011"}


def test_json_has_fixes_and_summary(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "the the talks\n")
    doc = json.loads(run_cli("check", "--format", "json", path).stdout)
    assert doc["summary"]["fixes"] == len(doc["fixes"]) == 1
    assert doc["summary"]["by_rule"] == {"D001": 1}


def test_clean_out_mirrors_tree_and_keeps_inputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    a = write(src, "a.txt", "worth $ 600.\n")
    b = write(src, "sub/b.md", "Talks  resumed.\n")
    write(src, "notes.json", "{}")
    out = run_cli("clean", src, "--out", tmp_path / "out")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out/a.txt").read_text() == "worth $600.\n"
    assert (tmp_path / "out/sub/b.md").read_text() == "Talks resumed.\n"
    assert not (tmp_path / "out/notes.json").exists()
    assert a.read_text() == "worth $ 600.\n" and b.read_text() == "Talks  resumed.\n"
    assert "fixes applied" in out.stdout


def test_clean_reports_pending_review_with_exit_1(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "However, The talks resumed.\n")
    out = run_cli("clean", path, "--out", tmp_path / "out")
    assert out.returncode == 1
    assert (tmp_path / "out/a.txt").read_text() == "However, The talks resumed.\n"
    assert run_cli("clean", path, "--out", tmp_path / "all", "--apply", "all").returncode == 0
    assert (tmp_path / "all/a.txt").read_text() == "However, the talks resumed.\n"


def test_bad_file_in_the_middle_of_a_batch(tmp_path: Path) -> None:
    write(tmp_path, "in/a.txt", "the the talks\n")
    (tmp_path / "in/b.txt").write_bytes(b"caf\xe9 latin-1\n")
    write(tmp_path, "in/c.txt", "worth $ 600.\n")
    out = run_cli("clean", tmp_path / "in", "--out", tmp_path / "out")
    assert out.returncode == 2
    errors = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "b.txt" in errors[0] and "UTF-8" in errors[0]
    assert (tmp_path / "out/a.txt").read_text() == "the talks\n"
    assert (tmp_path / "out/c.txt").read_text() == "worth $600.\n"


def test_in_place_keeps_a_backup_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"worth $ 600.\r\nnext line\r\n")
    out = run_cli("clean", "--in-place", path)
    assert out.returncode == 0, out.stderr
    assert path.read_bytes() == b"worth $600.\r\nnext line\r\n"
    assert (tmp_path / "a.txt.orig").read_bytes() == b"worth $ 600.\r\nnext line\r\n"


def test_out_may_not_overwrite_inputs(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "worth $ 600.\n")
    out = run_cli("clean", tmp_path / "a.txt", "--out", tmp_path)
    assert out.returncode == 2 and "overwrite" in out.stderr


def test_diff_shows_what_clean_would_write(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "worth $ 600.\n")
    out = run_cli("diff", path)
    assert out.returncode == 1
    assert "-worth $ 600." in out.stdout and "+worth $600." in out.stdout
    assert path.read_text() == "worth $ 600.\n"


def test_clean_then_check_proposes_nothing_on_seeds(tmp_path: Path) -> None:
    assert run_cli("clean", ROOT / "seeds", "--out", tmp_path / "c", "--apply", "all", "-j", "2").returncode == 0
    out = run_cli("check", tmp_path / "c")
    assert out.returncode == 0, out.stdout


def test_rules_lists_and_explains() -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0 and "S005" in listing.stdout and "C002" in listing.stdout
    one = run_cli("rules", "S005")
    assert one.returncode == 0 and "$600" in one.stdout
    assert run_cli("rules", "Z999").returncode == 2
    explained = run_cli("rules", "N006").stdout  # a description's lines are one paragraph, wrapped by the console
    assert "pivot spelling, with C and K swapped" in " ".join(explained.split())
    assert "spelling, with\nC and K" not in explained


def test_quick_exit_loses_no_output(tmp_path: Path) -> None:
    """The script ends without interpreter teardown once its output is flushed: all of it arrives, exit code kept."""
    from normalizer import api

    texts = ["".join(f"Talks {i}.{j} resumed  today, worth $ {j} billion.\n" for j in range(40)) for i in range(60)]
    for i, t in enumerate(texts):
        write(tmp_path, f"d/{i:02}.txt", t)
    out = run_cli("check", "--format", "jsonl", "--ignore", "B003", tmp_path / "d")
    expected = sum(len(api.propose(t, ignore=["B003"])) for t in texts)
    assert out.returncode == 1 and len(out.stdout.splitlines()) == expected > 4000
    assert out.stdout.endswith("}\n")
    two = run_cli("check", "--format", "jsonl", "--ignore", "B003", "--jobs", "2", tmp_path / "d")
    assert two.returncode == 1 and two.stdout == out.stdout


def test_python_dash_m_works() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "normalizer", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("mtnorm ")


def test_statistics_and_rules_json(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "the the talks and the the deal, worth $ 5.\n")
    out = run_cli("check", "--statistics", path)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines[0].split()[:2] == ["2", "D001"] and lines[-1].split()[:2] == ["3", "fixes"]
    rules = json.loads(run_cli("rules", "--format", "json").stdout)
    assert {"code", "name", "category", "safety", "description", "source"} <= set(rules[0])
    assert len({r["code"] for r in rules}) == len(rules) > 50


def test_clean_exit_zero_when_only_review_fixes_remain(tmp_path: Path) -> None:
    story = tmp_path / "a.txt"
    story.write_text("Talks were held in 马德里 Madrid on Monday.\n", encoding="utf-8")
    assert run_cli("clean", story, "--in-place", "-q").returncode == 1
    assert run_cli("clean", story, "--in-place", "-q", "--exit-zero").returncode == 0
    missing = run_cli("clean", story, tmp_path / "missing.txt", "--in-place", "-q", "--exit-zero")
    assert missing.returncode == 2  # errors are never hidden


def test_diff_headers_use_the_path_as_given(tmp_path: Path) -> None:
    story = tmp_path / "corpus" / "x.txt"
    story.parent.mkdir()
    story.write_text("worth $ 600.\n", encoding="utf-8")
    relative = run_cli("diff", "corpus/x.txt", cwd=tmp_path).stdout.splitlines()
    assert relative[:2] == ["--- a/corpus/x.txt", "+++ b/corpus/x.txt"]
    absolute = run_cli("diff", story).stdout.splitlines()
    assert absolute[0] == f"--- a/{str(story).lstrip('/')}"  # as git writes it: no "a//tmp/..."


def test_clean_summary_is_short_unless_statistics(tmp_path: Path) -> None:
    # seven rules with fixes: S005, S001, S006, D001, S004, S011 and N001
    (tmp_path / "a.txt").write_text("Secretary Bescent said the the deal , worth $ 600 ( AP ) was high -level", encoding="utf-8")
    short = run_cli("clean", "a.txt", "--out", "out", cwd=tmp_path).stdout
    assert "more rules (--statistics)" in short and "│ all " in short
    full = run_cli("clean", "a.txt", "--out", "out2", "--statistics", cwd=tmp_path).stdout
    assert "more rules" not in full and "│ all " in full
    shown = lambda out: {line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│")}  # noqa: E731
    assert len(shown(short)) == 7 and len(shown(full)) > 7  # five rules, "…" and "all"
