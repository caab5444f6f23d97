"""Text similarity between two texts in the same language.

Used directly for two versions in one language (two outlets' copy of a wire
story), and by the MT signal on a machine translation. Two measures are
averaged: a character n-gram F-score (chrF-style, on sets of 2- to 4-grams
of the folded words, which tolerates inflection and reordering) and
rapidfuzz's normalised edit similarity of the folded block texts (which
rewards the same wording in the same order). Both are computed for every
candidate block in the band at once: n-gram sets through the bag machinery,
edit similarity through ``rapidfuzz.process.cdist`` per row chunk.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ...lexicon.anchors import fold
from ..bag import BagSignal, Features
from ..context import PairContext

NGRAMS = (2, 3, 4)


class FuzzySignal(BagSignal):
    name = "fuzzy"
    weight = 6.0
    #: the similarity above which a pair is evidence for the link. Two
    #: independent translations of one text (two outlets' versions of a
    #: story) share much less wording than one might think: at 0.6 most of
    #: their paraphrased pairs came out as omission + addition (WMT21
    #: reference A against the other: 1-1 links right 0.74 -> 0.98 at 0.35,
    #: with cognates). 0.35 is what a machine translation scores against a
    #: human one (:mod:`.mt`); an unrelated sentence stays far below it, and
    #: :mod:`..confidence` takes apart a pair no better than chance
    pivot = 0.35
    measure = "dice"

    def texts(self, ctx: PairContext) -> tuple[list[str], list[str]]:
        if not ctx.same_language:
            return [], []
        return ctx.src, ctx.tgt

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        src, tgt = self.texts(ctx)
        if not src or not tgt:
            return [{} for _ in ctx.src], [{} for _ in ctx.tgt]
        self._src = [fold(s) for s in src]
        self._tgt = [fold(t) for t in tgt]
        return [ngram_set(s) for s in self._src], [ngram_set(t) for t in self._tgt]

    def cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        chrf, mass = self.similarity(a, b, rows, cols)
        ratio = block_ratio(self._src, self._tgt, a, b, rows, cols)
        sim = 0.5 * chrf + 0.5 * ratio
        return np.where(mass > 0, self.weight * (self.pivot - sim), 0.0)


def ngram_set(text: str) -> Features:
    out: Features = {}
    for word in text.split():
        padded = f" {word} "
        for n in NGRAMS:
            for k in range(len(padded) - n + 1):
                out[padded[k : k + n]] = 1.0
    return out


def block_ratio(
    src: list[str],
    tgt: list[str],
    a: int,
    b: int,
    rows: np.ndarray,
    cols: np.ndarray,
    chunk: int = 128,
    sep: str = " ",
    processor: Callable[[str], str] | None = None,
) -> np.ndarray:
    """rapidfuzz ratio of ``sep.join(src[r-a:r])`` and ``sep.join(tgt[c-b:c])``
    for every ``(r, c)`` (each block passed through ``processor`` first,
    when given); ``rows`` must be sorted (grid order)."""
    from rapidfuzz import fuzz, process

    out = np.zeros(len(rows))
    if not len(rows):
        return out
    starts = np.flatnonzero(np.r_[True, np.diff(rows) != 0])
    bounds = list(starts) + [len(rows)]
    k = 0
    while k < len(starts):
        k1 = min(k + chunk, len(starts))
        s0, s1 = bounds[k], bounds[k1]
        r = rows[s0:s1]
        c = cols[s0:s1]
        r0, r1 = int(r.min()), int(r.max()) + 1
        c0, c1 = int(c.min()), int(c.max()) + 1
        sb = [sep.join(src[max(i - a, 0) : i]) for i in range(r0, r1)]
        tb = [sep.join(tgt[max(j - b, 0) : j]) for j in range(c0, c1)]
        scores = process.cdist(sb, tb, scorer=fuzz.ratio, processor=processor, dtype="float32", workers=-1)
        out[s0:s1] = scores[r - r0, c - c0] / 100.0
        k = k1
    return out
