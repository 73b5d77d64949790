"""The commands of ``mtnorm``: each reads its settings, calls the core API and prints the result.

Kept apart from :mod:`normalizer.cli` (the argument parser) so that ``mtnorm --help``
starts without loading rules, dictionaries or the terminal libraries.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

from . import engine
from .api import ignore_words_from, load_rules
from .batch import FileReport, discover, output_path, run
from .cli_alias import cmd_alias, cmd_boilerplate
from .cli_config import cmd_config, report_config
from .config import Config, load_config
from . import in_place, safe_io, undo_key
from .document import Document, DocumentError, unchanged_since_read
from .writing import copy_below, flush_at_end, move_below, write_below, write_error
from .stream import StreamResult
from .undo import UNDO_NAME, UndoLog, undo_run
from .decisions import Journal
from .errors import UsageError, display
from .policy import Policy
from .report import clean_table, rules_table, unified_diff, write_check, write_statistics

EXIT_CLEAN, EXIT_FIXES, EXIT_ERROR = 0, 1, 2


def _split(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for item in values or () for v in item.split(",") if v.strip()]


def _config(args: argparse.Namespace) -> tuple[Config, list[str], list[str], list[str]]:
    cfg = load_config(args.config, paths=getattr(args, "paths", None) or ())
    select = _split(args.select) or cfg.select
    ignore = cfg.ignore + _split(args.ignore)
    rule_files = [str(p) for p in cfg.rules + cfg.alias_files_to_read()] + [str(p) for p in args.rules]
    if getattr(args, "extensions", None):
        cfg.extensions = _split([args.extensions])
    if getattr(args, "learn_min_docs", None) is not None:
        cfg.learn_min_docs = args.learn_min_docs
    if getattr(args, "encoding", None):
        cfg.encoding = args.encoding
    files = cfg.ignore_words_files_to_read() + list(getattr(args, "ignore_words", None) or [])
    args.ignore_word_list = tuple(cfg.ignore_words) + tuple(ignore_words_from(files))
    report_config(cfg, args, select, ignore)
    return cfg, select, ignore, rule_files


def _error(path: object, message: str) -> None:
    print(f"mtnorm: error: {display(path)}: {display(message)}", file=sys.stderr)


def _files(args: argparse.Namespace, cfg: Config, skip: Path | None = None) -> list[tuple[Path, Path]]:
    args.missing = 0
    present = []
    for p in args.paths:
        if os.path.lexists(p):
            present.append(p)
        else:  # one error line; the other paths are still processed and the exit code is 2
            _error(p, "no such file or folder")
            args.missing += 1
    exclude = list(cfg.exclude)
    found = []
    skipped: list[tuple[Path, str]] = []
    skip_real = skip.resolve() if skip is not None else None
    for f, root in discover(present, cfg.extensions, exclude, skipped):
        if skip_real is not None and f not in present and skip_real in f.resolve().parents:
            continue
        found.append((f, root))
    for f, why in skipped:
        print(f"mtnorm: warning: {display(f)}: {why}", file=sys.stderr)
    if not found and present:
        exts = ", ".join(f"*.{e}" for e in cfg.extensions)
        print(f"mtnorm: warning: no files to process ({exts}) in {', '.join(map(display, present))}",
              file=sys.stderr)
    return found


def _policy(args: argparse.Namespace, cfg: Config) -> Policy:
    journal = None
    if getattr(args, "decisions", None) is not None:
        if not args.decisions.is_file():
            raise UsageError(f"{args.decisions}: no such review journal")
        try:
            journal = Journal(args.decisions)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return Policy(tuple(cfg.accept), dict(cfg.per_path_ignores), journal)


def _progress_run(files, mode, level, selectors, jobs, quiet, cfg, policy=None, each=None, stage_dirs=None):
    """``batch.run`` with a progress bar on a terminal; ``each`` sees every report as it arrives."""
    show = not quiet and sys.stderr.isatty() and len(files) > 1
    if not show:
        return run(files, mode, level, selectors=selectors, jobs=jobs, learn_min_docs=cfg.learn_min_docs,
                   policy=policy, encoding=cfg.encoding, progress=each, stage_dirs=stage_dirs)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"{mode}ing", total=len(files))

        def step(report: FileReport) -> None:
            if each is not None:
                each(report)
            bar.advance(task)

        return run(files, mode, level, selectors=selectors, jobs=jobs, learn_min_docs=cfg.learn_min_docs,
                   policy=policy, encoding=cfg.encoding, progress=step, stage_dirs=stage_dirs)


def cmd_check(args: argparse.Namespace) -> int:
    cfg, select, ignore, rule_files = _config(args)
    rules = load_rules(select, ignore, rule_files, ignore_words=args.ignore_word_list)  # reports bad selectors before reading files
    files = [f for f, _ in _files(args, cfg)]
    reports = run(files, "check", "safe", selectors=(select, ignore, rule_files, args.ignore_word_list), jobs=args.jobs,
                  learn_min_docs=cfg.learn_min_docs, policy=_policy(args, cfg), encoding=cfg.encoding)
    for r in reports:
        if r.error:
            _error(r.path, r.error)
    if args.statistics:
        write_statistics(reports, rules, sys.stdout)
    else:
        write_check(reports, args.format, sys.stdout, rules)
    if any(r.error for r in reports) or args.missing:
        return EXIT_ERROR
    return EXIT_FIXES if any(r.fixes for r in reports) else EXIT_CLEAN


def cmd_diff(args: argparse.Namespace) -> int:
    cfg, select, ignore, rule_files = _config(args)
    load_rules(select, ignore, rule_files, ignore_words=args.ignore_word_list)
    files = [f for f, _ in _files(args, cfg)]
    level = args.apply or cfg.apply
    reports = run(files, "diff", level, selectors=(select, ignore, rule_files, args.ignore_word_list), jobs=args.jobs,
                  learn_min_docs=cfg.learn_min_docs, policy=_policy(args, cfg), encoding=cfg.encoding)
    changed = False
    for r in reports:
        if r.error:
            _error(r.path, r.error)
        elif isinstance(r.result, StreamResult) and r.result.changed:
            sys.stdout.write(r.result.diff)
            changed = True
        elif r.result and r.result.changed:
            sys.stdout.write(unified_diff(r, r.result.text))
            changed = True
    if any(r.error for r in reports) or args.missing:
        return EXIT_ERROR
    return EXIT_FIXES if changed else EXIT_CLEAN


def _write(report: FileReport, root: Path, out_dir: Path) -> None:
    """The cleaned copy under ``out_dir``; a file with nothing changed is copied byte for byte.

    No link below ``out_dir`` is followed: a link at the copy's name is replaced,
    one where a folder should be is refused.
    """
    doc: Document = report.document  # type: ignore[assignment]
    rel = output_path(report.path, root, Path("."))
    if isinstance(report.result, StreamResult):
        if not report.result.changed:
            copy_below(out_dir, rel, report.path)  # byte for byte, as for a small file
        elif report.result.staged is None:
            raise DocumentError("internal error: large file not staged; please report it")
        else:
            move_below(report.result.staged, out_dir, rel, like=report.path)
        return
    if report.result is not None and report.result.changed:
        data = doc.encode(report.result.text)
    elif unchanged_since_read(doc):
        data = report.path.read_bytes()
    else:
        raise DocumentError("changed on disk while being cleaned; not copied (run again)")
    write_below(out_dir, rel, data, like=report.path)


def _write_in_place(report: FileReport, suffix: str, log: UndoLog) -> str | None:
    """Back up, log, then replace (see :mod:`normalizer.in_place`); a note when appended bytes were kept."""
    doc: Document = report.document  # type: ignore[assignment]
    if isinstance(report.result, StreamResult):  # a large file, staged beside it: never read whole
        staged = report.result.staged
        if staged is None:
            raise DocumentError("internal error: large file not staged; please report it")
        return in_place.rewrite(report.path, doc.stamp, staged, report.result.after, suffix, log,
                                before=report.result.before)
    new = doc.encode(report.result.text)  # type: ignore[union-attr]
    return in_place.rewrite(report.path, doc.stamp, new, None, suffix, log)


def _remove_stale_temps(pairs: list[tuple[Path, Path]], out_dir: Path | None, suffix: str, started_ns: int) -> int:
    """Remove temporaries of mtnorm's naming left by killed runs for the files of this run; how many."""
    removed = 0
    for f, root in pairs:
        if out_dir is not None:
            rel = output_path(f, root, Path("."))
            places = [(out_dir.joinpath(*rel.parts[:-1]), [rel.name]), (out_dir, [f.name])]
        else:
            real = Path(os.path.realpath(f))
            places = [(real.parent, [real.name, real.name + suffix])]
        for folder, names in places:
            try:
                fd = safe_io.open_below(folder, (), create=False) if folder.is_dir() else None
            except OSError:
                fd = None
            if fd is None:
                continue
            try:
                removed += sum(len(safe_io.remove_stale_temps(fd, n, started_ns)) for n in names)
            finally:
                os.close(fd)
    return removed


