"""Large files in bounded memory: read, check and clean them in paragraph blocks.

A file above :data:`STREAM_OVER` bytes is never held whole. A first pass checks
that it decodes and counts its line endings; a second reads it as text with
universal newlines and cuts it into blocks of about :data:`BLOCK_CHARS`
characters (64 K) at paragraph starts (in a longer paragraph at a sentence start, else
a space), and never across a fix proposed near the edge. Each block is checked with the paragraph before
and after it as read-only context (so no rule mistakes a block edge for the
start or end of the document), fixes are only taken inside the block, and their
offsets and line numbers are those of the whole file. Cleaned blocks go
straight to a staged temporary file that the caller renames into place.
"""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import hashlib
import io
import os
import stat
import tempfile
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from . import engine
from .document import (BINARY, Document, DocumentError, _wide, guess_encoding, newline_style, open_regular, stamp,
                       start_encoding,
                       undecodable)
from .fixes import Fix
from .registry import Rule
from .scan import RunContext
from .textdiff import diff_label, patch_lines

STREAM_OVER = int(os.environ.get("MTNORM_STREAM_OVER", str(64 << 20)))  # bytes
BLOCK_CHARS = 1 << 16   # small blocks keep the rules' "nothing to look for here" checks effective
CONTEXT_CHARS = 2000
CHUNK = 1 << 20
PARA_START = regex.compile(r"\n\n+(?=[^\n])")
SENTENCE_START = regex.compile(r"(?<=[.!?] )\p{Lu}")
READERS = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16",
           "utf-32-le": "utf-32", "utf-32-be": "utf-32"}


@dataclass(frozen=True)
class Block:
    """A piece of a large file: ``lead`` and ``tail`` characters of context around its core."""

    text: str
    lead: int
    tail: int
    start: int  # offset of the core in the whole file's text
    line: int   # 1-based line of the core's first character

    @property
    def core(self) -> str:
        return self.text[self.lead:len(self.text) - self.tail]


@dataclass(frozen=True, slots=True)
class Tally:
    """A fix counted, not kept: memory stays flat however many fixes a large file has."""

    rule: str


@dataclass
class StreamResult:
    """What cleaning a large file did; the cleaned bytes are in ``staged`` (a temporary file)."""

    changed: bool
    applied: list[Tally] = field(default_factory=list)
    pending: list[Tally] = field(default_factory=list)
    staged: Path | None = None
    before: str = ""  # SHA-256 of the input bytes
    after: str = ""   # and of the staged output
    diff: str = ""


def should_stream(path: Path) -> bool:
    """True for a regular file larger than :data:`STREAM_OVER` bytes (``MTNORM_STREAM_OVER`` sets it)."""
    try:
        st = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size > STREAM_OVER


def _header(path: Path, encoding: str) -> tuple[str, bool, str, str, tuple[int, int]]:
    """Pass one: (encoding, bom, newline, sha256, stamp); raises :class:`DocumentError` as ``decode`` does."""
    before = path.stat()
    with open_regular(path) as fh:
        head = fh.read(8192)
    enc, bom = start_encoding(head, encoding)
    try:
        digest, crlf, cr = _scan(path, enc, bom)
    except UnicodeDecodeError as exc:
        with open_regular(path) as fh:
            sample = fh.read(1 << 20)
        guess = guess_encoding(sample) if not bom else None
        if encoding == "auto" and guess:
            enc = guess
            digest, crlf, cr = _scan(path, enc, False)
        else:
            raise undecodable(enc, f"in a block near byte {exc.start}", guess) from None
    if stamp(before) != stamp(path.stat()):
        raise DocumentError("changed while being read; skipped (run again when it is quiet)")
    return codecs.lookup(enc).name if not bom else enc, bom, newline_style(crlf, cr), digest, stamp(before)


def _scan(path: Path, enc: str, bom: bool) -> tuple[str, int, int]:
    """Decode the whole file once, strictly: its SHA-256 and counts of CRLF and of all CRs."""
    h = hashlib.sha256()
    decoder = codecs.getincrementaldecoder(READERS.get(enc, enc) if bom else enc)("strict")
    crlf = cr = 0
    carry = ""
    binary = not _wide(enc)  # a NUL anywhere, not only in the first block, makes the file binary
    with open_regular(path) as fh:
        while chunk := fh.read(CHUNK):
            if binary and b"\x00" in chunk:
                raise DocumentError(BINARY)
            h.update(chunk)
            text = carry + decoder.decode(chunk)
            carry = text[-1:] if text.endswith("\r") else ""
            body = text[:-1] if carry else text
            crlf += body.count("\r\n")
            cr += body.count("\r")
        text = carry + decoder.decode(b"", final=True)
        crlf += text.count("\r\n")
        cr += text.count("\r")
    return h.hexdigest(), crlf, cr


