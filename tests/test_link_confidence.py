"""Which weak 1-1 links the judge takes apart (translator/align/confidence.py).

The judge sees, for every node of the search grid, the cost of a 1-1 link
there (lower fits better); these tests build that table directly: genuine
links on the diagonal, unrelated pairings off it, and one link whose cost
sits among its unrelated pairings' at a chosen rank.
"""

from __future__ import annotations

import numpy as np

from translator.align.confidence import judge
from translator.align.grid import Grid

N = 24
#: the link under test
PLANTED = 11


def _judged(planted_rank: float, weak_links: int, outliers: bool = True) -> list[tuple[int, int, int, int]]:
    """Spans after judging a diagonal of ``N`` 1-1 links.

    Unrelated pairings cost 1..2 (spread evenly); genuine links cost less
    than all of them, except ``weak_links`` links that fit better than only
    80 % of their unrelated pairings (a free translation), and the planted
    link, which fits better than ``planted_rank`` of them.
    """
    grid = Grid.full(N, N)
    rows, cols = grid.cells()
    cost = np.full(grid.size, np.inf)
    inner = (rows >= 1) & (cols >= 1)
    rng = np.random.default_rng(3)
    cost[inner] = 1.0 + rng.random(int(inner.sum()))
    spans = [(i, i + 1, i, i + 1) for i in range(N)]
    for i in range(N):
        idx, _ = grid.flat(np.array([i + 1]), np.array([i + 1]))
        cost[idx] = 0.2
    for i in [PLANTED] + list(range(2, 2 + 3 * weak_links, 3)):
        node, _ = grid.flat(np.array([i + 1]), np.array([i + 1]))
        share = planted_rank if i == PLANTED else 0.8
        # the value that leaves ``share`` of the link's unrelated pairings above it
        far = np.abs(np.arange(1, N + 1) - (i + 1)) >= 2
        row, _ = grid.flat(np.full(far.sum(), i + 1), np.arange(1, N + 1)[far])
        col, _ = grid.flat(np.arange(1, N + 1)[far], np.full(far.sum(), i + 1))
        null = np.sort(np.concatenate([cost[row], cost[col]]))
        cost[node] = np.quantile(null, 1.0 - share)
    zeros = np.zeros(grid.size)
    out, _, _ = judge(spans, [0.0] * N, grid, (cost, zeros, zeros), outliers=outliers)
    return out


def test_a_link_fitting_little_better_than_chance_is_taken_apart_where_every_other_link_stands_out():
    # a sentence of another story that a common word ties to the original
    # by accident: better than 55 % of unrelated pairings, but every other
    # translation of the pair is better than all of them
    out = _judged(0.55, weak_links=0)
    assert (PLANTED, PLANTED + 1, PLANTED, PLANTED) in out
    assert (PLANTED + 1, PLANTED + 1, PLANTED, PLANTED + 1) in out
    assert sum(1 for i0, i1, j0, j1 in out if i1 > i0 and j1 > j0) == N - 1


def test_the_same_link_stays_one_where_several_translations_of_the_pair_fit_weakly():
    # four of 23 other links fit only moderately (a free translation, few
    # shared words): there, 55 % is what a genuine link can look like
    out = _judged(0.55, weak_links=4)
    assert (PLANTED, PLANTED + 1, PLANTED, PLANTED + 1) in out
    assert len(out) == N


def test_a_link_just_below_chance_stays_one_where_a_quarter_of_the_pairs_translations_fit_weakly():
    # six of 23 other links fit only moderately: a free translation, whose
    # genuine links fall below chance as well (English-German news without
    # a dictionary)
    out = _judged(0.4, weak_links=7)
    assert out == [(i, i + 1, i, i + 1) for i in range(N)]


def test_a_link_far_below_chance_is_taken_apart_even_where_the_translation_is_free():
    out = _judged(0.1, weak_links=7)
    assert (PLANTED, PLANTED + 1, PLANTED, PLANTED) in out
    assert (PLANTED + 1, PLANTED + 1, PLANTED, PLANTED + 1) in out


def test_a_link_fitting_clearly_better_than_chance_stays_one_where_every_other_link_stands_out():
    out = _judged(0.7, weak_links=0)
    assert out == [(i, i + 1, i, i + 1) for i in range(N)]


def test_with_a_machine_translation_the_judge_keeps_its_plain_bar():
    # the outlier bar was measured on model-free alignments only: the MT
    # path (outliers off) takes apart only links below chance
    assert _judged(0.55, weak_links=0, outliers=False) == [(i, i + 1, i, i + 1) for i in range(N)]
    out = _judged(0.3, weak_links=0, outliers=False)
    assert (PLANTED, PLANTED + 1, PLANTED, PLANTED) in out
