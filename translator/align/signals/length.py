"""Gale–Church length signal with the length ratio estimated per document pair.

Translations keep character lengths roughly proportional, but the
proportion depends on the language pair and the translator (French runs
~10 % longer than German, English shorter), so instead of Gale & Church's
fixed ratio of 1 the expected ratio is the ratio of the two documents'
total lengths. The cost is Gale & Church's ``-log P(|δ|)`` under a normal
model whose variance grows with the length of the block.
"""

from __future__ import annotations

import functools
import re
import sys

import numpy as np

from ..context import PairContext
from ..grid import PairWindows

_SPACE = re.compile(r"\s")
#: deviations whose cost is :attr:`LengthSignal.max_cost` whatever the
#: arithmetic: -log(2 * (1 - Phi(5))) = 14.37 against a cap of 12 (the
#: cost only grows with the deviation), for caps up to _CAPPED_COST
_CAPPED = 5.0
_CAPPED_COST = 14.0
#: fewer links than this are scored without the shortcut (the masks cost
#: more than they save on a unit of a localisation file)
_FEW = 256
#: calls with at least this many links may take their costs from a table of
#: the distinct block lengths (:meth:`LengthSignal._by_lengths`)
_TABLE_LINKS = 1 << 14


class LengthSignal:
    name = "length"
    weight = 1.0
    #: variance per character (Gale & Church's 6.8)
    variance = 6.8
    #: cap so that one garbled line cannot outweigh every other signal
    max_cost = 12.0

    def __init__(self) -> None:
        self.active = False
        #: :meth:`_by_lengths`'s tables, per move, with the parameters they hold
        self._tables: dict[tuple[int, int], tuple[tuple, tuple]] = {}
        #: :meth:`_block_lengths`, per side and block size
        self._lengths: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}

    def prepare(self, ctx: PairContext) -> None:
        ls = np.array([_length(s) for s in ctx.src], dtype=np.float64)
        lt = np.array([_length(t) for t in ctx.tgt], dtype=np.float64)
        self.cs = np.concatenate([[0.0], np.cumsum(ls)])
        self.ct = np.concatenate([[0.0], np.cumsum(lt)])
        self._tables.clear()
        self._lengths.clear()
        total_s, total_t = self.cs[-1], self.ct[-1]
        self.ratio = float(total_t / total_s) if total_s > 0 and total_t > 0 else 1.0
        if len(ls) and len(lt) and not 0.67 <= len(lt) / len(ls) <= 1.5:
            # one side is much longer (an excerpt, a long addition): the
            # totals say more about coverage than about the language pair,
            # mean sentence lengths are the better first guess
            self.ratio = float((total_t / len(lt)) / (total_s / len(ls))) if total_s > 0 else 1.0
        # a document pair with a long addition skews the totals; keep the
        # ratio within what real language pairs show
        self.ratio = min(max(self.ratio, 0.5), 2.0)
        self.active = bool(len(ls) and len(lt))

    def refit(self, spans: list[tuple[int, int, int, int]]) -> bool:
        """Re-estimate the ratio from the 1-1 links of a first pass.

        Document totals include whatever was omitted or added, which biases
        the ratio exactly where it matters (an omitted sentence then looks
        like part of its neighbour); aligned pairs do not. Returns whether
        the ratio changed enough to be worth another pass.
        """
        ones = [(i0, j0) for i0, i1, j0, j1 in spans if i1 - i0 == 1 and j1 - j0 == 1]
        if len(ones) < 2:
            return False
        ls = sum(self.cs[i + 1] - self.cs[i] for i, _ in ones)
        lt = sum(self.ct[j + 1] - self.ct[j] for _, j in ones)
        if ls <= 0 or lt <= 0:
            return False
        ratio = min(max(float(lt / ls), 0.5), 2.0)
        changed = abs(ratio - self.ratio) > 0.03 * self.ratio
        self.ratio = ratio
        return changed

    def bind(self, windows: PairWindows, max_a: int, max_b: int) -> None:
        pass

    def delta(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return self._deviation(self.cs[rows] - self.cs[rows - a], self.ct[cols] - self.ct[cols - b])

    def _deviation(self, ls: np.ndarray, lt: np.ndarray) -> np.ndarray:
        """Gale & Church's δ of blocks of ``ls`` and ``lt`` characters."""
        mean = np.maximum((ls * self.ratio + lt) / 2.0, 1.0)
        return (lt - ls * self.ratio) / np.sqrt(mean * self.variance)

    def cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        table = self._by_lengths(a, b, len(rows)) if rows is not None and len(rows) >= _TABLE_LINKS else None
        if table is not None:
            costs, src_code, tgt_code = table
            return costs[src_code[rows - a], tgt_code[cols - b]]
        return self._costs(np.abs(self.delta(a, b, rows, cols)))

    def _costs(self, d: np.ndarray) -> np.ndarray:
        """The cost of each absolute deviation ``d``."""
        log_ndtr = _log_ndtr()
        # -log(2 * (1 - Phi(|d|))): 0 for a perfect match, ~d²/2 in the tail.
        # Beyond CAPPED deviations it exceeds max_cost by far (14.4 at 5,
        # against 12), so the cap is the cost there without the function
        # (about 180 ns a call, most of this signal's time on a whole grid)
        if len(d) < _FEW or self.max_cost > _CAPPED_COST:
            return self.weight * np.minimum(-(np.log(2.0) + log_ndtr(-d)), self.max_cost)
        cost = np.full(len(d), self.max_cost)
        near = ~(d >= _CAPPED)
        cost[near] = np.minimum(-(np.log(2.0) + log_ndtr(-d[near])), self.max_cost)
        return self.weight * cost

    def _by_lengths(self, a: int, b: int, links: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The costs of the move ``a-b`` as a table over the distinct block
        lengths of each side, and each block end's row or column in it;
        None when the table would not be smaller than ``links``.

        A link's cost depends only on its two block lengths, and sentences
        of a document repeat the same few hundred lengths: a whole grid of
        500 × 550 sentences has about 200 distinct lengths a side, so its
        1-1 links need 40,000 costs, not 260,000. Each entry is computed by
        the same operations as a link's (:meth:`_deviation`, :meth:`_costs`
        element by element), so the costs are the same bits. The table is
        kept for the move until the ratio changes (a pass scores a whole
        grid in slices)."""
        if a < 1 or b < 1:
            return None
        key = (a, b)
        known = self._tables.get(key)
        state = (self.ratio, self.weight, self.variance, self.max_cost)
        if known is not None and known[0] == state:
            return known[1]
        src_lengths, src_code = self._block_lengths("src", a)
        tgt_lengths, tgt_code = self._block_lengths("tgt", b)
        if len(src_lengths) * len(tgt_lengths) > links:
            return None
        d = np.abs(self._deviation(src_lengths[:, None], tgt_lengths[None, :]))
        costs = self._costs(d.ravel()).reshape(d.shape)
        table = (costs, src_code, tgt_code)
        self._tables[key] = (state, table)
        return table

    def _block_lengths(self, side: str, size: int) -> tuple[np.ndarray, np.ndarray]:
        """The distinct lengths of ``side``'s blocks of ``size`` sentences,
        and the index into them of the block ending at each position
        ``size..`` (position ``e`` at ``e - size``)."""
        key = (side, size)
        known = self._lengths.get(key)
        if known is None:
            cumulative = self.cs if side == "src" else self.ct
            lengths = cumulative[size:] - cumulative[:-size]
            known = self._lengths[key] = np.unique(lengths, return_inverse=True)
        return known


def _length(text: str) -> int:
    """Characters that carry content (spacing differs between tokenisations)."""
    return len(text) - len(_SPACE.findall(text))


@functools.cache
def _log_ndtr():
    """scipy's ``log_ndtr`` ufunc, without importing :mod:`scipy.special`
    when that can be avoided.

    The package's import (its array-API layer pulls in numpy.f2py,
    numpy.testing and more) costs about 170 CPU-ms, more than aligning a
    short pair; the ufunc lives in a compiled module that needs none of it
    and loads in about a millisecond. It is the same compiled function, so
    the costs are scipy's bit for bit (no re-implementation is: scipy's
    ``log_ndtr`` uses its own ``erfc``/``erfcx``, which neither ``math``
    nor numpy reproduces). Once scipy.special is loaded anyway, or when
    this scipy keeps the ufunc elsewhere, the public import is used.
    """
    if "scipy.special" not in sys.modules:
        compiled = _compiled_log_ndtr()
        if compiled is not None:
            return compiled
    from scipy.special import log_ndtr

    return log_ndtr


def _compiled_log_ndtr():
    """``log_ndtr`` of scipy's compiled ``scipy.special._special_ufuncs``,
    loaded on its own (None when this scipy has no such module or no such
    function in it)."""
    from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, FileFinder
    from importlib.util import find_spec, module_from_spec

    try:
        scipy_spec = find_spec("scipy")
        folder = scipy_spec.submodule_search_locations[0] + "/special"
        spec = FileFinder(folder, (ExtensionFileLoader, EXTENSION_SUFFIXES)).find_spec(
            "scipy.special._special_ufuncs"
        )
        module = module_from_spec(spec)
        spec.loader.exec_module(module)
        log_ndtr = module.log_ndtr
    except (ImportError, AttributeError, TypeError, IndexError, OSError):
        return None
    return log_ndtr if isinstance(log_ndtr, np.ufunc) else None
