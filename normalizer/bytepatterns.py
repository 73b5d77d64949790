r"""Python regular expressions rewritten as Hyperscan byte patterns that match wherever they do.

A rule's pattern (shipped or yours) is read with the standard library's parser and written
again over UTF-8 bytes, only ever broader: a character class reaching beyond ASCII stands
for any character beyond ASCII (a case-sensitive class listing a few such characters keeps
exactly those), lookarounds and word boundaries are dropped,
long bounded repeats lose their bound, ``^`` and ``$`` match at every line (a line rule
applies its pattern line by line). So wherever the pattern matches a text, or a line or
paragraph of it, the byte pattern matches the text; the other way round it may say yes
where the pattern finds nothing, and the rule then looks and finds nothing.
tests/test_bytepatterns.py holds that on random texts and every text of the repository for
every shipped pattern. A pattern that cannot be rewritten (back-references, the regex
module's own syntax) gets ``None``, and its rule keeps its literal gate.

>>> to_bytes("Xi")
'\\x58\\x69'
>>> to_bytes("(?i)k")
'(?:[\\x4b\\x6b]|[\\xc2-\\xf4][\\x80-\\xbf]{1,3})'
>>> to_bytes("Pékin") == "".join(f"\\x{b:02x}" for b in "Pékin".encode())
True
>>> to_bytes(r"(a)\1") is None
True
"""

from __future__ import annotations

import re
from typing import Any

try:  # the standard library's own parser (private, stable since 3.11); without it nothing is rewritten
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover
    _p = _c = None

NON_ASCII = r"[\xc2-\xf4][\x80-\xbf]{1,3}"  # one character beyond ASCII, whichever
ANY_CHAR = rf"(?:[\x00-\x7f]|{NON_ASCII})"
MAX_BOUND = 16  # a longer bounded repeat ("{0,300}") becomes unbounded: broader, and cheap to compile
MAX_EXACT = 64  # a case-sensitive class listing up to this many characters beyond ASCII keeps them exactly
# A Unicode property (\p{L}, \P{Han}: regex module syntax) is read as any character.
PROPERTY = re.compile(r"\\[pP](?:\{[^}]*\}|[A-Za-z])")
WILD = 0x10FFFE
# The ASCII letters that ignoring case matches with a character beyond ASCII too (long s,
# Kelvin sign, dotted and dotless I): tests/test_bytepatterns.py checks this over all of Unicode.
CASE_BEYOND_ASCII = frozenset("iksIKS")
FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE | re.ASCII


class _Untranslatable(Exception):
    pass


_MEMO: dict[tuple[str, int], str | None] | None = None  # rewritten patterns, kept in the user cache
_UNSAVED = False


def rewritten(source: str, flags: int = 0) -> str | None:
    """:func:`to_bytes`, remembered across runs in the user cache folder (rewriting every rule's
    pattern at each start costs some 30 ms); :func:`save` writes what is new (the rule loader calls it)."""
    global _MEMO, _UNSAVED
    if _MEMO is None:
        _MEMO = _load()
    key = (source, int(flags))
    if key not in _MEMO:
        _MEMO[key] = to_bytes(source, flags)
        _UNSAVED = True
    return _MEMO[key]


def _cache() -> Any:
    """The cache file, named after a digest of this module's code (a changed rewriting starts afresh)."""
    import hashlib

    from .cache import _cache_file

    try:
        digest = hashlib.blake2b(open(__file__, "rb").read(), digest_size=12).hexdigest()
    except OSError:
        return None
    return _cache_file(f"bytepatterns-{digest}", "hyperscan", "marshal")


def _load() -> dict[tuple[str, int], str | None]:
    import marshal

    from .cache import read_cache

    data = read_cache(_cache())
    try:
        found = marshal.loads(data) if data is not None else {}
    except (ValueError, EOFError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}


def save() -> None:
    """Write the rewritten patterns to the user cache, if any is new (a read-only home: kept in memory)."""
    global _UNSAVED
    if not _UNSAVED or _MEMO is None:
        return
    _UNSAVED = False
    import marshal

    from .cache import write_cache

    try:
        data = marshal.dumps(_MEMO)
    except ValueError:
        return  # a pattern marshal cannot hold: rewritten again next time
    write_cache(_cache(), data)


