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


class LengthSignal:
    name = "length"
    weight = 1.0
    #: variance per character (Gale & Church's 6.8)
    variance = 6.8
    #: cap so that one garbled line cannot outweigh every other signal
    max_cost = 12.0

    def __init__(self) -> None:
        self.active = False

    def prepare(self, ctx: PairContext) -> None:
        ls = np.array([_length(s) for s in ctx.src], dtype=np.float64)
        lt = np.array([_length(t) for t in ctx.tgt], dtype=np.float64)
        self.cs = np.concatenate([[0.0], np.cumsum(ls)])
        self.ct = np.concatenate([[0.0], np.cumsum(lt)])
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
        ls = self.cs[rows] - self.cs[rows - a]
        lt = self.ct[cols] - self.ct[cols - b]
        mean = np.maximum((ls * self.ratio + lt) / 2.0, 1.0)
        return (lt - ls * self.ratio) / np.sqrt(mean * self.variance)

    def cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        log_ndtr = _log_ndtr()
        d = np.abs(self.delta(a, b, rows, cols))
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
