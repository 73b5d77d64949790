"""Review session state: fixes per file, decisions, undo and writing. No Textual imports."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import engine, in_place, safe_io
from .corpus import CorpusStats
from .scan import RunContext
from .decisions import APPROVE, PENDING, REJECT, Journal
from .document import Document, DocumentError, read_document
from .writing import write_atomic, write_below
from .fixes import Fix
from .policy import Policy
from .registry import Rule


class StaleFileError(Exception):
    """The file changed on disk since the review began; it is not overwritten."""


@dataclass
class FileState:
    """One file under review: its text when loaded, its fixes and what was decided."""

    path: Path
    root: Path
    document: Document | None = None
    fixes: list[Fix] = field(default_factory=list)
    decisions: dict[int, tuple[str, str]] = field(default_factory=dict)  # index -> (decision, replacement)
    signature: str = ""
    error: str | None = None
    written: bool = False
    saved: set[int] = field(default_factory=set)  # approved fixes already written to --out

    @property
    def pending(self) -> int:
        return sum(1 for i in range(len(self.fixes)) if i not in self.decisions)

    @property
    def approved(self) -> list[Fix]:
        return [self.fixes[i].with_replacement(rep) if rep != self.fixes[i].replacement else self.fixes[i]
                for i, (d, rep) in sorted(self.decisions.items()) if d == APPROVE]

    def options(self, index: int) -> list[str]:
        """The replacement and its alternatives, numbered 1.. in the app."""
        f = self.fixes[index]
        return list(dict.fromkeys([f.replacement, *f.alternatives]))


def _signature(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


@dataclass
class ReviewSession:
    """Everything the review app shows and changes, usable (and tested) without a terminal."""

    files: list[FileState]
    rules: Sequence[Rule]
    journal: Journal
    out_dir: Path | None = None
    policy: Policy | None = None
    corpus: CorpusStats | None = None
    current: int = 0
    cursor: int = 0
    apply_safe: bool = True  # with out_dir: undecided safe fixes are applied in the copies too
    history: list[tuple[int, int, tuple[str, str] | None]] = field(default_factory=list)

    @classmethod
    def open(cls, pairs: Sequence[tuple[Path, Path]], rules: Sequence[Rule], journal: Journal,
             out_dir: Path | None = None, policy: Policy | None = None,
             learn_min_docs: int = 3, apply_safe: bool = True) -> ReviewSession:
        """Load every file and its first-pass fixes; earlier decisions are resumed from the journal.

        As in a batch run, what repeats across the files (learned boilerplate, names)
        is learned first when those rules are selected.
        """
        corpus = None
        if any(r.trigger is not None and r.trigger.wants_run for r in rules):
            from .batch import corpus_stats

            corpus = corpus_stats([p for p, _ in pairs], learn_min_docs)
        session = cls([FileState(p, root) for p, root in pairs], rules, journal, out_dir, policy, corpus,
                      apply_safe=apply_safe)
        for state in session.files:
            session.load(state)
        session.current = next((i for i, s in enumerate(session.files) if s.pending), 0)
        session.cursor = session.first_pending(session.current)
        return session

    def load(self, state: FileState) -> None:
        """(Re)read a file and propose its fixes; rejected fixes stay hidden, approved ones resume."""
        state.decisions.clear()
        state.saved.clear()
        state.fixes = []
        try:
            doc = read_document(state.path)
        except DocumentError as exc:
            state.error = str(exc)
            return
        state.error = None
        state.document = doc
        state.signature = _signature(state.path)
        rules = self.policy.rules_for(state.path, self.rules) if self.policy else self.rules
        proposed = engine.propose(doc, rules, RunContext(self.corpus) if self.corpus is not None else None)
        veto = self.policy.chooser(state.path) if self.policy else None
        if veto is not None:
            proposed = [f for f in proposed if veto(doc.text, f) is not None]
        fixes, _ = engine.resolve(proposed)
        for fix in fixes:
            d = self.journal.get(state.path, doc.text, fix)
            if d is not None and d.decision == REJECT:
                continue
            if d is not None and d.decision == APPROVE:
                state.decisions[len(state.fixes)] = (APPROVE, d.replacement)
            state.fixes.append(fix)
        if self.out_dir is not None and state.decisions and self._on_disk(state):
            state.saved = {i for i, (d, _) in state.decisions.items() if d == APPROVE}
            state.written = True

    def _on_disk(self, state: FileState) -> bool:
        """Whether the copy in ``out_dir`` already holds what writing would put there."""
        try:
            return self.destination(state).read_bytes() == self.output(state)
        except (OSError, ValueError):
            return False

    # ------------------------------------------------------------ navigation

    @property
    def file(self) -> FileState:
        return self.files[self.current]

    @property
    def fix(self) -> Fix | None:
        fixes = self.file.fixes
        return fixes[self.cursor] if 0 <= self.cursor < len(fixes) else None

    @property
    def total(self) -> int:
        return sum(len(s.fixes) for s in self.files)

    @property
    def decided(self) -> int:
        return sum(len(s.decisions) for s in self.files)

    @property
    def unwritten(self) -> int:
        """Approved fixes not yet written to disk."""
        return sum(1 for s in self.files for i, (d, _) in s.decisions.items() if d == APPROVE and i not in s.saved)

    def first_pending(self, file_index: int, start: int = 0) -> int:
        state = self.files[file_index] if self.files else None
        if state is None:
            return 0
        n = len(state.fixes)
        for i in list(range(start, n)) + list(range(0, start)):
            if i not in state.decisions:
                return i
        return min(start, max(0, n - 1))

    def select_file(self, index: int) -> None:
        self.current = max(0, min(index, len(self.files) - 1))
        self.cursor = self.first_pending(self.current)

    def move(self, delta: int) -> None:
        n = len(self.file.fixes)
        if n:
            self.cursor = max(0, min(n - 1, self.cursor + delta))

    def advance(self) -> None:
        """Go to the next undecided fix of this file (or stay)."""
        self.cursor = self.first_pending(self.current, self.cursor + 1)

    # ------------------------------------------------------------ decisions

    def _set(self, index: int, decision: str, replacement: str = "") -> None:
        state = self.file
        fix = state.fixes[index]
        self.history.append((self.current, index, state.decisions.get(index)))
        state.decisions[index] = (decision, replacement)
        assert state.document is not None
        self.journal.record(state.path, state.document.text, fix, decision, replacement)

    def approve(self, replacement: str | None = None) -> None:
        """Approve the current fix, as proposed or with ``replacement`` (an edit or an alternative)."""
        if self.fix is None:
            return
        self._set(self.cursor, APPROVE, self.fix.replacement if replacement is None else replacement)
        self.advance()

    def choose(self, number: int) -> bool:
        """Approve with option ``number`` (1 = the proposed replacement); False if there is none."""
        if self.fix is None:
            return False
        options = self.file.options(self.cursor)
        if not 1 <= number <= len(options):
            return False
        self.approve(options[number - 1])
        return True

    def reject(self) -> None:
        if self.fix is None:
            return
        self._set(self.cursor, REJECT)
        self.advance()

    def decide_rest_of_rule(self, approve: bool) -> int:
        """Approve or reject every undecided fix of the current fix's rule in this file."""
        if self.fix is None:
            return 0
        rule = self.fix.rule
        state = self.file
        count = 0
        for i, f in enumerate(state.fixes):
            if f.rule == rule and i not in state.decisions:
                self._set(i, APPROVE if approve else REJECT, f.replacement if approve else "")
                count += 1
        self.advance()
        return count

    def skip(self) -> None:
        self.advance()

    def undo(self) -> bool:
        """Take back the last decision (in the journal too)."""
        if not self.history:
            return False
        file_index, index, previous = self.history.pop()
        state = self.files[file_index]
        fix = state.fixes[index]
        assert state.document is not None
        if previous is None:
            state.decisions.pop(index, None)
            self.journal.record(state.path, state.document.text, fix, PENDING)
        else:
            state.decisions[index] = previous
            self.journal.record(state.path, state.document.text, fix, previous[0], previous[1])
        self.current, self.cursor = file_index, index
        return True

    # ------------------------------------------------------------ writing

    def to_apply(self, state: FileState) -> list[Fix]:
        """What writing applies: the approved fixes and, in copies to ``out_dir`` (unless
        ``apply_safe`` is off), the safe fixes nobody decided on. Rejected fixes never."""
        fixes = state.approved
        if self.out_dir is not None and self.apply_safe:
            fixes += [f for i, f in enumerate(state.fixes) if i not in state.decisions and f.safety == "safe"]
        return sorted(fixes, key=lambda f: (f.start, f.end))

    def preview(self, state: FileState | None = None) -> str:
        """The text writing would give the file (see :meth:`to_apply`)."""
        state = state or self.file
        assert state.document is not None
        return engine.apply(state.document.text, self.to_apply(state))

    def output(self, state: FileState) -> bytes:
        """The bytes writing would give the file: its own bytes when nothing applies."""
        assert state.document is not None
        fixes = self.to_apply(state)
        return state.document.encode(self.preview(state)) if fixes else state.path.read_bytes()

    def destination(self, state: FileState) -> Path:
        if self.out_dir is None:
            return state.path
        try:
            return self.out_dir / state.path.relative_to(state.root)
        except ValueError:
            return self.out_dir / state.path.name

    def write(self, state: FileState | None = None) -> Path | None:
        """Write a file atomically; refuse if it changed on disk meanwhile.

        In place, only a file with approved fixes is written, and the original is kept
        once as ``FILE.orig``; the file is then reloaded. With ``out_dir`` every readable
        file is written there (see :meth:`to_apply`), so the folder mirrors the input.
        Returns the path written, or None when nothing was.
        """
        state = state or self.file
        if state.document is None or (self.out_dir is None and not state.approved):
            return None
        if _signature(state.path) != state.signature:
            raise StaleFileError(f"{state.path} changed on disk since the review began; reload it first")
        dest = self.destination(state)
        data = self.output(state)
        if dest == state.path:
            keep_original_once(state.path)
            write_atomic(dest, data, like=state.path)
        else:
            write_below(self.out_dir, dest.relative_to(self.out_dir), data, like=state.path)  # type: ignore[arg-type]
        state.written = True
        if dest == state.path:
            self.load(state)
        else:  # the input is unchanged; its approved fixes are now saved in --out
            state.saved = {i for i, (d, _) in state.decisions.items() if d == APPROVE}
        if state is self.file:
            self.cursor = self.first_pending(self.current)
        return dest

    def write_all(self) -> list[Path]:
        """Write every file that :meth:`write` would write; the paths written."""
        return [p for s in self.files for p in [self.write(s)] if p is not None]


def relative_name(state: FileState) -> str:
    try:
        return os.path.relpath(state.path, state.root)
    except ValueError:
        return str(state.path)


def keep_original_once(path: Path, suffix: str = ".orig") -> None:
    """Keep ``path``'s bytes as ``path.orig`` unless a backup file is already there.

    Created exclusively beside the real file, never through a link: when a link
    (even a dangling one) or anything but a regular file holds the name, the
    backup goes to the first free ``.orig.N`` instead.
    """
    real = Path(os.path.realpath(path))
    folder = safe_io.open_folder(real.parent)
    try:
        name = real.name + suffix
        try:
            st = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except FileNotFoundError:
            st = None
        if st is not None and stat.S_ISREG(st.st_mode):
            return  # the original is kept once
        if st is not None:
            name = in_place.backup_name(folder, real.name, suffix)
        data = real.read_bytes()
        safe_io.create_exclusive(folder, name, lambda fh: fh.write(data), os.stat(real).st_mode & 0o7777)
    finally:
        os.close(folder)
