"""The review app driven by key presses (Textual's pilot); assertions on session state."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import load_rules, propose
from normalizer.finding import find_files
from normalizer.decisions import Journal
from normalizer.review import REJECT
from normalizer.tui import ReviewApp
from normalizer.tui.screens import ConfirmQuit, HelpScreen

TEXT = "However, The talks resumed  today.\nTreasury Secretary Bescent spoke about rare lands.\n"


def make_app(folder: Path, out: Path | None = None) -> ReviewApp:
    pairs = list(find_files([folder], ["txt"], [".*"]))
    return ReviewApp(pairs, load_rules(), Journal.for_paths([folder]), out, folder / "mtnorm-aliases.toml")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


async def start(app: ReviewApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_keys_record_decisions(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        assert app.session is not None and app.session.total == 4
        await pilot.press("y", "n")
        assert app.session.file.decisions == {0: ("approve", "the"), 1: ("reject", "")}
        await pilot.press("u")
        assert app.session.file.decisions == {0: ("approve", "the")}
        await pilot.press("s", "k", "j")
        assert app.session.cursor == 2
        await pilot.press("j", "1")
        assert app.session.file.decisions[3] == ("approve", "rare earths")


async def test_edit_inline(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("e")
        await pilot.press("end")
        for _ in range(3):
            await pilot.press("backspace")
        await pilot.press(*"Our", "enter")
        assert app.session.file.decisions[0] == ("approve", "Our")


async def test_write_then_quit(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("y", "w")
        await pilot.pause()
        assert (folder / "a.txt").read_text().startswith("However, the talks")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value is app.session


async def test_quit_with_unwritten_fixes_asks(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("y", "q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmQuit)
        await pilot.press("q", "q")
        await pilot.pause()
    assert (folder / "a.txt").read_text() == TEXT


async def test_help_and_empty_state(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Talks resumed.\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        assert "Nothing to review" in str(app.query_one("#empty").render())
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_readable_at_80x24(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        assert "0/4 decided" in str(app.query_one("#progress").render())
        for widget in ("#files", "#fixes", "#diff-box", "#info"):
            region = app.query_one(widget).region
            assert region.width >= 20 and region.height >= 2, widget
        assert app.query_one("#diff-box").region.height >= 4


async def test_remember_approved_name_fix(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Mexican President Sheinbuam spoke.\n")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        assert app.session.fix.rule == "N002"
        await pilot.press("y", "k", "m")
        await pilot.pause()
    assert 'variants = ["Sheinbuam"]' in (tmp_path / "mtnorm-aliases.toml").read_text()


async def test_ignore_word_rejects_and_remembers_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The tokenizr would recieve text.\n")
    pairs = list(find_files([tmp_path], ["txt"], [".*"]))
    ignore = tmp_path / "mtnorm-ignore.txt"
    app = ReviewApp(pairs, load_rules(select=["G"]), Journal.for_paths([tmp_path]), None,
                    tmp_path / "mtnorm-aliases.toml", ignore_file=ignore)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        assert app.session.fix.original == "recieve"
        await pilot.press("i")
        await pilot.pause()
        assert app.session.file.decisions[0][0] == REJECT
    assert ignore.read_text().splitlines()[-1] == "recieve"
    assert [f.original for f in propose("The tokenizr would recieve text.\n",
                                         rules=load_rules(select=["G"], ignore_words=["recieve"]))] == []


async def test_table_shows_text_as_written_and_marks_decisions(tmp_path: Path) -> None:
    """Cells are plain text: brackets in a fix are never read as markup; marks follow decisions."""
    (tmp_path / "a.txt").write_text("See [b]the the[/b] report ( AP ) today.\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        table = app.query_one("#fixes")
        changes = [str(table.get_cell_at((i, 2))) for i in range(table.row_count)]
        assert any("the the" in c for c in changes) and len(changes) == app.session.total
        assert str(table.get_cell_at((0, 0))) == " "
        await pilot.press("y")
        assert str(table.get_cell_at((0, 0))) == "✓"
        drawn = ["".join(seg.text for seg in table.render_line(y)) for y in range(1, table.row_count + 1)]
        assert any("the the → the" in line for line in drawn)


def test_plain_cells_never_read_markup() -> None:
    from rich.console import Console

    from normalizer.tui.widgets import PlainCell

    console = Console(width=40, record=True)
    console.print(PlainCell("[b]x[/b] → [red]y"))
    assert "[b]x[/b] → [red]y" in console.export_text()



async def test_fast_key_repeat_does_not_freeze_the_app(tmp_path: Path) -> None:
    """400 keys sent without pauses on 40 files, then q: the app quits (it once re-rendered per event)."""
    import asyncio
    import time

    from textual import events

    for i in range(40):
        (tmp_path / f"f{i:02d}.txt").write_text(TEXT, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        assert app.session is not None and len(app.session.files) == 40
        for i in range(400):  # as a terminal's key repeat delivers them: all queued, no waiting in between
            key = "a" if i % 2 == 0 else "J"
            app._driver.send_message(events.Key(key, key))
        fills = 0
        fill_table = app.fill_table

        def counted_fill() -> None:
            nonlocal fills
            fills += 1
            fill_table()

        app.fill_table = counted_fill
        began = time.perf_counter()
        await pilot.pause()
        print(f"storm handled in {time.perf_counter() - began:.1f} s; current {app.session.current}, fills {fills}")
        began = time.perf_counter()

        async def quit_app() -> None:
            await pilot.press("q")
            if isinstance(app.screen, ConfirmQuit):
                await pilot.press("q")

        await asyncio.wait_for(quit_app(), timeout=120)
        elapsed = time.perf_counter() - began
    print(f"quit after the key storm in {elapsed:.1f} s")
    assert elapsed < 20
    assert app.session.current == 39 and app.session.decided > 0
    assert fills <= 40  # the table is rebuilt per screen update, not per key (was once per J: 156 here)
