"""The word-level rules (glued family, G), built with the words the user and the shipped data ignore."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from ..fixes import Safety
from ..registry import Rule, make_rule
from .boundaries import camel_join
from .glued import glued_words
from .typos import extra_letter, misspelling


def build_rules(ignore_words: Iterable[str] = ()) -> list[Rule]:
    """G001-G004; a word in ``ignore_words`` (any case) is never flagged by them."""
    ignore = frozenset(w.lower() for w in ignore_words)
    return [
        make_rule("G001", "glued-words", "glued", Safety.REVIEW, partial(glued_words, ignore=ignore),
                  example="The system was developed a long time agoimplementing the first measures in December."),
        make_rule("G002", "extra-letter", "glued", Safety.REVIEW, partial(extra_letter, ignore=ignore),
                  example="The increase planned for November 1 preventedy, he said."),
        make_rule("G003", "misspelling", "glued", Safety.REVIEW, partial(misspelling, ignore=ignore),
                  example="The goverment said the plan would recieve support."),
        make_rule("G004", "camel-case-join", "glued", Safety.REVIEW, partial(camel_join, ignore=ignore),
                  example="Talks stalled at the Commerce DepartmentTrump said the tariffs would stay. Trump left, Trump said."),
    ]
