"""Documents: text plus what is needed to write it back exactly."""

from __future__ import annotations

import bisect
import codecs
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


CODE = re.compile(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$|`[^`\n]{1,200}`", re.MULTILINE | re.DOTALL)


class DocumentError(Exception):
    """A file that cannot be read or written as text; the message is one line."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Document:
    """A text to check, with its origin.

    ``corpus`` optionally holds :class:`~normalizer.corpus.CorpusStats` of the
    batch the document belongs to (for boilerplate learned across files).
    ``text`` is the decoded text with line endings normalized to ``\\n`` (as
    Python's text mode reads it) and without a byte-order mark; ``encoding``,
    ``bom`` and ``newline`` let :func:`encode` reproduce the original bytes.

    >>> Document("one\\ntwo").position(5)
    (2, 2)
    """

    text: str
    path: Path | None = None
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    corpus: Any = field(default=None, repr=False, compare=False)
    _line_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        """The file name, or ``<text>`` for a document made from a string."""
        return str(self.path) if self.path else "<text>"

    @property
    def is_markdown(self) -> bool:
        """True for ``.md`` files, where some whitespace carries meaning."""
        return self.path is not None and self.path.suffix.lower() in {".md", ".markdown"}

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        if not self._line_starts:
            starts = [0]
            starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
            self._line_starts.extend(starts)
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    @property
    def code_spans(self) -> list[tuple[int, int]]:
        """Fenced code blocks and inline `code` spans: text that no rule may change."""
        if "`" not in self.text:
            return []
        return [(m.start(), m.end()) for m in CODE.finditer(self.text)]

    def replace_text(self, text: str) -> Document:
        """The same document (path, encoding, newline style) with new text."""
        return Document(text, self.path, self.encoding, self.bom, self.newline, self.corpus)

    def with_corpus(self, corpus: Any) -> Document:
        """The same document, aware of what repeats across the run it belongs to."""
        return Document(self.text, self.path, self.encoding, self.bom, self.newline, corpus)

    def encode(self, text: str | None = None) -> bytes:
        """Bytes for ``text`` (default: this document's) in the original format."""
        body = self.text if text is None else text
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        data = body.encode(self.encoding)
        if self.bom:
            bom = next(b for b, name in _BOMS if name == self.encoding)
            data = bom + data
        return data


def decode(data: bytes, path: Path | None = None) -> Document:
    """Decode bytes into a :class:`Document`, refusing binary or non-UTF text."""
    encoding, bom = "utf-8", False
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom, data = name, True, data[len(mark):]
            break
    if not bom and b"\x00" in data[:8192]:
        raise DocumentError("binary file (contains NUL bytes), skipped")
    try:
        raw = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"not valid {encoding.upper()} at byte {exc.start}; convert it to UTF-8 first"
        ) from None
    crlf, cr = raw.count("\r\n"), raw.count("\r")
    newline = "\r\n" if crlf and crlf * 2 >= cr else ("\r" if cr > crlf else "\n")
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return Document(text, path, encoding, bom, newline)


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read a text file; raise :class:`DocumentError` with a one-line reason."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise DocumentError(exc.strerror or str(exc)) from None
    return decode(data, p)


def write_atomic(dest: str | os.PathLike[str], data: bytes, *, like: Path | None = None) -> None:
    """Write ``data`` to ``dest`` through a temporary file and a rename.

    A reader never sees a half-written file; ``like`` copies permission bits.
    """
    target = Path(dest)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        source = like if like is not None else (target if target.exists() else None)
        if source is not None and source.exists():
            shutil.copymode(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