def _cut(buf: str, target: int) -> int:
    """Where to end a block: a paragraph start at or after ``target`` (else a line start, a space, or a hard cut)."""
    limit = min(len(buf), 4 * target)
    m = PARA_START.search(buf, target, limit)
    if m:
        return m.end()
    i = buf.find("\n", target, limit)
    if i >= 0:
        return i + 1
    m = SENTENCE_START.search(buf, target, limit)
    if m:
        return m.start()
    i = buf.find(" ", target, limit)
    return i + 1 if i >= 0 else limit


def _lead(core: str) -> str:
    """The last paragraph of ``core`` (with its trailing blank lines), at most :data:`CONTEXT_CHARS`."""
    body = core.rstrip("\n")
    i = body.rfind("\n\n")
    start = i + 2 if i >= 0 else 0
    return core[max(start, len(core) - CONTEXT_CHARS):]


def _tail(rest: str) -> str:
    """The next paragraph (up to its blank line), at most :data:`CONTEXT_CHARS`."""
    i = rest.find("\n\n", 0, CONTEXT_CHARS)
    return rest[:i] if i >= 0 else rest[:CONTEXT_CHARS]


def blocks(path: Path, encoding: str, bom: bool, block_chars: int | None = None) -> Generator[Block, int | None, None]:
    """The file's text (newlines normalized to ``\\n``, no BOM) in blocks with context."""
    block_chars = block_chars or BLOCK_CHARS
    reader = READERS.get(encoding, encoding) if bom else encoding
    with io.TextIOWrapper(open_regular(path), encoding=reader, newline=None, errors="strict") as fh:
        buf, eof = "", False
        start, line, lead = 0, 1, ""
        while not eof or buf:
            while not eof and len(buf) < 2 * block_chars + CONTEXT_CHARS:
                chunk = fh.read(CHUNK)
                if not chunk:
                    eof = True
                buf += chunk
            if eof and len(buf) <= 2 * block_chars:
                cut = len(buf)
            else:
                cut = _cut(buf, block_chars)
            core, buf = buf[:cut], buf[cut:]
            if not core:
                break
            while True:
                tail = _tail(buf)
                keep = yield Block(lead + core + tail, len(lead), len(tail), start, line)
                if keep is None or not 0 < keep < len(core):
                    break
                core, buf = core[:keep], core[keep:] + buf  # the caller asks for a shorter block
            start += len(core)
            line += core.count("\n")
            lead = _lead(core)


def _fitted(gen: Iterator[Block], rules: Sequence[Rule], path: Path, enc: str, bom: bool, newline: str,
            run: RunContext | None = None) -> Iterator[Block]:
    """The blocks of ``gen``, each shortened until no fix proposed near its end crosses that end.

    A fix cut in two by a block edge would be taken by neither block: the block is ended
    instead at the space before that fix, which then lies in the next block (whose lead
    context covers what comes before it).
    """
    b = next(gen, None)
    tries = 0
    while b is not None:
        keep = _keep(b, rules, path, enc, bom, newline, run) if tries < 8 else None
        if keep is not None:
            tries += 1
            b = gen.send(keep)
            continue
        tries = 0
        yield b
        b = next(gen, None)


def _keep(b: Block, rules: Sequence[Rule], path: Path, enc: str, bom: bool, newline: str,
          run: RunContext | None) -> int | None:
    """How much of ``b``'s core to keep so that no fix crosses its end (None: all of it)."""
    if not b.tail:
        return None
    end = len(b.text) - b.tail
    at = max(b.lead, end - CONTEXT_CHARS)
    window = Document(b.text[at:], path, enc, bom, newline)
    crossing = [f.start + at for f in engine.propose(window, rules, run) if f.start + at < end < f.end + at]
    if not crossing:
        return None
    first = min(crossing)
    space = b.text.rfind(" ", b.lead, first)
    cut = max(space + 1, b.text.rfind("\n", b.lead, first) + 1)
    return cut - b.lead if cut > b.lead else None


def _inside(block_text_len: int, lead: int, tail: int) -> Callable[[Fix], bool]:
    """A filter for fixes that lie in the block's core (an insertion at its end belongs to the next block)."""
    end = block_text_len - tail

    def ok(fix: Fix) -> bool:
        if fix.start < lead or fix.end > end:
            return False
        return not (tail and fix.start == end)

    return ok


