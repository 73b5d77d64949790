"""Reports: linter-style text, JSON, JSON Lines, GitHub annotations, SARIF, unified diffs and summaries."""

from __future__ import annotations

import difflib
import json
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote


from .batch import FileReport
from .fixes import Fix, Safety
from .registry import Rule
from .textdiff import diff_label, patch_lines

if TYPE_CHECKING:
    from rich.console import Console


def _short(s: str, width: int = 40) -> str:
    r = repr(s)
    return r if len(r) <= width else r[: width - 4] + "…" + r[-3:]


def fix_record(report: FileReport, fix: Fix) -> dict[str, Any]:
    """One fix as the JSON contract has it (``original == text[start:end]``)."""
    line, col = report.position(fix)
    rec: dict[str, Any] = {"path": str(report.path)}
    d = fix.to_dict()
    rec.update(rule=d["rule"], category=d["category"], safety=d["safety"], start=fix.start,
               end=fix.end, line=line, col=col, original=fix.original,
               replacement=fix.replacement, alternatives=d["alternatives"], message=fix.message)
    return rec


def summary(reports: Sequence[FileReport], fixes: Iterable[Fix]) -> dict[str, Any]:
    """Counts for a run: files, fixes by safety, category and rule, errors."""
    fixes = list(fixes)
    return {
        "files": len(reports),
        "files_with_fixes": sum(1 for r in reports if r.fixes or (r.result and (r.result.applied or r.result.pending))),
        "errors": [{"path": str(r.path), "error": r.error} for r in reports if r.error],
        "fixes": len(fixes),
        "safe": sum(1 for f in fixes if f.safety is Safety.SAFE),
        "review": sum(1 for f in fixes if f.safety is Safety.REVIEW),
        "by_category": dict(sorted(Counter(f.category for f in fixes).items())),
        "by_rule": dict(sorted(Counter(f.rule for f in fixes).items())),
    }


def write_check(reports: Sequence[FileReport], fmt: str, out: TextIO, rules: Sequence[Rule] | None = None) -> None:
    """Print the fixes of ``mtnorm check`` as ``text``, ``json``, ``jsonl``, ``github`` or ``sarif``.

    ``rules`` names and describes the rules in ``github`` and ``sarif`` output (default: the shipped rules).
    """
    if fmt in ("github", "sarif"):
        by_code = {r.code: r for r in (_shipped_rules() if rules is None else rules)}
        if fmt == "github":
            write_github(reports, by_code, out)
        else:
            json.dump(sarif(reports, by_code), out, ensure_ascii=False, indent=2)
            out.write("\n")
        return
    if fmt == "jsonl":
        for r in reports:
            for f in r.fixes:
                out.write(json.dumps(fix_record(r, f), ensure_ascii=False) + "\n")
        return
    if fmt == "json":
        records = [fix_record(r, f) for r in reports for f in r.fixes]
        doc = {"version": 1, "fixes": records,
               "summary": summary(reports, (f for r in reports for f in r.fixes))}
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    total = 0
    for r in reports:
        for f in r.fixes:
            rec = fix_record(r, f)
            total += 1
            out.write(f"{r.path}:{rec['line']}:{rec['col']}: {f.rule} [{f.safety}] {f.message} "
                      f"{_short(f.original)} -> {_short(f.replacement)}\n")
    s = summary(reports, (f for r in reports for f in r.fixes))
    if total:
        out.write(f"Found {total} fix{'es' if total != 1 else ''} ({s['safe']} safe, {s['review']} to review) "
                  f"in {s['files_with_fixes']} of {s['files']} files.\n")
    else:
        out.write(f"No fixes proposed in {s['files']} file{'s' if s['files'] != 1 else ''}.\n")


def _shipped_rules() -> list[Rule]:
    from .api import load_rules
    from .errors import ConfigError

    try:
        return load_rules()
    except ConfigError:
        return []


SARIF_LEVEL = {Safety.SAFE: "warning", Safety.REVIEW: "note"}
GITHUB_LEVEL = {Safety.SAFE: "warning", Safety.REVIEW: "notice"}


