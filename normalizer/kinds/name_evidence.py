"""Name family (N): one person spelled two ways in one article, repaired from the article's own evidence.

No list of people is needed: machine translation garbles names it has never seen, but it rarely
garbles every mention the same way, so the article itself says which spelling is right (the one
used most often, or the headline's). Transliteration is not misspelling: a spelling used
consistently is never touched; only a document that disagrees with itself is evidence.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import looks_technical, zipf
from ..registry import rule
from ..scan import Scan
from ..triggers import Trigger
from .gazetteer_match import house_key, transliteration_key
from .name_mentions import (Context, Mention, contexts, counts, headlines, iter_pairs, mentions, other_person, phonetic_keys,
                            sound_alike)
from .name_runs import PIECE, _spans
from .words import token_at


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _cased(model: str, target: str) -> str:
    """``target`` in the case of ``model`` when ``model`` is all capitals."""
    return target.upper() if model.isupper() and len(model) > 1 else target


def _same_sounds(v: str, t: str) -> bool:
    """Equal phonetic keys, or the same letters in another order ("Racmhat"/"Rachmat")."""
    kv, kt = phonetic_keys(v), phonetic_keys(t)
    return kv[0] == kt[0] or kv[1] == kt[1] or sorted(v) == sorted(t)


def _evidence(ctx: dict[str, Context], n: Counter[str], heads: set[str], bodies: set[str],
              forms: dict[str, str], v: str, t: str, score: float) -> tuple[float, str] | None:
    """Why spelling ``v`` should read ``t`` (a rank and a sentence), or None if the article does not say so."""
    if not (n[v] < n[t] or n[v] == n[t] and t in heads and v not in heads):
        return None  # the target must be the better-attested spelling
    if n[v] > 1 and n[t] < 3 * n[v]:
        return None  # both spellings in steady use: likely two people
    bv, av, rv = ctx[v]
    bt, at, rt = ctx[t]
    if bv and bt and not bv & bt or av and at and not av & at:
        return None  # "Anna Kowalska" and "Piotr Kowalski": different first names, different people
    names = sorted((bv & bt) | (av & at))
    roles = sorted(rv & rt)
    headline = v in heads and v not in bodies and n[t] >= 2 and t in bodies
    if not names and (not (roles or headline) or score < 88 or zipf(v) >= 3.0 or zipf(t) >= 3.0):
        return None  # no shared name; a shared title or the headline alone is weak: only for close, rare spellings
    if n[v] == n[t] and not names:
        return None  # a tie broken by the headline needs a shared name too
    if av & at and not bv & bt and not _same_sounds(v, t):
        return None  # a given name before the same surname: "Ivana"/"Ivanka Trump" may be two people
    if zipf(v) >= 3.0 and zipf(t) >= 3.0 or v + "s" == t or t + "s" == v or v + "es" == t or t + "es" == v:
        return None  # "German"/"Germany", "Studio"/"Studios": English words and plurals, not a name
    if other_person(v, t) or not sound_alike(v, t):
        return None
    where = f"{forms[t]!r} is written {_times(n[t])} in this article" + (" (in the headline)" if t in heads else "")
    if names:
        where += ", next to the same name " + " and ".join(repr(forms.get(x, x.title())) for x in names)
    if roles:
        where += ", after the same title " + " and ".join(repr(r) for r in roles)
    if headline and not names and not roles:
        where += ", where the headline spells it differently"
    rank = score + 20 * len(names) + 5 * len(roles) + n[t]
    return rank, f"{forms[v]!r} may be a misspelling of the same person's name: {where}; the two sound alike ({score:.0f}% similar)."


def _transliterated(found: list[Mention], n: Counter[str], ctx: dict[str, Context],
                    forms: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(variant, target, why) for a rare spelling that is another transliteration of a name the article
    writes more often, with a given name beside it ("Erlikaya" once, "Ali Yerlikaya" twice): the two
    spellings must have one :func:`transliteration_key` but differ as house styles (Zelensky/Zelenskyy
    stay), the variant must be unknown to English and never beside another given name."""
    targets: dict[str, list[str]] = defaultdict(list)
    for t, (bt, at, _) in ctx.items():
        if n[t] >= 2 and (bt or at) and len(t) >= 5:
            targets[transliteration_key(forms[t])].append(t)
    if not targets:
        return
    for v, (bv, av, _) in sorted(ctx.items()):
        if n[v] > 2 or len(v) < 5 or zipf(v) >= 1.0:
            continue
        found_t = [t for t in targets.get(transliteration_key(forms[v]), ()) if t != v and n[t] > n[v]]
        if len(found_t) != 1:
            continue  # none, or two people the key cannot tell apart
        t = found_t[0]
        bt, at, _ = ctx[t]
        if house_key(forms[v]) == house_key(forms[t]) or bv and not bv & bt or av and not av & at or other_person(v, t):
            continue
        given = sorted(bt | at)[0]
        yield v, t, (f"{forms[v]!r} may be the same person as {forms[t]!r}, written {_times(n[t])} in this article "
                     f"(with {forms.get(given, given.title())!r}): the two are one name in two transliterations.")


