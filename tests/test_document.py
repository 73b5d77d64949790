"""Documents keep what is needed to write a file back byte for byte."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from normalizer import Document, DocumentError, decode, read_document, write_atomic


@pytest.mark.parametrize(
    "data",
    [
        b"one\ntwo\n",
        b"one\r\ntwo\r\n",
        b"one\rtwo\r",
        codecs.BOM_UTF8 + "caf\u00e9\n".encode(),
        codecs.BOM_UTF16_LE + "caf\u00e9\r\n".encode("utf-16-le"),
    ],
)
def test_round_trip_is_exact(data: bytes) -> None:
    doc = decode(data)
    assert "\r" not in doc.text
    assert doc.encode() == data


def test_binary_and_undecodable_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin.txt").write_bytes("caf\u00e9".encode("latin-1"))
    with pytest.raises(DocumentError, match="binary"):
        read_document(tmp_path / "bin.txt")
    with pytest.raises(DocumentError, match="UTF-8"):
        read_document(tmp_path / "latin.txt")
    with pytest.raises(DocumentError):
        read_document(tmp_path / "missing.txt")


def test_position_is_one_based_line_and_column() -> None:
    doc = Document("ab\ncd\n")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 2)


def test_write_atomic_replaces_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LINES = st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"),
                         max_size=20), max_size=8)


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans(), st.booleans())
def test_any_text_round_trips_byte_for_byte(lines: list[str], newline: str, bom: bool, final: bool) -> None:
    body = newline.join(lines) + (newline if final and lines else "")
    data = (codecs.BOM_UTF8 if bom else b"") + body.encode("utf-8")
    doc = decode(data)
    if len(lines) > 1 or final and lines:
        assert doc.newline == newline
    assert doc.encode() == data
