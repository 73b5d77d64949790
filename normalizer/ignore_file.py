"""The user's ignore-word file (``mtnorm-ignore.txt``): words the word-level rules never flag."""

from __future__ import annotations

from pathlib import Path

from .writing import write_atomic
from .loader import read_word_list

HEADER = "# Words mtnorm's word-level rules (G001-G004) never flag: one per line, # comments.\n"


def add_ignore_word(path: Path, word: str) -> bool:
    """Append ``word`` to the list at ``path`` (created if missing), atomically; False if already listed.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "mtnorm-ignore.txt"
    >>> add_ignore_word(p, "tokenizr"), add_ignore_word(p, "Tokenizr"), p.read_text().splitlines()[-1]
    (True, False, 'tokenizr')
    """
    word = word.strip()
    if not word or len(word.split()) != 1:
        raise ValueError(f"not a single word: {word!r}")
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    if existing and word.lower() in {w.lower() for w in read_word_list(path)}:
        return False
    body = existing or HEADER
    if not body.endswith("\n"):
        body += "\n"
    write_atomic(path, (body + word + "\n").encode("utf-8"))
    return True
