"""Encoding family (E), markup residue: what a publishing pipeline left inside the sentences.

A page converted to plain text keeps bits of its machinery: HTML tags (``<br>``, ``</strong>``),
markdown links, plugin shortcodes inside a sentence (``[ad_1]``), template fields whose value was
missing (``{{name}}``, "undefined", "NaN"), and the labels of share buttons run into the text.
Whole lines of such furniture are the B rules' (B008 markdown heading and image, B026 a shortcode
line, B021 navigation); this rule takes what sits inside a line of prose.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..registry import rule
from ..triggers import Trigger

BLOCK = "br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|tbody|thead|blockquote|figure|figcaption|section|article|hr"
INLINE = "span|strong|em|b|i|u|a|font|sup|sub|small|mark|ins|del|s|strike|img|abbr|cite|code|time|iframe|script|style"
TAG = regex.compile(rf"</?(?:({BLOCK})|(?:{INLINE}))\b(?:\s+[a-z-]+(?:=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s>]+))?)*\s*/?>", regex.I)
# A shortcode of a publishing plugin inside a line ("[ad_1]", "[caption id=..]", "[/embed]").
SHORTCODE = regex.compile(r"\[/?(?:ad_\d+|the_ad|caption|embed|gallery|video|audio|vc_\w+|et_pb_\w+|su_\w+|adsense\w*)"
                          r"(?:\s[^\]\n]{0,200})?\]")
TEMPLATE = regex.compile(r"\{\{\s*[\w.]{1,40}\s*\}\}|\$\{[\w.]{1,40}\}|%%[\w]{1,30}%%")
# A missing value printed by a script: after a word that asks for a number or a name (SLOT), before
# a stop, a unit or a common continuation ("at the age of undefined.", "rose to NaN percent").
MISSING = regex.compile(r"\b(?:undefined|NaN|null)(?=[ \t]*(?:[.,;:)]|$|percent\b|%|years?\b|people\b|points?\b|and\b))", regex.M)
SLOT = regex.compile(r"\b(?:of|at|on|by|from|to|in|for|about|reached|rose|fell|with|named)[ \t]$")
SHARE_ITEM = r"(?:Click to share on|Share on|Share to|Opens? in new window|Tweet this|Share via)[ \t]*(?:Facebook|Twitter|X|WhatsApp|LinkedIn|Telegram|Email|E-mail|Reddit|Pinterest|Tumblr|Pocket)?(?:[ \t]*\(Opens in new window\))?"
SHARE = regex.compile(rf"{SHARE_ITEM}(?:[ \t]*[|,/]?[ \t]*{SHARE_ITEM})*")
# A JSON or JavaScript escape printed as text ("minister\\u2019s"), a surrogate pair for an emoji.
ESCAPE = regex.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}")
LINK = regex.compile(r"(?<!!)\[([^\]\n]{1,120})\]\((?:https?://|/)[^)\s]*\)")
# Every finding holds one of these: a tag's opening, a shortcode's name, a template's braces, a
# link's "](", a missing-value word, a share label.
MARKUP_TRIGGER = Trigger(any_of=(
    Trigger(pattern=r"\\u[0-9a-fA-F]|</?[A-Za-z]|\[/?(?:ad_|the_ad|caption|embed|gallery|video|audio|vc_|et_pb_|su_|adsense)|\{\{|\$\{|%%|\]\("),
    Trigger(exact=("undefined", "NaN", "null", "Share", "Click to share", "Opens in new window", "Open in new window", "Tweet this")),
))


def _unescape(escape: str) -> str | None:
    """The character a ``\\uXXXX`` escape (or a pair of them) stands for, if it is printable text.

    >>> _unescape("\\\\u2019"), _unescape("\\\\ud83c\\\\udf0b"), _unescape("\\\\u0007")
    ('’', '🌋', None)
    """
    try:
        char = escape.encode("ascii").decode("unicode_escape").encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        return None
    return char if char.isprintable() and len(char) == 1 else None


def _alone(text: str, start: int, end: int) -> bool:
    """True if the span is all its line holds (a B rule's furniture line)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return not (text[ls:start] + text[end:len(text) if le < 0 else le]).strip()


def _between_words(text: str, start: int, end: int) -> bool:
    return start > 0 and not text[start - 1].isspace() and end < len(text) and not text[end].isspace()


@rule("E008", "markup-residue", "encoding", Safety.SAFE,
      example="Heavy rain closed schools,<br>officials said on Monday.",
      trigger=MARKUP_TRIGGER)
def markup_residue(doc: Document) -> Iterator[Proposal]:
    """Markup and template residue inside a line of prose: HTML tags ("<br>", "<strong>"), a
    markdown link (its text is kept), a plugin shortcode ("[ad_1]"), a template field left empty
    ("{{name}}", "${city}"), a JSON escape printed as text ("minister\\u2019s"), a missing value printed as "undefined", "NaN" or "null", share-button
    labels ("Share on Facebook Share on Twitter").

    Safe for complete tags of known HTML elements, shortcodes, template fields, escapes, links and two
    share labels or more; review for a missing value and a lone share label (a sentence may
    quote one). Markdown files keep their markup.
    """
    text = doc.text
    if doc.is_markdown:
        return
    for m in TAG.finditer(text) if "<" in text else ():
        rep = " " if m.group(1) and _between_words(text, m.start(), m.end()) else ""
        yield Proposal(m.start(), m.end(), rep, f"HTML tag {m.group()!r} left in the text.")
    for m in SHORTCODE.finditer(text) if "[" in text else ():
        if not _alone(text, m.start(), m.end()):
            yield Proposal(m.start(), m.end(), "", f"Publishing shortcode {m.group()!r} inside a line.")
    for m in TEMPLATE.finditer(text):
        yield Proposal(m.start(), m.end(), "", f"Template field {m.group()!r} never filled.")
    for m in ESCAPE.finditer(text) if "\\u" in text else ():
        char = _unescape(m.group())
        if char is not None:
            yield Proposal(m.start(), m.end(), char, f"Escape {m.group()!r} printed as text: {char!r}.")
    for m in LINK.finditer(text) if "](" in text else ():
        yield Proposal(m.start(), m.end(), m.group(1), "Markdown link: its text kept, its address dropped.")
    for m in MISSING.finditer(text):
        if not SLOT.search(text, max(0, m.start() - 12), m.start()):
            continue
        yield Proposal(m.start(), m.end(), "", f"{m.group()!r} where a value was missing.", Safety.REVIEW)
    for m in SHARE.finditer(text):
        if _alone(text, m.start(), m.end()) or not regex.search(r"\b(?:Facebook|Twitter|X|WhatsApp|LinkedIn|Telegram|E-?mail|Reddit|Pinterest|window)\b", m.group()):
            continue
        items = len(regex.findall(r"(?i)share|tweet|window", m.group()))
        yield Proposal(m.start(), m.end(), "", f"Share-button labels {m.group()!r} inside a sentence.",
                       Safety.SAFE if items >= 2 else Safety.REVIEW)
