"""Data rules: read ``rules/*.toml`` and user rule files into :class:`Rule` objects."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import regex

from .aliases import Alias, parse_alias_table
from .glossary import parse_calque, parse_gloss
from .document import Document
from .errors import ConfigError, unknown_key
from .fixes import CATEGORIES, Proposal, Safety
from .patterns import untrusted
from .registry import CODE_RE, Rule
from .scan import Scan
from .triggers import Trigger


# A kind's builder turns a table into a finder, or into a finder and its trigger (see normalizer.triggers).
KindBuilder = Callable[[dict[str, Any], Callable[[str], ConfigError]], Any]
KINDS: dict[str, KindBuilder] = {}

# The type each known key takes, checked before the table is read: one line, not a traceback.
STRING, NUMBER, FLAG, STRINGS, TABLE = "a string", "a whole number", "true or false", "a list of strings", "a table"
TYPES: dict[str, Callable[[Any], bool]] = {
    STRING: lambda v: isinstance(v, str),
    NUMBER: lambda v: isinstance(v, int) and not isinstance(v, bool),  # TOML's true is no number
    FLAG: lambda v: isinstance(v, bool),
    STRINGS: lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    TABLE: lambda v: isinstance(v, dict),
}
COMMON_TYPES = dict.fromkeys(("id", "name", "kind", "category", "safety", "description", "example"), STRING)
COMMON_KEYS = set(COMMON_TYPES)
TABLE_TYPES: dict[str, dict[str, str]] = {  # the keys of the other tables (their builders check the rest)
    "alias": {"canonical": STRING, "variants": STRINGS, "review": STRINGS, "context": STRINGS,
              "ordinary_words": STRINGS, "note": STRING, "not_after": STRING},
    "gloss": {"source": STRING, "english": STRING, "alternatives": STRINGS, "before": STRING, "note": STRING},
    "calque": {"phrase": STRING, "pattern": STRING, "english": STRING, "alternatives": STRINGS, "before": STRING,
               "context": STRINGS, "near": STRINGS, "not_near": STRINGS, "origin": STRING, "safety": STRING},
    "ignore": {"words": STRINGS, "note": STRING},
}


def check_types(table: dict[str, Any], types: dict[str, str], error: Callable[[str], Exception]) -> None:
    """Refuse a known key whose value has the wrong type.

    >>> check_types({"min_cues": "abc"}, {"min_cues": NUMBER}, ValueError)
    Traceback (most recent call last):
    ValueError: min_cues must be a whole number, not 'abc'
    """
    for key, what in types.items():
        if key in table and not TYPES[what](table[key]):
            shown = repr(table[key])
            raise error(f"{key} must be {what}, not {shown if len(shown) <= 40 else shown[:37] + '...'}")


def kind(name: str, keys: dict[str, str]) -> Callable[[KindBuilder], KindBuilder]:
    """Register a builder for ``kind = name`` tables accepting ``keys`` (each with its type)."""

    def register(builder: KindBuilder) -> KindBuilder:
        builder.keys = set(keys)  # type: ignore[attr-defined]
        builder.types = keys  # type: ignore[attr-defined]
        KINDS[name] = builder
        return builder

    return register


def deprecated(problem: ConfigError) -> None:
    """Say on stderr that a rule file uses a key that is no longer needed (it still loads)."""
    import sys

    sys.stderr.write(f"mtnorm: note: {problem}\n")


def shipped_rules_dir() -> Path:
    """The rule data shipped with mtnorm (inside the wheel, or the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"{here}: shipped rules/ folder not found; reinstall mtnorm")


def line_of(raw: str, needle: str, start: int = 0) -> int:
    """1-based line of the first ``needle`` in ``raw`` (1 if absent)."""
    i = raw.find(needle, start)
    return raw.count("\n", 0, i) + 1 if i >= 0 else 1


def load_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; syntax errors become :class:`ConfigError` with the line."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        at = regex.search(r"\s*\(at line (\d+), column \d+\)", msg)
        line = getattr(exc, "lineno", None) or (int(at.group(1)) if at else None)
        if at:
            msg = msg[: at.start()] + msg[at.end():]
        where = f"{path}:{line}" if line else str(path)
        raise ConfigError(f"{where}: invalid TOML: {msg}") from None


def load_rule_file(path: Path) -> list[Rule]:
    """The ``[[rule]]`` tables of one file, validated."""
    return load_file(path)[0]


def _located(data: dict[str, Any], raw: str, key: str, *name_keys: str) -> Iterator[tuple[dict[str, Any], int]]:
    """The tables of ``[[key]]`` with the line where each starts (found by its ``name_keys`` value)."""
    pos = 0
    counted, line = 0, 1  # lines are counted on from the last table found: linear in the file's size
    for table in data.get(key, []):
        name = next((table.get(k) for k in name_keys if isinstance(table, dict) and k in table), None)
        found = raw.find(f"{name}", pos) if isinstance(name, str) and name else -1
        if found < 0:
            yield table, line_of(raw, f"[[{key}]]")
            continue
        pos = found + 1
        line += raw.count("\n", counted, found)
        counted = found
        yield table, line