def check(path: Path, rules: Sequence[Rule], encoding: str = "utf-8", choose=None, run: RunContext | None = None,
          block_chars: int | None = None) -> tuple[Document, list[Fix], dict[int, tuple[int, int]]]:
    """Fixes for a large file, with whole-file offsets and their (line, col)."""
    enc, bom, newline, _digest, st = _header(path, encoding)
    fixes: list[Fix] = []
    where: dict[int, tuple[int, int]] = {}
    for b in _fitted(blocks(path, enc, bom, block_chars), rules, path, enc, bom, newline, run):
        doc = Document(b.text, path, enc, bom, newline)
        ok = _inside(len(b.text), b.lead, b.tail)
        proposed = [f for f in engine.propose(doc, rules, run) if ok(f)]
        if choose is not None:
            proposed = [f for f in proposed if choose(doc.text, f) is not None]
        taken, _ = engine.resolve(proposed)
        text = b.text
        for f in taken:
            local = f.start - b.lead
            nl = text.count("\n", b.lead, f.start)
            col = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
            g = dataclasses.replace(f, start=b.start + local, end=b.start + local + (f.end - f.start))
            fixes.append(g)
            where[g.start] = (b.line + nl, col)
    header = Document("", path, enc, bom, newline, st)
    if header.stamp != _stamp_now(path):
        raise DocumentError("changed while being read; skipped (run again when it is quiet)")
    return header, fixes, where


def _stamp_now(path: Path) -> tuple[int, int] | None:
    try:
        return stamp(path.stat())
    except OSError:
        return None


def clean(path: Path, rules: Sequence[Rule], level: str, stage_dir: Path | None, encoding: str = "utf-8",
          choose=None, run: RunContext | None = None, want_diff: bool = False,
          block_chars: int | None = None) -> tuple[Document, StreamResult]:
    """Clean a large file block by block into a staged temporary file in ``stage_dir``.

    With ``stage_dir`` None nothing is written (``diff`` needs only the diff text).
    """
    enc, bom, newline, before, st = _header(path, encoding)
    header = Document("", path, enc, bom, newline, st)
    result = StreamResult(changed=False, before=before)
    h = hashlib.sha256()
    out = None
    tmp: str | None = None
    if stage_dir is not None:
        stage_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=stage_dir)
        out = os.fdopen(fd, "wb")
    diff_parts: list[str] = []
    old_line = new_line = 1
    try:
        first = True
        for b in _fitted(blocks(path, enc, bom, block_chars), rules, path, enc, bom, newline, run):
            doc = Document(b.text, path, enc, bom, newline)
            ok = _inside(len(b.text), b.lead, b.tail)
            tail = b.text[len(b.text) - b.tail:]

            def guard(text: str, fix: Fix, _lead=b.lead, _tail=b.tail):
                inside = _inside(len(text), _lead, _tail)
                if not inside(fix):
                    return None
                return choose(text, fix) if choose is not None else True

            res = engine.clean(doc, rules, level, guard, run)
            new_text = res.text
            if not (new_text.startswith(b.text[:b.lead]) and new_text.endswith(tail)):
                raise DocumentError("internal error: a fix reached outside its block; please report it")
            new_core = new_text[b.lead:len(new_text) - b.tail]
            old_core = b.core
            result.applied.extend(TALLIES.setdefault(f.rule, Tally(f.rule)) for f in res.applied)
            result.pending.extend(TALLIES.setdefault(f.rule, Tally(f.rule)) for f in res.pending if ok(f))
            if new_core != old_core:
                result.changed = True
                if want_diff:
                    diff_parts.append(_hunks(old_core, new_core, old_line, new_line))
            data = Document("", None, enc, bom and first, newline).encode(new_core)
            first = False
            h.update(data)
            if out is not None:
                out.write(data)
            old_line += old_core.count("\n")
            new_line += new_core.count("\n")
        if out is not None:
            out.flush()
            os.fsync(out.fileno())
            out.close()
            out = None
        if header.stamp != _stamp_now(path):
            raise DocumentError("changed while being cleaned; not written (run again)")
    except BaseException:
        if out is not None:
            out.close()
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    result.after = h.hexdigest()
    if tmp is not None:
        result.staged = Path(tmp)
    if want_diff and diff_parts:
        result.diff = f"--- {diff_label(path, 'a')}\n+++ {diff_label(path, 'b')}\n" + "".join(diff_parts)
    return header, result


TALLIES: dict[str, Tally] = {}
HUNK = regex.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", regex.MULTILINE)


def _hunks(old: str, new: str, old_line: int, new_line: int) -> str:
    """Unified-diff hunks of one block, numbered as lines of the whole file."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), n=3)
    body = patch_lines(list(lines)[2:])

    def shift(m: regex.Match) -> str:
        a = int(m.group(1)) + old_line - 1
        c = int(m.group(3)) + new_line - 1
        return f"@@ -{a}{m.group(2) or ''} +{c}{m.group(4) or ''} @@"

    return HUNK.sub(shift, body)
