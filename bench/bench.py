"""The mtnorm benchmark: a realistic corpus, the command line end to end, and ftfy as the reference.

Run with `make bench` (or `python bench/bench.py [--quick] [--work DIR]`). It builds, once, in
`bench/.corpus/` (ignored by git):

- `feed/`: at least 2,000 articles and 10 MB, made of paragraphs of the error-free MQM
  translations and the edited prose samples, with a paragraph of the artefact-laden seeds in
  about one article in twelve (most text clean, artefacts sparse, as in a real feed);
- `small/`: 4,800 articles of about 2 KB of the same mix (many small files: what a batch
  costs per file, beyond the rules);
- `large/large.txt`: one file of at least 100 MB of the same mix.

and prints, for `mtnorm check` and `mtnorm clean --out` with the default rules, MB/s and files/s
with 1 and 2 processes (end to end, start-up included), time per rule family (in-process, on a
sample), peak memory, CLI start-up time (`--help`, `check` on a one-sentence file and on a seed
article, with mtnorm byte-compiled as pip installs it, and the one-sentence file with every mtnorm
module compiled at start: the benchmark removes and rebuilds `normalizer/**/__pycache__` for that),
and `ftfy.fix_text` alone on the same files as the reference. `--quick` skips the 100 MB file;
`--encoding-clean` prints only the encoding family's cost on the feed's clean articles (the
issue 20 check: the E rules cost nothing on text without a suspect character); `--batches` prints only the batch figures (`check` and `clean --out` with 1 and 2 processes on
the feed and on the small files), `--repeat N` runs them N times back to back. Nothing here is estimated: every figure is measured
in this run.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / ".corpus"
FEED_FILES, FEED_MB, LARGE_MB = 2000, 10.0, 100.0
SMALL_FILES, SMALL_SIZE = 4800, (1500, 2500)
DIRTY_SHARE = 1 / 12
PROBE = """
import resource, sys, time
from normalizer import cli
start = time.perf_counter()
code = cli.main(sys.argv[1:])
secs = time.perf_counter() - start
hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"PROBE {code} {secs} {int(hwm.split()[1])} {workers} {own.ru_utime + own.ru_stime} "
      f"{kids.ru_utime + kids.ru_stime}", file=sys.stderr)
