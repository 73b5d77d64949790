"""Punctuation family (P), quotation marks and apostrophes: the quote slips of translation engines.

Engines copy the source language's quotation marks („…“, «…»), pick the wrong curly quote when
they rebuild a sentence ("agreement“."), drop the comma before an attribution ("rents” the
minister said"), keep a Russian dialogue dash as the opening of a quotation, and type an accent
or a closing quote where English has an apostrophe ("Japan´s", "minister”s").
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import FUNCTION_WORDS
from ..registry import rule
from ..triggers import Trigger
from ..folding import non_ascii

# An opening quote that closes: glued to the word or stop before it, and followed by a mark and a
# space or the end of the line ("agreement“.", "career.“"); or alone at the end of a line ("risk. “").
SPACED_CLOSER = regex.compile(r"(?<=[\p{L}\p{N}])[ \t]+“([,;:])(?=[ \t])")  # an opening mark cannot come before a comma
GLUED_CLOSER = regex.compile(r"(?m)“([.,;:!?]?)(?=[ \t]|$)")
GLUED_BEFORE = regex.compile(r"[\p{L}\p{N}.,!?’]")
LINE_END_CLOSER = regex.compile(r"(?m)“(?<=([.,!?])[ \t]+“)(?=[ \t]*$)")

# Source-language quotation marks around a quotation on one line.
LOW_NINE = regex.compile(r"„[ \t]?([^„“”\n]{1,400}?)[ \t]?[“”]")
GUILLEMETS = regex.compile(r"«[ \t\u00a0\u202f]?([^«»\n]{1,400}?)[ \t\u00a0\u202f]?»")
REVERSED_GUILLEMETS = regex.compile(r"»([^«»\n]{1,400}?)«")
SINGLE_GUILLEMETS = regex.compile(r"‹([^‹›\n]{1,200}?)›")

# An accent, backtick, prime or closing double quote typed for an apostrophe: "Japan´s", "don`t".
APOSTROPHE_STAND_IN = regex.compile(r"([´`′”])(?<=\p{L}[´`′”])(?=(?:s|t|d|ll|re|ve|m)(?!\p{L}))")
# A plural possessive whose apostrophe became a spaced opening quote: "the judges ‘ decision".
SPACED_PLURAL_POSSESSIVE = regex.compile(r"(?<=\p{L}{2}s)[ \t]‘[ \t](?=\p{Ll})")

SPEECH_VERBS = (
    "said|says|told|added|stressed|noted|explained|asked|wrote|continued|insisted|replied|declared|stated|"
    "emphasized|emphasised|concluded|warned|admitted|recalled|argued|announced|commented|remarked|"
    "underlined|pointed out|summed up|assured|complained|acknowledged|observed"
)
# A closing quote straight after a word, then an attribution: the comma before the quote was lost.
ATTRIBUTION_NO_COMMA = regex.compile(
    rf"([”\"])(?<=[\p{{L}}\p{{N}}][”\"])(?=[ \t]+(?:(?:the|a|an|his|her|their|its|our)[ \t]+)?"
    rf"(?:[\p{{L}}.'’-]+[ \t]+){{0,4}}?(?:{SPEECH_VERBS})\b)"
)
# The speaker between the quote and the verb: a determiner, then a few words that are no function words.
ATTRIBUTION_SUBJECT = regex.compile(
    rf"[ \t]+(?:(?:the|a|an|his|her|their|its|our)[ \t]+)?((?:[\p{{L}}.'’-]+[ \t]+){{0,4}}?)(?:{SPEECH_VERBS})\b"
)
MIN_QUOTED_WORDS = 3  # a shorter quotation is a term or a title, which takes no comma
# A Russian-style line: a dialogue dash opens the quotation, whose end is a quote or a dash before the verb.
DASH_OPENED = regex.compile(r"(?m)^[-–—][ \t]+(?=\p{Lu})")
DASH_ATTRIBUTION = regex.compile(rf"([,.!?])[ \t]+[-–—][ \t]+(?=(?:{SPEECH_VERBS})\b)")
UNOPENED_CLOSER = regex.compile(
    rf"[,.!?]([”\"])[ \t]+(?=(?:(?:the|a|an|his|her|their|its|our)[ \t]+)?(?:[\p{{L}}.'’-]+[ \t]+){{0,4}}?(?:{SPEECH_VERBS})\b)"
)


@rule("P003", "opening-quote-closes", "other", Safety.SAFE, example="“We have an agreement“. Talks ended.", trigger=Trigger(exact=("“",)))
def opening_quote_closes(doc: Document) -> Iterator[Proposal]:
    """An opening curly quote used to close a quotation ("agreement“.", "career.“", "risk. “",
    "experts “, she said").

    An opening quote is followed by the words it opens; one glued to the word before it and
    followed by a space or the end of the line closes the quotation. The stop moves inside, as
    English puts it. Safe: the mark cannot open anything where it stands. Low-9 pairs („…“)
    are P004's.
    """
    text = doc.text
    found = [m for m in LINE_END_CLOSER.finditer(text)]
    for m in GLUED_CLOSER.finditer(text):
        if m.start() and GLUED_BEFORE.match(text, m.start() - 1):
            found.append(m)
    for m in SPACED_CLOSER.finditer(text):  # "of the experts “, she said": a space before it, a mark after
        yield Proposal(m.start(), m.end(), f"{m.group(1)}”", "An opening quotation mark where the quotation ends.")
    for m in sorted(found, key=lambda m: m.start(1)):
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if before.count("„") > before.count("“") + before.count("”"):
            continue  # the closing mark of a German low-9 pair
        start = min(m.start(), m.start(1))  # the stop before a spaced quote goes into the span
        yield Proposal(start, m.end(), f"{m.group(1)}”", "An opening quotation mark where the quotation ends.")


@rule("P004", "foreign-quotation-marks", "other", Safety.SAFE, example="He called it „a turning point“ and «a test».",
      trigger=Trigger(exact=("„", "«", "»", "‹")))
def foreign_quotation_marks(doc: Document) -> Iterator[Proposal]:
    """Quotation marks of the source language around a quotation: „…“, «…», »…«, ‹…›.

    Machine translation keeps German, Polish, Russian or French quotation marks; English writes
    “…” (and ‘…’ inside). Safe: only a pair on one line is replaced, with the spaces French puts
    inside guillemets; a lone mark is left alone.
    """
    text = doc.text
    for pattern, opening, closing in ((LOW_NINE, "“", "”"), (GUILLEMETS, "“", "”"),
                                      (REVERSED_GUILLEMETS, "“", "”"), (SINGLE_GUILLEMETS, "‘", "’")):
        for m in pattern.finditer(text):
            inner = m.group(1)
            if not inner.strip():
                continue
            yield Proposal(m.start(), m.end(), f"{opening}{inner}{closing}",
                           "Quotation marks of another language; English uses “…”.")


@rule("P005", "apostrophe-stand-in", "other", Safety.SAFE, example="Japan´s exports and the minister”s plan")
def apostrophe_stand_in(doc: Document) -> Iterator[Proposal]:
    """An accent, backtick, prime or closing quote typed for an apostrophe ("Japan´s", "don`t", "minister”s").

    Keyboards and engines without an apostrophe key put the nearest-looking mark between a word
    and its "s" or "t". The apostrophe used is the document's own (straight or curly). Safe for
    the accent, backtick and prime, which English never puts there; review for a closing double
    quote and for a plural possessive written as a spaced opening quote ("the judges ‘ decision").
    """
    text = doc.text
    marks = non_ascii(text)
    if "`" not in text and marks.isdisjoint("´′”‘"):
        return
    apostrophe = "'" if text.count("'") > text.count("’") else "’"
    for m in APOSTROPHE_STAND_IN.finditer(text):
        mark = m.group(1)
        safety = Safety.REVIEW if mark == "”" else Safety.SAFE
        yield Proposal(m.start(), m.end(), apostrophe, f"{mark!r} stands for an apostrophe.", safety)
    for m in SPACED_PLURAL_POSSESSIVE.finditer(text):
        yield Proposal(m.start(), m.end(), f"{apostrophe} ", "A plural possessive's apostrophe written as a quote.",
                       Safety.REVIEW)


@rule("P006", "attribution-comma", "other", Safety.REVIEW, example="“Prices will fall,” she said. “Not the rents” the minister told them.")
def attribution_comma(doc: Document) -> Iterator[Proposal]:
    """A quotation closed straight after a word and followed by its attribution ("rents” the minister said").

    English ends a quoted statement with a comma inside the quotes before "she said"; engines
    that rebuild the sentence lose it. Only a quotation opened earlier on the same line counts,
    and a quote ending in "?" or "!" is left alone. Review: the quote may end a title.
    """
    text = doc.text
    if '"' not in text and "”" not in text:
        return
    for m in ATTRIBUTION_NO_COMMA.finditer(text):
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]  # the line up to the quote
        opened = before.count("“") > before.count("”") if m.group(1) == "”" else before.count('"') % 2 == 1
        if not opened:
            continue
        quoted = before[before.rfind("“" if m.group(1) == "”" else '"') + 1:]
        subject = ATTRIBUTION_SUBJECT.match(text, m.end())
        if len(quoted.split()) < MIN_QUOTED_WORDS or subject is None:
            continue  # a quoted term ("called it “true champion”"), or words that are no speaker
        if any(w.lower() in FUNCTION_WORDS for w in subject.group(1).split()):
            continue  # "... dumplings” and said": a clause goes on, no attribution starts
        yield Proposal(m.start(), m.end(), f",{m.group(1)}",
                       "No comma before the closing quote of a quotation followed by its attribution.")


@rule("P007", "dialogue-dash", "other", Safety.REVIEW,
      example='- We start next week, - said the mayor.\n- Prices will not rise," the minister added.')
def dialogue_dash(doc: Document) -> Iterator[Proposal]:
    """A dialogue dash opening a quotation, as Russian and Ukrainian write it ("- We start, - said the mayor").

    A line that starts with a dash and a capital and then hands over to a speech verb, either
    through a second dash or through a closing quote that nothing opened, is a quotation: the
    dashes become quotation marks. Review. A list of items (no speech verb) is left alone.
    """
    text = doc.text
    if not text.startswith(("-", "–", "—")) and "\n-" not in text and "\n–" not in text and "\n—" not in text:
        return
    for opening in DASH_OPENED.finditer(text):
        base = opening.start()
        end = text.find("\n", base)
        line = text[base:end if end >= 0 else len(text)]
        attribution = DASH_ATTRIBUTION.search(line)
        closer = UNOPENED_CLOSER.search(line)
        if attribution is not None:
            quote_open, quote_close = "“", "”"
            if '"' in text and "“" not in text:
                quote_open = quote_close = '"'
            yield Proposal(base, opening.end(), quote_open, "A dialogue dash opens this quotation.")
            mark = attribution.group(1)
            yield Proposal(base + attribution.start(), base + attribution.end(), f"{mark}{quote_close} ",
                           "A dialogue dash closes this quotation.")
        elif closer is not None:
            quote_open = '"' if closer.group(1) == '"' else "“"
            if quote_open not in line[:closer.start()]:  # the quotation was never opened
                yield Proposal(base, opening.end(), quote_open, "A dialogue dash opens this quotation.")


# "it, “the newspaper quoted.” The memoir": the marks moved one place, around the attribution.
ATTRIBUTION_VERBS = SPEECH_VERBS + "|quoted|reported|cited|tweeted|posted"
SHIFTED_QUOTES = regex.compile(
    rf"([,!?])[ \t]+“((?:he|she|they|we|it|(?:the|a|an|his|her|their|its|our)[ \t]+(?:[\p{{L}}'’-]+[ \t]+){{0,3}}?\p{{L}}+)"
    rf"[ \t]+(?:{ATTRIBUTION_VERBS})(?:[ \t]+(?:him|her|them|it|us))?(?:[ \t]+(?:on|in|at)[ \t]+\p{{L}}+)?)\.”[ \t]+(?=\p{{Lu}})"
)


@rule("P011", "shifted-quote-marks", "other", Safety.REVIEW,
      example="“We could not accept it, “the paper quoted him.” The talks ended there.",
      trigger=Trigger(exact=(".”",)))
def shifted_quote_marks(doc: Document) -> Iterator[Proposal]:
    """Quotation marks moved one place, so they enclose the attribution ("it, “the newspaper quoted.” The memoir").

    An engine that rebuilds a quotation around "the newspaper quoted" can close the first part
    after the attribution and open the second before it. An opening quote straight before a
    lower-case speaker and a speech verb, closed by a stop and followed by a capital, is that
    slip: the marks go back around the quoted words. Review.
    """
    for m in SHIFTED_QUOTES.finditer(doc.text):
        yield Proposal(m.start(), m.end(), f"{m.group(1)}” {m.group(2)}. “",
                       "The quotation marks enclose the attribution, not the quoted words.")
