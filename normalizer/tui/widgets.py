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


SHOWN = {" ": "·", "\u00a0": "⍽", "\t": "→", "\n": "⏎"}
REMOVED, INSERTED = ("[-", "-]"), ("{+", "+}")  # as `git diff --word-diff`: readable without colour


def whitespace_only(old: str, new: str) -> bool:
    """Whether a change only adds, removes or changes whitespace.

    >>> whitespace_only(" ,", ","), whitespace_only("The", "the")
    (True, False)
    """
    return old != new and "".join(old.split()) == "".join(new.split())


def visible(s: str, every_space: bool = True, breaks: str = "\n") -> str:
    """``s`` with its whitespace shown: all of it (``every_space``), else only at its edges;
    a line break is shown as ``⏎`` followed by ``breaks``; the empty string as ``∅``.

    >>> visible(" ,"), visible("rare  earths ", every_space=False, breaks="")
    ('·,', 'rare  earths·')
    """
    if not s:
        return "∅"
    core = s.strip()
    if every_space or not core:
        return "".join(SHOWN.get(c, c) + (breaks if c == "\n" else "") for c in s)
    i, j = s.index(core[0]), len(s.rstrip())
    inner = s[i:j].replace("\n", "⏎" + breaks)
    return visible(s[:i], breaks=breaks) * bool(s[:i]) + inner + visible(s[j:], breaks=breaks) * bool(s[j:])


def change_label(old: str, new: str, width: int = 30) -> str:
    r"""A fix as one line for the list: ``before → after``, whitespace shown where it matters.

    >>> change_label(" ,", ","), change_label("The", "the"), change_label("a\n\nb", "a\nb")
    ('·, → ,', 'The → the', 'a⏎⏎b → a⏎b')
    """
    every = whitespace_only(old, new)

    def cut(s: str) -> str:
        shown = visible(s, every, breaks="")
        return shown if len(shown) <= width else shown[:width - 1] + "…"

    return f"{cut(old)} → {cut(new)}"


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
    """The fix in its sentence: removed text ``[-red, struck through-]``, inserted text
    ``{+green, underlined+}``; the brackets keep it readable without colour (``NO_COLOR``).

    Multi-word changes are highlighted word by word (rapidfuzz opcodes), so unchanged
    words inside the span stay plain; whitespace changes show their spaces as ``·``.
    """
    rep = fix.replacement if replacement is None else replacement
    before, after = context_window(text, fix)
    out = Text(before, style="dim")
    old, new = fix.original, rep

    def removed(s: str) -> None:
        out.append(REMOVED[0] + s + REMOVED[1], style="strike bold red")

    def inserted(s: str) -> None:
        out.append(INSERTED[0] + s + INSERTED[1], style="bold green underline")

    if not whitespace_only(old, new) and len(old.split()) > 1 and len(new.split()) > 1:
        lead = old[: len(old) - len(old.lstrip())]
        if lead:
            removed(visible(lead))
        for i, (tag, a, b) in enumerate(word_diff(old, new)):
            sep = " " if i else ""
            if tag == "equal":
                out.append(sep + a)
            else:
                out.append(sep)
                if a:
                    removed(a)
                if b:
                    inserted(b)
    else:
        every = whitespace_only(old, new) or not old.strip() or not new.strip()
        if old:
            removed(visible(old, every))
        if new:
            inserted(visible(new, every))
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
