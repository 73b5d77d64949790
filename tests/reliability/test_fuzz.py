"""A bounded fuzz run over the whole pipeline: mutated real texts and raw bytes, read, checked, cleaned.

``MTNORM_FUZZ_SECONDS`` sets the budget (20 s by default, ``make fuzz`` runs 300 s) and
``MTNORM_FUZZ_SEED`` the seed (fixed by default, so a CI failure can be replayed). Every
input must give a one-line error or a result whose fixes have valid offsets, cleaning it
again must change nothing, and an input with no fix must be written back byte for byte.
"""

from __future__ import annotations

import codecs
import os
import random
import time
from pathlib import Path

from normalizer import cli, engine, load_rules
from normalizer.batch import process

from ..conftest import DATA, ROOT

SECONDS = float(os.environ.get("MTNORM_FUZZ_SECONDS", "20"))
SEED = int(os.environ.get("MTNORM_FUZZ_SEED", "20261201"))
RULES = load_rules()
RUN_WIDE = ("B003", "N002")  # rules that learn from the other files of a batch run
LOCAL_RULES = load_rules(ignore=RUN_WIDE)
SOURCES = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt"))
           + sorted((DATA / "prose").glob("*.txt")) + sorted((DATA / "mqm").glob("*.txt"))[:2]]
ODD = ["\u00a0", "\u200b", "\ufeff", "\u202e", "\u0301", "\r", "\r\n", "\n\n\n", "\t", "\x00", "\x07", "\x1b[31m",
       "摆脱", "что", "😀", "\U0001f1fa\U0001f1f8", "Ã©", "â€™", "&amp;", "&#x27;", "```", "`", "  ", " ,", "$ ",
       "the the ", "Open image in the gallery\n", "(( ", "))", "“", "”", "''", "Bescent", "XI", "\u2028", "\x85"]


def mutate(rng: random.Random, text: str) -> bytes:
    start = rng.randrange(max(1, len(text) - 50))
    s = text[start:start + rng.randint(0, 3000)]
    for _ in range(rng.randint(0, 12)):
        i = rng.randint(0, len(s))
        op = rng.random()
        if op < 0.45:
            s = s[:i] + rng.choice(ODD) + s[i:]
        elif op < 0.6:
            s = s[:i] + s[i + rng.randint(1, 40):]
        elif op < 0.75:
            j = min(len(s), i + rng.randint(1, 60))
            s = s[:j] + s[i:j] + s[j:]
        elif op < 0.85:
            j = min(len(s), i + rng.randint(1, 30))
            s = s[:i] + s[i:j].swapcase() + s[j:]
        else:
            s = s[:i] + chr(rng.randint(0x20, 0x2FFFF)) + s[i:]
    s = "".join(ch for ch in s if not 0xD800 <= ord(ch) <= 0xDFFF)
    codec = rng.choice(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"])
    data = s.encode(codec, errors="ignore") if codec != "utf-16" else codecs.BOM_UTF16_LE + s.encode("utf-16-le")
    if rng.random() < 0.1:  # raw byte damage
        raw = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            if raw:
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        data = bytes(raw)
    return data


def test_fuzz_the_pipeline(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    deadline = time.monotonic() + SECONDS
    runs = errors = 0
    while time.monotonic() < deadline or runs < 20:
        data = mutate(rng, rng.choice(SOURCES))
        path = tmp_path / f"f{runs % 50}.txt"
        path.write_bytes(data)
        context = f"seed {SEED}, input {runs}: {data[:200]!r}"
        checked = process(path, RULES, "check", "all")
        cleaned = process(path, RULES, "clean", "all")
        assert (checked.error is None) == (cleaned.error is None), context
        if cleaned.error is not None:
            errors += 1
            assert "\n" not in cleaned.error and "internal error" not in cleaned.error, context
        else:
            doc = cleaned.document
            assert doc is not None and cleaned.result is not None
            for f in checked.fixes:
                assert doc.text[f.start:f.end] == f.original, context
            again = engine.clean(doc.replace_text(cleaned.result.text), RULES, "all")
            assert again.text == cleaned.result.text and not again.applied, context
            assert bool(checked.fixes) == cleaned.result.changed, context
        runs += 1
        if runs % 50 == 0 or time.monotonic() >= deadline:
            reports = [process(p, LOCAL_RULES, "check", "all") for p in tmp_path.glob("f*.txt")]
            untouched = {r.path.name: r.path.read_bytes() for r in reports if r.error is None and not r.fixes}
            out = tmp_path / "out"
            assert cli.main(["clean", str(tmp_path), "--out", str(out), "-q", "--apply", "all",
                             "--ignore", ",".join(RUN_WIDE)]) in (0, 1, 2)
            for name, data in untouched.items():  # nothing to fix: the copy is the same bytes
                assert (out / name).read_bytes() == data, f"seed {SEED}: {name}: {data[:200]!r}"
    assert runs >= 20 and errors < runs
