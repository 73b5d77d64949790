"""Regular expressions from rule files: shipped ones compiled for speed, user ones under a time limit.

A user's pattern can be catastrophic (``(a|aa)+$`` takes exponential time on a
long run of ``a``); every search it makes is given :data:`TIMEOUT` seconds by
the ``regex`` module, and a search that runs out raises :class:`TimeoutError`,
which the engine reports with the rule's code while the batch goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import Any

import regex

TIMEOUT = 1.0  # seconds for one search of one user pattern

_TRUSTED: ContextVar[bool] = ContextVar("trusted", default=True)
_EAGER: ContextVar[bool] = ContextVar("eager", default=False)

# What rules call on a pattern: bound to the compiled pattern's own methods on first use.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


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


class LazyPattern:
    """A shipped pattern compiled when a rule first uses it.

    Most shipped patterns are gated by their literals (:mod:`normalizer.prefilter`) and
    never run on a given text; a short run compiles only those it needs. The gate reads
    :attr:`pattern` (the source) without compiling. After the first call its methods are
    the compiled pattern's own, so nothing is added per search.

    >>> p = LazyPattern(r"\\bdonate\\b", 0, True)
    >>> "_compiled" in vars(p), bool(p.search("please donate")), "_compiled" in vars(p)
    (False, True, True)
    """

    def __init__(self, source: str, flags: int, prefer_re: bool) -> None:
        self.pattern = source
        self._flags = flags
        self._prefer_re = prefer_re

    def compiled(self) -> Any:
        """The compiled pattern (compiling it now if it was not yet)."""
        done = self.__dict__.get("_compiled")
        if done is None:
            done = self.__dict__["_compiled"] = _compile_trusted(self.pattern, self._flags, self._prefer_re)
            for name in _METHODS:
                setattr(self, name, getattr(done, name))
        return done

    def __getattr__(self, name: str) -> Any:  # only reached for what is not bound yet
        if name.startswith("__") or name in ("_compiled", "_flags", "_prefer_re", "pattern"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def _compile_trusted(source: str, flags: int, prefer_re: bool) -> Any:
    if prefer_re:
        try:  # one compile, not two: the standard engine when it accepts the syntax
            return re.compile(source, flags)
        except re.error:
            pass
    return regex.compile(source, flags)


@contextmanager
def _setting(var: ContextVar[bool], value: bool) -> Iterator[None]:
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def eager() -> AbstractContextManager[None]:
    """Compile shipped patterns at once (the tests use it to check every shipped pattern compiles)."""
    return _setting(_EAGER, True)


def trusted() -> bool:
    """True while shipped rule data is being compiled (no time limit needed)."""
    return _TRUSTED.get()


def untrusted() -> AbstractContextManager[None]:
    """Compile the patterns of a user's rule file under a time limit."""
    return _setting(_TRUSTED, False)


def compile_pattern(source: str, flags: int = 0, *, prefer_re: bool = False) -> Any:
    """Compile a rule-file pattern; raises ``regex.error`` for bad syntax.

    Shipped patterns are compiled as they are (with the standard library's
    faster engine when ``prefer_re`` and the syntax allows) when first used
    (a :class:`LazyPattern`; the test suite compiles every one); a user's
    pattern is compiled now, so that a bad one is reported at load, and
    becomes a :class:`TimedPattern`.
    """
    if not trusted():
        return TimedPattern(regex.compile(source, flags))
    if _EAGER.get():
        return _compile_trusted(source, flags, prefer_re)
    return LazyPattern(source, flags, prefer_re)
