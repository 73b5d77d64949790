"""Spacing family (S), punctuation part: spaces around punctuation, signs and brackets."""

from __future__ import annotations

from collections.abc import Iterator

import re

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import FUNCTION_WORDS, is_common, line_at, looks_technical
from ..registry import rule
from ..triggers import Trigger
from .words import token_at

# "Source :Skai", "said ,", "100 %": space before , ; : and before . ? ! at a word's end.
SPACE_BEFORE_MARK = regex.compile(
    r"(?<=[\p{L}\p{N}\)\]\"”’])[ \t]+([,;:])(?=[ \t]|\n|\Z|[\p{L}\"“])"
)
SPACE_BEFORE_STOP = regex.compile(
    r"(?<=[\p{L}\p{N}\)\]\"”’])[ \t]+([?!]+|\.(?!\.))(?=[ \t]*(?:\n|\Z)|[ \t]+[\p{Lu}\"“]|[\"”’)])"
)
SPACE_BEFORE_PERCENT = regex.compile(r"(?<=\p{N})[ \t]+%")
# The mark first, then the space before it: the standard engine skips quickly to the rare marks.
QUICK_SPACE_MARK = re.compile(r"[,;:.?!%](?<=[ \t].)")
# A word, sentence punctuation, a word, with no space: "this year.before", "however,the".
GLUED_MARK = regex.compile(r"(?<![\p{L}\p{N}.@/:_'’-])(\p{L}{2,})([.?!,;:])(\p{L}{2,})(?![\p{L}\p{N}@/_:-]|\.[\p{L}\p{N}])")
TOKEN_END = regex.compile(r"\s")
MARK_BETWEEN_LETTERS = regex.compile(r"(?<=\p{L}\p{L})[.?!,;:](?=\p{L}\p{L})")
# Its candidates for the standard engine, which skips straight to the marks: two characters on
# each side that are no space, digit, underscore or mark (every letter of either engine passes).
QUICK_MARK_BETWEEN = re.compile(r"[.?!,;:](?<=[^\s\d_.?!,;:]{2}.)(?=[^\s\d_.?!,;:]{2})")
LETTERS_BEFORE = regex.compile(r"\p{L}+\Z")
# A stop glued to the one-letter words "I" and "A" ("champion.I think"): a lower-case word before it
# (so no initials, "U.S.A", "Ph.D"), and a lower-case word after it.
GLUED_ONE_LETTER = regex.compile(r"(?<![\p{L}\p{N}.@/:_'’-])(\p{Ll}{3,})([.?!])([IA])(?=[ \t]+\p{Ll})")
QUICK_ONE_LETTER = re.compile(r"[.?!](?<=[a-z]{3}.)[IA](?=[ \t]+[a-z])")
# Sentence punctuation and a closing quote glued to the next word ("difficult.”He said").
GLUED_AFTER_QUOTE = regex.compile(
    r"(?<![\p{L}\p{N}.@/:_'’-])(\p{L}{2,})([.?!,])([”’\"])(\p{Lu}\p{Ll}*|\p{Ll}{2,})(?![\p{L}\p{N}@/_:-]|\.[\p{L}\p{N}])"
)
QUICK_AFTER_QUOTE = re.compile(r"[”’\"](?<=[.?!,].)(?=[^\W\d_])")


def _glued_at(text: str, pos: int) -> regex.Match | None:
    """The GLUED_MARK match whose mark sits at ``pos``, if any."""
    word = LETTERS_BEFORE.search(text, max(0, pos - 60), pos)
    if word is None:
        return None
    m = GLUED_MARK.match(text, word.start())
    return m if m is not None and m.start(2) == pos else None
