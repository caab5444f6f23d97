"""The search space of the dynamic programme: a monotone band of DP nodes.

Node ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are
aligned". Row ``i`` holds the nodes ``lo[i] .. hi[i]`` (inclusive); the rows
are stored flat, one after another, so that per-move cost arrays over all
nodes are plain numpy vectors. A full grid is the exact search; a band
(around anchor links or a first-pass path) is what makes 20,000 × 20,000
sentences tractable: the work is proportional to the number of nodes, not
to ``n × m``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: grids of at most this many nodes keep the row and column arrays of the
#: slices asked for (16 bytes a node; larger bands recompute them)
_CACHED_CELLS = 1 << 19


@dataclass
class Grid:
    """Per-row column windows ``lo[i]..hi[i]`` over ``(n + 1) × (m + 1)`` nodes."""

    n: int
    m: int
    lo: np.ndarray
    hi: np.ndarray

    def __post_init__(self) -> None:
        self.lo = np.asarray(self.lo, dtype=np.int64)
        self.hi = np.asarray(self.hi, dtype=np.int64)
        widths = self.hi - self.lo + 1
        self.off = np.zeros(self.n + 2, dtype=np.int64)
        np.cumsum(widths, out=self.off[1:])
        self._cells: dict[tuple[int, int | None], tuple[np.ndarray, np.ndarray]] = {}

    @classmethod
    def full(cls, n: int, m: int) -> Grid:
        return cls(n, m, np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    @classmethod
    def from_windows(cls, n: int, m: int, lo: np.ndarray, hi: np.ndarray) -> Grid:
        """Make a valid band out of rough windows.

        The result always contains ``(0, 0)`` and ``(n, m)``, its windows are
        monotone, and consecutive rows overlap, so a path of 1-0/0-1 moves
        exists whatever the windows were: a bad anchor can narrow the search
        but never make it fail.
        """
        lo = np.clip(np.asarray(lo, dtype=np.int64), 0, m).copy()
        hi = np.clip(np.asarray(hi, dtype=np.int64), 0, m).copy()
        lo[0], hi[-1] = 0, m
        np.maximum.accumulate(lo, out=lo)
        hi = np.minimum.accumulate(hi[::-1])[::-1].copy()
        hi = np.maximum(hi, lo)
        # overlap: row i must reach back to the end of row i - 1
        lo[1:] = np.minimum(lo[1:], hi[:-1])
        return cls(n, m, lo, hi)

    @property
    def size(self) -> int:
        return int(self.off[-1])

    def row(self, i: int) -> tuple[int, int]:
        """Flat slice ``[start, end)`` of row ``i``."""
        return int(self.off[i]), int(self.off[i + 1])

    def cells(self, start: int = 0, stop: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every node, in flat order; with ``start`` or
        ``stop``, of the nodes ``[start, stop)`` only (a slice of a large
        band without the whole band's two index arrays)."""
        if start or stop is not None:
            key = (start, stop)
            known = self._cells.get(key)
            if known is not None:
                return known
            idx = np.arange(start, self.size if stop is None else min(stop, self.size), dtype=np.int64)
            rows = np.searchsorted(self.off, idx, side="right") - 1
            cells = rows, idx - self.off[rows] + self.lo[rows]
            if self.size <= _CACHED_CELLS:
                # every move of a pass and the search walk the same slices
                self._cells[key] = cells
            return cells
        widths = self.hi - self.lo + 1
        rows = np.repeat(np.arange(self.n + 1, dtype=np.int64), widths)
        cols = np.arange(self.size, dtype=np.int64) - np.repeat(self.off[:-1] - self.lo, widths)
        return rows, cols

    def flat(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Flat index of nodes ``(rows, cols)`` and whether each is in the band."""
        rows = np.clip(rows, 0, self.n)
        lo, hi = self.lo[rows], self.hi[rows]
        valid = (cols >= lo) & (cols <= hi)
        idx = self.off[rows] + np.clip(cols, lo, hi) - lo
        return idx, valid

    def contains_path(self, links: list[tuple[int, int, int, int]]) -> bool:
        for _, i1, _, j1 in links:
            if not (self.lo[i1] <= j1 <= self.hi[i1]):
                return False
        return True


@dataclass
class PairWindows:
    """Sentence pairs ``(p, q)`` any link ending in the grid can touch.

    A link ending at node ``(i, j)`` with move ``(a, b)`` covers source
    sentences ``i-a .. i-1`` and target sentences ``j-b .. j-1``; signals
    that compare sentence pairs precompute exactly these pairs.
    """

    n: int
    m: int
    lo: np.ndarray
    hi: np.ndarray  # exclusive

    @classmethod
    def for_grid(cls, grid: Grid, max_a: int, max_b: int) -> PairWindows:
        n, m = grid.n, grid.m
        lo = np.full(max(n, 0), m, dtype=np.int64)
        hi = np.zeros(max(n, 0), dtype=np.int64)
        for a in range(1, max_a + 1):
            # source sentence p is covered by links ending in rows p+1 .. p+a
            rows = np.arange(n) + a
            ok = rows <= n
            r = np.where(ok, rows, n)
            lo = np.where(ok, np.minimum(lo, grid.lo[r] - max_b), lo)
            hi = np.where(ok, np.maximum(hi, grid.hi[r]), hi)
        lo = np.clip(lo, 0, m)
        hi = np.clip(hi, 0, m)
        hi = np.maximum(hi, lo)
        return cls(n, m, lo, hi)

    @property
    def off(self) -> np.ndarray:
        out = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(self.hi - self.lo, out=out[1:])
        return out