def load_file(path: Path) -> tuple[list[Rule], list[Alias], dict[str, list[Any]]]:
    """The ``[[rule]]``, ``[[alias]]``, ``[[gloss]]``, ``[[calque]]`` and ``[[ignore]]`` tables of one file, validated."""
    data, raw = load_toml(path)
    tables = {"rule", "alias", "not_alias", "gloss", "calque", "ignore"}
    unknown = set(data) - tables
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"{path}:{line_of(raw, key)}: {unknown_key(key, tables, ' at the top level')}")
    for key in sorted(tables.intersection(data)):
        if not isinstance(data[key], list) or not all(isinstance(t, dict) for t in data[key]):
            at = regex.search(rf"(?m)^[ \t]*\[*[ \t]*[\"']?{key}[\"']?[ \t]*[=.\]]", raw)
            line = raw.count("\n", 0, at.start()) + 1 if at else line_of(raw, key)
            raise ConfigError(f"{path}:{line}: {key!r} must be an array of tables ([[{key}]] ...), "
                              f"not {data[key]!r:.40}")
    if is_shipped(path):
        return _load_tables(path, data, raw)
    with untrusted():  # a user's patterns run under a time limit
        return _load_tables(path, data, raw)


def is_shipped(path: Path) -> bool:
    """True for the rule data shipped with mtnorm (trusted: no time limit on its patterns)."""
    try:
        return path.resolve().parent == shipped_rules_dir().resolve()
    except ConfigError:
        return False


def _load_tables(path: Path, data: dict[str, Any], raw: str) -> tuple[list[Rule], list[Alias], dict[str, list[Any]]]:
    rules = [_build(table, path, raw) for table in data.get("rule", [])]

    def err(line: int) -> Callable[[str], ConfigError]:
        return lambda msg: ConfigError(f"{path}:{line}: {msg}")

    def typed(key: str, table: dict[str, Any], line: int) -> dict[str, Any]:
        check_types(table, TABLE_TYPES[key], err(line))
        return table

    # The shipped aliases are checked for ordinary English words by the test suite, not at every start
    # (the check needs wordfreq's table); a user's aliases are checked as they load.
    check = not is_shipped(path)
    aliases = [parse_alias_table(typed("alias", t, line), path, line, err(line), check)
               for t, line in _located(data, raw, "alias", "canonical")]
    extras: dict[str, list[Any]] = {
        "gloss": [parse_gloss(typed("gloss", t, line), path, line, err(line)) for t, line in _located(data, raw, "gloss", "source")],
        "calque": [parse_calque(typed("calque", t, line), path, line, err(line))
                   for t, line in _located(data, raw, "calque", "phrase", "pattern")],
        "ignore": [w for t, line in _located(data, raw, "ignore", "note")
                   for w in _ignore_words(typed("ignore", t, line), err(line))],
    }
    return rules, aliases, extras


def _ignore_words(table: Any, error: Callable[[str], ConfigError]) -> list[str]:
    """The ``words`` of an ``[[ignore]]`` table: words the word-level rules must never flag."""
    if not isinstance(table, dict) or set(table) - {"words", "note"}:
        raise error("an [[ignore]] table takes 'words' (a list of strings) and an optional 'note'")
    words = table.get("words")
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise error("'words' must be a non-empty list of words")
    bad = next((w for w in words if len(w.split()) != 1), None)
    if bad is not None:
        raise error(f"ignore words are single words, not {bad!r}")
    return [w.strip() for w in words]


