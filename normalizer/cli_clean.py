"""``mtnorm clean`` and ``mtnorm undo``: write cleaned files (copies or in place) and put them back.

The writing itself is :class:`normalizer.outputs.Output`, run where each file is cleaned (a
worker with ``--jobs N``); this module checks the arguments, prints the messages in the order
of the files, and ends with the summary and the exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import nullcontext
from pathlib import Path

from . import in_place, undo_key
from .batch import FileReport
from .cli_common import EXIT_CLEAN, EXIT_ERROR, EXIT_FIXES, _config, _error, _files, _policy, _progress_run, _run_rules
from .errors import UsageError, display
from .finding import output_path, real_path
from .jobs import jobs_for
from .outputs import Output, remove_stale_temps
from .report import clean_table
from .undo import UNDO_NAME, UndoLog, undo_run
from .writing import flush_at_end, written_elsewhere


def cmd_clean(args: argparse.Namespace) -> int:
    cfg, select, ignore, rule_files = _config(args)
    rules = _run_rules(args, select, ignore, rule_files)
    out_dir: Path | None = args.out
    if args.in_place and not args.backup_suffix:
        raise UsageError("--backup-suffix must not be empty: --in-place always keeps a backup")
    if out_dir is not None and any(p.is_dir() and p.resolve() == out_dir.resolve() for p in args.paths):
        raise UsageError(f"{out_dir}: --out is the input folder; use --in-place or another folder")
    pairs = _files(args, cfg, skip=out_dir)
    folders: dict[str, str] = {}  # real paths of folders, each resolved once
    if out_dir is not None:
        inputs = {real_path(f, folders) for f, _ in pairs}
        for f, root in pairs:
            if real_path(output_path(f, root, out_dir), folders) in inputs:
                raise UsageError(f"{out_dir}: output would overwrite the input {f}; use --in-place or another folder")
    level = args.apply or cfg.apply
    journals = None
    if args.in_place:
        try:
            journals = in_place.Journals(undo_key.load(create=True))
        except OSError as exc:
            raise UsageError(f"{exc.filename}: {exc.strerror}") from None
    output = Output(dict(pairs), out_dir, args.backup_suffix, journals, os.getpid())
    started_ns = time.time_ns()
    errors = 0
    unwritten: set[Path] = set()

    def report_one(r: FileReport) -> None:  # each file is written as it is done: an interrupted run keeps those
        nonlocal errors
        if r.error:
            _error(r.path, r.error)
            errors += 1
        elif r.write_error:
            _error(output.destination(r.path), r.write_error)
            errors += 1
            unwritten.add(r.path)
        elif r.note:
            print(f"mtnorm: note: {display(r.path)}: {r.note}", file=sys.stderr)

    # large files are staged in the output folder itself (never below it: a link there is not followed)
    # or beside the real file
    stage_dirs = {f: (out_dir if out_dir is not None else Path(os.path.dirname(real_path(f, folders)))) for f, root in pairs}
    stale = remove_stale_temps(pairs, out_dir, args.backup_suffix, started_ns)
    # copies beside untouched originals are flushed to disk together at the end; in place, each file
    # and its backup are flushed before the original is replaced
    with flush_at_end() if out_dir is not None else nullcontext():
        jobs = jobs_for(pairs, args.jobs)
        reports = _progress_run([f for f, _ in pairs], "clean", level, rules, jobs, args.quiet, cfg,
                                _policy(args, cfg), each=report_one, stage_dirs=stage_dirs, deliver=output)
        if out_dir is not None and jobs > 1:
            written_elsewhere(out_dir)
    if not args.quiet:
        from rich.console import Console

        clean_table(reports, rules, Console(highlight=False), unwritten, full=args.statistics)
        if stale:
            print(f"Removed {stale} temporary file{'s' if stale != 1 else ''} left by an interrupted run.")
    if errors or args.missing:
        return EXIT_ERROR
    return EXIT_FIXES if any(r.result and r.result.pending for r in reports) else EXIT_CLEAN


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
