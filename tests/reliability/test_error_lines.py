"""Every error is one line and exit 2: bad flags, rule files and configs, unreadable or endless files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from normalizer import cli

DIRTY = "The minister , who spoke on Monday, said the deal was worth $ 600 million.\n"
ERROR_LINE = re.compile(r"^mtnorm(?: \w+)?: error: ", re.MULTILINE)


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    """Run the command line in this process; its exit code and stderr."""
    try:
        code = cli.main([str(a) for a in args])
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code  # type: ignore[assignment]
    return code, capsys.readouterr().err


def one_error(err: str) -> str:
    """The one ``mtnorm: error:`` line of ``err`` (and no traceback)."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if ERROR_LINE.match(line)]
    assert len(lines) == 1, err
    return lines[0]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- 1. --backup-suffix


@pytest.mark.parametrize("suffix", ["/x", "../x", "a\\b", "..", "x\0y", "x" * 300, ""])
def test_a_backup_suffix_that_is_no_name_ending_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    story = write(tmp_path / "in", "a.txt", DIRTY)
    code, err = run(capsys, "clean", tmp_path / "in", "--in-place", "-q", "--backup-suffix", suffix)
    assert code == 2
    assert one_error(err).startswith("mtnorm clean: error: argument --backup-suffix: ")  # argparse's form, as for every bad flag
    assert story.read_text(encoding="utf-8") == DIRTY
    assert sorted(p.name for p in story.parent.iterdir()) == ["a.txt"]  # nothing written beside it


def test_an_ordinary_backup_suffix_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = write(tmp_path, "a.txt", DIRTY)
    code, _ = run(capsys, "clean", story, "--in-place", "-q", "--backup-suffix", "~")
    assert code == 0 and (tmp_path / "a.txt~").read_text(encoding="utf-8") == DIRTY


# ---------------------------------------------------------------- 2. rule files

RULE = '[[rule]]\nid = "{code}"\nname = "house-rule"\nkind = "{kind}"\ndescription = "A house rule."\n'
PHRASE = RULE.format(code="K901", kind="phrase")
BOILERPLATE = RULE.format(code="B901", kind="boilerplate") + 'patterns = ["(?i)subscribe now"]\n'


@pytest.mark.parametrize(("body", "expected"), [
    (PHRASE + 'phrases = { "" = "boom" }\n', "rule K901: 'phrases' has an empty phrase"),
    (PHRASE + 'phrases = { " " = "boom" }\n', "rule K901: 'phrases' has an empty phrase"),
    (PHRASE + 'phrases = { "rare lands" = "rare earths" }\nmessage = "{nope}"\n', "rule K901: 'message'"),
    (PHRASE + 'phrases = { "rare lands" = "rare earths" }\ncase_sensitive = "no"\n',
     "rule K901: case_sensitive must be true or false, not 'no'"),
    (BOILERPLATE + 'min_cues = "abc"\n', "rule B901: min_cues must be a whole number, not 'abc'"),
    (BOILERPLATE + "max_words = [1]\n", "rule B901: max_words must be a whole number, not [1]"),
    (BOILERPLATE + "min_cues = true\n", "rule B901: min_cues must be a whole number, not True"),
    (BOILERPLATE + "max_words = -1\n", "rule B901: min_cues must be 1 or more, and max_words 0"),
    (BOILERPLATE.replace('kind = "boilerplate"', 'kind = ["boilerplate"]'), "rule B901: kind must be a string"),
    (BOILERPLATE + "message = 5\n", "rule B901: message must be a string, not 5"),
    ('rule = "string"\n', "'rule' must be an array of tables ([[rule]] ...), not 'string'"),
    ('gloss = 3\n', "'gloss' must be an array of tables"),
    ('alias = ["Bessent"]\n', "'alias' must be an array of tables"),
    ('[[gloss]]\nsource = "马德里"\nenglish = "Madrid"\nbefore = 5\n', "before must be a string, not 5"),
    ('[[calque]]\nphrase = "rare lands"\nenglish = "rare earths"\nbefore = ["x"]\n',
     "before must be a string, not ['x']"),
    ('[[calque]]\nphrase = "rare lands"\nenglish = "rare earths"\nnear = "Beijing"\n',
     "near must be a list of strings, not 'Beijing'"),
    ('[[calque]]\nphrase = "rare lands"\nenglish = "rare earths"\nnot_near = []\n',
     "'not_near' must list at least one word, none empty"),
])
def test_a_wrong_key_in_a_rule_file_is_one_line_naming_file_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, expected: str) -> None:
    rules = write(tmp_path, "house.toml", "# house rules\n" + body)
    write(tmp_path / "in", "a.txt", DIRTY)
    code, err = run(capsys, "check", tmp_path / "in", "--rules", rules)
    assert code == 2
    line = one_error(err)
    assert re.match(rf"mtnorm: error: {re.escape(str(rules))}:[2-9]: ", line), line
    assert expected in line


