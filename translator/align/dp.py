"""The dynamic-programming core: a monotone path through the sentence grid.

Each step consumes ``a`` source and ``b`` target sentences (a move such as
1-1, 2-1, 1-0) at cost ``move_penalty + (1 - similarity)`` for pairs and a
flat ``skip_cost`` for omissions/additions. The cheapest path is the
alignment.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Link

MOVES: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1))
MOVE_PENALTY = {(1, 1): 0.0, (1, 2): 0.3, (2, 1): 0.3, (2, 2): 0.4, (1, 3): 0.45, (3, 1): 0.45}


def align_dp(
    n: int,
    m: int,
    similarity: Callable[[int, int, int, int], float],
    *,
    moves: tuple[tuple[int, int], ...] = MOVES,
    skip_cost: float = 0.5,
    pair_weight: float = 1.0,
    move_penalty: dict[tuple[int, int], float] | None = None,
) -> list[Link]:
    """Return the cheapest monotone list of links covering all sentences."""
    penalties = move_penalty or MOVE_PENALTY
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        row = cost[i]
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, None
            for a, b in moves:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0 or cost[pi][pj] == inf:
                    continue
                if a == 0 or b == 0:
                    sim = 0.0
                    step = skip_cost * (a + b)
                else:
                    sim = similarity(pi, i, pj, j)
                    step = penalties.get((a, b), 0.3) + pair_weight * (1.0 - sim) * max(a, b) ** 0.5
                total = cost[pi][pj] + step
                if total < best:
                    best, arg = total, (a, b, sim)
            row[j] = best
            back[i][j] = arg
    links: list[Link] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        a, b, sim = step
        links.append(Link(src=list(range(i - a, i)), tgt=list(range(j - b, j)), score=round(sim, 4)))
        i, j = i - a, j - b
    links.reverse()
    return links
