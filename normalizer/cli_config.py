"""``mtnorm config`` and ``-v``: which configuration, alias, rule and ignore files are in effect, and
where each setting came from (a file, the command line, or the default)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .config import Config
from .config_search import user_config_dir
from .errors import display

# setting -> (the flag that sets it, whether the flag adds to the file's value rather than replacing it)
FLAGS = {"select": ("select", False), "ignore": ("ignore", True), "rules": ("rules", True),
         "extensions": ("extensions", False), "learn_min_docs": ("learn_min_docs", False),
         "encoding": ("encoding", False), "apply": ("apply", False), "ignore_words_files": ("ignore_words", True)}


def add_config_parser(sub: argparse._SubParsersAction, common: Callable) -> None:
    p = sub.add_parser("config", help="show the configuration, alias, rule and ignore files in effect",
                       description="Say which files a run on PATH (default: the current folder) would use, "
                                   "and where each setting comes from.")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="the files or folders a run would be given")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--extensions", metavar="EXTS", help="as for check")
    p.add_argument("--learn-min-docs", type=int, metavar="N", help="as for check")
    common(p, paths=False)


def _given(args: argparse.Namespace, flag: str) -> bool:
    value = getattr(args, flag, None)
    return value not in (None, [], "")


def settings(cfg: Config, args: argparse.Namespace, select: list[str], ignore: list[str]) -> list[dict]:
    """One row per setting: its effective value and where it came from."""
    values = {"select": select, "ignore": ignore, "rules": [*map(str, cfg.rules), *map(str, args.rules)],
              "extensions": cfg.extensions, "exclude": cfg.exclude,
              "apply": getattr(args, "apply", None) or cfg.apply, "alias_files": list(map(str, cfg.alias_files)),
              "learn_min_docs": cfg.learn_min_docs, "encoding": cfg.encoding, "accept": cfg.accept,
              "per_path_ignores": cfg.per_path_ignores, "ignore_words": cfg.ignore_words,
              "ignore_words_files": [*map(str, cfg.ignore_words_files), *map(str, getattr(args, "ignore_words", []))]}
    rows = []
    for key, value in values.items():
        origin = [display(cfg.origins[key])] if key in cfg.origins else []
        flag, adds = FLAGS.get(key, (None, False))
        if flag and _given(args, flag):
            origin = [*origin, "command line"] if adds else ["command line"]
        rows.append({"setting": key, "value": value, "from": " + ".join(origin) or "default"})
    return rows


def files(cfg: Config, args: argparse.Namespace) -> dict:
    """The files in effect, by kind."""
    user = user_config_dir()
    return {
        "configuration": str(cfg.source) if cfg.source else None,
        "found": cfg.found_by,
        "user_configuration_folder": str(user),
        "alias_files": [str(p) for p in cfg.alias_files_to_read()],
        "alias_add_writes": str(cfg.user_alias_file),
        "rule_files": [*map(str, cfg.rules), *map(str, args.rules)],
        "ignore_word_files": [str(p) for p in cfg.ignore_words_files_to_read()]
                             + [str(p) for p in getattr(args, "ignore_words", [])],
        "boilerplate_save_writes": str(cfg.user_rules_file),
        "ignore_word_i_writes": str(cfg.user_ignore_file),
    }


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) if value else "(none)"
    if isinstance(value, dict):
        return "; ".join(f"{k} = {', '.join(v)}" for k, v in value.items()) or "(none)"
    return str(value)


def describe(cfg: Config, args: argparse.Namespace, select: list[str], ignore: list[str]) -> list[str]:
    """The report as lines of text."""
    f = files(cfg, args)
    exists = lambda p: "" if Path(p).exists() else " (not created yet)"  # noqa: E731
    lines = [f"Configuration: {f['configuration'] or '(none)'}", f"  {f['found']}",
             f"  user configuration folder: {f['user_configuration_folder']}",
             "Files in effect:",
             f"  alias files:       {_text(f['alias_files'])}",
             f"  rule files:        {_text(f['rule_files'])}",
             f"  ignore-word files: {_text(f['ignore_word_files'])}",
             f"  `alias add` writes {f['alias_add_writes']}{exists(f['alias_add_writes'])}",
             "Settings:"]
    rows = settings(cfg, args, select, ignore)
    width = max(len(r["setting"]) for r in rows)
    origin = max(len(r["from"]) for r in rows) + 2
    for r in rows:
        shown = _text(r["value"]) if r["setting"] != "select" or r["value"] else "(all rules)"
        lines.append(f"  {r['setting']:<{width}}  {'[' + r['from'] + ']':<{origin}}  {shown}")
    return lines


def _short(path: Path | None) -> str:
    """``path`` relative to the current folder when it lies below it."""
    if path is None:
        return "(none)"
    try:
        return display(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return display(path)


def warn_unused(cfg: Config, out: TextIO | None = None) -> None:
    """One warning per input whose own configuration this run does not use."""
    for path, own in cfg.others:
        print(f"mtnorm: warning: {display(path)}: its configuration {_short(own)} is not used; this run uses "
              f"{_short(cfg.source)} (give {display(path)} in a run of its own to use it)", file=out or sys.stderr)


def report_config(cfg: Config, args: argparse.Namespace, select: list[str], ignore: list[str]) -> None:
    """What every command says about its configuration: warnings, and with ``-v`` the full report."""
    warn_unused(cfg)
    if getattr(args, "verbose", False):
        for line in describe(cfg, args, select, ignore):
            print(f"mtnorm: {line}", file=sys.stderr)


def cmd_config(args: argparse.Namespace, config: Callable) -> int:
    cfg, select, ignore, _rule_files = config(args)
    if args.format == "json":
        json.dump({"files": files(cfg, args), "settings": settings(cfg, args, select, ignore)},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print("\n".join(describe(cfg, args, select, ignore)))
    return 0
