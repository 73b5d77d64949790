"""No copyleft (GPL/AGPL/LGPL) code among the installed package's runtime dependencies."""

from __future__ import annotations

import re
from importlib import metadata

COPYLEFT = re.compile(r"\b(A?GPL|LGPL|GNU (Affero |Lesser )?General Public)", re.IGNORECASE)


def runtime_closure(name: str) -> set[str]:
    seen: set[str] = set()
    todo = [name]
    while todo:
        dist = metadata.distribution(todo.pop())
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            dep = re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0]
            if dep.lower() not in seen:
                seen.add(dep.lower())
                todo.append(dep)
    return seen


def licence_text(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    parts = [meta.get("License-Expression") or "", meta.get("License") or ""]
    parts += [c for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    return " ".join(parts)


def test_runtime_dependencies_are_permissive() -> None:
    deps = runtime_closure("mtnorm")
    assert {"ftfy", "regex", "rapidfuzz", "wordfreq"} <= deps
    offenders = {d: licence_text(metadata.distribution(d)) for d in deps
                 if COPYLEFT.search(licence_text(metadata.distribution(d)))}
    assert not offenders, offenders
