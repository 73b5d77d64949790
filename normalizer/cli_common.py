"""What the commands of ``mtnorm`` share: exit codes, settings from the arguments and the
configuration, the files to work on, the policy, the rules of a run, and the progress display."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .api import RunRules, ignore_words_from, load_run_rules
from .batch import FileReport, run
from .cli_config import report_config
from .config import Config, load_config
from .finding import find_files, real_path
from .decisions import Journal
from .errors import UsageError, display
from .policy import Policy

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
    skip_real = os.path.realpath(skip) if skip is not None else None
    if skip_real is not None and not any(_overlap(skip_real, os.path.realpath(p)) for p in present if p.is_dir()):
        skip_real = None  # the folder to skip and the folders given are apart: no file found can be in it
    folders: dict[str, str] = {}
    for f, root in find_files(present, cfg.extensions, exclude, skipped):
        if skip_real is not None and f not in present and _inside(real_path(f, folders), skip_real):
            continue
        found.append((f, root))
    for f, why in skipped:
        print(f"mtnorm: warning: {display(f)}: {why}", file=sys.stderr)
    if not found and present:
        exts = ", ".join(f"*.{e}" for e in cfg.extensions)
        print(f"mtnorm: warning: no files to process ({exts}) in {', '.join(map(display, present))}",
              file=sys.stderr)
    return found


def _inside(path: str, folder: str) -> bool:
    """True if the real path ``path`` lies below the real folder ``folder``."""
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def _overlap(a: str, b: str) -> bool:
    return a == b or _inside(a, b) or _inside(b, a)


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


def _run_rules(args: argparse.Namespace, select: list[str], ignore: list[str], rule_files: list[str]) -> RunRules:
    """The run's rules, loaded once (a bad selector or rule file is reported before any file is read)."""
    return load_run_rules(select, ignore, rule_files, args.ignore_word_list)


def _progress_run(files, mode, level, rules, jobs, quiet, cfg, policy=None, each=None, stage_dirs=None, deliver=None):
    """``batch.run`` with a progress bar on a terminal; ``each`` sees every report as it arrives."""
    show = not quiet and sys.stderr.isatty() and len(files) > 1
    if not show:
        return run(files, mode, level, rules=rules, jobs=jobs, learn_min_docs=cfg.learn_min_docs,
                   policy=policy, encoding=cfg.encoding, progress=each, stage_dirs=stage_dirs, deliver=deliver)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"{mode}ing", total=len(files))

        def step(report: FileReport) -> None:
            if each is not None:
                each(report)
            bar.advance(task)

        return run(files, mode, level, rules=rules, jobs=jobs, learn_min_docs=cfg.learn_min_docs,
                   policy=policy, encoding=cfg.encoding, progress=step, stage_dirs=stage_dirs, deliver=deliver)
