"""Documents: text plus what is needed to write it back exactly."""

from __future__ import annotations

import bisect
import dataclasses
import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO


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
    stamp: tuple[int, int] | None = field(default=None, repr=False, compare=False)
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
            starts, text = [0], self.text
            i = text.find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = text.find("\n", i + 1)
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
        return Document(text, self.path, self.encoding, self.bom, self.newline, self.stamp)

    def encode(self, text: str | None = None) -> bytes:
        """Bytes for ``text`` (default: this document's) in the original format."""
        body = self.text if text is None else text
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        try:
            data = body.encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise DocumentError(f"cannot write {body[exc.start:exc.end]!r} in {self.encoding}; "
                                "the file was left unchanged") from None
        if self.bom:
            bom = next(b for b, name in _BOMS if name == self.encoding)
            data = bom + data
        return data


def guess_encoding(data: bytes) -> str | None:
    """The legacy encoding ``data`` most likely uses, by charset-normalizer (None if no guess).

    Where several encodings read the bytes about as well (cp1250, cp1252 and
    cp1257 agree on most accented letters, and on a short text the detector
    cannot tell them apart), Windows-1252, the usual one for English and
    Western European text, wins.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:1 << 20]))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    tied = [m.encoding for m in matches if m.chaos <= best + 0.05]
    for name in (["cp1252"] if "cp1252" in tied else []) + tied:
        try:
            data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return codecs.lookup(name).name
    return None


def _wide(encoding: str) -> bool:
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def decode(data: bytes, path: Path | None = None, encoding: str = "utf-8") -> Document:
    """Decode bytes into a :class:`Document`, refusing binary text or bytes invalid in ``encoding``.

    A byte-order mark always wins. ``encoding="auto"`` reads UTF-8 and, failing
    that, the legacy encoding charset-normalizer detects; the document keeps the
    encoding so the file is written back in it.

    >>> decode("Caf\u00e9 au lait, d\u00e9j\u00e0 vu".encode("cp1252"), encoding="auto").encoding
    'cp1252'
    """
    wanted = encoding
    encoding, bom = start_encoding(data, wanted)
    if bom:
        data = data[len(next(mark for mark, name in _BOMS if name == encoding)):]
    try:
        raw = data.decode(encoding)
    except UnicodeDecodeError as exc:
        guess = guess_encoding(data) if not bom else None
        if wanted == "auto" and guess:
            encoding, raw = guess, data.decode(guess)
        else:
            raise undecodable(encoding, f"at byte {exc.start}", guess) from None
    newline = newline_style(raw.count("\r\n"), raw.count("\r"))
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return Document(text, path, encoding, bom, newline)


BINARY = "binary file (contains NUL bytes), skipped"


def start_encoding(head: bytes, wanted: str) -> tuple[str, bool]:
    """The encoding to decode with first, and whether a byte-order mark chose it.

    Refuses an unknown encoding name, and NUL bytes (binary data) anywhere in
    ``head`` (the whole file, or the first block of a streamed one) unless the
    encoding is UTF-16 or UTF-32.
    """
    first = "utf-8" if wanted == "auto" else wanted
    try:
        codecs.lookup(first)
    except LookupError:
        raise DocumentError(f"unknown encoding {wanted!r}") from None
    bom = False
    for mark, name in _BOMS:
        if head.startswith(mark):
            first, bom = name, True
            break
    if not _wide(first) and b"\x00" in head:  # a BOM'd UTF-8 file with a NUL is binary too
        raise DocumentError(BINARY)
    return first, bom


def undecodable(encoding: str, where: str, guess: str | None) -> DocumentError:
    """The one-line error for bytes invalid in ``encoding``, naming the likely encoding if there is one."""
    hint = (f" (it looks like {guess}: use --encoding auto or --encoding {guess})" if guess
            else "; convert it to UTF-8 first")
    return DocumentError(f"not valid {encoding.upper()} {where}{hint}")


def newline_style(crlf: int, cr: int) -> str:
    """The dominant line ending, from the counts of CRLF and of all CRs."""
    return "\r\n" if crlf and crlf * 2 >= cr else ("\r" if cr > crlf else "\n")


_KINDS = ((stat.S_ISFIFO, "fifo"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
          (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder"))


def _not_regular(mode: int) -> DocumentError | None:
    """The error for a file that is not a regular file (reading a FIFO or a device can block forever)."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "special file")
    return DocumentError(f"not a regular file ({kind}), skipped")


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a regular file for reading in binary; raise :class:`DocumentError` for a FIFO, socket or device.

    The type is checked before opening (a FIFO or device is never opened in the
    usual case) and again on the opened descriptor, which is opened without
    blocking, so a file swapped for a FIFO in between is not read either.
    """
    bad = _not_regular(os.stat(path).st_mode)
    if bad is not None:
        raise bad
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        bad = _not_regular(os.fstat(fd).st_mode)
        if bad is not None:
            raise bad
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_document(path: str | os.PathLike[str], encoding: str = "utf-8") -> Document:
    """Read a text file; raise :class:`DocumentError` with a one-line reason.

    A file that changes while it is read (its size or modification time moves)
    is refused rather than half-read.
    """
    p = Path(path)
    try:
        before = os.stat(p)
        if stat.S_ISDIR(before.st_mode):
            raise DocumentError("is a folder, not a file")
        with open_regular(p) as fh:
            data = fh.read()
        after = os.stat(p)
    except OSError as exc:
        raise DocumentError(exc.strerror or str(exc)) from None
    if stamp(before) != stamp(after):
        raise DocumentError("changed while being read; skipped (run again when it is quiet)")
    return dataclasses.replace(decode(data, p, encoding), stamp=stamp(after))


def stamp(st: os.stat_result) -> tuple[int, int]:
    """What tells that a file changed: its size and modification time in nanoseconds."""
    return st.st_size, st.st_mtime_ns


def unchanged_since_read(doc: Document) -> bool:
    """True if ``doc``'s file is as it was when read (always true for a document not read from disk)."""
    if doc.path is None or doc.stamp is None:
        return True
    try:
        return stamp(doc.path.stat()) == doc.stamp
    except OSError:
        return False


# the writing functions lived here once; kept importable from here
from .writing import copy_atomic, flush_at_end, move_into_place, write_atomic, write_error  # noqa: E402,F401
