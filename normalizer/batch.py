"""Batch runs: find files, check or clean each one, optionally in parallel."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import engine
from .api import save_caches
from .corpus import CorpusStats, Tally, tally
from .policy import Policy
from .document import Document, DocumentError, read_document
from .engine import ConvergenceError, Result, RuleError
from .jobs import jobs_for
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
    write_error: str | None = None  # cleaning: the output could not be written (why)
    note: str | None = None  # cleaning: what the user should know about a write that succeeded

    def position(self, fix: Fix) -> tuple[int, int]:
        """1-based (line, column) of a fix in the file."""
        if self.positions is not None:
            return self.positions[fix.start]
        assert self.document is not None
        return self.document.position(fix.start)


Deliver = Callable[[FileReport], FileReport]  # writes a cleaned file's output, returns what the parent needs

_WORKER_RULES: Sequence[Rule] = ()
_WORKER_CORPUS: CorpusStats | None = None
_WORKER_POLICY: Policy | None = None
_WORKER_ENCODING = "utf-8"
_WORKER_DELIVER: Deliver | None = None


def _init_worker(rules: Sequence[Rule], corpus: CorpusStats | None = None, policy: Policy | None = None,
                 encoding: str = "utf-8", deliver: Deliver | None = None) -> None:
    """A worker's share of the run: the parent's rules as they are (a forked worker), or built once
    from their spec (:class:`~normalizer.api.RunRules`, when the worker was started afresh)."""
    global _WORKER_RULES, _WORKER_CORPUS, _WORKER_POLICY, _WORKER_ENCODING, _WORKER_DELIVER
    _WORKER_RULES = rules
    _WORKER_CORPUS = corpus
    _WORKER_POLICY = policy
    _WORKER_ENCODING = encoding
    _WORKER_DELIVER = deliver


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
    failed = getattr(_WORKER_RULES, "error", None)
    if failed:
        return FileReport(path, error=failed)
    report = process(path, _WORKER_RULES, mode, level, _WORKER_CORPUS, _WORKER_POLICY, _WORKER_ENCODING, stage_dir)
    if _WORKER_DELIVER is not None:
        return _WORKER_DELIVER(report)
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
    rules: Sequence[Rule],
    jobs: int | None = 1,
    progress: Callable[[FileReport], None] | None = None,
    learn_min_docs: int = 3,
    policy: Policy | None = None,
    encoding: str = "utf-8",
    stage_dirs: dict[Path, Path] | None = None,
    deliver: Deliver | None = None,
) -> list[FileReport]:
    """Process ``files`` in order, in ``jobs`` processes (``None``: :func:`~normalizer.jobs.jobs_for` decides); ``progress`` sees each report.

    When a selected rule's trigger asks for run statistics (the learned-boilerplate rule B003,
    the name rules N002 and N005), the files are first read once to find lines and paragraphs
    repeated in ``learn_min_docs`` of them, and names the run uses repeatedly.
    ``rules`` are loaded once by the caller; with ``jobs`` > 1, those of :func:`~normalizer.api.load_run_rules`
    (a forked worker shares them; one started afresh builds them from their spec). The ``policy`` vetoes
    fixes on accepted words, skips rules per path, and applies a review journal (rejected fixes dropped,
    approved ones applied). ``stage_dirs`` says where a large file's cleaned copy is staged (the folder
    it goes to). ``deliver`` (picklable) is called on each report in the process that made it, before
    ``progress`` sees what it returns: ``clean`` writes its outputs there. When the files are done,
    the caches the run filled are saved (:func:`~normalizer.api.save_caches`).
    """
    jobs = jobs_for(files, jobs)
    reports: list[FileReport] = []
    wanted = any(r.trigger is not None and r.trigger.wants_run for r in rules)
    corpus = corpus_stats(files, learn_min_docs, encoding, jobs) if wanted else None
    if jobs <= 1 or len(files) < 2:
        for f in files:
            rep = process(f, rules, mode, level, corpus, policy, encoding, (stage_dirs or {}).get(f))
            reports.append(deliver(rep) if deliver is not None else rep)
            if progress:
                progress(reports[-1])
        save_caches()
        return reports
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(rules, corpus, policy, encoding, deliver)) as pool:
        work = [(f, mode, level, (stage_dirs or {}).get(f)) for f in files]
        for rep in pool.map(_process_in_worker, work, chunksize=_chunk(len(files), jobs)):
            reports.append(rep)
            if progress:
                progress(rep)
    save_caches()
    return reports


def _chunk(files: int, jobs: int) -> int:
    """Files per task sent to a worker: few tasks for many small files, yet a dozen per worker to share the load."""
    return max(1, min(32, files // (jobs * 12)))
