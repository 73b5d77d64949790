"""Character and word diffs (rapidfuzz opcodes) turned into spans."""

from __future__ import annotations

import os
from collections.abc import Iterable


def diff_label(path: str | os.PathLike[str], side: str) -> str:
    """A diff header's name: ``a/`` or ``b/`` and the path as given, as git writes it
    (an absolute path loses its leading slash rather than doubling it).

    >>> diff_label("corpus/x.txt", "a"), diff_label("/tmp/x.txt", "b")
    ('a/corpus/x.txt', 'b/tmp/x.txt')
    """
    return f"{side}/" + os.fspath(path).replace(os.sep, "/").lstrip("/")


def changed_spans(old: str, new: str, *, join_gap: int = 2) -> list[tuple[int, int, str]]:
    """Spans of ``old`` to replace to obtain ``new``, as (start, end, replacement).

    Changes separated by at most ``join_gap`` unchanged non-space characters are
    merged, so one garbled word yields one span.

    >>> changed_spans("cafÃ© noir", "café noir")
    [(3, 5, 'é')]
    """
    spans: list[list] = []
    from rapidfuzz.distance import Indel  # imported on first use: most runs never diff

    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            continue
        if spans:
            last = spans[-1]
            gap = old[last[1]:op.src_start]
            if len(gap) <= join_gap and not any(c.isspace() for c in gap):
                last[1] = op.src_end
                last[3] = op.dest_end
                continue
        spans.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    return [(s, e, new[ds:de]) for s, e, ds, de in spans]


def word_diff(old: str, new: str) -> list[tuple[str, str, str]]:
    """Word-level diff: (tag, old words, new words), tag in equal/replace/insert/delete.

    >>> word_diff("the The talks", "the talks")
    [('equal', 'the', 'the'), ('delete', 'The', ''), ('equal', 'talks', 'talks')]
    """
    from rapidfuzz.distance import Levenshtein

    a, b = old.split(), new.split()
    return [
        (op.tag, " ".join(a[op.src_start:op.src_end]), " ".join(b[op.dest_start:op.dest_end]))
        for op in Levenshtein.opcodes(a, b)
    ]


def patch_lines(lines: Iterable[str]) -> str:
    """Join ``difflib.unified_diff`` lines, marking a last line without a newline as ``patch`` expects.

    >>> import difflib
    >>> print(patch_lines(difflib.unified_diff(["a\\n", "b"], ["a\\n", "c"])), end="")
    --- 
    +++ 
    @@ -1,2 +1,2 @@
     a
    -b
    \\ No newline at end of file
    +c
    \\ No newline at end of file
    """
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
