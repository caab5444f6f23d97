"""Link confidence relative to what unrelated sentences of the same pair score.

A link's cost says how well two blocks fit, but not on which scale: a short
genuine pair ("Basta." / "Un point, c'est tout.") may cost more than a long
sentence swapped for an unrelated one of similar length, and every document
pair (language pair, signals available, dictionary or none, how free the
translation is) has its own scale. A fixed threshold on the cost cannot
separate them. What can is the document pair's own *null distribution*: the
1-1 costs of the link's source sentence against the target sentences it is
*not* linked to (two or more places away), and of its target sentence against
the unrelated source sentences. A genuine link fits better than nearly all of
them; an unrelated sentence standing where the deleted one stood fits no
better than the others do.

:func:`judge` turns that into each link's confidence (the share of unrelated
pairings that fit worse than the link, per sentence of the link) and splits
1-1 links whose confidence is no better than chance into an omission plus an
addition, which the ``replaced`` check reports as one finding.
"""

from __future__ import annotations

import numpy as np

from .grid import Grid

#: a 1-1 link must fit better than this share of the unrelated pairings of
#: its two sentences, or it is taken apart (omission + addition). 0.5: a
#: link that shares less than a typical unrelated pairing does is no link
#: (on the dev documents, 1.7 % of genuine 1-1 links fall below it, and
#: half of the replaced sentences that the search pairs 1-1)
SUPPORT = 0.5
#: fewest unrelated pairings needed to judge a link (a 3-sentence document
#: has too few to say what chance looks like)
MIN_NULL = 8
#: unrelated pairings within this many places are not "unrelated": a
#: neighbour may hold part of the link's meaning
NEAR = 2


def judge(
    spans: list[tuple[int, int, int, int]],
    costs: list[float],
    grid: Grid,
    one_to_one: np.ndarray,
    *,
    split: bool = True,
    reach: int = 60,
) -> tuple[list[tuple[int, int, int, int]], list[float], list[float]]:
    """Return spans, costs and confidences, weak 1-1 links taken apart.

    ``one_to_one`` is the cost of a 1-1 link ending at every node of
    ``grid`` (``inf`` where none was scored); ``reach`` bounds how far along
    a column unrelated source sentences are looked for (a banded grid holds
    only the neighbourhood of the path anyway).
    """
    out_spans: list[tuple[int, int, int, int]] = []
    out_costs: list[float] = []
    scores: list[float] = []
    for span, cost in zip(spans, costs, strict=True):
        i0, i1, j0, j1 = span
        if i0 == i1 or j0 == j1:
            out_spans.append(span)
            out_costs.append(cost)
            scores.append(0.0)
            continue
        null = _null(grid, one_to_one, i1, j1, reach)
        per = cost / max(i1 - i0, j1 - j0)
        if len(null) < MIN_NULL:
            score = _logistic(per)
        elif (i1 - i0, j1 - j0) == (1, 1):
            own = one_to_one[grid.flat(np.array([i1]), np.array([j1]))[0][0]]
            score = _share_worse(null, own)
        else:
            score = float(np.mean(null > per))
        if split and len(null) >= MIN_NULL and (i1 - i0, j1 - j0) == (1, 1) and score < SUPPORT:
            # half the link's cost on each side: the two links still add up
            out_spans.extend([(i0, i1, j0, j0), (i1, i1, j0, j1)])
            out_costs.extend([cost / 2.0, cost / 2.0])
            scores.extend([0.0, 0.0])
            continue
        out_spans.append(span)
        out_costs.append(cost)
        scores.append(round(float(score), 4))
    return out_spans, out_costs, scores


def _null(grid: Grid, one_to_one: np.ndarray, r: int, c: int, reach: int) -> np.ndarray:
    """1-1 costs of the link's last source sentence against unrelated target
    sentences (row ``r``) and of its last target sentence against unrelated
    source sentences (column ``c``), finite values only."""
    lo, hi = int(grid.lo[r]), int(grid.hi[r])
    start = int(grid.off[r])
    cols = np.arange(max(lo, 1), hi + 1)
    cols = cols[np.abs(cols - c) >= NEAR]
    row_costs = one_to_one[start + cols - lo]
    rows = np.arange(max(1, r - reach), min(grid.n, r + reach) + 1)
    rows = rows[np.abs(rows - r) >= NEAR]
    idx, ok = grid.flat(rows, np.full(len(rows), c))
    col_costs = one_to_one[idx[ok]]
    both = np.concatenate([row_costs, col_costs])
    return both[np.isfinite(both)]


def _share_worse(null: np.ndarray, own: float) -> float:
    """Share of ``null`` costs above ``own``, ties counting half (two
    sentences with no evidence at all fit "as well as" every other such
    pairing: that says nothing either way)."""
    worse = np.count_nonzero(null > own + 1e-6)
    ties = np.count_nonzero(np.abs(null - own) <= 1e-6)
    return (worse + 0.5 * ties) / len(null)


def _logistic(per: float) -> float:
    """The cost-only confidence for pairs too small to have a null
    distribution: a logistic of the cost per sentence (0.5 at cost 0)."""
    return 1.0 / (1.0 + float(np.exp(max(min(per, 30.0), -30.0))))
