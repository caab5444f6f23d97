"""The dynamic-programming core: the cheapest monotone path through a band.

Every link is one *move* ``(a, b)``: ``a`` source and ``b`` target sentences
(1-1, 2-1, 1-3, …; 1-0 is an omission, 0-1 an addition). The caller supplies,
per move, the cost of a link ending at every node of the band (a flat numpy
vector in :class:`~.grid.Grid` order), plus per-sentence omission and
addition costs. The search is vectorised over each row: moves with ``a >= 1``
read the finished rows above, and the within-row 0-1 chain is a prefix
minimum (``cost[j] = C[j] + min_{k<=j}(x[k] - C[k])`` with ``C`` the cumulative
addition cost), so a row costs a handful of numpy calls whatever its width.
"""

from __future__ import annotations

import numpy as np

from .grid import Grid

#: back-pointer codes beyond the indices of the supplied moves
INSERT = -2
START = -1
#: nodes per step of the back-pointer pass (bounds its temporary arrays)
_CHUNK = 1 << 16
#: whole grids of more nodes than this read their candidates as slices
#: (:func:`_solve_whole`); smaller ones share predecessor tables
#: (:data:`_MEMO_NODES`), a gather per row instead of a slice per move
_SLICED_NODES = 4096


def solve(
    grid: Grid,
    moves: list[tuple[int, int]],
    step: list[np.ndarray] | np.ndarray,
    del_cost: np.ndarray,
    ins_cost: np.ndarray,
) -> tuple[list[tuple[int, int, int, int]], np.ndarray]:
    """Return the cheapest path as ``(i0, i1, j0, j1)`` spans and node costs.

    ``moves`` must not contain ``(0, 1)``: additions are handled by
    ``ins_cost``; ``(1, 0)`` may be in ``moves`` (with its cost in ``step``)
    or is added here from ``del_cost``.
    """
    n, m = grid.n, grid.m
    if (1, 0) not in moves:
        rows, _ = grid.cells()
        moves = list(moves) + [(1, 0)]
        extra = np.where(rows >= 1, del_cost[np.clip(rows - 1, 0, max(n - 1, 0))] if n else 0.0, np.inf)
        step = list(step) + [extra]
    cum_ins = np.zeros(m + 1, dtype=np.float64)
    if m:
        np.cumsum(ins_cost, out=cum_ins[1:])
    # one extra slot at the end holds +inf: predecessors outside the band
    # point there, so a row is one gather over all moves at once
    cost = np.full(grid.size + 1, np.inf, dtype=np.float64)
    back = np.full(grid.size, START, dtype=np.int8)
    steps = step if isinstance(step, np.ndarray) and step.ndim == 2 else np.stack(step)

    s, e = grid.row(0)
    js = np.arange(grid.lo[0], grid.hi[0] + 1)
    cost[s:e] = cum_ins[js] - cum_ins[0]
    back[s + 1 : e] = INSERT
    if grid.size > _SLICED_NODES and not grid.lo.any() and (grid.hi == m).all():
        _solve_whole(grid, moves, steps, cum_ins, cost)
        code_at = _whole_codes(grid, moves, steps, cost)
    else:
        _solve_band(grid, moves, steps, cum_ins, cost, back)
        off, lo, codes = grid.off.tolist(), grid.lo.tolist(), back.tolist()

        def code_at(i: int, j: int) -> int:
            return codes[off[i] + j - lo[i]]

    cost = cost[:-1]

    path: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i or j:
        code = code_at(i, j)
        if code == INSERT:
            a, b = 0, 1
        elif code == START:
            raise RuntimeError("alignment band has no path")  # pragma: no cover - Grid guarantees one
        else:
            a, b = moves[code]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path, cost


def _solve_band(
    grid: Grid,
    moves: list[tuple[int, int]],
    steps: np.ndarray,
    cum_ins: np.ndarray,
    cost: np.ndarray,
    back: np.ndarray,
) -> None:
    """Fill ``cost`` and ``back`` row by row below row 0, any band."""
    # the loop runs once per source sentence and does only what needs the
    # finished row above (a handful of numpy calls on a short row); which
    # move won where is worked out for a block of finished rows at once,
    # from the predecessors the block's rows used. The predecessors are
    # worked out for a block of whole rows at a time: kept for the whole
    # band they were 4 bytes per node and move (100,000 one-character
    # paragraphs: 140 MB at the peak of the first pass)
    starts, ends = grid.off[1:-1].tolist(), grid.off[2:].tolist()
    block, pred = 0, np.empty((len(moves), 0), dtype=np.int64)
    for s, e, lo, hi in zip(starts, ends, grid.lo[1:].tolist(), grid.hi[1:].tolist(), strict=True):
        if e > block + pred.shape[1]:
            # the rows before ``s`` are final: their back-pointers read the
            # same predecessors
            _back_pointers(cost, back, steps, pred[:, : s - block], block)
            block = s
            pred = _predecessors(grid, moves, s, max(e, s + _CHUNK))
        cand = cost[pred[:, s - block : e - block]]
        cand += steps[:, s:e]
        row = cand.min(axis=0)
        # additions (0-1) within the row: prefix minimum
        c = cum_ins[lo : hi + 1]
        row -= c
        np.minimum.accumulate(row, out=row)
        row += c
        cost[s:e] = row
    _back_pointers(cost, back, steps, pred[:, : grid.size - block], block)


