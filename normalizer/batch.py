"""Batch runs: find files, check or clean each one, optionally in parallel."""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import engine
from .api import load_rules
from .corpus import CorpusStats, Tally, tally
from .policy import Policy
from .document import Document, DocumentError, read_document
from .engine import ConvergenceError, Result, RuleError
from .fixes import Fix
from .registry import Rule
from .scan import RunContext
from . import stream
from .stream import StreamResult


@dataclass
class FileReport:
    """What happened to one file: its fixes, its cleaning result, or an error line."""

    path: Path
    document: Document | None = None
    fixes: list[Fix] = field(default_factory=list)
    result: Result | StreamResult | None = None
    error: str | None = None
    positions: dict[int, tuple[int, int]] | None = None  # (line, col) by fix start, for a streamed file

    def position(self, fix: Fix) -> tuple[int, int]:
        """1-based (line, column) of a fix in the file."""
        if self.positions is not None:
            return self.positions[fix.start]
        assert self.document is not None
        return self.document.position(fix.start)


def discover(
    paths: Sequence[Path], extensions: Sequence[str], exclude: Sequence[str],
    skipped: list[tuple[Path, str]] | None = None,
) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) for files given or found under folders, sorted per folder.

    Files named explicitly are always taken; folders contribute files with one
    of ``extensions`` whose names match none of the ``exclude`` patterns.
    Symbolic links to folders are not followed (no loops), and a link to a
    file outside the folder given is left out (no escape), and a file reached
    twice (a link beside its target, overlapping arguments) is taken once;
    such files are added to ``skipped`` with the reason.
    """
    exts = {e.lower().lstrip(".") for e in extensions}

    def excluded(name: str) -> bool:
        return any(fnmatch.fnmatch(name, pat) for pat in exclude)

    seen: set[Path] = set()
    for root in paths:
        if root.is_dir():
            found = []
            real_root = Path(os.path.realpath(root))
            for folder, files in _walk(root, excluded, skipped):
                # Folder links are not followed, so a plain file's real path is the real root joined
                # with its relative path: no realpath() (a system call per path component) per file.
                real_folder = real_root / os.path.relpath(folder, root)
                for name in files:
                    if name.rsplit(".", 1)[-1].lower() in exts and "." in name and not excluded(name):
                        f = Path(folder) / name
                        link = os.path.islink(f)
                        target = Path(os.path.realpath(f)) if link else real_folder / name
                        if link and _loops(f):
                            if skipped is not None:
                                skipped.append((f, "symbolic link loop, skipped"))
                            continue
                        if link and real_root not in target.parents:
                            if skipped is not None:
                                skipped.append((f, "symbolic link to a file outside the folder, skipped"))
                            continue
                        found.append((f, target, link))
            real = {target for _, target, link in found if not link}
            for f, target, link in sorted(found):
                if target in seen or (link and target in real):
                    if skipped is not None:
                        skipped.append((f, "the same file as another one in this run, taken once"))
                    continue
                seen.add(target)
                yield f, root
        elif (real_file := Path(os.path.realpath(root))) not in seen:
            seen.add(real_file)
            yield root, root.parent


def _walk(root: Path, excluded: Callable[[str], bool],
          skipped: list[tuple[Path, str]] | None) -> Iterator[tuple[str, list[str]]]:
    """(folder, names of its non-folder entries) for ``root`` and the folders below, without recursion.

    Folder links are reported in ``skipped`` and not entered; unreadable folders are passed over.
    """
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue
        dirs, files = [], []
        for e in entries:
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(e.name)
        yield folder, files
        subs = []
        for d in sorted(d for d in dirs if not excluded(d)):
            sub = os.path.join(folder, d)
            if os.path.islink(sub):
                if skipped is not None:
                    skipped.append((Path(sub), "symbolic link to a folder, not followed"))
                continue
            subs.append(sub)
        stack.extend(reversed(subs))


def _loops(link: Path) -> bool:
    """True for a symbolic link that never reaches a file (it points at itself, or round a ring)."""
    try:
        os.stat(link)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def output_path(path: Path, root: Path, out_dir: Path) -> Path:
    """Where the cleaned copy of ``path`` goes: its place under ``root``, mirrored into ``out_dir``."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return out_dir / rel


