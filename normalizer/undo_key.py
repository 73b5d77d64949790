"""The secret that signs undo journal rows, kept in the user's own state folder.

A row of ``.mtnorm-undo.jsonl`` tells ``mtnorm undo`` to copy a backup over a
file. A journal is an ordinary file anybody who can write the folder can edit,
or that arrives inside a downloaded folder; so every row carries an HMAC keyed
by a random secret that lives outside the folder, in
``$MTNORM_STATE_DIR``, else ``$XDG_STATE_HOME/mtnorm``, else
``~/.local/state/mtnorm`` (``undo.key``, mode 0600). A row this account did not
write does not verify, and ``undo`` refuses it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
from pathlib import Path

KEY_NAME = "undo.key"


class UndoKeyError(OSError):
    """The undo key cannot be read or created."""


def state_dir() -> Path:
    """Where mtnorm keeps per-user state."""
    explicit = os.environ.get("MTNORM_STATE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "mtnorm"


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UndoKeyError(0, "not a regular file", str(path))
        data = os.read(fd, 4096)
    finally:
        os.close(fd)
    if len(data) < 32:
        raise UndoKeyError(0, "too short to be an undo key", str(path))
    return data


def load(create: bool) -> bytes | None:
    """The key; created when ``create`` and missing. None when missing and not created."""
    path = state_dir() / KEY_NAME
    try:
        return _read(path)
    except FileNotFoundError:
        if not create:
            return None
    except OSError as exc:
        raise UndoKeyError(exc.errno, f"cannot read the undo key: {exc.strerror}", str(path)) from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        return _read(path)  # another run made it meanwhile
    except OSError as exc:
        raise UndoKeyError(exc.errno, f"cannot create the undo key: {exc.strerror} "
                        "(set MTNORM_STATE_DIR to a writable folder)", str(path)) from None
    try:
        os.write(fd, secrets.token_hex(32).encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return _read(path)


def _message(row: dict) -> bytes:
    body = {k: v for k, v in row.items() if k != "mac"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign(row: dict, key: bytes) -> dict:
    """``row`` with its ``mac`` added."""
    return {**row, "mac": hmac.new(key, _message(row), hashlib.sha256).hexdigest()}


def verify(row: dict, key: bytes | None) -> bool:
    """True if ``row`` carries a ``mac`` made with ``key``."""
    mac = row.get("mac")
    if key is None or not isinstance(mac, str):
        return False
    return hmac.compare_digest(mac, hmac.new(key, _message(row), hashlib.sha256).hexdigest())