def read_word_list(path: Path) -> list[str]:
    """A plain word list (one word per line, ``#`` comments), as codespell's ``--ignore-words`` reads.

    A TOML file is read for its ``[[ignore]]`` tables instead.
    """
    if path.suffix.lower() == ".toml":
        return list(load_file(path)[2]["ignore"])
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: word list not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    words = []
    for n, line in enumerate(raw.splitlines(), 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if len(entry.split()) != 1:
            raise ConfigError(f"{path}:{n}: one word per line, not {entry!r}")
        words.append(entry)
    return words


def _build(table: dict[str, Any], path: Path, raw: str) -> Rule:
    code = str(table.get("id", ""))
    line = line_of(raw, f'"{code}"') if code else line_of(raw, "[[rule]]")

    def error(msg: str) -> ConfigError:
        return ConfigError(f"{path}:{line}: rule {code or '?'}: {msg}")

    check_types(table, COMMON_TYPES, error)
    if not CODE_RE.match(code):
        raise error("id must be a letter and three digits, like \"C101\"")
    kind_name = table.get("kind")
    if kind_name not in KINDS:
        raise error(f"unknown kind {kind_name!r} (known: {', '.join(sorted(KINDS))})")
    builder = KINDS[kind_name]
    extra = set(table) - COMMON_KEYS - builder.keys  # type: ignore[attr-defined]
    if extra:
        raise error(unknown_key(sorted(extra)[0], COMMON_KEYS | builder.keys, f" for kind {kind_name!r}"))  # type: ignore[attr-defined]
    check_types(table, builder.types, error)  # type: ignore[attr-defined]
    category = table.get("category", "other")
    if category not in CATEGORIES:
        raise error(f"unknown category {category!r}")
    try:
        safety = Safety(table.get("safety", "review"))
    except ValueError:
        raise error("safety must be \"safe\" or \"review\"") from None
    for key in ("name", "description"):
        if not isinstance(table.get(key), str) or not table[key]:
            raise error(f"{key!r} is required")
    built = builder(table, error)
    finder, trigger = built if isinstance(built, tuple) else (built, None)
    return Rule(code, table["name"], category, safety, table["description"].strip(), finder,
                table.get("example", ""), source=str(path), trigger=trigger)


# What the regex module's \s matches: Python's whitespace but the separators U+001C-U+001F.
WHITESPACE = [chr(c) for c in range(0x3001) if chr(c).isspace() and not 0x1C <= c <= 0x1F]


@kind("phrase", {"phrases": TABLE, "case_sensitive": FLAG, "first_letter_either_case": FLAG, "message": STRING})
def phrase_kind(table: dict[str, Any], error: Callable[[str], ConfigError]) -> tuple[Callable[..., Iterator[Proposal]], Trigger]:
    """``kind = "phrase"``: whole-word phrases and their replacements.

    ``phrases`` maps a surface form to its replacement; matching is case
    sensitive by default, ``first_letter_either_case`` lets "The white house"
    match "the white house"; a capital in the text stays a capital.
    """
    phrases = table.get("phrases")
    if not isinstance(phrases, dict) or not phrases or not all(isinstance(v, str) for v in phrases.values()):
        raise error("'phrases' must be a table of \"text\" = \"replacement\"")
    blank = next((k for k in phrases if not k.strip()), None)
    if blank is not None:
        raise error(f"'phrases' has an empty phrase ({blank!r} = {phrases[blank]!r}): nothing to look for")
    either = bool(table.get("first_letter_either_case", False))
    flags = 0 if table.get("case_sensitive", True) else regex.IGNORECASE
    alts = []
    for key in sorted(phrases, key=lambda k: (-len(k), k)):
        body = regex.escape(key[1:]).replace("\\ ", r"\s+")
        first = regex.escape(key[0])
        if either and key[0].isalpha():
            first = f"[{key[0].lower()}{key[0].upper()}]"
        alts.append(first + body)
    pattern = regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(alts) + r")(?![\p{L}\p{N}])", flags)

    def norm(s: str) -> str:
        if flags:
            return s.lower()
        return s[0].lower() + s[1:] if either else s

    lookup = {norm(k): v for k, v in phrases.items()}
    message = table.get("message", "{original!r} should read {replacement!r}.")
    try:
        message.format(original="", replacement="")
    except (KeyError, IndexError, ValueError) as exc:
        raise error(f"'message' may name {{original}} and {{replacement}} only, and braces are doubled: {exc!r}") from None

    # A phrase can only match where each of its words but the first occurs as written (in the
    # lower-cased text when matching ignores case) right after whitespace, as the pattern's \s+
    # puts it: the scan's literal passes find which "<space>word" strings occur.
    needed: list[list[str]] | None = []
    for key in phrases:
        words = key.split()[1:]
        words = [w.lower() for w in words if w.isascii()] if flags else words
        if not words or not all(len(w) >= 3 for w in words):
            needed = None  # a phrase with nothing to look for: always run
            break
        needed.append(words)
    after_space = {s + w: w for words in needed or () for w in words for s in WHITESPACE}
    wanted = frozenset(after_space)
    literals = tuple(sorted(after_space))
    # the phrases as one byte pattern, and their words after a space (lower-cased, or as written)
    trigger = Trigger(pattern=pattern, literals=literals if flags else (), exact=() if flags else literals)

    def find(doc: Document, scan: Scan) -> Iterator[Proposal]:
        if needed is not None:
            hits = scan.literal_hits if flags else scan.exact_hits
            found = {after_space[s] for s in wanted.intersection(hits)}
            if not any(all(w in found for w in words) for words in needed):
                return
        for m in pattern.finditer(doc.text):
            found = regex.sub(r"\s+", " ", m.group())
            rep = lookup.get(norm(found))
            if rep is None:
                continue
            if either and rep:
                rep = (rep[0].upper() if found[0].isupper() else rep[0]) + rep[1:]
            yield Proposal(m.start(), m.end(), rep, message.format(original=m.group(), replacement=rep))

    return find, trigger
