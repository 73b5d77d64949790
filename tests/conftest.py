"""Shared helpers: labelled rule cases and the real command-line entry point."""

from __future__ import annotations

import os
import shutil
import tempfile
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import settings

# Derived-data caches (the CC-CEDICT word list) go to a folder of this test session, not the user's.
os.environ.setdefault("MTNORM_CACHE_DIR", tempfile.mkdtemp(prefix="mtnorm-test-cache-"))
# The undo key (which signs undo journal rows) too.
os.environ.setdefault("MTNORM_STATE_DIR", tempfile.mkdtemp(prefix="mtnorm-test-state-"))
# The user configuration folder: an empty one, so that the tester's own ~/.config/mtnorm changes nothing.
os.environ.setdefault("MTNORM_CONFIG_DIR", tempfile.mkdtemp(prefix="mtnorm-test-config-"))

# CI replays the same examples each run (a red build is reproducible); `make fuzz` explores afresh.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

TESTS = Path(__file__).parent
ROOT = TESTS.parent
CASES_DIR = TESTS / "cases"
DATA = TESTS / "data"


def load_cases(folder: Path = CASES_DIR) -> list:
    """One pytest param per case in ``cases/<CODE>.toml``; ``expect = "fail"`` is a strict xfail."""
    params = []
    for path in sorted(folder.glob("*.toml")):
        code = path.stem
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            marks = [pytest.mark.xfail(strict=True, reason=case.get("why", "known gap"))] if case.get("expect") == "fail" else []
            params.append(pytest.param(code, case, id=f"{code}-{case['label']}", marks=marks))
    return params


def mtnorm_command() -> list[str]:
    """The installed ``mtnorm`` script beside this Python, else ``python -m normalizer``."""
    script = shutil.which("mtnorm", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "normalizer"]


def run_cli(*args: str | Path, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in a subprocess and capture its output."""
    return subprocess.run(
        [*mtnorm_command(), *map(str, args)], cwd=cwd, input=input, capture_output=True,
        text=True, encoding="utf-8", timeout=120,
    )