@functools.cache
def _listed_names() -> frozenset[str]:
    """Every accepted full name of the gazetteer (rules/gazetteer/people.toml), case-folded."""
    from ..people import load_people

    return frozenset(f.casefold() for p in load_people() for f in (p.name, *p.variants))


def _listed(m: Mention) -> bool:
    """True if the mention and its neighbour spell a listed person's accepted name: N006/N007 know better."""
    names = _listed_names()
    return any(f"{a} {b}".casefold() in names for a, b in ((m.before, m.form), (m.form, m.after)) if a and b)


@rule("N003", "name-spelling-variant", "name", Safety.REVIEW,
      example="Director Tarek Shukry spoke. Later the director Tarek Shuckry said more. Shukry left.")
def name_spelling_variant(doc: Document) -> Iterator[Proposal]:
    """A person's name spelled another way than elsewhere in the same article ("Finance Minister
    Kowalczyk ... Minister Kowalcik said").

    The other spelling must be better attested (used more often; on a tie, in the headline), sound
    alike (a metaphone or NYSIIS key from jellyfish, or only letters dropped or swapped), be close as
    a string (rapidfuzz Jaro-Winkler), and share context: the same given name or surname beside it,
    or, for close and rare spellings, the same title before it or a headline against the body.
    Different given names, a syllable added or changed ("Jong-il"/"Jong-un", "Qiang"/"Keqiang"),
    female and male surname forms, and a given name before a shared surname that neither sounds the
    same nor has the same letters ("Ivana"/"Ivanka") are taken as different people. English words
    ("German"/"Germany"), plurals, and spellings differing only by diacritics are left alone.
    A rare bare spelling that is another transliteration of a name the article gives with a given name
    ("Erlikaya" beside "Ali Yerlikaya": Ye/E, a German or Polish pivot) needs no more context; house
    styles of one name (Zelensky/Zelenskyy) stay. Review: the article may name two people.
    """
    text = doc.text
    found = [m for m in mentions(text) if len(m.form.replace("-", "")) >= 4]
    if len(found) < 3:
        return
    n = counts(found)
    heads = {m.key for m in found if m.headline}
    bodies = {m.key for m in found if not m.headline}
    forms: dict[str, str] = {}
    for key, form in sorted(((m.key, m.form) for m in found), key=lambda kf: (kf[0], kf[1].isupper())):
        forms.setdefault(key, form)  # prefer a mixed-case form as the target's spelling
    ctx = contexts(found)
    # evidence needs a name or title nearby, or a headline against the body
    told = sorted(k for k, (b, a, r) in ctx.items() if b or a or r or k in heads or n[k] >= 2)
    variants = [k for k in told if n[k] <= 2 and (any(ctx[k]) or k in heads)]
    best: dict[str, tuple[float, str, str]] = {}
    for v, t, score in iter_pairs(variants, told, 78):
        ev = _evidence(ctx, n, heads, bodies, forms, v, t, score)
        if ev and (v not in best or ev[0] > best[v][0]):
            best[v] = (ev[0], t, ev[1])
    for v, t, why in _transliterated(found, n, ctx, forms):
        best.setdefault(v, (0.0, t, why))
    for m in found:
        if m.key in best and not _listed(m):
            _, t, why = best[m.key]
            yield Proposal(m.start, m.end, _cased(m.form, forms[t]), why)


ARABIC_ARTICLES = frozenset("al el ul ad ar as at an az ash".split())


def _shape(surface: str) -> str:
    """How a run is written, single-spaced and case-folded; a typewriter and a typographic apostrophe
    are one spelling ("Girl's Day" and "Girl’s Day" count together against "Girls Day")."""
    return " ".join(surface.split()).casefold().replace("’", "'")


def _in_case_of(model: str, target: str) -> str:
    """``target``'s letters in the case of ``model``'s letters (the two have the same letters)."""
    cases = [c.isupper() for c in model if c.isalpha()]
    out, i = [], 0
    for c in target:
        if c.isalpha() and i < len(cases):
            out.append(c.upper() if cases[i] else c.lower())
            i += 1
        else:
            out.append(c)
    return "".join(out)


# A typographic apostrophe's UTF-8 bytes read in another code page ("Girl‚Äôs Day", "Girlâ€™s Day").
GARBLED_APOSTROPHES = regex.compile("|".join(sorted(
    {regex.escape("’".encode().decode(cs)) for cs in ("cp1252", "mac_roman", "cp1251", "cp437")}, key=len, reverse=True)))


def _apostrophes_read(text: str) -> tuple[str, list[int] | None]:
    """``text`` with garbled typographic apostrophes read as "’", so that a name the body writes
    with one counts as written with an apostrophe; and, if anything changed, each offset of the
    read text's position in ``text`` (None: nothing changed)."""
    if "\u2122" not in text and "\u201a" not in text and "\u00d6" not in text:
        return text, None  # every garbled form holds "™", "‚" or "Ö"
    parts, where, last = [], [], 0
    for m in GARBLED_APOSTROPHES.finditer(text):
        parts.append(text[last:m.start()] + "’")
        where.extend(range(last, m.start() + 1))
        last = m.end()
    if not parts:
        return text, None
    parts.append(text[last:])
    where.extend(range(last, len(text) + 1))
    return "".join(parts), where


