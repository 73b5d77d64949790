"""``mtnorm alias``: add, list, remove and suggest name aliases."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import UsageError


def add_alias_parser(sub: argparse._SubParsersAction, common: Callable) -> None:
    alias = sub.add_parser("alias", help="manage name aliases (add, list, remove, suggest)")
    asub = alias.add_subparsers(dest="alias_command", required=True, metavar="ACTION")

    add = asub.add_parser("add", help="add variants of a name to your alias file")
    add.add_argument("canonical", help="the correct form, e.g. Bessent")
    add.add_argument("--variant", "-v", action="append", required=True, help="a wrong form (repeatable)")
    add.add_argument("--review", action="store_true", help="propose these variants for review only")
    add.add_argument("--note", default="", help="who or what this is")
    add.add_argument("--context", action="append", default=[], help="a word that must occur in the document (repeatable)")
    add.add_argument("--force", action="store_true", help="allow a variant that is a common English word (as review)")
    add.add_argument("--file", type=Path, help="alias file to edit (default: your user alias file)")
    common(add, paths=False)

    lst = asub.add_parser("list", help="list aliases (yours, or --all with the shipped ones)")
    lst.add_argument("--all", action="store_true", help="include the shipped alias data")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    lst.add_argument("--file", type=Path, help="alias file to list (default: your user alias file)")
    common(lst, paths=False)

    rm = asub.add_parser("remove", help="remove variants, or a whole entity, from your alias file")
    rm.add_argument("canonical")
    rm.add_argument("--variant", "-v", action="append", default=[], help="only this variant (repeatable)")
    rm.add_argument("--file", type=Path)
    common(rm, paths=False)

    sug = asub.add_parser("suggest", help="find clusters of name spellings across files")
    sug.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    sug.add_argument("--format", choices=("text", "json"), default="text")
    sug.add_argument("--threshold", type=float, default=87.0, help="Jaro-Winkler similarity 0-100 (default 87)")
    sug.add_argument("--no-builtin-aliases", action="store_true",
                     help="use only the texts' own evidence (not the shipped aliases nor the gazetteer)")
    sug.add_argument("--exclude", action="append", default=[], metavar="NAME=CANONICAL",
                     help="NAME is not a variant of CANONICAL; remembered in the alias file with --write")
    sug.add_argument("--write", type=Path, metavar="FILE", help="add the clusters to this alias file")
    sug.add_argument("--extensions", default="txt,md")
    common(sug, paths=False)

    bp = sub.add_parser("boilerplate", help="save approved boilerplate lines as a pattern")
    bsub = bp.add_subparsers(dest="boilerplate_command", required=True, metavar="ACTION")
    save = bsub.add_parser("save", help="remove these lines everywhere from now on (rule B900)")
    save.add_argument("lines", nargs="+", metavar="LINE", help="the line as it appears (digits and case may vary)")
    save.add_argument("--file", type=Path, help="rule file to edit (default: mtnorm-rules.toml)")
    common(save, paths=False)


def cmd_boilerplate(args: argparse.Namespace, config: Callable) -> int:
    from rich.console import Console

    from .user_rules import save_boilerplate

    cfg, *_ = config(args)
    path = args.file or cfg.user_rules_file
    added = save_boilerplate(path, args.lines)
    Console(highlight=False).print(f"{path}: {len(added)} pattern(s) added to B900 saved-boilerplate", markup=False)
    return 0


def _target(args: argparse.Namespace, cfg) -> Path:
    return args.file or cfg.user_alias_file


def cmd_alias(args: argparse.Namespace, config: Callable) -> int:
    from rich.console import Console
    from rich.table import Table

    from .alias_file import AliasFile, check_new_variants
    from .api import load_aliases

    cfg, _select, _ignore, rule_files = config(args)
    console = Console(highlight=False)
    action = args.alias_command
    if action == "add":
        path = _target(args, cfg)
        known = load_aliases(rule_files)
        ordinary = check_new_variants(args.canonical, args.variant, known, args.force)
        already = {v for a in known if a.canonical == args.canonical for v in a.variants}
        fresh = [v for v in args.variant if v not in already]
        f = AliasFile.open(path)
        added = f.add(args.canonical, fresh, review=args.review, note=args.note,
                      context=args.context, ordinary=ordinary) if fresh else []
        if added:
            f.save()
            load_aliases([*rule_files, path])  # the file must still load cleanly
        skipped = [v for v in args.variant if v not in added]
        console.print(f"{path}: {args.canonical} <- {', '.join(added) if added else '(nothing new)'}"
                      + (f"; already known: {', '.join(skipped)}" if skipped else ""), markup=False)
        return 0
    if action == "remove":
        path = _target(args, cfg)
        f = AliasFile.open(path)
        if not f.remove(args.canonical, args.variant):
            raise UsageError(f"{path}: no alias {args.canonical!r}")
        f.save()
        console.print(f"{path}: removed {', '.join(args.variant) or args.canonical}", markup=False)
        return 0
    if action == "list":
        path = _target(args, cfg)
        files = rule_files + ([str(path)] if args.file and str(path) not in rule_files else [])
        aliases = load_aliases(files, builtin_aliases=args.all)
        if not args.all:
            aliases = [a for a in aliases if Path(a.source) != Path(__file__).parent.parent / "rules" / "aliases.toml"]
        if args.format == "json":
            json.dump([{"canonical": a.canonical, "variants": list(a.variants), "review": sorted(a.review),
                        "context": list(a.context), "note": a.note, "source": a.where} for a in aliases],
                      sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
            return 0
        if not aliases:
            console.print(f"No user aliases yet ({path}). Add one: mtnorm alias add Bessent --variant Bescent", markup=False)
            return 0
        table = Table()
        for col in ("canonical", "variants", "review", "source"):
            table.add_column(col, overflow="fold")
        for a in aliases:
            table.add_row(a.canonical, ", ".join(a.variants), ", ".join(sorted(a.review)), a.where)
        console.print(table)
        return 0
    return _suggest(args, cfg, rule_files, console)


def _suggest(args: argparse.Namespace, cfg, rule_files: list[str], console) -> int:
    from .alias_file import AliasFile
    from .api import load_aliases
    from .finding import find_files
    from .name_clusters import collect, load_exclusions, suggest
    from .people import load_people
    from .document import DocumentError, read_document
    from .errors import display

    docs = []
    status = 0
    for p in args.paths:
        if not os.path.lexists(p):
            print(f"mtnorm: error: {display(p)}: no such file or folder", file=sys.stderr)
            status = 2
    for f, _root in find_files([p for p in args.paths if os.path.lexists(p)], args.extensions.split(","), cfg.exclude):
        try:
            docs.append(read_document(f))
        except DocumentError as exc:
            print(f"mtnorm: error: {display(f)}: {exc}", file=sys.stderr)
            status = 2
    aliases = load_aliases(rule_files, builtin_aliases=not args.no_builtin_aliases)
    exclusions = load_exclusions([Path(r) for r in rule_files] + ([args.write] if args.write else []))
    new_exclusions = []
    for item in args.exclude:
        name, sep, canonical = item.partition("=")
        if not sep or not name or not canonical:
            raise UsageError(f"--exclude wants NAME=CANONICAL, not {item!r}")
        exclusions.add(frozenset((name, canonical)))
        new_exclusions.append((canonical, name))
    people = () if args.no_builtin_aliases else load_people()
    clusters = suggest(collect(docs), aliases, exclusions, args.threshold, people)
    if args.format == "json":
        json.dump({"clusters": [c.to_dict() for c in clusters]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for c in clusters:
            console.print(f"[bold]{c.canonical}[/bold] ({c.members[0].count}x, {c.origin}, similarity >= {c.score:.0f})")
            for m in c.variants:
                example = m.examples[0][1] if m.examples else ""
                console.print(f"  <- {m.name} ({m.count}x)  …{example}…", markup=False)
        if not clusters:
            console.print("No clusters of similar name spellings found.")
    if args.write:
        f = AliasFile.open(args.write)
        known = load_aliases(rule_files, builtin_aliases=not args.no_builtin_aliases)
        owners = {v for a in known for v in a.variants} | {a.canonical for a in known}
        for c in clusters:
            fresh = [m.name for m in c.variants if m.name not in owners]
            if fresh:
                f.add(c.canonical, fresh, review=True, note="added by mtnorm alias suggest")
        for canonical, name in new_exclusions:
            f.exclude(canonical, [name])
        f.save()
        console.print(f"Wrote {args.write}", markup=False)
    return status