def cmd_clean(args: argparse.Namespace) -> int:
    cfg, select, ignore, rule_files = _config(args)
    rules = load_rules(select, ignore, rule_files, ignore_words=args.ignore_word_list)
    out_dir: Path | None = args.out
    if args.in_place and not args.backup_suffix:
        raise UsageError("--backup-suffix must not be empty: --in-place always keeps a backup")
    if out_dir is not None and any(p.is_dir() and p.resolve() == out_dir.resolve() for p in args.paths):
        raise UsageError(f"{out_dir}: --out is the input folder; use --in-place or another folder")
    pairs = _files(args, cfg, skip=out_dir)
    if out_dir is not None:
        inputs = {f.resolve() for f, _ in pairs}
        for f, root in pairs:
            if output_path(f, root, out_dir).resolve() in inputs:
                raise UsageError(f"{out_dir}: output would overwrite the input {f}; use --in-place or another folder")
    level = args.apply or cfg.apply
    roots = dict(pairs)
    journals = None
    if args.in_place:
        try:
            journals = in_place.Journals(undo_key.load(create=True))
        except OSError as exc:
            raise UsageError(f"{exc.filename}: {exc.strerror}") from None
    started_ns = time.time_ns()
    errors = 0
    unwritten: set[Path] = set()

    def write_one(r: FileReport) -> None:  # as each file is done: an interrupted run keeps what it finished
        nonlocal errors
        if r.error or r.document is None:
            _error(r.path, r.error or "unreadable")
            errors += 1
            return
        dest = output_path(r.path, roots[r.path], out_dir) if out_dir is not None else r.path
        try:
            if out_dir is not None:
                _write(r, roots[r.path], out_dir)
            elif r.result and r.result.changed and journals is not None:
                note = _write_in_place(r, args.backup_suffix, journals.for_file(r.path, roots[r.path]))
                if note:
                    print(f"mtnorm: note: {display(r.path)}: {note}", file=sys.stderr)
        except OSError as exc:
            _error(dest, write_error(exc))
            errors += 1
            unwritten.add(r.path)
        except DocumentError as exc:
            _error(dest, str(exc))
            errors += 1
            unwritten.add(r.path)
        finally:
            staged = getattr(r.result, "staged", None)
            if staged is not None:
                staged.unlink(missing_ok=True)  # moved into place, or not wanted after an error

    # large files are staged in the output folder itself (never below it: a link there is not followed)
    # or beside the real file
    stage_dirs = {f: (out_dir if out_dir is not None else Path(os.path.realpath(f)).parent) for f, root in pairs}
    stale = _remove_stale_temps(pairs, out_dir, args.backup_suffix, started_ns)
    # copies beside untouched originals are flushed to disk together at the end; in place, each file
    # and its backup are flushed before the original is replaced
    with flush_at_end() if out_dir is not None else nullcontext():
        reports = _progress_run([f for f, _ in pairs], "clean", level, (select, ignore, rule_files, args.ignore_word_list),
                                args.jobs, args.quiet, cfg, _policy(args, cfg), each=write_one, stage_dirs=stage_dirs)
    if not args.quiet:
        from rich.console import Console

        clean_table(reports, rules, Console(highlight=False), unwritten, full=args.statistics)
        if stale:
            print(f"Removed {stale} temporary file{'s' if stale != 1 else ''} left by an interrupted run.")
    if errors or args.missing:
        return EXIT_ERROR
    return EXIT_FIXES if any(r.result and r.result.pending for r in reports) else EXIT_CLEAN


