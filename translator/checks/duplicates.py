"""A passage repeated within one version (fuzzy ≥ 90 %).

Typical cause: a pull quote or teaser that also stands in the body, a
paragraph pasted twice while editing. Works on a single file too. Each
sentence of ``min_words`` words or more (default 6) is compared with every
earlier one of similar length (rapidfuzz ratio on case- and accent-folded
text, ``threshold`` default 90); a sentence that stands word for word inside
a longer one is a repeat too (a pull quote "«X», a-t-il ajouté." after X).
Consecutive repeated sentences are reported as one passage pointing back
at its first occurrence.

When versions are compared, a repeat is a difference only when the other
version does not repeat the passage too: a headline that the first
sentence repeats, in the original and its translation alike, is how the
article is written, not a slip. The original of a comparison (the pivot,
``check --source``) is not judged: a repeat there is the author's, and a
translation that drops it has an omission, which the alignment checks
report (``originals = true`` judges it too).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz

from ..lexicon.anchors import fold
from ..model import Finding, Severity
from .base import CheckContext, percentage


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
    order_of = np.array(order, dtype=np.int64)
    # rows per block: at most 64 MB of float64 scores (a block's columns
    # reach to the end of the length window, up to every sentence); the
    # visiting order is row by row whatever the block size
    block = max(16, min(256, 8_000_000 // max(1, len(keys))))
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
            dtype=np.float64,  # exact: the ratios fuzz.ratio returns
            workers=workers,
        )
        rows = np.arange(b0, b1)[:, None]
        cols = np.arange(b0, hi)[None, :]
        ok = (scores > 0) & (cols > rows) & (lengths[cols] * window <= lengths[rows])
        _keep_best(found, _block_best(ok, scores, order_of[b0:b1], order_of[b0:hi]), scores, b0, order_of)
    # a sentence can't repeat something that is itself a repeat: point at the original
    for later, (first, score) in list(found.items()):
        while first in found:
            first = found[first][0]
        found[later] = (first, score)
    return found


def _block_best(ok: Any, scores: Any, row_ids: Any, col_ids: Any) -> tuple[Any, Any]:
    """The similar pairs of a block that :func:`_keep_best` can choose:
    for each later sentence, its best pair in the block, first visited.

    A block of a localisation file's units has millions of similar pairs
    (9 million per side of 10,000 units), each sorted by :func:`_keep_best`.
    A pair's later sentence is its row's or its column's; for a row (the
    later sentence of the pairs where it is) the pairs are visited column by
    column, for a column row by row, so ``argmax`` (the first of equal
    maxima) finds the one the loop would keep. Returned in visiting order.
    """
    import numpy as np

    # the similar pairs' scores (-1 elsewhere), then the row's and the
    # column's pairs masked out of them in place: two block-sized arrays,
    # not four
    col_later = col_ids[None, :] > row_ids[:, None]
    similar = np.where(ok, scores, -1.0)
    by_row = np.where(col_later, -1.0, similar)
    best_col = by_row.argmax(axis=1)
    keep_r = np.flatnonzero(by_row[np.arange(len(best_col)), best_col] > 0)
    np.putmask(similar, ~col_later, -1.0)
    by_col = similar
    best_row = by_col.argmax(axis=0)
    keep_c = np.flatnonzero(by_col[best_row, np.arange(len(best_row))] > 0)
    rows = np.concatenate([keep_r, best_row[keep_c]])
    cols = np.concatenate([best_col[keep_r], keep_c])
    visit = np.argsort(rows * scores.shape[1] + cols, kind="stable")
    return rows[visit], cols[visit]


def _keep_best(
    found: dict[int, tuple[int, float]],
    hits: tuple[Any, Any],
    scores: Any,
    b0: int,
    order_of: Any,
) -> None:
    """Record, for each later sentence of a block's similar pairs, its best
    pair: the one a loop over the pairs in visiting order (row by row) would
    keep, replacing an earlier block's pair only when strictly better.

    A file of many similar strings (a localisation file's units) has
    millions of similar pairs; that loop, in Python, took 90 % of checking
    10,000 XLIFF units. ``scores`` are cdist's exact float64 ratios (the
    values ``fuzz.ratio`` returns), so the choice is made in numpy: the
    highest score per sentence, the first visited among equals.
    """
    import numpy as np

    rows, cols = hits
    if not len(rows):
        return
    one, two = order_of[b0 + rows], order_of[b0 + cols]
    later, first = np.maximum(one, two), np.minimum(one, two)
    exact = scores[rows, cols]
    rank = np.lexsort((np.arange(len(later)), -exact, later))
    by_later = later[rank]
    head = rank[np.r_[True, by_later[1:] != by_later[:-1]]]  # each sentence's best, first visited
    for sentence, earlier, score in zip(
        later[head].tolist(), first[head].tolist(), exact[head].tolist(), strict=True
    ):
        if sentence not in found or found[sentence][1] < score:
            found[sentence] = (earlier, score)


def contained(texts: list[str], min_words: int = 6) -> dict[int, tuple[int, float]]:
    """Sentences of ``min_words`` words or more that stand word for word
    (case- and accent-folded) inside another, longer sentence, as
    ``{later index: (earlier index, 100.0)}``. Candidates come from an index
    of the ``min_words``-word runs of every sentence, so the cost grows with
    the number of words, not with the square of the number of sentences."""
    folded = [fold(t) for t in texts]
    words = [f.split() for f in folded]
    index: dict[tuple[str, ...], set[int]] = {}
    for i, ws in enumerate(words):
        for k in range(len(ws) - min_words + 1):
            index.setdefault(tuple(ws[k : k + min_words]), set()).add(i)
    found: dict[int, tuple[int, float]] = {}
    for i, ws in enumerate(words):
        if len(ws) < min_words:
            continue
        for j in sorted(index.get(tuple(ws[:min_words]), ())):
            if len(words[j]) <= len(ws) or f" {folded[i]} " not in f" {folded[j]} ":
                continue
            first, later = min(i, j), max(i, j)
            if later not in found:
                found[later] = (first, 100.0)
    return found


def _counterparts(ctx: CheckContext, version: int) -> dict[int, dict[int, set[int]]]:
    """For each version aligned with ``version``: its sentence ids -> the
    other version's sentence ids they are linked with."""
    out: dict[int, dict[int, set[int]]] = {}
    for alignment in ctx.comparison.alignments:
        for mine, theirs in ((alignment.source, alignment.target), (alignment.target, alignment.source)):
            if mine != version:
                continue
            table = out.setdefault(theirs, {})
            for link in [*alignment.links, *alignment.moves]:
                own_ids = link.src if mine == alignment.source else link.tgt
                other_ids = link.tgt if mine == alignment.source else link.src
                for i in own_ids:
                    table.setdefault(i, set()).update(other_ids)
    return out