_WORKER_RULES: list[Rule] = []
_WORKER_CORPUS: CorpusStats | None = None
_WORKER_POLICY: Policy | None = None


_WORKER_ENCODING = "utf-8"


def _init_worker(select: Sequence[str], ignore: Sequence[str], rule_files: Sequence[str],
                 ignore_words: Sequence[str] = (), corpus: CorpusStats | None = None,
                 policy: Policy | None = None, encoding: str = "utf-8") -> None:
    global _WORKER_RULES, _WORKER_CORPUS, _WORKER_POLICY, _WORKER_ENCODING
    _WORKER_RULES = load_rules(select, ignore, rule_files, ignore_words=ignore_words)
    _WORKER_CORPUS = corpus
    _WORKER_POLICY = policy
    _WORKER_ENCODING = encoding


def _tally_files(args: tuple[Sequence[Path], int, str]) -> Tally:
    """The raw counts of some files of a run (unreadable and very large files are left out)."""
    files, min_docs, encoding = args

    def texts() -> Iterator[str]:
        for f in files:
            if stream.should_stream(f):
                continue  # too large to hold: learned from the rest of the run only
            try:
                yield read_document(f, encoding).text
            except DocumentError:
                continue  # reported when the file is processed

    return tally(texts(), min_docs)


def corpus_stats(files: Sequence[Path], min_docs: int, encoding: str = "utf-8", jobs: int = 1) -> CorpusStats | None:
    """What repeats across ``files`` (unreadable files are skipped here and reported later).

    With ``jobs`` > 1 the files are counted in that many processes and the counts added up.
    """
    if len(files) < 2:
        return None
    if jobs <= 1 or len(files) < 2 * jobs:
        return _tally_files((files, min_docs, encoding)).stats(min_docs)
    size = -(-len(files) // (jobs * 4))
    parts = [(files[i:i + size], min_docs, encoding) for i in range(0, len(files), size)]
    total = Tally()
    from concurrent.futures import ProcessPoolExecutor  # only with --jobs: its import costs start-up

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for part in pool.map(_tally_files, parts):
            total.merge(part)
    return total.stats(min_docs)


def process(path: Path, rules: Sequence[Rule], mode: str, level: str,
            corpus: CorpusStats | None = None, policy: Policy | None = None,
            encoding: str = "utf-8", stage_dir: Path | None = None) -> FileReport:
    """Check (``mode="check"``), clean (``"clean"``) or diff (``"diff"``) one file; never raises for bad input.

    A file over :data:`stream.STREAM_OVER` bytes is processed in blocks; cleaning it
    writes the result to a temporary file in ``stage_dir`` (``report.result.staged``).
    """
    if stream.should_stream(path):
        return _process_large(path, rules, mode, level, corpus, policy, encoding, stage_dir)
    report = FileReport(path)
    try:
        doc = read_document(path, encoding)
    except DocumentError as exc:
        report.error = str(exc)
        return report
    report.document = doc
    run = RunContext(corpus) if corpus is not None else None
    try:
        choose, rules = _scoped(path, rules, policy)
        if mode == "check":
            proposed = engine.propose(doc, rules, run)
            if choose is not None:
                proposed = [f for f in proposed if choose(doc.text, f) is not None]
            report.fixes, _ = engine.resolve(proposed)
        else:
            report.result = engine.clean(doc, rules, level, choose, run)
    except Exception as exc:  # a bug in one rule must not stop the batch
        report.error = _rule_failure(exc)
    return report


def _scoped(path: Path, rules: Sequence[Rule], policy: Policy | None) -> tuple:
    """The policy's chooser for ``path`` and the rules that apply there."""
    choose = policy.chooser(path) if policy is not None else None
    if policy is not None and policy.per_path_ignores:
        rules = policy.rules_for(path, rules)
    return choose, rules


def _rule_failure(exc: Exception) -> str:
    """The error line for a file whose rules failed: the rule's own message, else an internal error."""
    if isinstance(exc, (ConvergenceError, RuleError)):
        return str(exc)
    return f"internal error ({type(exc).__name__}: {exc}); please report it"


def _process_large(path: Path, rules: Sequence[Rule], mode: str, level: str, corpus: CorpusStats | None,
                   policy: Policy | None, encoding: str, stage_dir: Path | None) -> FileReport:
    report = FileReport(path)
    run = RunContext(corpus) if corpus is not None else None
    try:
        choose, rules = _scoped(path, rules, policy)
        if mode == "check":
            report.document, report.fixes, report.positions = stream.check(path, rules, encoding, choose, run)
        else:
            report.document, report.result = stream.clean(
                path, rules, level, stage_dir if mode == "clean" else None, encoding, choose, run,
                want_diff=mode == "diff")
    except DocumentError as exc:
        report.error = str(exc)
    except OSError as exc:
        report.error = exc.strerror or str(exc)
    except Exception as exc:  # a bug in one rule must not stop the batch
        report.error = _rule_failure(exc)
    return report


def _process_in_worker(args: tuple[Path, str, str, Path | None]) -> FileReport:
    path, mode, level, stage_dir = args
    report = process(path, _WORKER_RULES, mode, level, _WORKER_CORPUS, _WORKER_POLICY, _WORKER_ENCODING, stage_dir)
    if mode == "check" and report.document is not None:
        # a check reports where each fix is: send that back, not the whole text
        report.positions = {f.start: report.document.position(f.start) for f in report.fixes}
        report.document = None
    return report


def run(
    files: Sequence[Path],
    mode: str,
    level: str,
    *,
    selectors: tuple[Sequence[str], Sequence[str], Sequence[str], Sequence[str]],
    jobs: int = 1,
    progress: Callable[[FileReport], None] | None = None,
    learn_min_docs: int = 3,
    policy: Policy | None = None,
    encoding: str = "utf-8",
    stage_dirs: dict[Path, Path] | None = None,
) -> list[FileReport]:
    """Process ``files`` in order, in ``jobs`` processes; ``progress`` sees each report.

    When a selected rule's trigger asks for run statistics (the learned-boilerplate
    rule B003, the fuzzy name rule N002), the files are first read once to find lines
    and paragraphs repeated in ``learn_min_docs`` of them, and names the run uses repeatedly.
    ``selectors`` is (select, ignore, rule files, ignore words). The ``policy`` vetoes fixes on accepted words, skips rules per path, and
    applies a review journal (rejected fixes dropped, approved ones applied).
    ``stage_dirs`` says where a large file's cleaned copy is staged (the folder it goes to).
    """
    reports: list[FileReport] = []
    select, ignore, rule_files, ignore_words = selectors
    rules = load_rules(select, ignore, rule_files, ignore_words=ignore_words)
    wanted = any(r.trigger is not None and r.trigger.wants_run for r in rules)
    corpus = corpus_stats(files, learn_min_docs, encoding, jobs) if wanted else None
    if jobs <= 1 or len(files) < 2:
        for f in files:
            reports.append(process(f, rules, mode, level, corpus, policy, encoding, (stage_dirs or {}).get(f)))
            if progress:
                progress(reports[-1])
        return reports
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(*selectors, corpus, policy, encoding)) as pool:
        work = [(f, mode, level, (stage_dirs or {}).get(f)) for f in files]
        for rep in pool.map(_process_in_worker, work, chunksize=4):
            reports.append(rep)
            if progress:
                progress(rep)
    return reports
