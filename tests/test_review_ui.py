"""Review that says what it did: status after writing, --out mirroring the input, edits and whitespace
shown, readable without colour, every key at 80x24, and a name remembered with m not asked again."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from normalizer import load_rules
from normalizer.finding import find_files
from normalizer.cli import build_parser
from normalizer.decisions import Journal
from normalizer.tui import ReviewApp
from normalizer.tui.screens import HelpScreen

# C001 (review) The -> the, S002 (safe) two spaces -> one, N001 (safe) Bescent, K001 (review) rare lands
TEXT = "However, The talks resumed  today.\nTreasury Secretary Bescent spoke about rare lands.\n"
PLAIN = "Nothing here needs a fix.\r\n"  # CRLF: a mirrored copy must keep its bytes


def make_app(folder: Path, out: Path | None = None, **kw) -> ReviewApp:
    pairs = list(find_files([folder], ["txt"], [".*"]))
    rules = load_rules(rule_files=[str(folder / "mtnorm-aliases.toml")] if (folder / "mtnorm-aliases.toml").exists()
                       else [])
    return ReviewApp(pairs, rules, Journal.for_paths([folder]), out, folder / "mtnorm-aliases.toml", **kw)


async def start(app: ReviewApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def status(app: ReviewApp) -> str:
    return str(app.query_one("#progress").render())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    (src / "sub").mkdir()
    (src / "sub" / "plain.txt").write_bytes(PLAIN.encode())
    return src


async def test_out_mirrors_the_input_and_reopening_shows_it_written(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    app = make_app(folder, out)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("y", "n")  # approve C001, reject the safe S002
        await pilot.press("w")
        await pilot.pause()
        assert "0 approved not written" in status(app)
    # approved C001 and the undecided safe N001 applied; the rejected S002 and undecided K001 not
    assert (out / "a.txt").read_text(encoding="utf-8") == TEXT.replace("The talks", "the talks").replace(
        "Bescent", "Bessent")
    assert (out / "sub" / "plain.txt").read_bytes() == PLAIN.encode()  # every file, byte for byte
    assert (folder / "a.txt").read_text(encoding="utf-8") == TEXT
    again = make_app(folder, out)
    async with again.run_test(size=(100, 30)) as pilot:
        await start(again, pilot)
        assert again.session.file.decisions[0] == ("approve", "the")
        assert again.session.unwritten == 0 and "0 approved not written" in status(again)
    (out / "a.txt").write_text("someone changed the copy\n", encoding="utf-8")
    third = make_app(folder, out)
    async with third.run_test(size=(100, 30)) as pilot:
        await start(third, pilot)
        assert "1 approved not written" in status(third)  # what is on disk decides


async def test_out_with_no_safe_applies_only_approvals(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_parser().parse_args(["review", str(folder), "--out", str(out), "--no-safe"]).no_safe
    app = make_app(folder, out, apply_safe=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("y", "w")
        await pilot.pause()
    assert (out / "a.txt").read_text(encoding="utf-8") == TEXT.replace("The talks", "the talks")
    assert (out / "sub" / "plain.txt").read_bytes() == PLAIN.encode()


async def test_in_place_status_after_write(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        await pilot.press("y", "w")
        await pilot.pause()
        assert "0 approved not written" in status(app)
    again = make_app(folder)
    async with again.run_test(size=(100, 30)) as pilot:
        await start(again, pilot)
        assert again.session.unwritten == 0 and [f.rule for f in again.session.file.fixes] == ["S002", "N001", "K001"]


def cells(app: ReviewApp) -> list[str]:
    table = app.query_one("#fixes")
    return [str(table.get_cell_at((i, 2))) for i in range(table.row_count)]


async def test_list_shows_edits_and_whitespace(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        assert cells(app)[:2] == ["The → the", "·· → ·"]
        await pilot.press("e", "end", "backspace", "backspace", "backspace", *"our", "enter")
        await pilot.pause()
        assert app.session.file.decisions[0] == ("approve", "our")
        assert cells(app)[0] == "The → our"
        await pilot.press("u")
        await pilot.pause()
        assert cells(app)[0] == "The → the"


async def test_diff_is_readable_without_colour(folder: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        assert app.no_color
        diff = app.query_one("#diff")
        assert "However, [-The-]{+the+} talks" in str(diff.render())
        await pilot.press("j")
        await pilot.pause()
        assert "resumed[-··-]{+·+}today." in str(diff.render())


async def test_every_key_is_shown_at_80x24_and_help_scrolls(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        footer = app.query_one(Footer)
        shown = {k.key: k.region for k in footer.query(FooterKey)}
        assert {"y", "n", "e", "a", "d", "s", "u", "w", "q", "question_mark"} <= set(shown)
        assert all(r.width > 0 and r.right <= 80 for r in shown.values()), shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        dialog = app.screen.query_one("#dialog")
        assert dialog.max_scroll_y > 0  # longer than the screen: it must scroll
        await pilot.press("end")
        await pilot.pause()
        assert dialog.scroll_y == dialog.max_scroll_y
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_a_name_remembered_with_m_is_not_asked_again(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Mexican President Sheinbuam spoke on Tuesday.\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await start(app, pilot)
        assert app.session.fix.rule == "N002"
        await pilot.press("y", "k", "m")
        await pilot.pause()
    again = make_app(tmp_path)  # the alias file now makes N001 propose the same change
    async with again.run_test(size=(100, 30)) as pilot:
        await start(again, pilot)
        fixes = again.session.file.fixes
        assert [(f.rule, f.original) for f in fixes] == [("N001", "Sheinbuam")]
        assert again.session.file.decisions == {0: ("approve", "Sheinbaum")}
        assert again.session.file.pending == 0
