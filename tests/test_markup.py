"""E008, markup residue: what is safe, what waits for review, and what stays."""

from __future__ import annotations

from pathlib import Path

from normalizer import load_rules, propose
from normalizer.document import Document
from normalizer.fixes import Safety

E008 = load_rules(select=["E008"])


def fixes(text: str, path: Path | None = None) -> list:
    return propose(Document(text, path=path), rules=E008)


def test_block_tag_between_words_becomes_a_space_and_inline_tag_goes() -> None:
    out = fixes("Prices rose<br/>sharply, the <b>bank</b> said.\n")
    assert [(f.original, f.replacement, f.safety) for f in out] == [
        ("<br/>", " ", Safety.SAFE), ("<b>", "", Safety.SAFE), ("</b>", "", Safety.SAFE)]


def test_missing_value_and_lone_share_label_are_for_review() -> None:
    out = fixes("Turnout rose to NaN percent. Officials met Share on Facebook in Rome.\n")
    assert [(f.original, f.safety) for f in out] == [("NaN", Safety.REVIEW), ("Share on Facebook", Safety.REVIEW)]


def test_two_share_labels_are_safe() -> None:
    out = fixes("Talks ended Click to share on Twitter (Opens in new window) Share on Facebook late on Friday.\n")
    assert [f.safety for f in out] == [Safety.SAFE]
    assert out[0].original.startswith("Click to share on Twitter") and out[0].original.endswith("Facebook")


def test_markdown_files_keep_their_markup() -> None:
    assert fixes("See the [report](https://example.org/r) and <br> here.\n", path=Path("story.md")) == []


def test_prose_is_left_alone() -> None:
    for text in ("The value is null and void.\n", "x < y and y > z, so a<b holds.\n",
                 "The judge said [the defendant] lied.\n", "Share prices fell on Monday.\n",
                 "The term remains undefined in law.\n"):
        assert fixes(text) == [], text
