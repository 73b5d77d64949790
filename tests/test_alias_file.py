"""`mtnorm alias add/remove` edit a commented alias file the way a person would."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from normalizer.cli import main

HEADER = "# Names our newsroom keeps getting wrong.\n"
MARWICK = """\
# Councillor Ann Marwick.
[[alias]]
canonical = "Marwick"  # the councillor
variants = ["Marwik", "Marwich"]  # both from the same feed
review = ["Marwich"]  # also a place name
"""
BRANDVOLD = """\
# Ole Brandvold, the skipper.
[[alias]]
canonical = "Brandvold"  # Norwegian
variants = ["Brandvol"]  # dropped letter
"""
QUENNELL = """\
# Dr Quennell.
[[alias]]
canonical = "Quennell"  # the surgeon
variants = ["Quenel", "Quennel"]  # doubled letters lost
"""


def layout(*blocks: str) -> str:
    """The file a person would write: header and tables, one blank line between them."""
    return "\n".join((HEADER, *blocks))


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    """Run ``mtnorm alias ARGS --file aliases.toml`` on the sample file; returns the file's new text."""
    path = tmp_path / "aliases.toml"
    path.write_text(layout(MARWICK, BRANDVOLD, QUENNELL), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["alias", *args, "--file", str(path)]) == 0
    return path.read_text(encoding="utf-8")


def test_add_entity_appends_a_table_after_one_blank_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = '[[alias]]\ncanonical = "Ostrander"\nvariants = ["Ostrender"]\n'
    assert run(tmp_path, monkeypatch, "add", "Ostrander", "--variant", "Ostrender") == \
        layout(MARWICK, BRANDVOLD, QUENNELL, new)


def test_add_review_variant_keeps_the_key_in_its_own_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edited = BRANDVOLD.replace('["Brandvol"]', '["Brandvol", "Brandvald"]') + 'review = ["Brandvald"]\n'
    assert run(tmp_path, monkeypatch, "add", "Brandvold", "--variant", "Brandvald", "--review") == \
        layout(MARWICK, edited, QUENNELL)


def test_add_review_variant_to_an_existing_review_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edited = MARWICK.replace('"Marwich"]  # both', '"Marwich", "Marwyck"]  # both').replace(
        'review = ["Marwich"]', 'review = ["Marwich", "Marwyck"]')
    assert run(tmp_path, monkeypatch, "add", "Marwick", "--variant", "Marwyck", "--review") == \
        layout(edited, BRANDVOLD, QUENNELL)


def test_remove_variant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edited = QUENNELL.replace('["Quenel", "Quennel"]', '["Quennel"]')
    assert run(tmp_path, monkeypatch, "remove", "Quennell", "--variant", "Quenel") == \
        layout(MARWICK, BRANDVOLD, edited)


def test_remove_last_review_variant_drops_the_empty_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edited = MARWICK.replace('["Marwik", "Marwich"]', '["Marwik"]').replace(
        'review = ["Marwich"]  # also a place name\n', "")
    assert run(tmp_path, monkeypatch, "remove", "Marwick", "--variant", "Marwich") == \
        layout(edited, BRANDVOLD, QUENNELL)


@pytest.mark.parametrize(("canonical", "kept"), [
    ("Marwick", (BRANDVOLD, QUENNELL)),
    ("Brandvold", (MARWICK, QUENNELL)),
    ("Quennell", (MARWICK, BRANDVOLD)),
])
def test_remove_entity_takes_its_comment_and_leaves_the_neighbours(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, canonical: str, kept: tuple[str, ...]) -> None:
    assert run(tmp_path, monkeypatch, "remove", canonical) == layout(*kept)


def test_remove_every_entity_leaves_the_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text(layout(BRANDVOLD), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["alias", "remove", "Brandvold", "--file", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == HEADER


def test_new_alias_file_honours_the_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)
    try:
        assert main(["alias", "add", "Ostrander", "--variant", "Ostrender"]) == 0
    finally:
        os.umask(old)
    created = tmp_path / "mtnorm-aliases.toml"
    assert stat.S_IMODE(created.stat().st_mode) == 0o644
    assert 'variants = ["Ostrender"]' in created.read_text(encoding="utf-8")


def test_existing_alias_file_keeps_its_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text(layout(BRANDVOLD), encoding="utf-8")
    path.chmod(0o640)
    monkeypatch.chdir(tmp_path)
    assert main(["alias", "add", "Brandvold", "--variant", "Brandvald", "--file", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