def test_saving_boilerplate_into_a_broken_rule_file_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = write(tmp_path, "mtnorm-rules.toml", 'rule = "string"\n')
    code, err = run(capsys, "boilerplate", "save", "© 2024 Example News", "--file", rules)
    assert code == 2
    assert f"{rules}:1: 'rule' must be an array of tables" in one_error(err)
    assert rules.read_text(encoding="utf-8") == 'rule = "string"\n'  # left as it was


# ---------------------------------------------------------------- 3. configuration


@pytest.mark.parametrize(("name", "body", "expected"), [
    ("pyproject.toml", "[tool]\nmtnorm = 5\n", "[tool.mtnorm] must be a table of settings, not 5"),
    ("mtnorm.toml", "[tool]\nmtnorm = 5\n", "[tool.mtnorm] must be a table of settings, not 5"),
    ("mtnorm.toml", "tool = 5\n", "'tool' must be a table"),
    ("pyproject.toml", "[tool.mtnorm]\nlearn_min_docs = true\n", "'learn_min_docs' must be a whole number"),
    ("mtnorm.toml", "learn_min_docs = true\n", "'learn_min_docs' must be a whole number"),
    ("mtnorm.toml", 'encoding = "no-such-codec"\n', "unknown encoding 'no-such-codec'"),
    ("mtnorm.toml", 'select = "S001"\n', "'select' must be a list of strings"),
])
def test_a_wrong_setting_is_one_line_naming_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, body: str, expected: str) -> None:
    config = write(tmp_path, name, body)
    story = write(tmp_path, "a.txt", DIRTY)
    code, err = run(capsys, "check", story, "--config", config)
    assert code == 2
    line = one_error(err)
    assert line.startswith(f"mtnorm: error: {config}:") and expected in line


def test_an_unknown_encoding_flag_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stories = [write(tmp_path, f"{n}.txt", DIRTY) for n in "abc"]
    code, err = run(capsys, "check", *stories, "--encoding", "no-such-codec")
    assert code == 2
    assert "unknown encoding 'no-such-codec'" in one_error(err)  # once, not once per file


# ---------------------------------------------------------------- 4. a user's calques

CALQUE = "# house calques\n[[calque]]\npattern = '(?i)rare (lands)'\nenglish = '{english}'\n"


@pytest.mark.parametrize(("english", "detail"), [(r"\3 x", "no such group"), (r"\g<metal> x", "unknown group"),
                                                 ("rare earths\\", "bad escape")])
def test_a_calque_replacement_that_does_not_fit_its_pattern_is_caught_at_load(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], english: str, detail: str) -> None:
    rules = write(tmp_path, "house.toml", CALQUE.format(english=english))
    for n in "ab":
        write(tmp_path / "in", f"{n}.txt", "Beijing restricted exports of rare lands.\n")
    code, err = run(capsys, "check", tmp_path / "in", "--rules", rules)
    assert code == 2
    line = one_error(err)  # once for the rule file, not once per text
    assert line.startswith(f"mtnorm: error: {rules}:3: 'english'") and detail in line


def test_a_calque_whose_groups_fit_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = write(tmp_path, "house.toml", CALQUE.format(english=r"rare \1") + "alternatives = ['rare earths']\n")
    story = write(tmp_path, "a.txt", "Beijing restricted exports of rare lands.\n")
    code, _ = run(capsys, "check", story, "--rules", rules, "--select", "K001")
    assert code == 1


def test_a_failing_user_calque_names_the_users_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = write(tmp_path, "house.toml", "[[calque]]\npattern = '(a|aa)+\\b'\nenglish = 'x'\n")
    slow = write(tmp_path / "in", "a.txt", "Hello.\n" + "a" * 60 + "b\n")
    write(tmp_path / "in", "b.txt", "the the talks.\n")
    code, err = run(capsys, "check", tmp_path / "in", "--rules", rules, "--select", "K001,D001")
    assert code == 2
    line = one_error(err)
    assert line.startswith(f"mtnorm: error: {slow}: rule K001") and f"defined in {rules}:2)" in line
    assert "glossary.toml" not in line