# S004's trigger: a hyphen with a letter on one side and a space then a letter on the other.
HYPHEN_TRIGGER = Trigger(pattern=r"[^\W\d_](?: -|- )[^\W\d_]")
SPACED_HYPHEN = regex.compile(r"(?<=(?<![\p{L}\p{N}-])\p{L}{2,})(?: -|- )(?=\p{L}{2,}(?![\p{L}-]))")
WORD_BEFORE = regex.compile(r"\p{L}+\Z")
WORD_AFTER = regex.compile(r"\p{L}+")
QUICK_CURRENCY = re.compile(r"[$€£¥₹₩₽][ \t]+\d")
CURRENCY_SPACE = regex.compile(r"(?<![\p{L}\p{N}])((?:[A-Z]{1,3})?[$€£¥₹₩₽])[ \t]+(?=\p{N})")
# One leading character class (not an alternation) lets the standard engine skip to brackets.
QUICK_BRACKET_SPACE = re.compile(r"[()\[\]](?:(?<=[(\[])[ \t]|(?<=[ \t][)\]]))")
OPEN_SPACE = regex.compile(r"([(\[])[ \t]+(?=[^\s)\]])")
CLOSE_SPACE = regex.compile(r"(?<=[^\s(\[])[ \t]+([)\]])")
DOUBLED_BRACKET = regex.compile(r"\){2,}|\({2,}|\]{2,}|\[{2,}")
QUICK_DOUBLED = re.compile(r"\)\)|\(\(|\]\]|\[\[")

# The rules' triggers (their byte patterns derived, answered together by one Hyperscan pass over
# the text); each is as broad as the rule's patterns or broader (tested). Written without the
# lookarounds of the rules' own quick checks, which the byte rewriting would drop.
_NOT_SPACE_DIGIT_MARK = r"[^\s\d_.?!,;:]"
SPACE_MARK_TRIGGER = Trigger(pattern=r"[ \t][,;:.?!%]")                                         # QUICK_SPACE_MARK
MARK_BETWEEN_TRIGGER = Trigger(pattern=f"{_NOT_SPACE_DIGIT_MARK}{{2}}[.?!,;:]{_NOT_SPACE_DIGIT_MARK}{{2}}|[a-z]{{3}}[.?!][IA][ \t]+[a-z]"
                                       r"|[a-z](?:\.\.\.|…)[A-Z]")
CURRENCY_TRIGGER = Trigger(pattern=r"(?:\$|€|£|¥|₹|₩|₽)[ \t]+\d")                                   # QUICK_CURRENCY
BRACKET_SPACE_TRIGGER = Trigger(pattern=r"[(\[][ \t]|[ \t][)\]]")                                  # QUICK_BRACKET_SPACE
DOUBLED_TRIGGER = Trigger(pattern=QUICK_DOUBLED)
CONTRACTION_TRIGGER = Trigger(pattern=r"[ \t]n?(?:'|’)")                                          # QUICK_CONTRACTION

PAIRS = {")": "(", "(": ")", "]": "[", "[": "]"}
LINE = regex.compile(r"[^\n]+")
SUSPENDED = frozenset({"and", "or", "to", "nor"})
# Words that carry a sentence on after a stop glued before them ("him.but they"): a comma before some.
COMMA_BEFORE = frozenset({"but", "yet", "so"})
JOINING = COMMA_BEFORE | frozenset({"and", "or", "because", "which", "who", "while", "although", "though"})


@rule("S001", "space-before-punctuation", "spacing", Safety.SAFE, example="Source :Skai says 100 % .",
      trigger=SPACE_MARK_TRIGGER)
def space_before_punctuation(doc: Document) -> Iterator[Proposal]:
    """A space before , ; : . ? ! or % ("Source :Skai", "100 %").

    Leaves ellipses, emoticons, ".NET"-like names and times alone; when the mark
    is glued to the next word, the space moves after it.
    """
    text = doc.text
    for m in SPACE_BEFORE_MARK.finditer(text):
        if _code_line(text, m.start()):
            continue  # "cond ? a : b" in a script the page printed: code keeps its spaces
        mark = m.group(1)
        after = text[m.end():m.end() + 1]
        rep = mark + (" " if after and (after.isalpha() or after in "\"“") else "")
        yield Proposal(m.start(), m.end(), rep, f"Space before {mark!r}.")
    for m in SPACE_BEFORE_STOP.finditer(text):
        yield Proposal(m.start(), m.end(), m.group(1), f"Space before {m.group(1)!r}.")
    for m in SPACE_BEFORE_PERCENT.finditer(text):
        yield Proposal(m.start(), m.end(), "%", "Space between a number and '%'.")


