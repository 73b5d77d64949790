"""Calque family (K): a fixed English term with one word swapped for a synonym ("data middle").

Article spinners and some machine translation replace a word of a fixed compound with a
dictionary synonym: "data middle" for "data center", "synthetic intelligence" for "artificial
intelligence", "curiosity rates" for "interest rates". The terms are curated in
``spun_terms.toml`` beside this module.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..registry import rule
from ..triggers import Trigger


@dataclass(frozen=True)
class Term:
    spun: str
    fixed: str
    as_written: bool = False
    unless_next: frozenset[str] = frozenset()
    unless_before: frozenset[str] = frozenset()


def _load() -> tuple[Term, ...]:
    data = tomllib.loads(files(__package__).joinpath("spun_terms.toml").read_text(encoding="utf-8"))
    middle = data["middle"]
    terms = [Term(f"{m} middle", f"{m} {{center}}", unless_next=frozenset(middle["unless_next"]))
             for m in middle["modifiers"]]
    for t in data["term"]:
        terms.append(Term(t["spun"], t["fixed"], t.get("as_written", False),
                          frozenset(t.get("unless_next", ())), frozenset(t.get("unless_before", ()))))
    return tuple(terms)


TERMS = _load()
BY_KEY = {t.spun if t.as_written else t.spun.lower(): t for t in TERMS}
# every spun form, for the trigger: one of them occurs, in any case, wherever a finding can
FORMS = tuple(sorted({t.spun.lower() for t in TERMS}))


@cache
def _pattern() -> regex.Pattern:
    """One alternation of every spun form, longest first; the as-written ones in their case."""
    def body(spun: str) -> str:
        return " ".join(regex.escape(w) for w in spun.split())
    forms = sorted(TERMS, key=lambda t: -len(t.spun))
    alts = [(body(t.spun) if t.as_written else f"(?i:{body(t.spun)})") for t in forms]
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}-])(?:{'|'.join(alts)})(?![\p{{L}}\p{{N}}-])")


WORD = regex.compile(r"[^ ]+")
NEXT_WORD = regex.compile(r"[ \t]+([\p{L}]+)")
PREV = regex.compile(r"(\p{L}+[ \t]+|\p{L}+-|-)\Z")


def _spelling(text: str) -> str:
    """"centre" when the document writes centre more often than center, else "center"."""
    low = text.lower()
    return "centre" if low.count("centre") > low.count("center") else "center"


def _cased(fixed: str, spun: str) -> str:
    """``fixed`` in the case of ``spun`` (upper case, title case or as the table writes it)."""
    if spun.isupper() and len(spun) > 2:
        return fixed.upper()
    if spun[:1].isupper() and fixed[:1].islower():
        words = fixed.split(" ")
        titled = all(w[:1].isupper() for w in spun.split())
        return " ".join(w[:1].upper() + w[1:] if (titled or i == 0) else w for i, w in enumerate(words))
    return fixed


@rule("K002", "spun-synonym", "calque", Safety.REVIEW,
      example="Fire crews worked from the county emergency operations middle overnight.",
      trigger=Trigger(literals=FORMS))
def spun_synonym(doc: Document) -> Iterator[Proposal]:
    """A fixed term with a word swapped for a synonym by a spinner or a translator ("data middle").

    From a curated table of terms (normalizer/kinds/spun_terms.toml): "data middle" -> "data
    center" (or "centre", as the document spells it), "synthetic intelligence" -> "artificial
    intelligence", "curiosity rates" -> "interest rates", "legislation enforcement" -> "law
    enforcement". A form followed by a word that makes it ordinary English ("the shopping middle
    class") is left alone. Review: a reviewer confirms the term.
    """
    text = doc.text
    center = None
    for m in _pattern().finditer(text):
        found = m.group()
        words = found.split()
        key = " ".join(words)
        term = BY_KEY.get(key) or BY_KEY.get(key.lower())
        if term is None:
            continue
        nxt = NEXT_WORD.match(text, m.end())
        if nxt is not None and nxt.group(1).lower() in term.unless_next:
            continue
        before = PREV.search(text, max(0, m.start() - 40), m.start())
        if before is not None and before.group(1).strip(" \t").lower() in term.unless_before:
            continue
        fixed = term.fixed
        if "{center}" in fixed:
            center = center or _spelling(text)
            fixed = fixed.replace("{center}", center)
        # replace only the words that differ: "emergency operations middle" -> "middle"
        old, new = words, fixed.split(" ")
        lead = 0
        while lead < min(len(old), len(new)) - 1 and old[lead].lower() == new[lead].lower():
            lead += 1
        start = [w.start() for w in WORD.finditer(text, m.start(), m.end())][lead]
        spun_part = text[start:m.end()]
        replacement = _cased(" ".join(new[lead:]), spun_part)
        if replacement == spun_part:
            continue
        yield Proposal(start, m.end(), replacement,
                       f"{found!r} reads as the fixed term {_cased(fixed, found)!r}: a word swapped for a synonym.")
