"""Modal screens of the review app: help, quit confirmation, whole-file diff."""

from __future__ import annotations

from rich.syntax import Syntax
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Every key binding, from the app's own binding list."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        table = Table(title="mtnorm review: keys", show_header=True, expand=True)
        table.add_column("key", style="bold magenta", no_wrap=True)
        table.add_column("action")
        for b in self.bindings:
            table.add_row(b.key_display or b.key, b.tooltip or b.description)
        table.add_row("1-9", "approve with option N (1 = the proposed replacement)")
        table.add_row("ctrl+p", "command palette: change theme (light/dark), quit")
        with VerticalScroll(id="dialog"):
            yield Static(table)
            yield Static("Mouse: click a file or a fix to select it. ↑/↓, PgUp/PgDn scroll; Esc closes this help.",
                         classes="hint")


class ConfirmQuit(ModalScreen[str]):
    """Ask what to do with approved fixes that are not written yet."""

    BINDINGS = [Binding("w", "choose('write')", "Write and quit"), Binding("q", "choose('quit')", "Quit"),
                Binding("escape", "choose('cancel')", "Cancel")]

    def __init__(self, unwritten: int) -> None:
        super().__init__()
        self.unwritten = unwritten

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"{self.unwritten} approved fix(es) are not written yet.\n\n"
                         "[b]w[/b] write them and quit   [b]q[/b] quit without writing   [b]Esc[/b] go back\n\n"
                         "Your decisions are kept in the review journal either way.")

    def action_choose(self, what: str) -> None:
        self.dismiss(what)


class DiffScreen(ModalScreen[None]):
    """The whole-file unified diff of what writing would change."""

    BINDINGS = [Binding("escape,q,v", "dismiss", "Close")]

    def __init__(self, diff: str) -> None:
        super().__init__()
        self.diff = diff

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            if self.diff:
                yield Static(Syntax(self.diff, "diff", word_wrap=True, theme="ansi_dark"))
            else:
                yield Static("No approved fixes in this file yet: writing would change nothing.")