CODE_MARKS = ("{", "}", "=>", ");", "&&", "||")


def _code_line(text: str, pos: int) -> bool:
    """True if the line holding ``pos``, or one of the two before it, reads as code (braces, arrows,
    ");"), not prose: a script the page printed runs over several lines."""
    start = pos
    for _ in range(3):
        start = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start else 0
    end = text.find("\n", pos)
    block = text[start:end if end >= 0 else len(text)]
    return any(mark in block for mark in CODE_MARKS)


@rule("S003", "missing-space-after-punctuation", "spacing", Safety.REVIEW,
      example="It began earlier this year.before the talks,however.", trigger=MARK_BETWEEN_TRIGGER)
def missing_space_after_punctuation(doc: Document) -> Iterator[Proposal]:
    """Two words joined by sentence punctuation with no space ("this year.before").

    Both words must be ordinary English words (wordfreq), so abbreviations
    ("U.S.", "e.g."), decimals, times, URLs, domains, e-mail addresses and file
    names are left alone. Comma and semicolon joins are safe; a period before a
    lower-case word is review, since the period itself may be the error. A stop glued to the
    words "I" or "A" between lower-case words ("champion.I think"), and a closing quote after a
    stop glued to the next word ("difficult.”He said"), are safe.
    """
    text = doc.text
    for quick in QUICK_MARK_BETWEEN.finditer(text):
        if MARK_BETWEEN_LETTERS.match(text, quick.start()) is None:
            continue
        m = _glued_at(text, quick.start())
        if m is None:
            continue
        left, mark, right = m.groups()
        if left.isupper() or right.isupper() or not (is_common(left) and is_common(right)):
            continue  # "ASP.NET": acronyms and product names, not a sentence boundary
        tok_start = text.rfind(" ", 0, m.start()) + 1
        tok_start = max(tok_start, text.rfind("\n", 0, m.start()) + 1)
        tok_end = TOKEN_END.search(text, m.end())
        if looks_technical(text[tok_start:tok_end.start() if tok_end else len(text)]):
            continue
        start, end = m.start(2), m.end(3)
        if mark in ",;:":
            safety = Safety.SAFE if right.islower() or mark == ":" else Safety.REVIEW
            yield Proposal(start, end, f"{mark} {right}", f"No space after {mark!r}.", safety)
        elif right[0].isupper():
            yield Proposal(start, end, f"{mark} {right}", f"No space after {mark!r}.", Safety.SAFE)
        elif right in JOINING and mark == ".":  # "him.but they": a clause goes on, the stop is the slip
            best = f", {right}" if right in COMMA_BEFORE else f" {right}"
            yield Proposal(start, end, best, f"A stop before {right!r}, which goes on the sentence.",
                           alternatives=tuple(x for x in (f", {right}", f" {right}", f". {right.capitalize()}") if x != best))
        else:
            cap = right[0].upper() + right[1:]
            yield Proposal(
                start, end, f"{mark} {cap}",
                f"No space after {mark!r} before a lower-case word; the mark may be spurious.",
                alternatives=(f" {right}", f", {right}"),
            )
    yield from _glued_one_letter(text)
    yield from _glued_after_quote(text)
    yield from _glued_after_title(text)


# "Mr.Duong": a title's abbreviation glued to the name after it; "trial...Both": an ellipsis glued to a new sentence.
GLUED_TITLE = regex.compile(r"(?<![\p{L}.])(Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Maj|Gov|Sen|Rep|Rev|Sr|Jr|St)\.(?=\p{Lu}\p{Ll})")
GLUED_ELLIPSIS = regex.compile(r"(?<=\p{Ll}{2})(\.\.\.|…)(?=\p{Lu}\p{Ll})")


