"""The house rules of the code: no import cycle, small modules, explicit rule registration, the
speed machinery kept out of the rules, and the README's rule table in step with the registry."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from normalizer import kinds, load_rules
from normalizer.loader import load_rule_file

PACKAGE = Path(__file__).resolve().parent.parent / "normalizer"
README = PACKAGE.parent / "README.md"
MAX_LINES = 400
# Modules allowed over the limit (none today).
OVER_LIMIT: set[str] = set()
# Modules a rule module must not import: the speed machinery and the run-wide statistics' internals.
SPEED_MODULES = {"prefilter", "matchsets", "bytepatterns", "corpus", "packed"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of the package it imports, anywhere in it (inside functions too)."""
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                deps.update(t for t in [target, *(f"{target}.{a.name}" for a in node.names)] if t in paths)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name in paths)
        deps.discard(name)
        graph[name] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph()
    assert "normalizer.registry" in graph and graph["normalizer.kinds.encoding"] >= {"normalizer.registry"}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_low_level_modules_import_nothing_from_the_rules() -> None:
    graph = import_graph()
    for low in ("lexicon", "prefilter", "matchsets", "bytepatterns", "folding", "census", "cedict", "packed",
                "scan", "triggers", "registry", "document", "fixes"):
        assert not any(m.startswith("normalizer.kinds") for m in graph[f"normalizer.{low}"]), low


def test_rule_modules_leave_the_speed_machinery_to_the_scan() -> None:
    graph = import_graph()
    for name, deps in graph.items():
        if name.startswith("normalizer.kinds."):
            bad = {d.rpartition(".")[2] for d in deps} & SPEED_MODULES
            assert not bad, f"{name} imports {sorted(bad)}: declare a Trigger and read the Scan instead"


def test_every_module_is_under_the_line_limit() -> None:
    over = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert set(over) <= OVER_LIMIT, over


def imported_rule_modules() -> set[str]:
    """The modules ``kinds/__init__.py`` imports (and so registers)."""
    tree = ast.parse((PACKAGE / "kinds" / "__init__.py").read_text(encoding="utf-8"))
    return {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1
            and node.module is None for a in node.names}


def test_every_module_of_kinds_is_listed_and_registers_rules_or_helps() -> None:
    files = {p.stem for p in (PACKAGE / "kinds").glob("*.py") if p.stem != "__init__"}
    imported = imported_rule_modules()
    builders, helpers = set(kinds.BUILDERS), set(kinds.HELPERS)
    assert not (imported & builders or imported & helpers or builders & helpers)
    assert files == imported | builders | helpers, "list every module of kinds/ in kinds/__init__.py"
    rules = load_rules()
    modules = {getattr(getattr(r.finder, "func", r.finder), "__module__", "") for r in rules}
    for name in sorted(imported):
        assert f"normalizer.kinds.{name}" in modules, f"kinds/{name}.py registers no rule"
    for name in sorted(builders):
        module = __import__(f"normalizer.kinds.{name}", fromlist=["build_rules"])
        assert callable(getattr(module, "build_rules", None)), f"kinds/{name}.py has no build_rules"


def readme_table() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(family, category, [(code, name)]) of each row of the README's rule table."""
    section = README.read_text(encoding="utf-8").split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]  # "\|" is a pipe inside a cell
        if len(cells) == 3 and re.fullmatch(r"[A-Z]", cells[0]):
            rows.append((cells[0], cells[1], re.findall(r"\b([A-Z]\d{3}) ([a-z0-9]+(?:-[a-z0-9]+)*)", cells[2])))
    return rows


# Documented in the table but defined by the user's own data, not shipped.
USER_DEFINED = {"B900": "saved-boilerplate"}


def test_the_readme_rule_table_lists_every_registered_rule_and_no_other() -> None:
    rows = readme_table()
    assert len(rows) >= 8
    listed = {code: (family, category, name) for family, category, pairs in rows for code, name in pairs}
    registered = {r.code: r for r in load_rules()}
    assert sorted(set(registered) - set(listed)) == [], "add the rule to the README's rule table"
    assert sorted(set(listed) - set(registered) - set(USER_DEFINED)) == [], "the README lists an unknown code"
    for code, (family, category, name) in listed.items():
        assert code[0] == family, code
        if code in registered:
            assert (registered[code].name, registered[code].category) == (name, category), code
        else:
            assert USER_DEFINED[code] == name


def test_a_rule_file_with_the_old_quick_key_loads_with_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[rule]]\nid = "B801"\nname = "my-footer"\nkind = "boilerplate"\ncategory = "boilerplate"\n'
                    'description = "A footer of my site."\nquick = ["my site"]\n'
                    "patterns = ['(?i)^thanks for reading my site$']\n", encoding="utf-8")
    (rule,) = load_rule_file(path)
    err = capsys.readouterr().err
    assert "note:" in err and "'quick' is deprecated" in err and "mine.toml" in err and "error" not in err
    from normalizer import clean

    text = "Talks resumed.\nThanks for reading my site\n"
    assert clean(text, rules=[rule], apply="all").text == "Talks resumed.\n"
    assert clean("Talks resumed on my site today.\n", rules=[rule], apply="all").text == "Talks resumed on my site today.\n"