def span(report: FileReport, fix: Fix) -> tuple[int, int, int, int]:
    """1-based (start line, start column, end line, end column) of a fix; the end column is exclusive."""
    line, col = report.position(fix)
    lines = fix.original.split("\n")
    if len(lines) == 1:
        return line, col, line, col + len(fix.original)
    return line, col, line + len(lines) - 1, len(lines[-1]) + 1


def _described(fix: Fix) -> str:
    return f"{fix.message} {_short(fix.original)} -> {_short(fix.replacement)}"


def github_data(value: str) -> str:
    """Escape a workflow command's message (``%``, CR, LF), as GitHub's toolkit does.

    >>> github_data("50%\\nmore")
    '50%25%0Amore'
    """
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(value: str) -> str:
    """Escape a workflow command's property value: as :func:`github_data`, plus ``:`` and ``,``.

    >>> github_property("a,b:c")
    'a%2Cb%3Ac'
    """
    return github_data(value).replace(":", "%3A").replace(",", "%2C")


def write_github(reports: Sequence[FileReport], rules: dict[str, Rule], out: TextIO) -> None:
    """GitHub Actions workflow commands: one annotation per fix, one ``::error`` per unreadable file."""
    for r in reports:
        path = github_property(r.path.as_posix())
        if r.error:
            out.write(f"::error file={path},title=mtnorm::{github_data(r.error)}\n")
        for f in r.fixes:
            line, col = r.position(f)
            title = f"{f.rule} {rules[f.rule].name}" if f.rule in rules else f.rule
            out.write(f"::{GITHUB_LEVEL[f.safety]} file={path},line={line},col={col},"
                      f"title={github_property(title)}::{github_data(_described(f))}\n")


def artifact_uri(path: Path) -> str:
    """A SARIF ``artifactLocation.uri``: the path as given, forward slashes, percent-encoded.

    >>> artifact_uri(Path("news/day 1.txt"))
    'news/day%201.txt'
    """
    return path.as_uri() if path.is_absolute() else quote(path.as_posix(), safe="/")


def _rule_descriptor(code: str, rule: Rule | None) -> dict[str, Any]:
    if rule is None:
        return {"id": code}
    text = rule.description or rule.name
    first = " ".join(text.split("\n\n")[0].split())  # the first paragraph, unwrapped
    return {"id": code, "name": rule.name, "shortDescription": {"text": first}, "help": {"text": text},
            "defaultConfiguration": {"level": SARIF_LEVEL[rule.safety]},
            "properties": {"category": rule.category, "safety": str(rule.safety)}}


def sarif(reports: Sequence[FileReport], rules: dict[str, Rule]) -> dict[str, Any]:
    """A SARIF 2.1.0 log of one run: the rules used, one result per fix (with the fix), errors as notifications.

    Columns count Unicode code points (``columnKind``), like ``line``/``col`` in the other formats.
    """
    from . import __version__

    used = sorted({f.rule for r in reports for f in r.fixes})
    index = {code: i for i, code in enumerate(used)}
    results = []
    for r in reports:
        uri = artifact_uri(r.path)
        for f in r.fixes:
            line, col, end_line, end_col = span(r, f)
            region = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
            results.append({
                "ruleId": f.rule, "ruleIndex": index[f.rule], "level": SARIF_LEVEL[f.safety],
                "message": {"text": _described(f)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                                                    "region": {**region, "snippet": {"text": f.original}}}}],
                "fixes": [{"description": {"text": f.message},
                           "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [
                               {"deletedRegion": region, "insertedContent": {"text": f.replacement}}]}]}],
                "properties": {"category": f.category, "safety": str(f.safety), "alternatives": list(f.alternatives)},
            })
    errors = [{"level": "error", "message": {"text": r.error}, "locations": [
        {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}]} for r in reports if r.error]
    run = {"tool": {"driver": {"name": "mtnorm", "version": __version__,
                               "rules": [_rule_descriptor(code, rules.get(code)) for code in used]}},
           "columnKind": "unicodeCodePoints",
           "invocations": [{"executionSuccessful": not errors, "toolExecutionNotifications": errors}],
           "results": results}
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}