def _glued_after_title(text: str) -> Iterator[Proposal]:
    """A title glued to a name ("Mr.Duong": safe) or an ellipsis glued to the next sentence
    ("trial...Both": review, the writer may have meant a pause), outside URLs and file names."""
    for pattern, safety in ((GLUED_TITLE, Safety.SAFE), (GLUED_ELLIPSIS, Safety.REVIEW)):
        for m in pattern.finditer(text):
            if looks_technical(token_at(text, m.start(), m.end())):
                continue
            yield Proposal(m.start(), m.end(), m.group() + " ", f"No space after {m.group()!r}.", safety)


def _glued_one_letter(text: str) -> Iterator[Proposal]:
    """A stop glued to "I" or "A" between lower-case words ("champion.I think"): safe."""
    for quick in QUICK_ONE_LETTER.finditer(text):
        word = LETTERS_BEFORE.search(text, max(0, quick.start() - 60), quick.start())
        m = GLUED_ONE_LETTER.match(text, word.start()) if word else None
        if m is None or m.start(2) != quick.start() or not is_common(m.group(1)):
            continue
        yield Proposal(m.start(2), m.end(3), f"{m.group(2)} {m.group(3)}", f"No space after {m.group(2)!r}.", Safety.SAFE)


def _glued_after_quote(text: str) -> Iterator[Proposal]:
    """A closing quote after a stop, glued to the next word ("difficult.”He said"): safe.

    A straight quote counts only where it closes (an odd count of them before it on its line).
    """
    for quick in QUICK_AFTER_QUOTE.finditer(text):
        word = LETTERS_BEFORE.search(text, max(0, quick.start() - 61), quick.start() - 1)
        m = GLUED_AFTER_QUOTE.match(text, word.start()) if word else None
        if m is None or m.start(3) != quick.start():
            continue
        quote = m.group(3)
        line_start = text.rfind("\n", 0, m.start()) + 1
        if quote == '"' and text.count('"', line_start, m.start(3)) % 2 == 0:
            continue  # an opening quote: the space belongs before it, not after
        if quote == "’" and m.group(4).islower() and len(m.group(4)) < 3:
            continue  # "Corp.’s": an apostrophe, not a closing quote
        tok_end = TOKEN_END.search(text, m.end())
        if looks_technical(text[text.rfind(" ", line_start, m.start()) + 1:tok_end.start() if tok_end else len(text)]):
            continue
        mark, right = m.group(2), m.group(4)
        if quote == "”" and text.count("“", line_start, m.start(3)) <= text.count("”", line_start, m.start(3)):
            # no quotation open on the line: an opening mark facing the wrong way ("shelling.”As a result")
            yield Proposal(m.start(2), m.end(4), f"{mark} “{right}", f"{quote!r} after {mark!r} opens the next "
                           "sentence's quotation, facing the wrong way, with no space.", Safety.REVIEW,
                           alternatives=(f"{mark}{quote} {right}",))
            continue
        yield Proposal(m.start(2), m.end(4), f"{mark}{quote} {right}", f"No space after {mark + quote!r}.", Safety.SAFE)


@rule("S004", "spaced-hyphen", "spacing", Safety.SAFE, example="high -level talks", trigger=HYPHEN_TRIGGER)
def spaced_hyphen(doc: Document) -> Iterator[Proposal]:
    """A space on one side of a compound's hyphen ("high -level").

    Both halves must be common English words and the second lower case, so
    suspended hyphens ("pre- and post-war"), dashes with spaces on both sides,
    command-line flags ("-v", "-DCMAKE") and compounds starting with a function
    word are left alone.
    """
    text = doc.text
    for m in SPACED_HYPHEN.finditer(text):
        before = WORD_BEFORE.search(text, max(0, m.start() - 64), m.start())
        after = WORD_AFTER.match(text, m.end())
        if before is None or after is None:
            continue
        left, right = before.group(), after.group()
        if left.lower() in FUNCTION_WORDS or right.lower() in SUSPENDED:
            continue
        if not (right.islower() and is_common(right) and is_common(left)):
            continue  # "cmake -DCMAKE", "autoreconf -fi": command-line flags, not compounds
        # After a capitalized word only "Kremlin -backed", "Paris -based" are sure; "Union -social" may be
        # a name the engine reordered: review.
        safety = Safety.SAFE if left.islower() or left.isupper() or right.endswith("ed") else Safety.REVIEW
        yield Proposal(before.start(), after.end(), f"{left}-{right}", "Space inside a hyphenated compound.", safety)


