"""A passage repeated within one version (fuzzy ≥ 90 %).

Typical cause: a pull quote or teaser that also stands in the body, a
paragraph pasted twice while editing. Works on a single file too. Each
sentence of ``min_words`` words or more (default 6) is compared with every
earlier one of similar length (rapidfuzz ratio on case- and accent-folded
text, ``threshold`` default 90); consecutive repeated sentences are
reported as one passage pointing back at its first occurrence.
"""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz

from ..anchors import fold
from ..model import Finding, Severity
from .base import CheckContext


def repeats(texts: list[str], threshold: float = 90.0, min_words: int = 6) -> dict[int, tuple[int, float]]:
    """For each repeated sentence index: (index of its first occurrence, score)."""
    import numpy as np
    from rapidfuzz import process

    folded = [fold(t) if len(t.split()) >= min_words else "" for t in texts]
    found: dict[int, tuple[int, float]] = {}
    # identical sentences first, in one linear pass: every later copy of a
    # folded text repeats its first occurrence at 100 % (no fuzzy score can
    # beat that). Only first occurrences take part in the pairwise search
    # below, so a file repeating one sentence 10,000 times costs one key,
    # not 10,000² / 2 pairs.
    first_of: dict[str, int] = {}
    for i, key in enumerate(folded):
        if not key:
            continue
        if key in first_of:
            found[i] = (first_of[key], 100.0)
        else:
            first_of[key] = i
    order = sorted(first_of.values(), key=lambda i: len(folded[i]))
    keys = [folded[i] for i in order]
    lengths = np.array([len(k) for k in keys], dtype=np.float64)
    # ratio >= t needs len(short) / len(long) >= t / (2 - t): each sentence is
    # compared only with the longer ones inside that window of the length
    # order. Still quadratic when every sentence has about the same length,
    # so the comparisons run in rapidfuzz's C++ (cdist), a block of rows at a
    # time to keep memory flat; pairs are visited in the same order as one
    # loop over the length order would, so ties resolve the same way.
    window = (threshold / 100) / (2 - threshold / 100)
    ends = np.searchsorted(lengths * window, lengths, side="right")
    block = 256
    workers = -1 if len(keys) > 2000 else 1  # threads pay off on long documents only
    for b0 in range(0, len(keys), block):
        b1 = min(b0 + block, len(keys))
        hi = int(ends[b1 - 1])
        if hi <= b0 + 1:
            continue
        scores = process.cdist(
            keys[b0:b1],
            keys[b0:hi],
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            dtype=np.float32,
            workers=workers,
        )
        rows = np.arange(b0, b1)[:, None]
        cols = np.arange(b0, hi)[None, :]
        ok = (scores > 0) & (cols > rows) & (lengths[cols] * window <= lengths[rows])
        for r, c in zip(*np.nonzero(ok), strict=True):
            i, j = order[b0 + r], order[b0 + c]
            score = float(fuzz.ratio(keys[b0 + r], keys[b0 + c]))
            first, later = min(i, j), max(i, j)
            if later not in found or found[later][1] < score:
                found[later] = (first, score)
    # a sentence can't repeat something that is itself a repeat: point at the original
    for later, (first, score) in list(found.items()):
        while first in found:
            first = found[first][0]
        found[later] = (first, score)
    return found


class DuplicatesCheck:
    name = "duplicates"
    severity = Severity.WARNING
    description = "A passage is repeated within one version."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        threshold = ctx.option(self.name, "threshold", 90.0)
        min_words = ctx.option(self.name, "min_words", 6)
        for v, doc in enumerate(ctx.documents):
            found = repeats([s.text for s in doc.segments], threshold, min_words)
            later = sorted(found)
            k = 0
            while k < len(later):
                run = [later[k]]
                while (
                    k + 1 < len(later)
                    and later[k + 1] == run[-1] + 1
                    and found[later[k + 1]][0] == found[run[-1]][0] + 1
                ):
                    k += 1
                    run.append(later[k])
                k += 1
                firsts = [found[i][0] for i in run]
                score = min(found[i][1] for i in run)
                line, _ = doc.line_col(doc.segments[firsts[0]].start)
                what = "passage" if len(run) > 1 else "sentence"
                yield ctx.finding(
                    self.name,
                    self.severity,
                    f"This {what} repeats one from line {line} ({score:.0f}% similar).",
                    v,
                    run,
                    related=(v, firsts),
                    evidence={"first_line": line, "similarity": round(score), "sentences": len(run)},
                )
