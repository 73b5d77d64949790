"""Selection of rules and configuration files, including clear errors for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import ConfigError, load_rules
from normalizer.config import load_config

from .conftest import run_cli


def codes(**kw) -> set[str]:
    return {r.code for r in load_rules(**kw)}


def test_select_and_ignore_by_prefix_name_and_category() -> None:
    assert codes(select=["S00"]) == {f"S00{i}" for i in range(1, 10)}
    assert codes(select=["duplicate"]) == {"D001", "D002", "D003", "D004", "D005", "D006"}
    assert codes(select=["S"], ignore=["S002", "trailing-whitespace"]) >= {"S001"}
    assert "S002" not in codes(select=["S"], ignore=["S002"])
    with pytest.raises(ConfigError):
        load_rules(select=["Q7"])


def test_pyproject_tool_table_is_used(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mtnorm]\nignore = ["S005"]\n')
    (tmp_path / "a.txt").write_text("worth $ 600.\n")
    assert run_cli("check", "a.txt", cwd=tmp_path).returncode == 0
    assert load_config(start=tmp_path).ignore == ["S005"]


def test_mtnorm_toml_bad_key_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "mtnorm.toml").write_text('select = ["S"]\n\nfrobnicate = 1\n')
    (tmp_path / "a.txt").write_text("ok\n")
    out = run_cli("check", "a.txt", cwd=tmp_path)
    assert out.returncode == 2
    assert "mtnorm.toml:3:" in out.stderr and "frobnicate" in out.stderr


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    cfg = tmp_path / "mtnorm.toml"
    cfg.write_text('select = ["S"\nignore = 3\n')
    with pytest.raises(ConfigError, match=r"mtnorm.toml:\d+: invalid TOML"):
        load_config(cfg)


def test_user_rule_file_adds_a_phrase_rule(tmp_path: Path) -> None:
    rules = tmp_path / "house.toml"
    rules.write_text(
        '[[rule]]\nid = "K901"\nname = "house-calque"\nkind = "phrase"\ncategory = "calque"\n'
        'safety = "safe"\ndescription = "Our house style."\n[rule.phrases]\n"rare lands" = "rare earths"\n'
    )
    (tmp_path / "a.txt").write_text("exports of rare lands rose.\n")
    out = run_cli("clean", "a.txt", "--rules", rules, "--out", "out", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out/a.txt").read_text() == "exports of rare earths rose.\n"


def test_bad_rule_file_names_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "bad.toml"
    rules.write_text('# comment\n[[rule]]\nid = "K902"\nname = "x"\nkind = "nonsense"\ndescription = "d"\n')
    with pytest.raises(ConfigError, match=r"bad.toml:3: rule K902: unknown kind"):
        load_rules(rule_files=[rules])


def test_accept_list_and_per_path_ignores(tmp_path: Path) -> None:
    (tmp_path / "mtnorm.toml").write_text(
        'accept = ["Pékin Express", "the the"]\n\n[per_path_ignores]\n"archive/*" = ["S005"]\n')
    (tmp_path / "a.txt").write_text("Pékin Express aired; talks in Pékin with China, the the band, worth $ 5.\n")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive/b.txt").write_text("worth $ 5.\n")
    out = run_cli("check", "--format", "jsonl", ".", cwd=tmp_path)
    import json

    fixes = [json.loads(line) for line in out.stdout.splitlines()]
    assert {(Path(f["path"]).name, f["original"]) for f in fixes} == {("a.txt", "Pékin"), ("a.txt", "$ ")}
    assert [f["col"] for f in fixes if f["original"] == "Pékin"] == [31]
    bad = tmp_path / "bad.toml"
    bad.write_text('per_path_ignores = ["S005"]\n')
    with pytest.raises(ConfigError, match="bad.toml:1: 'per_path_ignores'"):
        load_config(bad)
