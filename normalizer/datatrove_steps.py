"""mtnorm as datatrove pipeline steps: annotate or clean documents on a Local, Slurm or Ray executor.

Install with ``pip install 'mtnorm[datatrove]'``. The rule engine never imports
this module (nor any executor); it is a thin layer over :mod:`normalizer.engine`.

Two passes bring the run-wide rules (learned boilerplate B003, run-wide name
evidence N002) to a distributed corpus: :class:`MtnormLearn` writes one shard
of counts per task to a folder, and :class:`MtnormAnnotate` / :class:`MtnormClean`
given that folder merge the shards before the first document::

    learn = [JsonlReader("in/"), MtnormLearn("stats/")]
    clean = [JsonlReader("in/"), MtnormClean(apply="safe", corpus_stats="stats/"), JsonlWriter("out/")]
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from . import engine
from .api import load_rules
from .corpus import CorpusStats, Tally
from .scan import RunContext
from .document import Document
from .writing import write_atomic

SHARD_SUFFIX = ".mtnorm-stats.json"


def fix_dict(fix: Any) -> dict[str, Any]:
    """A fix as the JSON contract of ``mtnorm check --format jsonl`` has it (without path and line)."""
    d = fix.to_dict()
    return {"rule": d["rule"], "category": d["category"], "safety": d["safety"], "start": fix.start,
            "end": fix.end, "original": fix.original, "replacement": fix.replacement,
            "alternatives": d["alternatives"], "message": fix.message}


def load_corpus_stats(folder: str | os.PathLike[str], min_docs: int = 3) -> CorpusStats:
    """Merge the shards :class:`MtnormLearn` wrote into one :class:`CorpusStats`."""
    total = Tally()
    shards = sorted(Path(folder).glob(f"*{SHARD_SUFFIX}"))
    if not shards:
        raise FileNotFoundError(f"{folder}: no {SHARD_SUFFIX} shards (run MtnormLearn first)")
    for shard in shards:
        data = json.loads(shard.read_text(encoding="utf-8"))
        total.merge(Tally(data["documents"], Counter(data["units"]), Counter(data["names"]), data.get("samples", {})))
    return total.stats(min_docs)


class _MtnormStep(PipelineStep):
    type = "🧹 - MTNORM"

    def __init__(self, select: Sequence[str] = (), ignore: Sequence[str] = (), rule_files: Sequence[str] = (),
                 corpus_stats: str | None = None, min_docs: int = 3) -> None:
        super().__init__()
        self.select, self.ignore, self.rule_files = list(select), list(ignore), list(rule_files)
        self.corpus_stats, self.min_docs = corpus_stats, min_docs
        self._rules: list | None = None
        self._corpus: CorpusStats | None = None

    def _setup(self) -> None:
        if self._rules is None:  # once per task, in the worker: rules are compiled where they run
            self._rules = load_rules(self.select, self.ignore, self.rule_files)
            if self.corpus_stats is not None:
                self._corpus = load_corpus_stats(self.corpus_stats, self.min_docs)

    def _run(self) -> RunContext | None:
        return RunContext(self._corpus) if self._corpus is not None else None


class MtnormAnnotate(_MtnormStep):
    """Add ``metadata["mtnorm_fixes"]``: the fixes ``mtnorm check`` would report for each document."""

    name = "mtnorm annotate"

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        self._setup()
        for doc in data or ():
            with self.track_time():
                fixes, _ = engine.resolve(engine.propose(Document(doc.text), self._rules, self._run()))
            doc.metadata["mtnorm_fixes"] = [fix_dict(f) for f in fixes]
            self.stat_update("documents")
            if fixes:
                self.stat_update("documents_with_fixes")
            for f in fixes:
                self.stat_update(f"fix_{f.rule}")
            yield doc


class MtnormClean(_MtnormStep):
    """Apply the ``safe`` fixes (or ``all``) to each document's text.

    ``metadata["mtnorm_applied"]`` counts the fixes applied per rule, and
    ``metadata["mtnorm_pending"]`` lists the review fixes left for a person.
    """

    name = "mtnorm clean"

    def __init__(self, apply: str = "safe", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        engine.applicable(apply)  # a bad level fails when the pipeline is built, not on a cluster
        self.apply = apply

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        self._setup()
        for doc in data or ():
            with self.track_time():
                result = engine.clean(Document(doc.text), self._rules, self.apply, run=self._run())
            applied = Counter(f.rule for f in result.applied)
            doc.text = result.text
            doc.metadata["mtnorm_applied"] = dict(sorted(applied.items()))
            doc.metadata["mtnorm_pending"] = [fix_dict(f) for f in result.pending]
            self.stat_update("documents")
            if result.changed:
                self.stat_update("documents_changed")
            for rule, n in applied.items():
                self.stat_update(f"applied_{rule}", value=n)
            yield doc


class MtnormLearn(PipelineStep):
    """First pass: count lines, paragraphs and rare names per task, one shard file per rank.

    Documents pass through unchanged, so the step can end a reading pipeline.
    """

    type = "🧹 - MTNORM"
    name = "mtnorm learn"

    def __init__(self, output_folder: str | os.PathLike[str]) -> None:
        super().__init__()
        self.output_folder = str(output_folder)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        counts = Tally()
        for doc in data or ():
            with self.track_time():
                counts.add(doc.text)
            self.stat_update("documents")
            yield doc
        shard = Path(self.output_folder) / f"{rank:05d}{SHARD_SUFFIX}"
        payload = {"documents": counts.documents, "units": dict(counts.units), "names": dict(counts.names),
                   "samples": counts.samples}
        write_atomic(shard, json.dumps(payload).encode("utf-8"))
