"""Documents: text plus what is needed to write it back exactly."""

from __future__ import annotations

import bisect
import errno
import dataclasses
import codecs
import os
import re
import shutil
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterator


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
        return Document(text, self.path, self.encoding, self.bom, self.newline, self.corpus, self.stamp)

    def with_corpus(self, corpus: Any) -> Document:
        """The same document, aware of what repeats across the run it belongs to."""
        return Document(self.text, self.path, self.encoding, self.bom, self.newline, corpus, self.stamp)

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


def read_document(path: str | os.PathLike[str], encoding: str = "utf-8") -> Document:
    """Read a text file; raise :class:`DocumentError` with a one-line reason.

    A file that changes while it is read (its size or modification time moves)
    is refused rather than half-read.
    """
    p = Path(path)
    try:
        before = p.stat()
        if stat.S_ISDIR(before.st_mode):
            raise DocumentError("is a folder, not a file")
        data = p.read_bytes()
        after = p.stat()
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


def write_atomic(dest: str | os.PathLike[str], data: bytes, *, like: Path | None = None) -> None:
    """Write ``data`` to ``dest`` through a temporary file, ``fsync`` and a rename.

    A reader never sees a half-written file, and a failure (disk full, no
    permission, read-only) leaves ``dest`` as it was and no temporary file
    behind. A symbolic link is written through (its target is replaced, the
    link kept); ``like`` copies permission bits.
    """
    target = _through_link(dest)
    target.parent.mkdir(parents=True, exist_ok=True)
    source = like if like is not None else (target if target.exists() else None)
    _replace_with(target, lambda fh: fh.write(data), source)


def copy_atomic(source: Path, dest: str | os.PathLike[str]) -> None:
    """Copy a file of any size to ``dest`` as :func:`write_atomic` writes (temporary file, fsync, rename)."""

    def fill(out: Any) -> None:
        with open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)

    _replace_with(_through_link(dest), fill, source)


def _through_link(dest: str | os.PathLike[str]) -> Path:
    """The file to replace for ``dest``: a symbolic link's target, so the link itself is kept."""
    target = Path(dest)
    return Path(os.path.realpath(target)) if target.is_symlink() else target


_deferred: set[Path] | None = None  # files and folders written since flush_at_end was entered (None: flush each)


@contextmanager
def flush_at_end() -> Iterator[None]:
    """Atomic writes inside skip their own ``fsync`` calls; leaving flushes everything at once.

    For copies written beside untouched originals (``clean --out``): readers and a killed run
    still see whole files or none (temporary file and rename), and the run is not held up by
    two disk flushes per file (a third of the time of cleaning 2,000 small files, measured
    here); a power cut before the end can leave copies empty, never an original.
    """
    global _deferred
    if _deferred is not None:  # nested: the outer one flushes
        yield
        return
    _deferred = set()
    try:
        yield
    finally:
        written, _deferred = _deferred, None
        if written:
            _flush(written)


def _flush(written: set[Path]) -> None:
    """Make files and folders written without their own flush durable: one ``sync``, else each in turn."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in sorted(written):  # pragma: no cover (platforms without sync(2))
        _fsync_folder(path)  # opens and flushes a file as well as a folder


def _replace_with(target: Path, fill: Callable[[Any], object], mode_from: Path | None) -> None:
    """The atomic write: ``fill`` a temporary file beside ``target``, fsync it, rename it over, fsync the folder."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            if _deferred is None:
                os.fsync(fh.fileno())
            else:
                _deferred.add(target)
        if mode_from is not None and mode_from.exists():
            shutil.copymode(mode_from, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def move_into_place(staged: Path, dest: str | os.PathLike[str], *, like: Path | None = None) -> None:
    """Rename an already flushed temporary file over ``dest`` (through a symlink to its target)."""
    target = _through_link(dest)
    try:
        if like is not None and like.exists():
            shutil.copymode(like, staged)
        os.replace(staged, target)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable: flush the folder entry too (where the platform allows; a file is flushed alike)."""
    if _deferred is not None:
        _deferred.add(folder)  # flushed with everything else when flush_at_end is left
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_error(exc: OSError) -> str:
    """A one-line reason for a failed write (disk full, permission denied, read-only...)."""
    reasons = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded", errno.EACCES: "permission denied",
               errno.EPERM: "operation not permitted", errno.EROFS: "read-only file system"}
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"cannot write: {reason}; nothing was changed"
