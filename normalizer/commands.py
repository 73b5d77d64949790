"""The commands of ``mtnorm``: each reads its settings, calls the core API and prints the result.

Kept apart from :mod:`normalizer.cli` (the argument parser) so that ``mtnorm --help``
starts without loading rules, dictionaries or the terminal libraries. What they share is
:mod:`normalizer.cli_common`; ``clean`` and ``undo`` are :mod:`normalizer.cli_clean`.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import engine
from .api import load_rules
from .batch import run
from .cli_alias import cmd_alias, cmd_boilerplate
from .cli_clean import cmd_clean, cmd_undo
from .cli_config import cmd_config
from .cli_common import EXIT_CLEAN, EXIT_ERROR, EXIT_FIXES, _config, _error, _files, _policy, _run_rules
from .document import Document
from .stream import StreamResult
from .decisions import Journal
from .errors import UsageError
from .policy import Policy
from .report import rules_table, unified_diff, write_check, write_statistics

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



def _reflow(text: str) -> str:
    """A rule's description with each paragraph on one line, for the console to wrap at its width
    (lists and indented lines keep their breaks)."""
    out = []
    for para in text.split("\n\n"):
        lines = para.split("\n")
        if any(line[:1] in " -*\t" or line[:2].rstrip(".").isdigit() for line in lines[1:]):
            out.append(para)
        else:
            out.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(out)


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
    console.print(_reflow(r.description), markup=False)
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


COMMANDS = {"check": cmd_check, "undo": cmd_undo, "review": cmd_review, "diff": cmd_diff, "clean": cmd_clean, "rules": cmd_rules,
            "alias": lambda args: cmd_alias(args, _config),
            "boilerplate": lambda args: cmd_boilerplate(args, _config),
            "config": lambda args: cmd_config(args, _config)}


