"""`mtnorm review --serve`: the review app in a headless Chromium, through textual-serve on loopback."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from normalizer.cli_serve import review_command

from .conftest import mtnorm_command

BROWSER = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port}")


def test_the_served_command_is_review_without_serve() -> None:
    command = review_command(["review", "corpus", "--serve", "--port=9000", "--journal", "j.jsonl"])
    assert command[-4:] == ["review", "corpus", "--journal", "j.jsonl"] and "--serve" not in command


def test_review_serve_approves_in_a_browser(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="--serve needs textual-serve (the serve extra)")
    playwright = pytest.importorskip("playwright.sync_api", reason="the browser test needs playwright")
    if BROWSER is None:
        pytest.skip("no Chromium installed (Debian: apt-get install chromium)")
    (tmp_path / "a.txt").write_text("Treasury Secretary Bescent spoke on Monday.\n", encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([*mtnorm_command(), "review", ".", "--serve", "--port", str(port)], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    journal = tmp_path / ".mtnorm-review.jsonl"
    try:
        wait_for(port)
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=BROWSER, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.goto(f"http://127.0.0.1:{port}", wait_until="domcontentloaded")
            end = time.monotonic() + 60
            while time.monotonic() < end and not journal.exists():
                page.wait_for_timeout(1000)  # the app starts and loads its rules before it takes keys
                page.locator(".xterm-helper-textarea").first.focus()
                page.keyboard.press("y")
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert journal.exists(), output
    records = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
    assert {(r["decision"], r["rule"], r["replacement"]) for r in records} == {("approve", "N001", "Bessent")}
    assert f"http://127.0.0.1:{port}" in output
