"""The commands of ``mtnorm``: each reads its settings, calls the core API and prints the result.

Kept apart from :mod:`normalizer.cli` (the argument parser) so that ``mtnorm --help``
starts without loading rules, dictionaries or the terminal libraries.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import engine
from .api import RunRules, ignore_words_from, load_rules, load_run_rules
from .batch import FileReport, run
from .cli_alias import cmd_alias, cmd_boilerplate
from .config import Config, load_config
from .document import Document
from .finding import find_files, real_path
from .stream import StreamResult
from .decisions import Journal
from .errors import UsageError, display
from .policy import Policy
from .report import rules_table, unified_diff, write_check, write_statistics

EXIT_CLEAN, EXIT_FIXES, EXIT_ERROR = 0, 1, 2


def _split(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for item in values or () for v in item.split(",") if v.strip()]


def _config(args: argparse.Namespace) -> tuple[Config, list[str], list[str], list[str]]:
    cfg = load_config(args.config)
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


def cmd_check(args: argparse.Namespace) -> int:
    cfg, select, ignore, rule_files = _config(args)
    rules = _run_rules(args, select, ignore, rule_files)
    files = [f for f, _ in _files(args, cfg)]
    reports = run(files, "check", "safe", rules=rules, jobs=args.jobs,
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
    rules = _run_rules(args, select, ignore, rule_files)
    files = [f for f, _ in _files(args, cfg)]
    level = args.apply or cfg.apply
    reports = run(files, "diff", level, rules=rules, jobs=args.jobs,
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
                    cfg.user_ignore_file)
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


def cmd_clean(args: argparse.Namespace) -> int:
    from .cli_clean import cmd_clean as clean  # it uses the helpers above

    return clean(args)


def cmd_undo(args: argparse.Namespace) -> int:
    from .cli_clean import cmd_undo as undo

    return undo(args)


COMMANDS = {"check": cmd_check, "undo": cmd_undo, "review": cmd_review, "diff": cmd_diff, "clean": cmd_clean, "rules": cmd_rules,
            "alias": lambda args: cmd_alias(args, _config),
            "boilerplate": lambda args: cmd_boilerplate(args, _config)}


