"""Input: legacy encodings, BOMs, line endings, binary and empty files, huge lines, symlinks, moving files."""

from __future__ import annotations

import codecs
import io
import random
import signal
from pathlib import Path

import pytest

from normalizer import cli, load_rules
from normalizer.batch import discover, process
from normalizer import document
from normalizer.document import Document, DocumentError, decode, read_document

from ..conftest import run_cli

DIRTY = "The minister , who spoke on Monday, said the deal was worth $ 600 million.\n"
CLEANED = "The minister, who spoke on Monday, said the deal was worth $600 million.\n"
LEGACY = "Le café “Les Deux Magots” was crowded, said the naïve critic \u2014 déjà vu.\n"  # cp1252 has “ ” — é ï à


def test_legacy_encoding_is_reported_clearly_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_legacy.txt").write_bytes((LEGACY + DIRTY).encode("cp1252"))
    (tmp_path / "b_utf8.txt").write_text(DIRTY, encoding="utf-8")
    out = run_cli("check", tmp_path)
    assert out.returncode == 2
    (line,) = [x for x in out.stderr.splitlines() if "a_legacy.txt" in x]
    assert "not valid UTF-8 at byte 6 (it looks like cp1252: use --encoding auto or --encoding cp1252)" in line
    assert "b_utf8.txt:1:13: S001" in out.stdout


@pytest.mark.parametrize("encoding", ["auto", "cp1252"])
def test_legacy_encoding_is_read_and_written_back_in_it(tmp_path: Path, encoding: str) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes((LEGACY + DIRTY).encode("cp1252"))
    assert cli.main(["clean", str(story), "--in-place", "-q", "--encoding", encoding]) == 0
    assert story.read_bytes() == (LEGACY + CLEANED).encode("cp1252")


@pytest.mark.parametrize("text,name", [("Привет, мир. Новости дня и погода на завтра.\n", "cp1251"),
                                       ("Zażółć gęślą jaźń, powiedział premier w środę.\n", "cp1250")])
def test_auto_detects_other_legacy_encodings(text: str, name: str) -> None:
    doc = decode(text.encode(name), encoding="auto")
    assert doc.encoding == name and doc.text == text


@pytest.mark.parametrize("codec,bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                       ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE)])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_bom_encoding_and_line_endings_are_kept(tmp_path: Path, codec: str, bom: bytes, newline: str) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(bom + ("Headline\n\n" + DIRTY).replace("\n", newline).encode(codec))
    assert cli.main(["clean", str(story), "--in-place", "-q"]) == 0
    assert story.read_bytes() == bom + ("Headline\n\n" + CLEANED).replace("\n", newline).encode(codec)


def test_utf16_without_bom_needs_its_name(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(DIRTY.encode("utf-16-le"))
    with pytest.raises(DocumentError, match="binary file"):
        read_document(story)
    assert read_document(story, "utf-16-le").text == DIRTY


def test_binary_and_nul_files_are_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "b.txt").write_bytes(b"text with a NUL \x00 inside\n")
    (tmp_path / "c.txt").write_text(DIRTY, encoding="utf-8")
    out = run_cli("clean", tmp_path, "--out", tmp_path / "out", "-q")
    assert out.returncode == 2
    assert out.stderr.count("binary file (contains NUL bytes), skipped") == 2
    assert (tmp_path / "out" / "c.txt").read_text(encoding="utf-8") == CLEANED
    assert not (tmp_path / "out" / "a.txt").exists()


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert run_cli("check", empty).returncode == 0
    assert run_cli("clean", empty, "--out", tmp_path / "out").returncode == 0
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""


def test_a_one_megabyte_line_without_newline_is_processed(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = "the minister said talks would resume on Monday in Geneva after a long pause".split()
    line = " ".join(rng.choice(words) for _ in range(190_000))[:1_000_000] + " , worth $ 600"
    story = tmp_path / "line.txt"
    story.write_text(line, encoding="utf-8")

    def hang(signum, frame):  # pragma: no cover - only on a regression
        raise TimeoutError("a 1 MB line took more than 120 s")

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(120)
    try:
        report = process(story, load_rules(), "clean", "safe")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert report.error is None and report.result is not None
    assert report.result.text.endswith(", worth $600\n")


def test_symlinks_never_loop_escape_or_repeat(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(DIRTY, encoding="utf-8")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)  # a cycle
    outside = tmp_path / "private.txt"
    outside.write_text("Someone else's notes , not ours.\n", encoding="utf-8")
    (root / "escape.txt").symlink_to(outside)
    (root / "alias.txt").symlink_to(root / "sub" / "a.txt")  # the same file twice
    skipped: list[tuple[Path, str]] = []
    found = [f for f, _ in discover([root], ["txt"], [], skipped)]
    assert found == [root / "sub" / "a.txt"]
    assert sorted(p.name for p, _ in skipped) == ["alias.txt", "escape.txt", "loop"]
    out = run_cli("clean", root, "--in-place", "-q")
    assert out.returncode == 0
    assert "escape.txt: symbolic link to a file outside the folder, skipped" in out.stderr
    assert outside.read_text(encoding="utf-8") == "Someone else's notes , not ours.\n"
    assert (root / "sub" / "a.txt").read_text(encoding="utf-8") == CLEANED


def test_a_file_that_changes_while_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = tmp_path / "story.txt"
    story.write_text(DIRTY, encoding="utf-8")
    real = document.open_regular

    class Growing(io.BytesIO):
        def read(self, *args: int) -> bytes:
            with open(story, "ab") as fh:
                fh.write(b"Another paragraph arrives.\n")
            return super().read(*args)

    def open_then_grow(path: Path) -> io.BytesIO:
        with real(path) as fh:
            return Growing(fh.read())

    monkeypatch.setattr(document, "open_regular", open_then_grow)
    with pytest.raises(DocumentError, match="changed while being read"):
        read_document(story)


def test_text_the_encoding_cannot_hold_is_an_error_not_a_loss() -> None:
    doc = Document("caf\u00e9\n", encoding="cp1252")
    with pytest.raises(DocumentError, match="cannot write '摆' in cp1252"):
        doc.encode("caf\u00e9 摆\n")
