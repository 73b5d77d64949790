"""Spacing family (S), layout part: blank lines, trailing and repeated spaces."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..registry import rule

TRAILING = regex.compile(r"(?<![ \t])[ \t]+(?=\n|\Z)")
REPEATED = regex.compile(r"(?<=\S) {2,}(?=\S)")
LEADING_BLANK = regex.compile(r"\A(?:[ \t]*\n)+")
BLANK_RUN = regex.compile(r"(?<=\S[^\n]*)\n(?:[ \t]*\n){2,}(?=[ \t]*\S)")
END_BLANK = regex.compile(r"(?<=\S[^\n]*)\n(?:[ \t]*\n)+\Z")


@rule("S008", "trailing-whitespace", "spacing", Safety.SAFE, example="Talks resumed.   \n")
def trailing_whitespace(doc: Document) -> Iterator[Proposal]:
    """Spaces or tabs at the end of a line.

    In Markdown, two or more trailing spaces before a non-blank line are a hard
    line break and are kept.
    """
    text = doc.text
    if " \n" not in text and "\t\n" not in text and not text.endswith((" ", "\t")):
        return
    for m in TRAILING.finditer(text):
        if doc.is_markdown and m.group().startswith("  ") and "\t" not in m.group():
            nxt = text[m.end() + 1:m.end() + 2]
            if nxt and nxt != "\n":
                continue
        yield Proposal(m.start(), m.end(), "", "Whitespace at the end of a line.")


@rule("S002", "repeated-space", "spacing", Safety.SAFE, example="Talks  resumed.")
def repeated_space(doc: Document) -> Iterator[Proposal]:
    """Two or more spaces between words.

    Markdown table rows and indented lines (alignment) are left alone.
    """
    text = doc.text
    if "  " not in text:
        return
    for m in REPEATED.finditer(text):
        if doc.is_markdown:
            line_start = text.rfind("\n", 0, m.start()) + 1
            line = text[line_start:text.find("\n", m.start()) % (len(text) + 1)]
            if line.lstrip().startswith("|") or line.startswith("    "):
                continue
        yield Proposal(m.start(), m.end(), " ", "Repeated spaces between words.")


@rule("S009", "leading-blank-lines", "spacing", Safety.SAFE, example="\n\nTalks resumed.\n")
def leading_blank_lines(doc: Document) -> Iterator[Proposal]:
    """Blank lines before the first line of text (a document of blank lines becomes empty)."""
    if doc.text and not doc.text.strip():
        yield Proposal(0, len(doc.text), "", "The document holds only blank lines.")
        return
    m = LEADING_BLANK.match(doc.text)
    if m:
        yield Proposal(m.start(), m.end(), "", "Blank lines at the start of the document.")


@rule("S010", "blank-line-run", "spacing", Safety.SAFE, example="One.\n\n\n\nTwo.\n")
def blank_line_run(doc: Document) -> Iterator[Proposal]:
    """More than one blank line between paragraphs; one is enough."""
    if "\n\n\n" not in doc.text and " \n" not in doc.text and "\t\n" not in doc.text:
        return  # a run of blank lines holds three line breaks in a row, or a line of spaces
    for m in BLANK_RUN.finditer(doc.text):
        if m.group() != "\n\n":
            yield Proposal(m.start(), m.end(), "\n\n", "Several blank lines between paragraphs.")


@rule("S011", "end-of-file", "spacing", Safety.SAFE, example="Talks resumed.")
def end_of_file(doc: Document) -> Iterator[Proposal]:
    """A missing final newline, or blank lines after the last line of text."""
    text = doc.text
    if not text.strip():
        return
    m = END_BLANK.search(text)
    if m:
        yield Proposal(m.start(), m.end(), "\n", "Blank lines at the end of the document.")
    elif not text.endswith("\n"):
        yield Proposal(len(text), len(text), "\n", "No newline at the end of the document.")