# ---------------------------------------------------------------- 5. NUL bytes anywhere

LONG = "Talks resumed in Geneva on Monday, officials from both sides said.\n\n" * 250  # ~17 KB


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_nul_after_the_first_block_makes_the_file_binary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        streamed: bool, bom: bytes) -> None:
    if streamed:
        from normalizer import stream

        monkeypatch.setattr(stream, "STREAM_OVER", 1000)
        monkeypatch.setattr(stream, "CHUNK", 4096)  # the NUL sits in a later chunk of the first pass
    data = bom + (LONG + "Tail\x00 of the file.\n" + DIRTY).encode("utf-8")
    assert data.index(b"\x00") > 16_000
    story = write(tmp_path / "in", "a.txt", "")
    story.write_bytes(data)
    other = write(tmp_path / "in", "b.txt", DIRTY)
    code, err = run(capsys, "clean", tmp_path / "in", "--in-place", "-q")
    assert code == 2
    assert one_error(err) == f"mtnorm: error: {story}: binary file (contains NUL bytes), skipped"
    assert story.read_bytes() == data and not (tmp_path / "in" / "a.txt.orig").exists()
    assert other.read_text(encoding="utf-8") != DIRTY  # the rest of the batch was cleaned


def test_other_control_characters_are_still_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = write(tmp_path, "a.txt", LONG + "Tail\x07 of the file.\n")
    code, err = run(capsys, "clean", story, "--in-place", "-q", "--select", "E003")
    assert code == 0 and not err
    assert story.read_text(encoding="utf-8") == LONG + "Tail of the file.\n"


# ---------------------------------------------------------------- 6. text that keeps changing


@pytest.mark.parametrize("text", [" ".join(["the"] * 1800) + ".\n", " ".join(["Trump"] * 1800) + ".\n",
                                  "“Great news." + "”" * 1800 + " she said.\n"])
def test_a_long_run_of_repeats_goes_in_one_pass(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    story = write(tmp_path, "a.txt", text)
    code, err = run(capsys, "clean", story, "--in-place", "-q")
    assert (code, err) == (0, "")
    cleaned = story.read_text(encoding="utf-8")
    assert len(cleaned) < 50  # the whole run is gone, not half of it per pass
    assert run(capsys, "clean", story, "--in-place", "-q") == (0, "") and story.read_text(encoding="utf-8") == cleaned


def test_a_repeated_phrase_run_goes_in_one_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = write(tmp_path, "a.txt", "Talks resumed " + "in the " * 900 + "capital.\n")
    code, err = run(capsys, "clean", story, "--in-place", "-q", "--apply", "all", "--select", "D003")
    assert (code, err) == (0, "")
    assert story.read_text(encoding="utf-8") == "Talks resumed in the capital.\n"


LOOP = ('[[rule]]\nid = "K901"\nname = "to-us"\nkind = "phrase"\nsafety = "safe"\ndescription = "d"\n'
        'phrases = {{ "colour" = "color" }}\n\n'
        '[[rule]]\nid = "K902"\nname = "to-uk"\nkind = "phrase"\nsafety = "safe"\ndescription = "d"\n'
        'phrases = {{ "color" = "colour" }}\n')


@pytest.mark.parametrize("command", [["clean", "--out", "{out}"], ["diff"]])
def test_rules_that_undo_each_other_are_named_for_that_file_and_the_batch_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    rules = write(tmp_path, "house.toml", LOOP.format())
    looping = write(tmp_path / "in", "a.txt", "The colour of money.\n")
    other = write(tmp_path / "in", "b.txt", DIRTY)
    args = [a.format(out=tmp_path / "out") for a in command]
    code, err = run(capsys, args[0], tmp_path / "in", *args[1:], "--rules", rules, "-q" if args[0] == "clean" else "-j1")
    assert code == 2
    line = one_error(err)
    assert line.startswith(f"mtnorm: error: {looping}: text still changing after 10 passes")
    assert "K901 to-us, K902 to-uk" in line and line.count(str(looping)) == 1
    if args[0] == "clean":
        assert not (tmp_path / "out" / "a.txt").exists()
        assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") != DIRTY  # the rest was cleaned
    assert other.read_text(encoding="utf-8") == DIRTY and looping.read_text(encoding="utf-8") == "The colour of money.\n"