def _solve_whole(
    grid: Grid,
    moves: list[tuple[int, int]],
    steps: np.ndarray,
    cum_ins: np.ndarray,
    cost: np.ndarray,
) -> None:
    """The costs of :func:`_solve_band` on a whole grid, with the same
    operations on the same numbers: there a move's start node is its end
    node's flat index less a constant, so a row's candidates are slices of
    the rows above (no table of predecessors: 8 bytes a node and move, the
    largest arrays of the search). Which move won is worked out only where
    the path goes (:func:`_whole_codes`)."""
    n, m = grid.n, grid.m
    width = m + 1
    cand = np.empty((len(moves), width))
    for i in range(1, n + 1):
        s = i * width
        for k, (a, b) in enumerate(moves):
            if a > i or b > m:
                cand[k] = np.inf
                continue
            start = s - a * width
            cand[k, :b] = np.inf
            cand[k, b:] = cost[start : start + width - b]
        cand += steps[:, s : s + width]
        row = cand.min(axis=0)
        # additions (0-1) within the row: prefix minimum
        row -= cum_ins
        np.minimum.accumulate(row, out=row)
        row += cum_ins
        cost[s : s + width] = row


def _whole_codes(grid: Grid, moves: list[tuple[int, int]], steps: np.ndarray, cost: np.ndarray):
    """The back-pointer of a node of a whole grid, as :func:`_back_pointers`
    works it out for every node, for the nodes the path visits only (a few
    hundred of the grid's hundreds of thousands): the same candidates, the
    same sums, the first cheapest move."""
    width = grid.m + 1

    def code_at(i: int, j: int) -> int:
        if i == 0:
            return INSERT if j else START
        node = i * width + j
        cand = np.array(
            [cost[node - a * width - b] if a <= i and b <= j else np.inf for a, b in moves],
            dtype=np.float64,
        )
        cand += steps[:, node]
        chained = cost[node]
        if not np.isfinite(chained):
            return START
        if chained < cand.min() - 1e-9:
            return INSERT
        return int(cand.argmin())

    return code_at


#: grids of at most this many nodes keep their predecessor tables
_MEMO_NODES = 4096
#: predecessor tables kept (read-only), by grid shape, moves and nodes
_PRED_MEMO: dict[tuple, np.ndarray] = {}


def _back_pointers(
    cost: np.ndarray, back: np.ndarray, steps: np.ndarray, pred: np.ndarray, start: int
) -> None:
    """Which move won at the nodes ``start .. start + pred.shape[1]``
    (``pred``: their predecessors), once their costs are final: the first
    cheapest move, INSERT where the row's 0-1 chain beat every move, START
    where no path arrives."""
    if not pred.shape[1]:
        return
    _back_pointers_of(cost, back, steps, cost[pred], start)


def _back_pointers_of(
    cost: np.ndarray, back: np.ndarray, steps: np.ndarray, cand: np.ndarray, start: int
) -> None:
    """:func:`_back_pointers` given the start nodes' costs ``cand`` (one
    row per move; overwritten)."""
    stop = start + cand.shape[1]
    cand += steps[:, start:stop]
    arg = cand.argmin(axis=0).astype(np.int8)
    chained = cost[start:stop]
    arg[chained < cand.min(axis=0) - 1e-9] = INSERT
    arg[~np.isfinite(chained)] = START
    back[start:stop] = arg


def _predecessors(grid: Grid, moves: list[tuple[int, int]], start: int, stop: int) -> np.ndarray:
    """Flat index of each move's start node for the nodes ``[start, stop)``
    (``grid.size``, the +inf slot, where it lies outside the band).

    A table depends on the grid's shape and the moves only: the thousand
    multi-sentence units of a localisation file, aligned one by one, have
    a handful of shapes (3 by 3 sentences...), so a small grid's tables are
    kept and shared (read-only) instead of rebuilt, a dozen numpy calls per
    move, for every unit."""
    if grid.size > _MEMO_NODES:
        return _compute_predecessors(grid, moves, start, stop)
    key = (grid.n, grid.m, grid.lo.tobytes(), grid.hi.tobytes(), tuple(moves), start, stop)
    pred = _PRED_MEMO.get(key)
    if pred is None:
        if len(_PRED_MEMO) >= 256:
            _PRED_MEMO.clear()
        pred = _PRED_MEMO[key] = _compute_predecessors(grid, moves, start, stop)
        pred.flags.writeable = False
    return pred


def _compute_predecessors(grid: Grid, moves: list[tuple[int, int]], start: int, stop: int) -> np.ndarray:
    r, c = grid.cells(start, stop)
    pred = np.empty((len(moves), len(r)), dtype=np.int64)
    # the rows a move starts from, shared by the moves with the same ``a``
    above: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
    for k, (a, b) in enumerate(moves):
        if a not in above:
            rows = np.maximum(r - a, 0)
            above[a] = (r >= a, grid.off[rows] - grid.lo[rows], grid.lo[rows], grid.hi[rows])
        rows_ok, base, lo, hi = above[a]
        cols = c - b
        ok = rows_ok & (cols >= lo) & (cols <= hi) & (c >= b)
        pred[k] = np.where(ok, base + cols, grid.size)
    return pred
