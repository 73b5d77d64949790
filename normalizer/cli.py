"""The ``mtnorm`` command line: a thin layer over the core API."""

from __future__ import annotations

import argparse
import codecs
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .cli_alias import add_alias_parser
from .cli_config import add_config_parser
from .errors import ConfigError, UsageError
from .jobs import AUTO_FILES

APPLY_CHOICES = ("safe", "all")  # engine.APPLY_LEVELS without "none"

EXIT_CLEAN, EXIT_FIXES, EXIT_ERROR = 0, 1, 2
MAX_SUFFIX_BYTES = 64  # a backup's name is the file's name plus this: it must still fit the 255-byte limit


def backup_suffix(value: str) -> str:
    """``--backup-suffix``: text appended to a file's name, so no path separator, NUL or ``..``.

    >>> backup_suffix(".orig")
    '.orig'
    >>> backup_suffix("../x")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: '../x' must not contain a path separator ('/' or '\\')
    """
    if not value:
        raise argparse.ArgumentTypeError("must not be empty: --in-place always keeps a backup")
    if "/" in value or "\\" in value or (os.altsep and os.altsep in value):
        raise argparse.ArgumentTypeError(f"{value!r} must not contain a path separator ('/' or '\\')")
    if "\0" in value:
        raise argparse.ArgumentTypeError("the suffix must not contain a NUL character")
    if ".." in value or value.rstrip(". ") != value:
        raise argparse.ArgumentTypeError(f"{value!r} must not contain '..' nor end in a dot or space")
    if len(value.encode("utf-8", "surrogateescape")) > MAX_SUFFIX_BYTES:
        raise argparse.ArgumentTypeError(f"the suffix is longer than {MAX_SUFFIX_BYTES} bytes: backup names would be too long")
    return value

def encoding_name(value: str) -> str:
    """``--encoding``: ``auto`` or a codec Python knows, checked before any file is read."""
    if value != "auto":
        try:
            codecs.lookup(value)
        except LookupError:
            raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from None
    return value


def _split(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for item in values or () for v in item.split(",") if v.strip()]


