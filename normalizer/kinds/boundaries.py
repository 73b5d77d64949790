"""Lost word boundaries in mixed case (G004): "DepartmentTrump", "DAYPresident", "withChina", "matchHowever,"."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal
from ..lexicon import FUNCTION_WORDS, looks_technical, zipf
from .words import DocumentNames, ignored, rare_words, token_at

# A lower-case function word, a capitalized word or an all-caps word, then a capitalized word, as one token.
JOIN = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_@#/.'’&+-])"
    r"(?P<a>\p{Ll}{2,}|\p{Lu}\p{Ll}{2,}|\p{Lu}{3,})(?P<b>\p{Lu}\p{Ll}{2,})"
    r"(?![\p{L}\p{M}\p{N}_@/'’&+(-]|\.\p{L})"
)
# A title abbreviation glued to the capitalized name it precedes: "ColNguyen", "DrSmith", "SenWarren".
TITLES = sorted("Col Gen Lt Sgt Capt Maj Cpl Pte Adm Brig Cmdr Dr Mr Mrs Ms Gov Sen Rep Prof Supt Insp Amb Pres".split(),
                key=lambda t: (-len(t), t))
TITLE_JOIN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}_@#/.'’&+-])(?P<a>{'|'.join(TITLES)})"
    r"(?P<b>\p{Lu}\p{Ll}{2,})(?![\p{L}\p{M}\p{N}_@/'’&+(-]|\.\p{L})"
)
TITLE_DOTTED = regex.compile(rf"(?<![\p{{L}}])(?:{'|'.join(TITLES)})(\.?) \p{{Lu}}")
# The last sentence stop of the line before a join, and what follows it up to the join.
LAST_STOP = regex.compile(r"[.!?][\"”’)]?[ \t]+((?:[^\s.!?]+[ \t]+){0,2})\Z")
NAME_WORD = 4.0  # the part after a title: a rare word, or a name the text uses ("GovTech" stays)
# Name particles that take a capital after them: MacArthur, VanDyke, FitzGerald, DelBene.
PARTICLES = frozenset("mac van von der den del della des dos das fitz san sant ben abu".split())
KNOWN = 1.0    # the joined form is a brand or name wordfreq knows ("YouTube", "PowerPoint")
WORD = 3.5     # each part an everyday word
CAPS_WORD = 4.0  # an all-caps part must be a very common word
# Words that open a sentence and are followed by a comma: glued to a lower-case word, the full stop
# (and its space) between two sentences was lost ("derbyHowever, the team").
OPENERS = frozenset("However Meanwhile Moreover Furthermore Nevertheless Nonetheless Therefore Additionally "
                    "Consequently Instead Previously Currently Finally Similarly Otherwise Accordingly Hence "
                    "Thus Still Besides Afterwards Earlier Later Today Yesterday".split())


def _standalone_count(word: str, text: str) -> int:
    """How often ``word`` occurs on its own in ``text`` (as written)."""
    return len(regex.findall(r"(?<![\p{L}\p{N}])" + regex.escape(word) + r"(?![\p{L}\p{N}])", text))


def _after_caps(text: str, start: int) -> bool:
    """True if the word before ``start`` on its line is written in capitals (a headline)."""
    before = regex.search(r"(\p{L}+)[^\p{L}\n]*\Z", text[max(0, start - 60):start])
    return before is not None and len(before.group(1)) >= 2 and before.group(1).isupper()


def camel_join(doc: Document, ignore: frozenset[str] = frozenset()) -> Iterator[Proposal]:
    """Two words joined where a space or sentence break was lost, visible in the case ("DepartmentTrump").

    The joined form occurs once. Either the second part is a name the document
    uses on its own at least twice (capitalized inside sentences, never in
    lower case) and the first a function word ("withChina") or an everyday
    word or name ("DepartmentTrump"); or the first part is an all-caps
    everyday word ending a headline in capitals ("INDEPENDENCE DAYPresident")
    and the second a very common word or one the document uses on its own.
    A title abbreviation glued to a name ("ColNguyen", "DrOkafor") gets its
    space back, and the stop the document writes after its titles ("Col.
    Nguyen"; "Dr Okafor" where the text writes "Dr Patel"), when the name is
    no everyday word or one the text uses as a name ("GovTech" stays). An
    everyday lower-case word run into a sentence opener followed by a comma
    ("the matchHowever, the team"), or into a word that opens sentences followed by a lower-case
    word ("her bestEveryone knows"), lost its full stop too; a short tag before
    it after the last stop ("Monday. Local electionsMeanwhile,") is dropped.
    One word printed twice with no space ("BrazilBrazil") loses its copy.
    CamelCase brands wordfreq knows (YouTube, PayPal, PowerPoint), name
    particles (McDonald, MacArthur, LeBron), code (toString, forEach), URLs,
    handles and words in an ignore list are left alone. Review: a new brand
    can look the same; add it to an ignore list.
    """
    # the three kinds of join are found in turn; given in text order (where each join ends), as one scan would
    yield from sorted(_camel_joins(doc.text, ignore), key=lambda p: p.end)


def _camel_joins(text: str, ignore: frozenset[str]) -> Iterator[Proposal]:
    """:func:`camel_join`'s proposals, titles first, then openers, then the others."""
    # A join is a whole token of five or more letters, in mixed case, that wordfreq does not know:
    # one of the text's rare words (shared with the other word rules), written once in the text.
    found, titles = [], []
    for w, z in rare_words(text):
        if z < KNOWN and not (w.islower() or w.isupper() or w[1:].islower()) and text.count(w) == 1:
            m = TITLE_JOIN.match(text, text.find(w))
            if m is not None and m.group() == w:
                titles.append(m)
                continue
            m = JOIN.match(text, text.find(w))
            if m is not None and m.group() == w:
                found.append(m)
    yield from _title_joins(text, titles, ignore)
    openers = [m for m in found if _opener_join(text, m)]
    yield from _opener_joins(text, openers, ignore)
    found = [m for m in found if m not in openers]
    names = None
    for m in sorted(found, key=lambda m: m.start()):
        a, b = m.group("a"), m.group("b")
        word = m.group()
        if ignored(word, ignore) or a.lower() in PARTICLES:
            continue
        if looks_technical(token_at(text, m.start(), m.end())):
            continue
        if names is None:
            names = DocumentNames(text)
        if a.isupper():  # a headline run on into the text: "INDEPENDENCE DAYPresident"
            ok = (zipf(a.lower()) >= CAPS_WORD and _after_caps(text, m.start())
                  and (zipf(b.lower()) >= CAPS_WORD or zipf(b.lower()) >= WORD and _standalone_count(b, text) > 0))
        else:  # "withChina", "DepartmentTrump": the second part is a name the text uses
            first = a in FUNCTION_WORDS if a.islower() else a.lower() in names or zipf(a.lower()) >= WORD
            ok = first and b.lower() in names and _standalone_count(b, text) >= 2
        if not ok:
            continue
        if a == b:  # "BrazilBrazil": one word printed twice, not two words
            yield Proposal(m.start(), m.end(), a, f"{word!r} is the word {a!r} written twice with no space.")
            continue
        alternatives = () if a.islower() else (f"{a}. {b}",)
        yield Proposal(m.start(), m.end(), f"{a} {b}",
                       f"{word!r} looks like two words joined where a space was lost: {a!r} and {b!r}.",
                       alternatives=alternatives)


def _title_joins(text: str, found: list, ignore: frozenset[str]) -> Iterator[Proposal]:
    """A title abbreviation glued to a name ("ColNguyen" -> "Col. Nguyen"), with the stop after the
    title as the document writes its titles (with one by default, "Col Nguyen" as the alternative)."""
    if not found:
        return
    names = DocumentNames(text)
    styles = [m.group(1) for m in TITLE_DOTTED.finditer(text)]
    dot = "." if styles.count(".") >= styles.count("") else ""
    for m in found:
        if ignored(m.group(), ignore) or looks_technical(token_at(text, m.start(), m.end())):
            continue
        a, b = m.group("a"), m.group("b")
        if zipf(b.lower()) >= NAME_WORD and not (b.lower() in names and _standalone_count(b, text) >= 1):
            continue  # "GovTech": an everyday word, unless the text uses it as a name elsewhere
        yield Proposal(m.start(), m.end(), f"{a}{dot} {b}",
                       f"{m.group()!r} looks like the title {a!r} glued to the name {b!r}.",
                       alternatives=(f"{a}{'' if dot else '.'} {b}",))


# Words that open a sentence and go on with a lower-case word: glued to an everyday lower-case word
# that is no function word, the full stop between two sentences was lost ("her bestEveryone knows").
STARTERS = frozenset("The This These Those He She They We His Her Their Our There Everyone Everybody Nobody "
                     "Nothing Many Most".split())
LOWER_NEXT = regex.compile(r"[ \t]+\p{Ll}")


def _opener_join(text: str, m: regex.Match) -> bool:
    """True if ``m`` is an everyday lower-case word run into a sentence opener and its comma, or into
    a word that opens sentences and a lower-case word after it ("bestEveryone knows")."""
    a, b = m.group("a"), m.group("b")
    if not (a.islower() and zipf(a) >= WORD):
        return False
    if b in OPENERS and text.startswith(",", m.end()):
        return True
    return b in STARTERS and a not in FUNCTION_WORDS and LOWER_NEXT.match(text, m.end()) is not None


def _opener_joins(text: str, found: list, ignore: frozenset[str]) -> Iterator[Proposal]:
    """A sentence ending in an everyday word run into one opening with a sentence adverb and its
    comma ("the matchHowever, the team"): the full stop between them was lost. When one to three
    words without a function word stand between the last stop and the join ("the lines. Riyadh
    derbyHowever,"), they are a tag or a link's text glued to the next sentence, and the proposal
    drops them (keeping them, split, is the alternative)."""
    for m in found:
        a, b = m.group("a"), m.group("b")
        word = m.group()
        if ignored(word, ignore) or looks_technical(token_at(text, m.start(), m.end())):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        stop = LAST_STOP.search(text, line_start, m.start())
        words = (stop.group(1).split() if stop else []) + [a]
        if stop and len(words) <= 3 and words[0][:1].isupper() and not any(w.lower() in FUNCTION_WORDS for w in words):
            start = stop.start(1)
            tag = text[start:m.start() + len(a)]
            yield Proposal(start, m.end(), b, f"{tag!r} looks like a tag or a link's text glued to the sentence "
                           f"that starts with {b!r}.", alternatives=(f"{tag} {b}",))
            continue
        yield Proposal(m.start(), m.end(), f"{a}. {b}",
                       f"{word!r} looks like a sentence ending in {a!r} run into one opening with {b!r}: "
                       "the full stop between them was lost.", alternatives=(f"{a} {b}",))