@rule("N004", "name-joint-variant", "name", Safety.REVIEW,
      example="Kim Min-jae scored. Coach praised Kim Min-jae. Later Kim Minjae left.")
def name_joint_variant(doc: Document) -> Iterator[Proposal]:
    """A name written with a hyphen, space or apostrophe lost, added or broken, where the article
    writes it another way at least twice ("Min-jae"/"Minjae", "Lim- jaroenrat"/"Limjaroenrat", a
    headline's "Girls Day" for the body's "Girl’s Day").

    The letters must be the same; the joined letters must not be an English word ("every day",
    "everyday"), a capital must show it is a name, and a variant made of common words is only taken
    from the headline. An apostrophe only counts inside a name of two or more words, so plurals and
    possessives stay. The headline keeps its capitals. Review.
    """
    text, where = _apostrophes_read(doc.text)
    heads = headlines(text)
    for key, places in sorted(_spans(text, heads, 3, lambda k: zipf(k) < 2.5).items()):
        shapes = Counter(_shape(text[s:e]) for s, e, _ in places)
        if len(shapes) < 2:
            continue
        target, used = max(shapes.items(), key=lambda kv: (kv[1], kv[0]))
        if used < 2 or list(shapes.values()).count(used) > 1:
            continue
        model = next(text[s:e] for s, e, _ in places if _shape(text[s:e]) == target)
        for s, e, in_head in places:
            surface = text[s:e]
            shape = _shape(surface)
            if shape == target or shapes[shape] * 2 > used or "\n" in surface:
                continue
            if not any(c.isupper() for c in surface + model):
                continue
            apostrophe = ("'" in target or "’" in target) != ("'" in shape or "’" in shape)
            if apostrophe and " " not in target:
                continue  # "Smith's"/"Smiths": a possessive or a plural, not a spelling
            words, model_words = shape.split(" "), target.split(" ")
            if not apostrophe and len(words) > 1 and len(model_words) > 1 and (
                    words[0] == model_words[0] or words[-1] == model_words[-1]):
                continue  # a shorter run carries the difference ("Min-jae" in "Kim Min-jae")
            if not in_head and all(zipf(p.casefold()) >= 3.0 for p in PIECE.findall(surface)):
                continue  # common words in the body ("Long Term"): not evidence of a name
            if PIECE.match(shape) and PIECE.match(shape).group().casefold() in ARABIC_ARTICLES and \
                    PIECE.match(shape).group().casefold() == PIECE.match(target).group().casefold():
                continue  # "Al Mukhtar"/"al-Mukhtar": the Arabic article's joint is a house style
            if looks_technical(token_at(text, s, e)):
                continue  # a domain, an address or a file name ("laichau.gov.vn") is spelled as it is
            new = _in_case_of(surface, model) if in_head else _cased(surface, model)
            if where is not None:  # back to the document's offsets; a span holding a garbled apostrophe is E's
                s, e = where[s], where[e]
                if doc.text[s:e] != surface:
                    continue
            yield Proposal(s, e, new, f"{surface!r} is written {model!r} {_times(used)} in this article.")


GLUED = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’-])\p{Lu}\p{Ll}{6,}(?![\p{L}\p{M}\p{N}'’-])")


@rule("N005", "glued-given-name", "name", Safety.REVIEW,
      example="The memoir of Johnbolton drew replies. Bolton wrote it in 2019. Bolton denied it.",
      trigger=Trigger(pattern=GLUED, uses_run=True))
def glued_given_name(doc: Document, scan: Scan) -> Iterator[Proposal]:
    """A given name glued to a surname the article uses on its own ("Johnbolton" where "Bolton"
    appears twice or more).

    The glued word must be unknown to English and used once; its end must be a surname of the article
    (or, in a batch run, one the other files use three times or more), and its start a common English
    given name or a name written before that surname elsewhere. Review.
    """
    text = doc.text
    glued = [m for m in GLUED.finditer(text) if zipf(m.group().casefold()) < 1.0]
    if not glued:
        return  # no long capitalized word unknown to English: the mentions are not needed
    found = mentions(text)
    n = counts(found)
    firsts = {m.before.casefold() for m in found if m.before}
    run = scan.run.names if scan.run is not None else {}
    for m in glued:
        word = m.group()
        low = word.casefold()
        if n[low] > 1:
            continue
        for cut in range(3, len(word) - 3):
            first, last = word[:cut], word[cut].upper() + word[cut + 1:]
            used = n[last.casefold()]
            if used < 2 and run.get(last, 0) < 3:
                continue
            if zipf(first.casefold()) < 4.5 and first.casefold() not in firsts:
                continue
            where = f"written {_times(used)} in this article" if used >= 2 else "used in other files of this run"
            yield Proposal(m.start(), m.end(), f"{first} {last}",
                           f"{word!r} looks like the given name {first!r} glued to {last!r}, {where}.")
            break