def to_bytes(source: str, flags: int = 0) -> str | None:
    """``source`` (a ``re``/``regex`` pattern) as a broader Hyperscan byte pattern, or ``None``."""
    if _p is None or flags & ~FLAGS:
        return None
    try:
        tree = _p.parse(PROPERTY.sub(r"\\U0010fffe", source), flags)
        items = list(tree)
        # Hyperscan takes ^ and $ only at the ends of a pattern: kept there, dropped elsewhere (broader)
        head = "^" if items and _at(items[0], "AT_BEGINNING", "AT_BEGINNING_LINE", "AT_BEGINNING_STRING") else ""
        tail = "$" if len(items) > 1 and _at(items[-1], "AT_END", "AT_END_LINE", "AT_END_STRING") else ""
        out, least = _sequence(items, tree.state.flags)
        out = head + out + tail
    except Exception:  # anything it cannot read or rewrite (_Untranslatable among them): no byte pattern
        return None
    return out if least > 0 else None  # a pattern that may match nothing at all gates nothing


def _at(node: tuple[Any, Any], *names: str) -> bool:
    return node[0] is _c.AT and str(node[1]) in names


def _byte(code: int) -> str:
    return f"\\x{code:02x}"


def _ascii_class(codes: set[int]) -> str:
    return "[" + "".join(_byte(c) for c in sorted(codes)) + "]"


def _either(ascii_codes: set[int], beyond: bool, exact: set[int] | None = None) -> str:
    """ASCII codes, and any character beyond ASCII (``beyond``) or else the ``exact`` ones listed."""
    parts = ([_ascii_class(ascii_codes)] if ascii_codes else []) + ([NON_ASCII] if beyond else [])
    if exact and not beyond:
        parts += ["".join(_byte(b) for b in chr(c).encode("utf-8")) for c in sorted(exact)]
    if not parts:
        raise _Untranslatable("a class that matches nothing")
    return "(?:" + "|".join(parts) + ")"


_ASCII = set(range(128))
_DIGITS = set(range(48, 58))
_WORD = _DIGITS | set(range(65, 91)) | set(range(97, 123)) | {95}
_SPACE = {9, 10, 11, 12, 13, 28, 29, 30, 31, 32}


def _category(cat: Any) -> set[int]:
    """The ASCII members of a category (\\d, \\w, \\s and their complements); all reach beyond ASCII."""
    name = str(cat)
    table = {"CATEGORY_DIGIT": _DIGITS, "CATEGORY_NOT_DIGIT": _ASCII - _DIGITS, "CATEGORY_WORD": _WORD,
             "CATEGORY_NOT_WORD": _ASCII - _WORD, "CATEGORY_SPACE": _SPACE, "CATEGORY_NOT_SPACE": _ASCII - _SPACE,
             "CATEGORY_UNI_DIGIT": _DIGITS, "CATEGORY_UNI_NOT_DIGIT": _ASCII - _DIGITS, "CATEGORY_UNI_WORD": _WORD,
             "CATEGORY_UNI_NOT_WORD": _ASCII - _WORD, "CATEGORY_UNI_SPACE": _SPACE,
             "CATEGORY_UNI_NOT_SPACE": _ASCII - _SPACE}
    if name not in table:
        raise _Untranslatable(name)
    return set(table[name])


def _with_case(codes: set[int]) -> tuple[set[int], bool]:
    """ASCII codes and their other case; True if one of them is a letter ignoring case takes beyond ASCII."""
    out = set(codes)
    beyond = False
    for c in codes:
        ch = chr(c)
        if ch.isalpha():
            out |= {ord(ch.lower()), ord(ch.upper())}
            beyond = beyond or ch in CASE_BEYOND_ASCII
    return out, beyond


def _ascii_partners(ch: str) -> set[int]:
    """The ASCII characters that ignoring case matches with ``ch`` (a character beyond ASCII)."""
    pattern = re.compile(re.escape(ch), re.IGNORECASE)
    return {c for c in range(65, 123) if pattern.fullmatch(chr(c))}