"""


def paragraphs(paths: list[Path]) -> list[str]:
    """Paragraphs of the files; a file of one sentence per line (the MQM segments) gives its lines."""
    out = []
    for p in paths:
        for para in p.read_text(encoding="utf-8").split("\n\n"):
            pieces = para.splitlines() if len(para) > 2000 else [para]
            out.extend(x.strip() for x in pieces if len(x.split()) >= 6 and x.rstrip()[-1:] in '.!?"”')
    return out


def build_corpus(quick: bool) -> tuple[Path, Path, Path | None]:
    """The feed folder, the small-files folder and the large file, built once (deterministic: seeded)."""
    clean = paragraphs(sorted((ROOT / "tests/data/mqm").glob("*.txt")) + sorted((ROOT / "tests/data/prose").glob("*.txt")))
    dirty = paragraphs(sorted(ROOT.glob("seeds/*.txt")))
    rng = random.Random(20261201)

    def article(target: int) -> str:
        parts, size = [], 0
        while size < target:  # paragraphs of two to five clean sentences or paragraphs
            parts.append(" ".join(rng.choice(clean) for _ in range(rng.randint(2, 5))))
            size += len(parts[-1]) + 2
        if rng.random() < DIRTY_SHARE:  # sparse artefacts: one article in twelve carries a seed paragraph
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(dirty))
        return "\n\n".join(parts) + "\n"

    feed = CORPUS / "feed"
    marker = feed / ".complete"
    if not marker.exists():
        shutil.rmtree(feed, ignore_errors=True)
        feed.mkdir(parents=True)
        total, i = 0, 0
        while i < FEED_FILES or total < FEED_MB * 1e6:
            text = article(rng.randint(2500, 7500))
            path = feed / f"{i // 500:02d}" / f"article{i:05d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
            i += 1
        marker.write_text(f"{i} files, {total} bytes\n")
    small = CORPUS / "small"
    if not (small / ".complete").exists():
        shutil.rmtree(small, ignore_errors=True)
        small.mkdir(parents=True)
        total = 0
        for i in range(SMALL_FILES):
            text = article(rng.randint(*SMALL_SIZE))
            path = small / f"{i // 500:02d}" / f"story{i:05d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            total += len(text.encode("utf-8"))
        (small / ".complete").write_text(f"{SMALL_FILES} files, {total} bytes\n")
    large = None
    if not quick:
        large = CORPUS / "large" / "large.txt"
        if not large.exists() or large.stat().st_size < LARGE_MB * 1e6:
            large.parent.mkdir(parents=True, exist_ok=True)
            with open(large, "w", encoding="utf-8") as fh:
                while fh.tell() < LARGE_MB * 1e6:
                    fh.write(article(5000) + "\n")
    return feed, small, large


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt"))


def run_cli(args: list[str]) -> tuple[int, float, int, int, float, float]:
    """(exit code, seconds in main, peak MB of the main process, peak MB of a worker, CPU seconds of
    the main process and of its workers)."""
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True)
    line = next((x for x in out.stderr.splitlines() if x.startswith("PROBE ")), None)
    if line is None:
        raise SystemExit(f"mtnorm {' '.join(args)} failed:\n{out.stderr[-2000:]}")
    _, code, secs, hwm, workers, cpu, kids = line.split()
    return int(code), float(secs), int(hwm) // 1024, int(workers) // 1024, float(cpu), float(kids)


def wall(args: list[str], repeat: int = 11, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ftfy_reference(files: list[Path]) -> float:
    import ftfy

    texts = [p.read_text(encoding="utf-8") for p in files]
    size = sum(len(t.encode("utf-8")) for t in texts)
    start = time.perf_counter()
    for t in texts:
        ftfy.fix_text(t)
    return size / 1e6 / (time.perf_counter() - start)


def per_family(files: list[Path]) -> tuple[float, list[tuple[str, float, float]]]:
    """MB/s of propose and seconds per MB for each rule family on a sample of the feed (one core, in-process).

    Rules run in the engine's order, document after document, so the shared passes (the
    folded text and its literal index, the word scan) are paid once per document, by the
    first rule that asks for them: that rule's family carries them.
    """
    from normalizer import load_rules, read_document

    rules = load_rules()
    docs = [read_document(p) for p in files]
    size = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    for d in docs[:5]:
        for r in rules:
            list(r.find(d))
    spent: dict[str, float] = defaultdict(float)
    for d in docs:
        d = d.replace_text(d.text + "\n")  # a new text: no cache from the warm-up answers
        for r in rules:
            start = time.perf_counter()
            list(r.find(d))
            spent[r.code[0]] += time.perf_counter() - start
    total = sum(spent.values())
    return size / total, [(fam, secs / size, 100 * secs / total)
                          for fam, secs in sorted(spent.items(), key=lambda kv: -kv[1])]


def family_on_clean(files: list[Path], family: str = "E") -> dict[str, float]:
    """What one rule family costs on the feed's clean articles (no seed paragraph in them).

    Each article gets one scan, as in the engine; the shared passes (folded text, literal index,
    byte pass) are computed first and timed apart, since every family reads them; then the
    family's rules run as the engine runs them, trigger first. Apart: the articles on which no
    rule of the family ran (no suspect character for any of its triggers), where the family costs
    only its trigger checks.
    """
    from normalizer import load_rules, read_document
    from normalizer.document import Document
    from normalizer.scan import Scan

    dirty = set(paragraphs(sorted(ROOT.glob("seeds/*.txt"))))
    rules = [r for r in load_rules() if r.code.startswith(family)]
    docs = [d for d in (read_document(p) for p in files) if not dirty.intersection(d.text.split("\n\n"))]
    for d in docs[:5] + [Document(r.example) for r in rules if r.example]:  # warm up (lazy imports: ftfy)
        for r in rules:
            list(r.find(d))
    out = dict.fromkeys(("articles", "mb", "ran", "ran_mb", "family_s", "idle_s", "shared_s"), 0.0)
    for d in docs:
        d = d.replace_text(d.text + "\n")  # a new text: no cache from the warm-up answers
        mb = len(d.text.encode("utf-8")) / 1e6
        start = time.perf_counter()
        scan = Scan(d.text)
        scan.is_ascii, scan.byte_hits, scan.literal_hits, scan.exact_hits  # noqa: B018 (the shared passes)
        mid = time.perf_counter()
        ran = False
        for r in rules:
            if r.may(scan):
                ran = True
                list(r.find(d, scan))
        spent = time.perf_counter() - mid
        out["articles"] += 1
        out["mb"] += mb
        out["shared_s"] += mid - start
        out["family_s"] += spent
        if ran:
            out["ran"] += 1
            out["ran_mb"] += mb
        else:
            out["idle_s"] += spent
    return out


def batches(folder: Path, work: Path, label: str) -> dict[tuple[str, int], float]:
    """``check --statistics`` and ``clean --out`` of ``folder`` with 1 and 2 processes: one line each."""
    files = files_of(folder)
    size = sum(p.stat().st_size for p in files) / 1e6
    results = {}
    for cmd in ("check", "clean"):
        for jobs in (1, 2):
            out = work / f"out-{cmd}-{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            if cmd == "check":
                argv = ["check", str(folder), "-j", str(jobs), "--statistics"]
            else:
                argv = ["clean", str(folder), "-j", str(jobs), "--out", str(out), "-q"]
            code, secs, hwm, worker, cpu, kids = run_cli(argv)
            results[(cmd, jobs)] = secs
            peak = f"{hwm}" + (f"+{worker}/worker" if jobs > 1 else "")
            print(f"{'mtnorm ' + cmd + ' ' + label:<34} {jobs:>4} {secs:8.1f} {size / secs:7.2f} "
                  f"{len(files) / secs:8.1f} {peak:>14} {cpu:6.1f} {kids:7.1f}")
            shutil.rmtree(out, ignore_errors=True)
    for cmd in ("check", "clean"):
        print(f"speed-up of {cmd} {label} with 2 processes: {results[(cmd, 1)] / results[(cmd, 2)]:.2f}x")
    return results


def encoding_clean(files: list[Path]) -> None:
    r = family_on_clean(files)
    idle_mb = r["mb"] - r["ran_mb"]
    print(f"encoding family on clean text: {r['family_s'] / r['mb']:.4f} s/MB on {r['articles']:.0f} clean articles "
          f"of the feed ({r['mb']:.1f} MB); on the {r['articles'] - r['ran']:.0f} without a suspect character "
          f"(no E trigger holds): {r['idle_s'] / max(idle_mb, 1e-9):.4f} s/MB, its trigger checks only; an E rule "
          f"ran on {r['ran']:.0f} ({r['ran_mb']:.2f} MB); the shared passes every family reads: "
          f"{r['shared_s'] / r['mb']:.4f} s/MB")


HEADER = (f"{'command':<34} {'jobs':>4} {'seconds':>8} {'MB/s':>7} {'files/s':>8} {'peak MB':>14} "
          f"{'CPU s: main':>6} {'workers':>7}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the 100 MB file")
    ap.add_argument("--batches", action="store_true", help="only check and clean with 1 and 2 processes")
    ap.add_argument("--repeat", type=int, default=1, help="run the batch figures this many times")
    ap.add_argument("--encoding-clean", action="store_true",
                    help="only the encoding family's cost on the feed's clean articles")
    ap.add_argument("--work", type=Path, help="scratch folder for outputs (default: a temporary one)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    feed, small_feed, large = build_corpus(args.quick or args.batches or args.encoding_clean)
    files = files_of(feed)
    size = sum(p.stat().st_size for p in files) / 1e6
    work = args.work or Path(tempfile.mkdtemp(prefix="mtnorm-bench-"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    print(f"corpus: {len(files)} files, {size:.1f} MB in {feed.relative_to(ROOT)}"
          + (f"; one file of {large.stat().st_size / 1e6:.0f} MB" if large else "")
          + f" (built/checked in {time.perf_counter() - t0:.1f} s); SMALL: {SMALL_FILES} files of "
          f"{sum(p.stat().st_size for p in files_of(small_feed)) / SMALL_FILES / 1e3:.1f} kB on average")
    if args.encoding_clean:
        encoding_clean(files[:600])
        return
    if args.batches:
        for _ in range(args.repeat):
            print(HEADER)
            batches(feed, work, "FEED")
            batches(small_feed, work, "SMALL")
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
        return
    small = work / "small.txt"
    small.write_text("Talks resumed on Monday.\n", encoding="utf-8")
    article = min(ROOT.glob("seeds/*.txt"))
    mtnorm = [sys.executable, "-m", "normalizer"]
    # pip byte-compiles what it installs; an editable checkout run with PYTHONDONTWRITEBYTECODE
    # never is, and compiles mtnorm's modules at every start: measure that first (its byte-code
    # caches removed), then compile the package as an install does.
    for cache in (ROOT / "normalizer").rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    source_s = wall([*mtnorm, "check", str(small)], env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "normalizer")], check=True, capture_output=True)
    help_s = wall([*mtnorm, "--help"])
    check_s = wall([*mtnorm, "check", str(small)])
    article_s = wall([*mtnorm, "check", str(article)])
    print(f"start-up: `mtnorm --help` {help_s * 1000:.0f} ms, `mtnorm check` on one small file "
          f"{check_s * 1000:.0f} ms, on one seed article ({article.stat().st_size / 1e3:.1f} kB, "
          f"its fixes printed) {article_s * 1000:.0f} ms (median of 11, wall clock, byte-compiled "
          f"as pip installs it; the small file from source: {source_s * 1000:.0f} ms)")
    ref = ftfy_reference(files)
    print(f"reference: ftfy.fix_text alone on the same files: {ref:.2f} MB/s (one core)")
    print(HEADER)
    results = batches(feed, work, "FEED")
    batches(small_feed, work, "SMALL")
    print(f"check vs ftfy alone: {size / results[('check', 1)] / ref:.2f}x (target: 2x)")
    mbps, families = per_family(files[:600])
    print(f"propose in-process (rules only, one core, 600 files of the feed): {mbps:.2f} MB/s; per rule family:")
    for fam, spm, share in families:
        print(f"  {fam}  {spm * 1000:6.1f} ms/MB  {share:5.1f}%")
    encoding_clean(files[:600])
    if large is not None:
        out = work / "out-large"
        code, secs, hwm, _, _, _ = run_cli(["clean", str(large), "--out", str(out), "-q"])
        mb = large.stat().st_size / 1e6
        print(f"large file: clean --out {mb:.0f} MB in {secs:.0f} s ({mb / secs:.2f} MB/s), peak memory {hwm} MB")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
