"""How long the review app takes to open a file with 10,000 pending fixes, and to answer keys.

Run with `.venv/bin/python bench/review_open.py [--fixes 10000]`; it writes a generated
article to a temporary folder and drives the app headless (Textual's pilot).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from normalizer import load_rules
from normalizer.finding import find_files
from normalizer.decisions import Journal
from normalizer.tui import ReviewApp


async def measure(folder: Path, keys: int) -> None:
    pairs = list(find_files([folder], ["txt"], [".*"]))
    rules = load_rules()
    app = ReviewApp(pairs, rules, Journal(folder / "journal.jsonl"))
    start = time.perf_counter()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        opened = time.perf_counter() - start
        assert app.session is not None
        print(f"{app.session.total} pending fixes open in {opened:.2f} s")
        t = time.perf_counter()
        for _ in range(keys):
            await pilot.press("y")
        await pilot.pause()
        per_key = (time.perf_counter() - t) / keys
        print(f"{keys} approvals: {per_key * 1000:.0f} ms per key (including the test harness)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixes", type=int, default=10_000)
    ap.add_argument("--keys", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lines = (f"Deal {i} was worth $ {i} billion, the the officials said.\n" for i in range(args.fixes // 2))
        (folder / "big.txt").write_text("".join(lines), encoding="utf-8")
        asyncio.run(measure(folder, args.keys))


if __name__ == "__main__":
    main()