def _char(code: int, flags: int) -> tuple[str, int]:
    if code == WILD:
        return ANY_CHAR, 1
    if code < 128:
        if flags & re.IGNORECASE and chr(code).isalpha():
            codes, beyond = _with_case({code})
            return _either(codes, beyond), 1
        return _byte(code), 1
    ch = chr(code)
    if flags & re.IGNORECASE and (ch.lower() != ch or ch.upper() != ch or _ascii_partners(ch)):
        return _either(_ascii_partners(ch), True), 1
    return "".join(_byte(b) for b in ch.encode("utf-8")), 1


def _class(items: list[Any], flags: int) -> tuple[str, int]:
    negate = bool(items) and items[0][0] is _c.NEGATE
    codes: set[int] = set()
    exact: set[int] = set()  # characters beyond ASCII a case-sensitive class lists (a few): matched exactly
    beyond = negate
    for op, av in items[1:] if negate else items:
        if op is _c.LITERAL:
            if av == WILD:
                return ANY_CHAR, 1
            if av < 128:
                codes.add(av)
            elif flags & re.IGNORECASE:
                beyond = True
                codes |= _ascii_partners(chr(av))
            else:
                exact.add(av)
        elif op is _c.RANGE:
            lo, hi = av
            if hi >= WILD >= lo:
                return ANY_CHAR, 1
            codes |= set(range(lo, min(hi, 127) + 1))
            if hi >= 128:
                if flags & re.IGNORECASE:
                    return ANY_CHAR, 1  # a range beyond ASCII ignoring case: any letter may be in it
                if hi - max(lo, 128) < MAX_EXACT:
                    exact.update(c for c in range(max(lo, 128), hi + 1) if not 0xD800 <= c <= 0xDFFF)
                else:
                    beyond = True
        elif op is _c.CATEGORY:
            codes |= _category(av)
            beyond = True
        else:
            raise _Untranslatable(str(op))
    if flags & re.IGNORECASE:
        codes, extra = _with_case(codes)
        beyond = beyond or extra
    if negate:
        excluded = codes if not flags & re.IGNORECASE else set()  # ignoring case: exclude nothing (broader)
        codes = _ASCII - excluded
    if len(exact) > MAX_EXACT:
        beyond = True
    return _either(codes, beyond, exact), 1


def _sequence(items: list[Any], flags: int) -> tuple[str, int]:
    out, least = [], 0
    for op, av in items:
        piece, n = _node(op, av, flags)
        out.append(piece)
        least += n
    return "".join(out), least


def _node(op: Any, av: Any, flags: int) -> tuple[str, int]:
    if op is _c.LITERAL:
        return _char(av, flags)
    if op is _c.NOT_LITERAL:
        excluded = set() if flags & re.IGNORECASE or av >= 128 else {av}
        return _either(_ASCII - excluded, True), 1
    if op is _c.ANY:
        return _either(_ASCII if flags & re.DOTALL else _ASCII - {10}, True), 1
    if op is _c.IN:
        return _class(list(av), flags)
    if op is _c.CATEGORY:
        return _either(_category(av), True), 1
    if op is _c.BRANCH:
        branches = [_sequence(list(b), flags) for b in av[1]]
        return "(?:" + "|".join(f"(?:{p})" for p, _ in branches) + ")", min(n for _, n in branches)
    if op is _c.SUBPATTERN:
        _group, add, remove, sub = av
        piece, n = _sequence(list(sub), (flags | add) & ~remove)
        return f"(?:{piece})", n
    if op is _c.ATOMIC_GROUP:
        piece, n = _sequence(list(av), flags)
        return f"(?:{piece})", n
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        piece, n = _sequence(list(sub), flags)
        if not piece:
            return "", 0
        lo = min(lo, MAX_BOUND)
        bound = "" if hi >= _c.MAXREPEAT or hi > MAX_BOUND else str(hi)
        return f"(?:{piece}){{{lo},{bound}}}", lo * n
    if op is _c.AT:
        return "", 0  # anchors (kept at the ends by to_bytes) and word boundaries: dropped (broader)
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return "", 0  # lookarounds: dropped (broader)
    raise _Untranslatable(str(op))  # back-references, conditionals
