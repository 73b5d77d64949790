"""The pre-commit hooks of `.pre-commit-hooks.yaml`, run with `pre-commit try-repo` on a scratch repository.

pre-commit installs the hook's package into a fresh virtualenv with ``pip install .``. To stay
offline, that pip gets no index, no build isolation (hatchling comes from the test extra) and
this interpreter's site-packages on ``PYTHONPATH``, where mtnorm's dependencies already are;
mtnorm itself is built and installed from the repository, as for a user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ROOT

ARTEFACT = "Secretary Bescent spoke  today .\n"
CLEAN = "Secretary Bessent spoke today.\n"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="pre-commit try-repo needs git and the project's git repository",
)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    paths = sysconfig.get_paths()
    site = os.pathsep.join(dict.fromkeys((paths["purelib"], paths["platlib"])))
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # sic: pip reads this variable inverted; "0" turns isolation off
        "PYTHONPATH": site,
    }


def repository(tmp_path: Path, files: dict[str, str]) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    return repo


def try_repo(repo: Path, hook: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_check_hook_fails_on_an_artefact(tmp_path: Path, env: dict[str, str]) -> None:
    out = try_repo(repository(tmp_path, {"story.txt": ARTEFACT}), "mtnorm-check", env)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "story.txt:1:11: N001" in out.stdout


def test_check_hook_passes_clean_text_and_skips_other_files(tmp_path: Path, env: dict[str, str]) -> None:
    repo = repository(tmp_path, {"story.md": CLEAN, "notes.rst": ARTEFACT})
    out = try_repo(repo, "mtnorm-check", env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Passed" in out.stdout and "N001" not in out.stdout


def test_clean_hook_fixes_in_place_and_keeps_a_way_back(tmp_path: Path, env: dict[str, str]) -> None:
    repo = repository(tmp_path, {"story.txt": ARTEFACT})
    out = try_repo(repo, "mtnorm-clean", env)
    assert out.returncode == 1, out.stdout + out.stderr  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in out.stdout
    assert (repo / "story.txt").read_text(encoding="utf-8") == CLEAN
    assert (repo / "story.txt.orig").read_text(encoding="utf-8") == ARTEFACT
    assert (repo / ".mtnorm-undo.jsonl").is_file()
    subprocess.run(["git", "add", "story.txt"], cwd=repo, check=True)
    again = try_repo(repo, "mtnorm-clean", env)
    assert again.returncode == 0, again.stdout + again.stderr


def test_clean_hook_passes_when_only_review_fixes_remain(tmp_path: Path, env: dict[str, str]) -> None:
    """Fixes a person must judge are the check hook's and the reviewer's business: clean has nothing
    to apply, changes nothing, and so passes."""
    text = "Talks were held in 马德里 Madrid on Monday.\n"  # an untranslated fragment: review only
    repo = repository(tmp_path, {"story.txt": text})
    out = try_repo(repo, "mtnorm-clean", env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert (repo / "story.txt").read_text(encoding="utf-8") == text
    assert try_repo(repo, "mtnorm-check", env).returncode == 1  # the check hook still reports it
