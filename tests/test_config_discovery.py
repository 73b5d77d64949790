"""Configuration found where users expect it: upward from the inputs, then here, then the user's folder;
`mtnorm config` and `-v` say which files are in effect and where each setting came from."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from normalizer.cli import main

ARTICLE = "Officials met Zorbanek in the capital on Monday.\n"


def project(root: Path) -> Path:
    """A project folder with a corpus below it; returns the corpus folder."""
    corpus = root / "proj" / "news" / "2024"
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return corpus


def check(capsys, *args: str | Path) -> tuple[int, str, str]:
    code = main(["check", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def alias_add(capsys, *args: str) -> str:
    assert main(["alias", "add", "Zorbanov", "--variant", "Zorbanek", *args]) == 0
    return capsys.readouterr().out


def test_alias_added_in_the_project_works_from_any_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    corpus = project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(tmp_path / "proj")
    alias_add(capsys)
    monkeypatch.chdir(elsewhere)
    code, out, _ = check(capsys, corpus)
    assert code == 1 and "'Zorbanek' -> 'Zorbanov'" in out
    code, out, _ = check(capsys, corpus / "a.txt")
    assert code == 1 and "Zorbanov" in out


def test_alias_file_is_created_with_ordinary_permissions(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    alias_add(capsys)
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "mtnorm-aliases.toml").stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize("name", ["mtnorm.toml", ".mtnorm.toml", "pyproject.toml"])
def test_config_found_walking_up_from_the_input(tmp_path: Path, monkeypatch, capsys, name: str) -> None:
    corpus = project(tmp_path)
    table = "[tool.mtnorm]\n" if name == "pyproject.toml" else ""
    (tmp_path / "proj" / name).write_text(f'{table}alias_files = ["names.toml"]\n', encoding="utf-8")
    (tmp_path / "proj" / "names.toml").write_text(
        '[[alias]]\ncanonical = "Zorbanov"\nvariants = ["Zorbanek"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = check(capsys, corpus)
    assert code == 1 and "Zorbanov" in out
    monkeypatch.chdir(corpus)
    assert main(["alias", "add", "Zorbanov", "--variant", "Zorbanekk"]) == 0
    assert "Zorbanekk" in (tmp_path / "proj" / "names.toml").read_text(encoding="utf-8")
    assert not (corpus / "mtnorm-aliases.toml").exists()


def test_dot_file_wins_over_pyproject_in_one_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mtnorm]\nignore = ["S002"]\n', encoding="utf-8")
    (tmp_path / ".mtnorm.toml").write_text('ignore = ["S001"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["config", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"]["configuration"].endswith(".mtnorm.toml")
    assert {r["setting"]: r["value"] for r in report["settings"]}["ignore"] == ["S001"]


def test_pyproject_without_our_table_is_passed_over(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "mtnorm.toml").write_text('ignore = ["S001"]\n', encoding="utf-8")
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.other]\nx = 1\n# [tool.mtnorm] in a comment\n', encoding="utf-8")
    monkeypatch.chdir(inner)
    assert main(["config", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["files"]["configuration"] == str(tmp_path / "mtnorm.toml")


def test_user_config_folder_is_the_fallback(tmp_path: Path, monkeypatch, capsys) -> None:
    user = tmp_path / "user-config"
    user.mkdir()
    (user / "mtnorm.toml").write_text('ignore = ["S001"]\n', encoding="utf-8")
    monkeypatch.setenv("MTNORM_CONFIG_DIR", str(user))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    alias_add(capsys)
    assert (user / "mtnorm-aliases.toml").is_file() and not (work / "mtnorm-aliases.toml").exists()
    (work / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, _ = check(capsys, "a.txt")
    assert code == 1 and "Zorbanov" in out
    (work / "mtnorm.toml").write_text('ignore = ["N"]\n', encoding="utf-8")  # a project config wins
    code, out, _ = check(capsys, "a.txt")
    assert code == 0 and "Zorbanov" not in out


def test_config_says_where_each_setting_came_from(tmp_path: Path, monkeypatch, capsys) -> None:
    corpus = project(tmp_path)
    cfg = tmp_path / "proj" / "mtnorm.toml"
    cfg.write_text('ignore = ["S002"]\nencoding = "cp1252"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["config", str(corpus), "--ignore", "S001", "--select", "S,N", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    rows = {r["setting"]: r for r in report["settings"]}
    assert rows["ignore"] == {"setting": "ignore", "value": ["S002", "S001"], "from": f"{cfg} + command line"}
    assert rows["select"]["from"] == "command line" and rows["select"]["value"] == ["S", "N"]
    assert rows["encoding"]["from"] == str(cfg) and rows["encoding"]["value"] == "cp1252"
    assert rows["apply"]["from"] == "default"
    assert report["files"]["configuration"] == str(cfg)
    assert report["files"]["alias_add_writes"] == str(tmp_path / "proj" / "mtnorm-aliases.toml")
    assert main(["config", str(corpus)]) == 0
    text = capsys.readouterr().out
    assert f"Configuration: {cfg}" in text and f"[{cfg}]" in text and "[default]" in text


def test_verbose_check_names_the_files_on_stderr(tmp_path: Path, monkeypatch, capsys) -> None:
    corpus = project(tmp_path)
    monkeypatch.chdir(tmp_path / "proj")
    alias_add(capsys)
    monkeypatch.chdir(tmp_path)
    code, out, err = check(capsys, corpus, "-v")
    alias_file = tmp_path / "proj" / "mtnorm-aliases.toml"
    assert code == 1 and "Zorbanov" in out and "Configuration" not in out
    assert f"mtnorm:   alias files:       {alias_file}" in err.splitlines()
    code, out, err = check(capsys, corpus)
    assert err == ""


def test_inputs_with_different_configs_warn(tmp_path: Path, monkeypatch, capsys) -> None:
    for name, code in (("a", "S001"), ("b", "S002")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "mtnorm.toml").write_text(f'ignore = ["{code}"]\n', encoding="utf-8")
        (tmp_path / name / "x.txt").write_text("Fine text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = check(capsys, "a", "b")
    assert code == 0
    assert "mtnorm: warning: b: its configuration b/mtnorm.toml is not used; this run uses a/mtnorm.toml" in err