def write_statistics(reports: Sequence[FileReport], rules: Sequence[Rule], out: TextIO) -> None:
    """``check --statistics``: how many fixes each rule proposes, most frequent first."""
    counts = Counter(f.rule for r in reports for f in r.fixes)
    by_code = {r.code: r for r in rules}
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        r = by_code.get(code)
        out.write(f"{n:6d}  {code}  {r.name if r else '':<34} {r.safety if r else ''}\n")
    total = sum(counts.values())
    out.write(f"{total:6d}  fixes in {sum(1 for r in reports if r.fixes)} of {len(reports)} files\n")


def unified_diff(report: FileReport, new_text: str) -> str:
    """The unified diff between a file's text and ``new_text``."""
    assert report.document is not None
    return patch_lines(difflib.unified_diff(
        report.document.text.splitlines(keepends=True), new_text.splitlines(keepends=True),
        fromfile=diff_label(report.path, "a"), tofile=diff_label(report.path, "b"),
    ))


SUMMARY_TOP = 5  # rules shown in clean's summary unless --statistics asks for all


def clean_table(reports: Sequence[FileReport], rules: Sequence[Rule], console: Console,
                unwritten: Collection[Path] = (), full: bool = False) -> None:
    """The end-of-run summary of ``mtnorm clean``: fixes applied and pending per rule.

    The rules with most fixes and a total row; every rule with ``full`` (``--statistics``).
    Files in ``unwritten`` (their write failed or was refused) count as not changed.
    """
    reports = [r for r in reports if r.path not in unwritten]
    applied = Counter(f.rule for r in reports if r.result for f in r.result.applied)
    pending = Counter(f.rule for r in reports if r.result for f in r.result.pending)
    by_code = {r.code: r for r in rules}
    from rich.table import Table  # rich is loaded only for tables and progress bars

    table = Table(title="mtnorm clean", title_justify="left")
    for col, just in (("rule", "left"), ("name", "left"), ("category", "left"),
                      ("applied", "right"), ("to review", "right")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    codes = sorted(set(applied) | set(pending), key=lambda c: (-(applied[c] + pending[c]), c))
    shown = codes if full or len(codes) <= SUMMARY_TOP + 1 else codes[:SUMMARY_TOP]
    for code in (shown if not full else sorted(codes)):
        r = by_code.get(code)
        table.add_row(code, r.name if r else "", r.category if r else "",
                      str(applied[code]), str(pending[code]))
    rest = codes[len(shown):]
    if rest:
        table.add_row("…", f"{len(rest)} more rules (--statistics)", "",
                      str(sum(applied[c] for c in rest)), str(sum(pending[c] for c in rest)), style="dim")
    table.add_section()
    table.add_row("all", "", "", str(sum(applied.values())), str(sum(pending.values())), style="bold")
    changed = sum(1 for r in reports if r.result and r.result.changed)
    errors = sum(1 for r in reports if r.error)
    if applied or pending:
        console.print(table)
    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else ('es' if word.endswith('x') else 's')}"

    console.print(
        f"{n(len(reports) + len(unwritten), 'file')}, {changed} changed, {n(sum(applied.values()), 'fix')} applied, "
        f"{sum(pending.values())} left to review" + (f", {n(errors, 'error')}" if errors else "") + "."
        + (f" {n(len(unwritten), 'file')} could not be written." if unwritten else ""),
        soft_wrap=True,
    )


def rules_table(rules: Sequence[Rule], console: Console) -> None:
    """Every rule: code, name, category, safety and the first line of its description.

    A table on a terminal; tab-separated lines when piped, for scripts.
    """
    rows = [(r.code, r.name, r.category, str(r.safety), r.description.splitlines()[0] if r.description else "")
            for r in rules]
    if not console.is_terminal:
        for row in rows:
            console.print("\t".join(row), markup=False, highlight=False, soft_wrap=True)
        return
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD)
    for col in ("code", "name", "category", "safety"):
        table.add_column(col, no_wrap=True)
    table.add_column("description", overflow="fold", ratio=1, min_width=24)
    for row in rows:
        table.add_row(*row)
    console.print(table)
