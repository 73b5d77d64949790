"""How many processes a batch uses when ``--jobs`` is not given (a light module: the CLI's help reads it)."""

from __future__ import annotations

import os
from collections.abc import Sized

AUTO_FILES = 16  # a batch of this many files or more is spread over every core when --jobs is not given


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def jobs_for(files: Sized, asked: int | None) -> int:
    """Processes for a run of ``files``: ``asked`` when given (0: one per core); otherwise one per core
    for :data:`AUTO_FILES` files or more (starting the workers costs less than the files take), else one."""
    if asked is None:
        return cores() if len(files) >= AUTO_FILES else 1
    return cores() if asked == 0 else asked
