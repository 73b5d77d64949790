"""Throughput of mtnorm in MB/s: propose and clean over the sample and control texts.

Run with `python bench/rules.py [--mb 5] [--select CODES]` (in-process, one core).
The corpus is seeds/*.txt plus tests/data/mqm/*.txt, repeated until it reaches --mb
megabytes of UTF-8, processed one document at a time as the CLI does.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from normalizer import load_rules, read_document
from normalizer import engine

ROOT = Path(__file__).resolve().parent.parent


def corpus(target_mb: float) -> list:
    docs = [read_document(p) for p in sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("tests/data/mqm/*.txt"))]
    out, size = [], 0
    while size < target_mb * 1e6:
        for d in docs:
            out.append(d)
            size += len(d.text.encode("utf-8"))
    return out


def measure(label: str, docs: list, fn) -> None:
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    for d in docs:
        fn(d)
    secs = time.perf_counter() - start
    print(f"{label:<28} {size / 1e6:6.2f} MB in {secs:6.2f} s = {size / 1e6 / secs:6.2f} MB/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--select", default="")
    args = ap.parse_args()
    start = time.perf_counter()
    rules = load_rules(select=[s for s in args.select.split(",") if s])
    docs = corpus(args.mb)
    for d in docs[:6]:  # warm up: wordfreq, CC-CEDICT and langdetect load on first use
        engine.propose(d, rules)
    print(f"{'startup (rules, dictionaries)':<28} {time.perf_counter() - start:6.2f} s, once per process")
    measure("propose (all rules)", docs, lambda d: engine.propose(d, rules))
    measure("clean --apply all", docs, lambda d: engine.clean(d, rules, "all"))
    slowest = []
    sample = docs[: max(1, len(docs) // 5)]
    size = sum(len(d.text.encode("utf-8")) for d in sample)
    for r in rules:
        start = time.perf_counter()
        for d in sample:
            list(r.find(d))
        slowest.append((time.perf_counter() - start, r.code, r.name))
    print("per rule (MB/s on a fifth of the corpus):")
    for secs, code, name in sorted(slowest, reverse=True)[:8]:
        print(f"  {code} {name:<34} {size / 1e6 / secs:8.1f} MB/s")


if __name__ == "__main__":
    main()