@rule("S005", "space-after-currency", "spacing", Safety.SAFE, example="worth $ 600 billion", trigger=CURRENCY_TRIGGER)
def space_after_currency(doc: Document) -> Iterator[Proposal]:
    """A space between a currency sign and its amount ("$ 600")."""
    text = doc.text
    for m in CURRENCY_SPACE.finditer(text):
        yield Proposal(m.start(), m.end(), m.group(1), f"Space after the currency sign {m.group(1)!r}.")


@rule("S006", "bracket-spacing", "spacing", Safety.SAFE, example="reported ( AP ) today", trigger=BRACKET_SPACE_TRIGGER)
def bracket_spacing(doc: Document) -> Iterator[Proposal]:
    """Spaces just inside brackets ("( AP )"). Empty brackets are left alone."""
    text = doc.text
    for m in OPEN_SPACE.finditer(text):
        yield Proposal(m.start(), m.end(), m.group(1), f"Space after {m.group(1)!r}.")
    for m in CLOSE_SPACE.finditer(text):
        yield Proposal(m.start(), m.end(), m.group(1), f"Space before {m.group(1)!r}.")


@rule("S007", "doubled-bracket", "spacing", Safety.SAFE, example="economies (AP))\n", trigger=DOUBLED_TRIGGER)
def doubled_bracket(doc: Document) -> Iterator[Proposal]:
    """A doubled bracket that has no partner on its line ("(AP))").

    Balanced nesting ("(see (a))") is left alone.
    """
    for line in LINE.finditer(doc.text):
        s = line.group()
        excess = {ch: s.count(ch) - s.count(PAIRS[ch]) for ch in "()[]"}
        for m in DOUBLED_BRACKET.finditer(s):
            ch = m.group()[0]
            drop = min(len(m.group()) - 1, excess[ch])
            if drop > 0:
                excess[ch] -= drop
                start = line.start() + m.start()
                keep = ch * (len(m.group()) - drop)
                yield Proposal(start, start + len(m.group()), keep, f"Doubled {ch!r} without a partner.")


# ---------------------------------------------------------------- quotes and detokenization

QUOTE_INSIDE_SPACE = regex.compile(r"(“)[ \t]+(?=\S)|(?<=\S)[ \t]+(”)")
QUOTE_TWO_APOSTROPHES = regex.compile(r"(?<=“[^”\n]{0,300}?\S)[ \t]*''(?!')")
# Every split contraction has a space or tab just before an apostrophe or "n'"/"n’".
QUICK_CONTRACTION = re.compile(r"['’](?:(?<=[ \t].)|(?<=[ \t]n.))")
CONTRACTION_SPACE = regex.compile(r"(?<=\p{L})[ \t]+(['’](?:s|re|ve|ll|d|m)|n['’]t|(?<=n[ \t]+)['’]t)(?![\p{L}\p{N}])")


@rule("S012", "quote-spacing", "spacing", Safety.SAFE, example="the documentary, “ The A Word ''")
def quote_spacing(doc: Document) -> Iterator[Proposal]:
    """Spaces inside curly quotation marks ("“ The A Word ”"), two apostrophes closing a “ quote, a ”
    with its space on the wrong side, a closing mark drawn as an opening one (", “said"; review), and a
    closing mark glued to the next word ("“new rules”he said"; review).

    Curly quotes say which way they face, so the space inside is always a slip;
    the two-apostrophe closer is only replaced after an opening “ on the same line.
    """
    text = doc.text
    yield from _closing_drawn_opening(text)
    yield from _glued_after_closing(text)
    if "“ " not in text and " ”" not in text and "''" not in text:
        return
    for m in QUOTE_INSIDE_SPACE.finditer(text):
        mark = m.group(1) or m.group(2)
        if mark == "”" and text[m.end():m.end() + 1].isalnum():  # " ”RIA": the space is on the wrong side
            yield from _glued_closing_quote(text, m)
            continue
        yield Proposal(m.start(), m.end(), mark, f"Space inside the quotation mark {mark!r}.")
    for m in QUOTE_TWO_APOSTROPHES.finditer(text):
        yield Proposal(m.start(), m.end(), "”", "Two apostrophes used to close a “ quotation.", Safety.REVIEW)