def _common(p: argparse.ArgumentParser, *, paths: bool = True) -> None:
    if paths:
        p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--select", action="append", metavar="CODES",
                   help="only these rules: codes, prefixes (S, S00), names or categories, comma-separated")
    p.add_argument("--ignore", action="append", metavar="CODES", help="skip these rules (same forms as --select)")
    p.add_argument("--rules", action="append", type=Path, default=[], metavar="FILE",
                   help="an extra rule file (TOML); may be repeated")
    p.add_argument("--config", type=Path, metavar="FILE", help="mtnorm.toml or pyproject.toml to use")
    p.add_argument("--ignore-words", action="append", type=Path, default=[], metavar="FILE",
                   help="words the word-level rules (G) never flag: one per line, # comments; may be repeated")
    if paths:
        p.add_argument("--extensions", metavar="EXTS",
                       help="file extensions to take from folders, comma-separated (default: txt,md)")
        p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                       help="process files in N processes (0: one per core; default: one per core for a batch of "
                            f"{AUTO_FILES} files or more, else 1)")
        p.add_argument("--encoding", type=encoding_name, metavar="NAME",
                       help="encoding of files without a byte-order mark: utf-8 (default), a codec name "
                            "such as cp1252, or auto (UTF-8, else detected by charset-normalizer)")
        p.add_argument("--decisions", type=Path, metavar="JOURNAL",
                       help="a review journal (.mtnorm-review.jsonl): rejected fixes are dropped, approved ones applied")
        p.add_argument("--learn-min-docs", type=int, metavar="N",
                       help="learn boilerplate repeated in N or more files of the run (default 3; 0 = off)")
        p.add_argument("-v", "--verbose", action="store_true",
                       help="say which configuration, alias, rule and ignore files are in effect (on stderr)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mtnorm",
        description="Clean up machine-translated English text: propose fixes, apply the safe ones, review the rest.",
    )
    parser.add_argument("--version", action="version", version=f"mtnorm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="list proposed fixes (exit 1 if any)")
    _common(check)
    check.add_argument("--format", choices=("text", "json", "jsonl", "github", "sarif"), default="text")
    check.add_argument("--statistics", action="store_true", help="only counts per rule, most frequent first")

    diff = sub.add_parser("diff", help="show what clean would change, as a unified diff")
    _common(diff)
    diff.add_argument("--apply", choices=APPLY_CHOICES, default=None,
                      help="safe fixes only (default) or all (review fixes take their first suggestion)")

    clean = sub.add_parser("clean", help="write cleaned copies (--out DIR) or rewrite files (--in-place)")
    _common(clean)
    where = clean.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="DIR", help="write cleaned copies here, mirroring the inputs")
    where.add_argument("--in-place", action="store_true", help="rewrite the inputs, keeping a backup of each")
    clean.add_argument("--backup-suffix", default=".orig", type=backup_suffix, metavar="SUFFIX",
                       help="backup name suffix for --in-place (default: .orig)")
    clean.add_argument("--apply", choices=APPLY_CHOICES, default=None,
                       help="safe fixes only (default) or all (review fixes take their first suggestion)")
    clean.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    clean.add_argument("--statistics", action="store_true",
                       help="every rule in the summary table (default: the five with most fixes and a total)")
    clean.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when review fixes remain (errors still exit 2); for pre-commit")

    rules = sub.add_parser("rules", help="list the rules, or explain one")
    rules.add_argument("code", nargs="?", help="a rule code or name to explain")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    _common(rules, paths=False)
    undo = sub.add_parser("undo", help="restore the files the last `clean --in-place` changed")
    undo.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                      help="the folder (or a file) given to clean; default: the current folder")
    undo.add_argument("--list", action="store_true", help="list the runs that can be undone")
    undo.add_argument("--run", metavar="ID", help="undo this run instead of the latest one")
    undo.add_argument("--force", action="store_true", help="restore even files edited since they were cleaned")
    review = sub.add_parser("review", help="approve, reject or edit each fix in a terminal app")
    _common(review)
    review.add_argument("--out", type=Path, metavar="DIR",
                        help="on w, write a copy of every file here (approved fixes and undecided safe ones "
                             "applied) instead of rewriting approved files in place")
    review.add_argument("--serve", action="store_true",
                        help="serve the app in a browser on http://127.0.0.1:PORT (needs textual-serve)")
    review.add_argument("--port", type=int, default=8000, metavar="N", help="port for --serve (default 8000)")
    review.add_argument("--no-safe", action="store_true",
                        help="with --out: apply only the approved fixes, not the undecided safe ones")
    review.add_argument("--journal", type=Path, metavar="FILE",
                        help="review journal (default: .mtnorm-review.jsonl in the reviewed folder)")
    add_alias_parser(sub, _common)
    add_config_parser(sub, _common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 clean, 1 fixes, 2 error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if (getattr(args, "jobs", None) or 0) < 0:
        parser.error("-j/--jobs wants 0 (one per core) or a positive number")
    try:
        if args.command == "review" and args.serve:
            from .cli_serve import serve

            return serve(list(sys.argv[1:] if argv is None else argv), args.port)
        from .commands import COMMANDS  # only now: --help and usage errors need none of it

        code = COMMANDS[args.command](args)
        return EXIT_CLEAN if code == EXIT_FIXES and getattr(args, "exit_zero", False) else code
    except (ConfigError, UsageError) as exc:
        print(f"mtnorm: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("mtnorm: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR


def run() -> NoReturn:
    """The console script: :func:`main`, then a quick exit.

    Once the output is flushed and nothing else runs (no other thread, no worker process),
    the interpreter's teardown (freeing every rule, word table and module, a tenth of a
    second) does nothing for the user: the process ends at once. Otherwise it exits normally.
    """
    code = main()
    if threading.active_count() > 1 or ("multiprocessing" in sys.modules and sys.modules["multiprocessing"].active_children()):
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: what could be written was
        code = code or EXIT_ERROR
    os._exit(code)


if __name__ == "__main__":
    run()
