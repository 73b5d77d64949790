"""The core API that the command line and the review app are built on."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import engine
from .document import Document
from .engine import Result
from .fixes import Fix
from .aliases import Alias, validate
from .kinds import calques as calque_kind
from .kinds import fragments, gazetteer, names, native_names, word_rules
from .loader import ConfigError, load_file, read_word_list, shipped_rules_dir
from .kept_names import load_kept_names
from .people import load_people
from .registry import Rule, known_selector, registered
from .registry import select as select_rules
from .scan import RunContext


def builtin_rules() -> list[Rule]:
    """Every code rule of the modules :mod:`normalizer.kinds` lists, by code."""
    from . import kinds  # noqa: F401  (importing the package imports and so registers its rule modules)

    return registered()


@lru_cache(maxsize=32)
def _load(path: str, mtime: float) -> tuple[tuple[Rule, ...], tuple[Alias, ...], dict[str, tuple]]:
    rules, aliases, extras = load_file(Path(path))
    return tuple(rules), tuple(aliases), {k: tuple(v) for k, v in extras.items()}


@lru_cache(maxsize=8)
def _name_rules(aliases: tuple[Alias, ...]) -> tuple[Rule, ...]:
    return tuple(names.build_rules(aliases))


def rule_file_paths(files: Sequence[str | os.PathLike[str]] = (), builtin_aliases: bool = True) -> list[Path]:
    """The shipped rule files (without aliases.toml if ``builtin_aliases`` is false) plus ``files``."""
    shipped = sorted(shipped_rules_dir().glob("*.toml"))
    if not builtin_aliases:
        shipped = [p for p in shipped if p.name != "aliases.toml"]
    return shipped + [Path(f) for f in files]


def load_aliases(files: Sequence[str | os.PathLike[str]] = (), builtin_aliases: bool = True) -> list[Alias]:
    """Every ``[[alias]]`` table of the shipped data and ``files``, checked against each other."""
    aliases: list[Alias] = []
    for p in rule_file_paths(files, builtin_aliases):
        aliases.extend(_load_path(p)[1])
    problems = validate(aliases)
    if problems:
        raise ConfigError(problems[0])
    return aliases


def _load_path(p: Path) -> tuple[tuple[Rule, ...], tuple[Alias, ...], dict[str, tuple]]:
    try:
        mtime = p.stat().st_mtime
    except OSError:
        raise ConfigError(f"{p}: rule file not found") from None
    return _load(str(p), mtime)


def data_rules(files: Sequence[str | os.PathLike[str]] = (), builtin_aliases: bool = True,
               ignore_words: Sequence[str] = ()) -> list[Rule]:
    """Rules from the shipped ``rules/*.toml`` and extra files: the data rules, the name rules
    built from all aliases, and the word-level rules told every ``[[ignore]]`` word plus ``ignore_words``."""
    out: list[Rule] = []
    glosses: list = []
    calques: list = []
    ignored: list[str] = list(ignore_words)
    for p in rule_file_paths(files, builtin_aliases):
        rules, _, extras = _load_path(p)
        out.extend(rules)
        glosses.extend(extras["gloss"])
        calques.extend(extras["calque"])
        ignored.extend(extras["ignore"])
    out.extend(_name_rules(tuple(load_aliases(files, builtin_aliases))))
    out.extend(_people_rules())
    out.extend(_glossary_rules(tuple(glosses), tuple(calques)))
    out.extend(_word_rules(frozenset(w.lower() for w in ignored)))
    return out  # nothing is written here: a run saves the caches it filled when it ends (save_caches)


def save_caches() -> None:
    """Keep what this process computed for the next run (the data rules' rewritten byte patterns) in
    the user cache folder; a read-only or missing folder is no error (computed again next time)."""
    from .bytepatterns import save

    save()


@lru_cache(maxsize=1)
def _people_rules() -> tuple[Rule, ...]:
    """N006-N009 over the shipped gazetteer of public figures (rules/gazetteer/people.toml), N010/N011
    over the names English news keeps as they are (rules/gazetteer/kept_names.toml)."""
    return tuple(gazetteer.build_rules(load_people()) + native_names.build_rules(load_kept_names()))


@lru_cache(maxsize=8)
def _word_rules(ignore: frozenset[str]) -> tuple[Rule, ...]:
    return tuple(word_rules.build_rules(ignore))


def ignore_words_from(files: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The words of ``--ignore-words`` files: plain lists (one per line, ``#`` comments) or TOML ``[[ignore]]``."""
    return [w for f in files for w in read_word_list(Path(f))]


@lru_cache(maxsize=8)
def _glossary_rules(glosses: tuple, calques: tuple) -> tuple[Rule, ...]:
    return tuple(fragments.build_rules(glosses) + calque_kind.build_rules(calques))


def load_rules(
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rule_files: Sequence[str | os.PathLike[str]] = (),
    builtin_aliases: bool = True,
    ignore_words: Sequence[str] = (),
) -> list[Rule]:
    """All rules (code and data), filtered by ``select``/``ignore`` selectors.

    ``ignore_words`` are words the word-level rules (G) never flag, on top of
    the ``[[ignore]]`` tables of the rule files. Selectors are ``ALL``, a code or code prefix (``S``, ``S00``, ``S001``), a
    rule name (``repeated-space``) or a category (``spacing``). An unknown
    selector or a code defined twice raises :class:`ConfigError`.
    """
    every = builtin_rules() + data_rules(rule_files, builtin_aliases, ignore_words)
    _check(every, select, ignore)
    return sorted(select_rules(every, select, ignore), key=lambda r: r.code)


def _check(every: Sequence[Rule], select: Sequence[str], ignore: Sequence[str]) -> None:
    """Refuse a code defined twice and a selector that names no rule."""
    seen: dict[str, Rule] = {}
    for r in every:
        if r.code in seen:
            raise ConfigError(f"{r.source}: rule code {r.code} is already used by {seen[r.code].source}")
        seen[r.code] = r
    for s in (*select, *ignore):
        if not known_selector(s, every):
            raise ConfigError(f"unknown rule selector {s!r}")


Stamp = tuple[str, int, int]  # (path, size, modification time in ns) of a rule file


def _stamps(paths: Sequence[Path]) -> tuple[Stamp, ...]:
    out = []
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            raise ConfigError(f"{p}: rule file not found") from None
        out.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(out)


@dataclass(frozen=True)
class RuleSpec:
    """What a run's rules are built from: the selectors, the rule files (stamped when read) and the
    ignored words. Small and picklable: a worker process builds the run's rules from it."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_files: tuple[str, ...] = ()
    ignore_words: tuple[str, ...] = ()
    stamps: tuple[Stamp, ...] = ()

    def build(self) -> list[Rule]:
        """The rules, without the checks :func:`load_rules` made when the spec was built; a
        :class:`ConfigError` if a rule file changed since (the run would not use one rule set)."""
        if _stamps([Path(path) for path, _, _ in self.stamps]) != self.stamps:
            raise ConfigError("a rule file changed during the run; run again")
        every = builtin_rules() + data_rules(self.rule_files, True, self.ignore_words)
        return sorted(select_rules(every, self.select, self.ignore), key=lambda r: r.code)


class RunRules(tuple):
    """A run's rules, loaded once, with the :class:`RuleSpec` they came from.

    A worker forked from the process that loaded them shares them as they are; pickled (a worker
    started afresh), they travel as the spec alone and are built again there, once.
    """

    spec: RuleSpec
    error: str | None = None  # built again from a spec that no longer holds: why (no rules then)

    def __new__(cls, rules: Sequence[Rule], spec: RuleSpec, error: str | None = None) -> RunRules:
        self = super().__new__(cls, rules)
        self.spec, self.error = spec, error
        return self

    def __reduce__(self) -> tuple:
        return _rebuild, (self.spec,)


def _rebuild(spec: RuleSpec) -> RunRules:
    """Unpickling in a worker: an error is kept for each file's report, not raised (it would break the pool)."""
    try:
        return RunRules(spec.build(), spec)
    except ConfigError as exc:
        return RunRules((), spec, str(exc))


def load_run_rules(select: Sequence[str] = (), ignore: Sequence[str] = (),
                   rule_files: Sequence[str | os.PathLike[str]] = (), ignore_words: Sequence[str] = ()) -> RunRules:
    """:func:`load_rules` for a run: the rules checked and loaded once, with the spec workers build them from."""
    files = tuple(str(f) for f in rule_files)
    spec = RuleSpec(tuple(select), tuple(ignore), files, tuple(ignore_words), _stamps(rule_file_paths(files)))
    return RunRules(load_rules(select, ignore, files, ignore_words=ignore_words), spec)


def _document(text: str | Document) -> Document:
    return text if isinstance(text, Document) else Document(text)


def propose(
    text: str | Document,
    *,
    rules: Sequence[Rule] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    run: RunContext | None = None,
) -> list[Fix]:
    """The non-overlapping fixes proposed for ``text`` on a first pass.

    ``run`` carries what a batch learned across its files (:func:`normalizer.corpus.run_context`).

    >>> [(f.rule, f.replacement) for f in propose("worth $ 600 billion.\\n")]
    [('S005', '$')]
    """
    doc = _document(text)
    chosen = rules if rules is not None else load_rules(select, ignore)
    taken, _ = engine.resolve(engine.propose(doc, chosen, run))
    return taken


def clean(
    text: str | Document,
    *,
    apply: str = "safe",
    rules: Sequence[Rule] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    run: RunContext | None = None,
) -> Result:
    """Apply fixes (``safe`` ones, ``all``, or ``none``) until nothing applicable is left.

    ``run`` carries what a batch learned across its files, as for :func:`propose`.

    >>> clean("the the talks ( AP ))\\n").text
    'the talks (AP)\\n'
    """
    doc = _document(text)
    chosen = rules if rules is not None else load_rules(select, ignore)
    return engine.clean(doc, chosen, apply, run=run)
