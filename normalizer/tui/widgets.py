"""Renderables for the review app: a fix in context as a word-level diff."""

from __future__ import annotations

from rich.text import Text

from ..fixes import Fix
from ..textdiff import word_diff

CONTEXT = 160


class PlainCell:
    """A table cell of plain text, drawn as it is: no markup parsed ("[b]" stays "[b]") and
    nothing measured (the table's columns get fixed widths), so 10,000 rows load quickly."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __rich_console__(self, console: object, options: object):  # noqa: ANN201 (rich protocol)
        yield Text(self.text, no_wrap=True, overflow="ellipsis", end="")

    def __str__(self) -> str:
        return self.text


def visible(s: str) -> str:
    """Whitespace made visible inside a change: line breaks and lone spaces."""
    if s.strip():
        return s.replace("\n", "⏎\n")
    return s.replace(" ", "·").replace("\t", "→").replace("\n", "⏎\n") or "∅"


def context_window(text: str, fix: Fix) -> tuple[str, str]:
    """The text before and after a fix, cut at line breaks and to :data:`CONTEXT` characters."""
    a = max(text.rfind("\n", 0, max(0, fix.start - 1)) + 1, fix.start - CONTEXT)
    b = text.find("\n", fix.end + 1)
    b = min(b if b >= 0 else len(text), fix.end + CONTEXT)
    before, after = text[a:fix.start], text[fix.end:b]
    if a > 0 and text[a - 1] != "\n":
        before = "…" + before
    if b < len(text) and text[b] != "\n":
        after += "…"
    return before, after


def diff_text(text: str, fix: Fix, replacement: str | None = None) -> Text:
    """The fix in its sentence: removed text red and struck through, inserted text green.

    Multi-word changes are highlighted word by word (rapidfuzz opcodes), so
    unchanged words inside the span stay plain.
    """
    rep = fix.replacement if replacement is None else replacement
    before, after = context_window(text, fix)
    out = Text(before, style="dim")
    old, new = fix.original, rep
    if old.strip() and new.strip() and len(old.split()) > 1 and len(new.split()) > 1:
        lead = old[: len(old) - len(old.lstrip())]
        out.append(visible(lead), style="strike red")
        for i, (tag, a, b) in enumerate(word_diff(old, new)):
            sep = " " if i else ""
            if tag == "equal":
                out.append(sep + a)
            else:
                if a:
                    out.append(sep + a, style="strike bold red")
                if b:
                    out.append((" " if a or i else "") + b, style="bold green underline")
    else:
        if old:
            out.append(visible(old), style="strike bold red")
        if new:
            out.append(visible(new), style="bold green underline")
    out.append(after, style="dim")
    return out


def fix_details(fix: Fix, options: list[str], decision: tuple[str, str] | None) -> Text:
    """The rule, safety, message, numbered options and the decision so far."""
    out = Text()
    out.append(f"{fix.rule} ", style="bold")
    out.append(f"{fix.category} · {fix.safety}", style="cyan" if fix.safety == "safe" else "yellow")
    if decision:
        verdict = "approved" if decision[0] == "approve" else "rejected"
        out.append(f"  [{verdict}" + (f": {decision[1]!r}" if decision[0] == "approve" else "") + "]",
                   style="green" if decision[0] == "approve" else "red")
    out.append("\n" + fix.message + "\n")
    if len(options) > 1:
        out.append("Options: ", style="bold")
        for i, opt in enumerate(options[:9], 1):
            out.append(f"{i} ", style="bold magenta")
            out.append(f"{opt.strip() or '(remove)'}  ")
    return out