# A “ after a comma or stop (its space before it or none) and before a lower-case word: the quotation's
# closing mark drawn as an opening one (", “said Peskov", ",“said the coach").
OPENING_AS_CLOSING = regex.compile(r"(?<=\p{L}[,.!?])([ \t]?)“(?=\p{Ll})")


# A closing ” glued to the next word, a lower-case word of two letters or more that is no contraction
# ("the “new rules”he said"): the space went missing. "minister”s" is an apostrophe (P005).
GLUED_AFTER_CLOSING = regex.compile(r"(?<=\p{L}[.,!?]?)”(?=\p{Ll}{2,}\b)(?!(?:re|ve|ll|s|t|d|m)\b)")


def _glued_after_closing(text: str) -> Iterator[Proposal]:
    """A closing ” glued to the next lower-case word, inside a line where a “ opened it. Review."""
    if "”" not in text:
        return
    for m in GLUED_AFTER_CLOSING.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text.count("“", line_start, m.start()) <= text.count("”", line_start, m.start()):
            continue  # no quotation open before it: not a closing mark
        yield Proposal(m.start(), m.end(), "” ", "No space after the closing quotation mark.", Safety.REVIEW)


def _closing_drawn_opening(text: str) -> Iterator[Proposal]:
    """A “ closing a quotation opened earlier on its line (", “said Peskov" -> ",” said Peskov"):
    only where an opening “ before it on the line is still open. Review."""
    if "“" not in text:
        return
    for m in OPENING_AS_CLOSING.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()]
        if before.count("“") <= before.count("”"):
            continue  # no quotation open: this one opens
        line_end = text.find("\n", m.end())
        after = text[m.end():line_end if line_end >= 0 else len(text)]
        if "”" in after.split("“", 1)[0]:
            continue  # a ” follows: the marks are shifted round the speech verb (P011)
        yield Proposal(m.start(), m.end(), "” ", "Closing quotation mark drawn as an opening one.", Safety.REVIEW)


def _glued_closing_quote(text: str, m: regex.Match) -> Iterator[Proposal]:
    """A ” with a space before it and a word right after it: a closing quote after a comma or a stop
    whose space went before it ("this, ”RIA said" -> "this,” RIA said"), or an opening quote drawn
    the wrong way after a colon or before its own closing quote ("party: ”President" -> "“President")."""
    before = text[m.start() - 1:m.start()]
    line_end = text.find("\n", m.end())
    rest = text[m.end():line_end if line_end >= 0 else len(text)]
    if before in ",.!?":
        yield Proposal(m.start(), m.end(), "” ", "Closing quotation mark with its space before it, not after.",
                       Safety.REVIEW)
    elif before == ":" or before.isalpha() and "”" in rest and "“" not in rest.split("”", 1)[0]:
        yield Proposal(m.end() - 1, m.end(), "“", "Opening quotation mark drawn as a closing one.", Safety.REVIEW)


@rule("S013", "split-contraction", "spacing", Safety.SAFE, example="Trump 's plan and it 's clear they don 't agree",
      trigger=CONTRACTION_TRIGGER)
def split_contraction(doc: Document) -> Iterator[Proposal]:
    """A possessive or contraction split from its word by tokenization ("Trump 's", "don 't")."""
    text = doc.text
    for m in CONTRACTION_SPACE.finditer(text):
        yield Proposal(m.start(), m.end(), m.group(1), f"Space before {m.group(1)!r}.")
