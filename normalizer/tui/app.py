"""ReviewApp: work through proposed fixes file by file, approving, rejecting or editing each."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..decisions import APPROVE, Journal
from ..registry import Rule
from ..review import ReviewSession, StaleFileError, relative_name
from .screens import ConfirmQuit, DiffScreen, HelpScreen
from .widgets import PlainCell, change_label, diff_text, fix_details

MARKS = {None: " ", APPROVE: "✓", "reject": "✗"}


class ReviewApp(App[ReviewSession | None]):
    """The review screen; the session (plain state) does the work, the app shows it."""

    CSS_PATH = "review.tcss"
    TITLE = "mtnorm review"
    BINDINGS = [
        Binding("y", "approve", "Approve", id="review.approve"),
        Binding("n", "reject", "Reject", id="review.reject"),
        Binding("e", "edit", "Edit", id="review.edit"),
        # short labels: the whole key bar fits 80 columns; the help (?) says the rest
        Binding("a", "rest(True)", "Rule ✓", id="review.approve_rest",
                tooltip="Approve the rest of this rule's fixes in this file"),
        Binding("d", "rest(False)", "Rule ✗", id="review.reject_rest",
                tooltip="Reject the rest of this rule's fixes in this file"),
        Binding("s", "skip", "Skip", id="review.skip"),
        Binding("j,down", "move(1)", "Next", show=False, id="review.next"),
        Binding("k,up", "move(-1)", "Previous", show=False, id="review.previous"),
        Binding("J,pagedown", "file(1)", "Next file", show=False, id="review.next_file"),
        Binding("K,pageup", "file(-1)", "Previous file", show=False, id="review.previous_file"),
        Binding("u", "undo", "Undo", id="review.undo"),
        Binding("v", "view_diff", "File diff", show=False, id="review.view_diff"),
        Binding("m", "remember", "Remember name", show=False, id="review.remember",
                tooltip="Remember an approved name fix in your alias file (not asked again)"),
        Binding("i", "ignore_word", "Ignore word", show=False, id="review.ignore_word"),
        Binding("w", "write", "Write", id="review.write"),
        Binding("q", "quit_review", "Quit", id="review.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="review.help"),
    ] + [Binding(str(i), f"option({i})", show=False, id=f"review.option{i}") for i in range(1, 10)]

    def __init__(self, pairs: Sequence[tuple[Path, Path]], rules: Sequence[Rule], journal: Journal,
                 out_dir: Path | None = None, alias_file: Path | None = None, policy=None,
                 learn_min_docs: int = 3, ignore_file: Path | None = None, apply_safe: bool = True) -> None:
        super().__init__()
        self.apply_safe = apply_safe
        self.ignore_file = ignore_file
        self.pairs = list(pairs)
        self.rules = rules
        self.journal = journal
        self.out_dir = out_dir
        self.alias_file = alias_file
        self.policy = policy
        self.learn_min_docs = learn_min_docs
        self.session: ReviewSession | None = None
        self._table_file = -1
        self._marks: list[tuple[str, str]] = []
        self._labels: list[Text] = []
        self._stale = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield OptionList(id="files")
            with Vertical(id="right"):
                table = DataTable(id="fixes", cursor_type="row", zebra_stripes=True)
                yield table
                with VerticalScroll(id="diff-box"):
                    yield Static(id="diff")
                yield Static(id="info")
                yield Input(id="edit", placeholder="replacement (Enter to approve, Esc to cancel)",
                            select_on_focus=False)
            yield Static(id="empty")
        yield Static("Loading…", id="progress")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#files", OptionList).border_title = "files"
        self.load_session()

    @work(thread=True, exclusive=True)
    def load_session(self) -> None:
        try:
            session = ReviewSession.open(self.pairs, self.rules, self.journal, self.out_dir, self.policy,
                                         self.learn_min_docs, self.apply_safe)
        except Exception as exc:  # shown in the app, never as a traceback
            self.call_from_thread(self.notify, f"Could not load the files: {exc}", severity="error", timeout=30)
            return
        self.call_from_thread(self.show_session, session)

    # ------------------------------------------------------------ showing

    def show_session(self, session: ReviewSession) -> None:
        self.session = session
        files = self.query_one("#files", OptionList)
        files.clear_options()
        files.add_options([Option(self.file_label(i), id=str(i)) for i in range(len(session.files))])
        for s in session.files:
            if s.error:
                self.notify(f"{s.path}: {s.error}", severity="error", timeout=10)
        if session.total == 0:
            empty = self.query_one("#empty", Static)
            empty.update(f"Nothing to review: no fixes proposed in {len(session.files)} file(s). Press q to quit.")
            empty.add_class("shown")
            self.query_one("#right").display = False
        self.refresh_all()
        self.query_one("#fixes", DataTable).focus()

    def file_label(self, index: int) -> Text:
        assert self.session is not None
        s = self.session.files[index]
        if s.error:
            return Text(f"  ! {relative_name(s)}", style="red")
        label = Text()
        label.append(f"{s.pending:>3} " if s.pending else "  ✓ ", style="yellow" if s.pending else "green")
        label.append(relative_name(s))
        return label

    def fill_table(self) -> None:
        assert self.session is not None
        table = self.query_one("#fixes", DataTable)
        table.clear(columns=True)
        state = self.session.file
        rows, marks, widest = [], [], len("before → after")
        for i in range(len(state.fixes)):
            marks.append(self.row_mark(i))
            widest = max(widest, cell_len(marks[-1][1]) + 2)  # room for an edit longer than the proposal
            rows.append((PlainCell(marks[-1][0]), PlainCell(state.fixes[i].rule), PlainCell(marks[-1][1])))
        # fixed widths, measured here once: the table would measure every cell of every row
        for label, key, width in (("", "mark", 1), ("rule", "rule", 4), ("before → after", "change", widest)):
            table.add_column(label, key=key, width=width)
        table.add_rows(rows)
        self._marks = marks
        self._table_file = self.session.current

    def row_mark(self, index: int) -> tuple[str, str]:
        """A row's decision mark and its change, with the approved (perhaps edited) replacement."""
        assert self.session is not None
        state = self.session.file
        fix, d = state.fixes[index], state.decisions.get(index)
        replacement = d[1] if d and d[0] == APPROVE else fix.replacement
        return MARKS[d[0] if d else None], change_label(fix.original, replacement)

    def refresh_all(self) -> None:
        """Bring every widget in line with the session, once per screen update however many keys came.

        Under fast key repeat the keys queue up faster than a full redraw (40 file labels, a
        table) can keep up with; each key only changes the session and marks the view stale.
        """
        if not self._stale:
            self._stale = True
            self.call_after_refresh(self._refresh_now)

    def _refresh_now(self) -> None:
        if not self._stale:
            return
        self._stale = False
        session = self.session
        if session is None or not session.files:
            self.query_one("#progress", Static).update("No files to review.")
            return
        files = self.query_one("#files", OptionList)
        for i in range(len(session.files)):
            label = self.file_label(i)
            if i >= len(self._labels) or self._labels[i] != label:
                files.replace_option_prompt_at_index(i, label)
        self._labels = [self.file_label(i) for i in range(len(session.files))]
        if files.highlighted != session.current:
            files.highlighted = session.current
        if self._table_file != session.current:
            self.fill_table()
        table = self.query_one("#fixes", DataTable)
        state = session.file
        for i, shown in enumerate(self._marks):
            mark = self.row_mark(i) if i in state.decisions or shown[0] != " " else shown
            if shown != mark:
                if shown[0] != mark[0]:
                    table.update_cell_at(Coordinate(i, 0), PlainCell(mark[0]))
                if shown[1] != mark[1]:
                    table.update_cell_at(Coordinate(i, 2), PlainCell(mark[1]))
                self._marks[i] = mark
        if table.row_count and table.cursor_row != session.cursor:
            table.move_cursor(row=session.cursor)
        self.show_fix()
        self.query_one("#progress", Static).update(
            f"{session.decided}/{session.total} decided · file {session.current + 1}/{len(session.files)} · "
            f"{session.unwritten} approved not written · ? for help")

    def show_fix(self) -> None:
        session = self.session
        assert session is not None
        fix, state = session.fix, session.file
        diff, info = self.query_one("#diff", Static), self.query_one("#info", Static)
        if fix is None or state.document is None:
            diff.update(Text(state.error or "No fixes in this file.", style="dim"))
            info.update("")
            return
        decision = state.decisions.get(session.cursor)
        shown = decision[1] if decision and decision[0] == APPROVE else None
        diff.update(diff_text(state.document.text, fix, shown))
        info.update(fix_details(fix, state.options(session.cursor), decision))

    # ------------------------------------------------------------ events

    @on(DataTable.RowHighlighted, "#fixes")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row != event.data_table.cursor_row:
            return  # an old event, from before the last redraw moved the cursor
        if self.session is not None and event.cursor_row != self.session.cursor:
            self.session.cursor = event.cursor_row
            self.show_fix()

    @on(OptionList.OptionSelected, "#files")
    @on(OptionList.OptionHighlighted, "#files")
    def file_chosen(self, event: OptionList.OptionSelected | OptionList.OptionHighlighted) -> None:
        if event.option_index != event.option_list.highlighted and isinstance(event, OptionList.OptionHighlighted):
            return  # an old event, from before the last redraw moved the highlight
        if self.session is not None and event.option_index != self.session.current:
            self.session.select_file(event.option_index)
            self.refresh_all()

    @on(Input.Submitted, "#edit")
    def edit_done(self, event: Input.Submitted) -> None:
        assert self.session is not None
        self.session.approve(event.value)
        self.close_edit()
        self.refresh_all()

    def on_key(self, event) -> None:
        if event.key == "escape" and self.query_one("#edit", Input).has_class("editing"):
            self.close_edit()
            event.stop()

    def close_edit(self) -> None:
        edit = self.query_one("#edit", Input)
        edit.remove_class("editing")
        self.query_one("#fixes", DataTable).focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if self.query_one("#edit", Input).has_class("editing") and action not in ("help",):
            return False  # typing goes to the input
        return True

    # ------------------------------------------------------------ actions

    def _act(self, fn, *args) -> None:
        if self.session is None or self.session.fix is None:
            return
        fn(*args)
        self.refresh_all()

    def action_approve(self) -> None:
        fix = self.session.fix if self.session is not None else None
        self._act(lambda: self.session.approve())
        if fix is not None and fix.category == "name" and fix.rule != "N001":
            self.notify(f"Approved {fix.original.strip()!r} -> {fix.replacement.strip()!r}. "
                        "Press k then m to remember it in your alias file.", timeout=6)

    def action_reject(self) -> None:
        self._act(lambda: self.session.reject())

    def action_option(self, number: int) -> None:
        if self.session is not None and self.session.fix is not None:
            if not self.session.choose(number):
                self.notify(f"No option {number} for this fix.", severity="warning")
            self.refresh_all()

    def action_rest(self, approve: bool) -> None:
        if self.session is not None and self.session.fix is not None:
            rule = self.session.fix.rule
            n = self.session.decide_rest_of_rule(approve)
            self.clear_notifications()  # one message, not a pile of them under key repeat
            self.notify(f"{'Approved' if approve else 'Rejected'} {n} more {rule} fix(es) in this file.")
            self.refresh_all()

    def action_skip(self) -> None:
        self._act(lambda: self.session.skip())

    def action_move(self, delta: int) -> None:
        self._act(lambda: self.session.move(delta))

    def action_file(self, delta: int) -> None:
        if self.session is not None:
            self.session.select_file(self.session.current + delta)
            self.refresh_all()

    def action_undo(self) -> None:
        if self.session is not None:
            if not self.session.undo():
                self.notify("Nothing to undo.")
            self.refresh_all()

    def action_edit(self) -> None:
        if self.session is None or self.session.fix is None:
            return
        edit = self.query_one("#edit", Input)
        edit.value = self.session.fix.replacement
        edit.add_class("editing")
        edit.focus()

    def action_view_diff(self) -> None:
        if self.session is None or self.session.file.document is None:
            return
        import difflib

        state = self.session.file
        diff = "".join(difflib.unified_diff(
            state.document.text.splitlines(keepends=True), self.session.preview().splitlines(keepends=True),
            fromfile=f"a/{relative_name(state)}", tofile=f"b/{relative_name(state)}"))
        self.push_screen(DiffScreen(diff))

    def action_write(self) -> None:
        if self.session is None:
            return
        try:
            written = self.session.write_all()
        except (StaleFileError, OSError) as exc:
            self.notify(str(exc), severity="error", timeout=15)
            return
        self._table_file = -1
        where = f" to {self.out_dir}" if self.out_dir is not None else ""
        self.notify(f"Wrote {len(written)} file(s){where}." if written else "Nothing approved to write.")
        self.refresh_all()

    def action_remember(self) -> None:
        session = self.session
        if session is None or session.fix is None or session.fix.category != "name":
            self.notify("m remembers a name fix as an alias; this is not a name fix.", severity="warning")
            return
        decision = session.file.decisions.get(session.cursor)
        if not decision or decision[0] != APPROVE:
            self.notify("Approve the name fix first (y), then press m to remember it.", severity="warning")
            return
        from ..alias_file import AliasFile

        path = self.alias_file or Path("mtnorm-aliases.toml")
        try:
            f = AliasFile.open(path)
            f.add(decision[1].strip(), [session.fix.original.strip()], note="added in mtnorm review")
            f.save()
        except Exception as exc:  # a bad alias file is reported, not raised
            self.notify(f"{path}: {exc}", severity="error")
            return
        self.notify(f"Remembered {session.fix.original.strip()!r} -> {decision[1].strip()!r} in {path}.")

    def action_ignore_word(self) -> None:
        """Reject a word-level fix and add its word to the ignore file, so it is never flagged again."""
        session = self.session
        if session is None or session.fix is None or session.fix.category != "glued":
            self.notify("i ignores the word of a word-level (G) fix; this is not one.", severity="warning")
            return
        from ..ignore_file import add_ignore_word

        word = session.fix.original.strip()
        path = self.ignore_file or Path("mtnorm-ignore.txt")
        try:
            added = add_ignore_word(path, word)
        except (OSError, ValueError) as exc:
            self.notify(f"{path}: {exc}", severity="error")
            return
        session.reject()
        self.notify(f"Added {word!r} to {path}." if added else f"{word!r} is already in {path}.")
        self.refresh_all()

    def action_help(self) -> None:
        self.push_screen(HelpScreen([b for b in self.BINDINGS if not b.action.startswith("option")]))

    def action_quit_review(self) -> None:
        if self.session is None or not self.session.unwritten:
            self.exit(self.session)
            return

        def done(choice: str | None) -> None:
            if choice == "write":
                self.action_write()
                if self.session is not None and not self.session.unwritten:
                    self.exit(self.session)
            elif choice == "quit":
                self.exit(self.session)

        self.push_screen(ConfirmQuit(self.session.unwritten), done)
