"""Regular expressions from rule files: shipped ones compiled for speed, user ones under a time limit.

A user's pattern can be catastrophic (``(a|aa)+$`` takes exponential time on a
long run of ``a``); every search it makes is given :data:`TIMEOUT` seconds by
the ``regex`` module, and a search that runs out raises :class:`TimeoutError`,
which the engine reports with the rule's code while the batch goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import regex

TIMEOUT = 1.0  # seconds for one search of one user pattern

_TRUSTED: ContextVar[bool] = ContextVar("trusted", default=True)


class TimedPattern:
    """A compiled ``regex`` pattern whose every search has a time limit.

    >>> p = TimedPattern(regex.compile(r"(a|aa)+$"), 0.05)
    >>> p.search("a" * 40 + "b")
    Traceback (most recent call last):
    ...
    TimeoutError: regex timed out
    >>> bool(p.search("aaa"))
    True
    """

    __slots__ = ("pattern", "timeout")

    def __init__(self, pattern: regex.Pattern, timeout: float = TIMEOUT) -> None:
        self.pattern = pattern
        self.timeout = timeout

    @property
    def source(self) -> str:
        return self.pattern.pattern

    def search(self, string: str, pos: int | None = None, endpos: int | None = None) -> Any:
        return self.pattern.search(string, pos, endpos, timeout=self.timeout)

    def match(self, string: str, pos: int | None = None, endpos: int | None = None) -> Any:
        return self.pattern.match(string, pos, endpos, timeout=self.timeout)

    def fullmatch(self, string: str, pos: int | None = None, endpos: int | None = None) -> Any:
        return self.pattern.fullmatch(string, pos, endpos, timeout=self.timeout)

    def finditer(self, string: str, pos: int | None = None, endpos: int | None = None) -> Iterator[Any]:
        return self.pattern.finditer(string, pos, endpos, timeout=self.timeout)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.pattern.sub(repl, string, count, timeout=self.timeout)

    def __repr__(self) -> str:
        return f"TimedPattern({self.pattern.pattern!r}, timeout={self.timeout})"


def trusted() -> bool:
    """True while shipped rule data is being compiled (no time limit needed)."""
    return _TRUSTED.get()


@contextmanager
def untrusted() -> Iterator[None]:
    """Compile the patterns of a user's rule file under a time limit."""
    token = _TRUSTED.set(False)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


def compile_pattern(source: str, flags: int = 0, *, prefer_re: bool = False) -> Any:
    """Compile a rule-file pattern; raises ``regex.error`` for bad syntax.

    Shipped patterns are compiled as they are (with the standard library's
    faster engine when ``prefer_re`` and the syntax allows); a user's pattern
    becomes a :class:`TimedPattern`.
    """
    if not trusted():
        return TimedPattern(regex.compile(source, flags))
    if prefer_re:
        try:  # one compile, not two: the standard engine when it accepts the syntax
            return re.compile(source, flags)
        except re.error:
            pass
    return regex.compile(source, flags)