def cmd_rules(args: argparse.Namespace) -> int:
    cfg, select, ignore, rule_files = _config(args)
    rules = load_rules(select, ignore, rule_files, ignore_words=args.ignore_word_list)
    from rich.console import Console

    console = Console(highlight=False)
    if args.format == "json" and not args.code:
        json.dump([{"code": r.code, "name": r.name, "category": r.category, "safety": str(r.safety),
                    "description": r.description, "source": r.source} for r in rules],
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_CLEAN
    if not args.code:
        rules_table(rules, console)
        return EXIT_CLEAN
    wanted = [r for r in rules if r.code == args.code.upper() or r.name == args.code]
    if not wanted:
        raise UsageError(f"no rule {args.code!r}; `mtnorm rules` lists them")
    r = wanted[0]
    console.print(f"[bold]{r.code} {r.name}[/bold]  category: {r.category}  safety: {r.safety}")
    if r.source != "builtin":
        console.print(f"defined in {r.source}")
    console.print()
    console.print(r.description, markup=False)
    if r.example:
        doc = Document(r.example)
        result = engine.clean(doc, [r], "all")
        console.print("\n[bold]Example[/bold]")
        for f in engine.resolve(engine.propose(doc, [r]))[0]:
            console.print(f"  {f.original!r} -> {f.replacement!r} [{f.safety}]: {f.message}", markup=False)
        console.print(f"  before: {r.example!r}", markup=False)
        console.print(f"  after:  {result.text!r}", markup=False)
    return EXIT_CLEAN


def cmd_review(args: argparse.Namespace) -> int:
    cfg, select, ignore, rule_files = _config(args)
    rules = load_rules(select, ignore, rule_files, ignore_words=args.ignore_word_list)
    pairs = _files(args, cfg, skip=args.out)
    if not pairs:
        raise UsageError("no files to review")
    try:
        journal = Journal(args.journal) if args.journal else Journal.for_paths(args.paths)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    from .tui import ReviewApp

    policy = Policy(tuple(cfg.accept), dict(cfg.per_path_ignores))  # the journal is the app's own
    app = ReviewApp(pairs, rules, journal, args.out, cfg.user_alias_file, policy, cfg.learn_min_docs,
                    cfg.user_ignore_file, not args.no_safe)
    session = app.run()
    if session is None:
        return EXIT_ERROR if args.missing else EXIT_CLEAN
    unreadable = [s for s in session.files if s.error]
    for s in unreadable:
        _error(s.path, s.error)
    print(f"{session.decided}/{session.total} fixes decided; journal: {journal.path}")
    if unreadable or args.missing:
        return EXIT_ERROR
    return EXIT_FIXES if session.decided < session.total else EXIT_CLEAN


def cmd_undo(args: argparse.Namespace) -> int:
    status = EXIT_CLEAN
    anything = False
    for given in list(args.paths) or [Path.cwd()]:
        folder = given if given.is_dir() else Path(os.path.realpath(given)).parent
        log = UndoLog(folder / UNDO_NAME)
        if not log.path.is_file():
            _error(display(given), "no undo log here (clean --in-place writes one in the folder it was given)")
            status = EXIT_ERROR
            continue
        if args.list:
            runs, problems = log.runs()
            for p in problems:
                _error(f"{display(log.path)}:{p.line}", p.reason)
            for run_id, changes, done in runs:
                when = changes[0].time if changes else ""
                print(f"{run_id}  {when}  {len(changes)} file{'s' if len(changes) != 1 else ''}"
                      f"{'  (undone)' if done else ''}")
            anything = True
            status = max(status, EXIT_ERROR if problems else EXIT_CLEAN)
            continue
        run_id, outcomes, problems = undo_run(log, args.run, args.force)
        for p in problems:
            _error(f"{display(log.path)}:{p.line}", p.reason)
        if run_id is None:
            _error(display(log.path), "nothing to undo" + (f" for run {args.run}" if args.run else ""))
            status = EXIT_ERROR
            continue
        anything = True
        for o in outcomes:
            where = display(log.folder / o.change.path)
            if o.status == "refused":
                _error(where, o.reason)
            elif o.reason and o.status == "already" and "removed" in o.reason:
                print(f"{where}: {o.reason}")
        restored = sum(o.status == "restored" for o in outcomes)
        refused = sum(o.status == "refused" for o in outcomes)
        print(f"run {run_id}: {restored} file{'s' if restored != 1 else ''} restored"
              + (f", {refused} refused" if refused else "") + ".")
        if refused or problems:
            status = EXIT_ERROR
    return status if anything or status else EXIT_ERROR


COMMANDS = {"check": cmd_check, "undo": cmd_undo, "review": cmd_review, "diff": cmd_diff, "clean": cmd_clean, "rules": cmd_rules,
            "alias": lambda args: cmd_alias(args, _config),
            "boilerplate": lambda args: cmd_boilerplate(args, _config),
            "config": lambda args: cmd_config(args, _config)}