class DuplicatesCheck:
    name = "duplicates"
    severity = Severity.WARNING
    description = "A passage is repeated within one version."
    options = {"threshold": percentage(90.0), "min_words": 6, "originals": False}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        threshold = ctx.option(self.name, "threshold", 90.0)
        min_words = ctx.option(self.name, "min_words", 6)
        found_in = []
        for doc in ctx.documents:
            texts = [s.text for s in doc.segments]
            found = repeats(texts, threshold, min_words)
            for later, first in contained(texts, min_words).items():
                found.setdefault(later, first)
            found_in.append(found)
        for v, doc in enumerate(ctx.documents):
            if ctx.is_original(v) and not ctx.option(self.name, "originals", False):
                continue  # the author's repeat: the original cannot fail as a translation
            found = self._unshared(ctx, v, found_in)
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

    @staticmethod
    def _unshared(
        ctx: CheckContext, v: int, found_in: list[dict[int, tuple[int, float]]]
    ) -> dict[int, tuple[int, float]]:
        """The repeats of version ``v`` that some aligned version does not
        repeat at the same place (all of them in a single-file check)."""
        found = found_in[v]
        others = _counterparts(ctx, v)
        if not others:
            return found
        kept = {}
        # the sentences version w repeats, computed once per version (not
        # once per repeat: a file of 10,000 units made that quadratic)
        involved_in = {w: {i for pair in found_in[w].items() for i in (pair[0], pair[1][0])} for w in others}
        for later, (first, score) in found.items():
            for w, table in others.items():
                involved = involved_in[w]
                if not (table.get(later, set()) | table.get(first, set())) & involved:
                    kept[later] = (first, score)
                    break
        return kept
