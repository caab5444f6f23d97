"""Gale–Church length signal with the ratio estimated from the pair itself.

Translations keep lengths roughly proportional; the proportion differs by
language pair (German runs longer than English), so instead of a fixed 1.0
we use the ratio of the two documents' total lengths.
"""

from __future__ import annotations

import math


class LengthSignal:
    name = "length"
    #: variance per character, Gale & Church's 6.8
    variance = 6.8

    def prepare(self, src, tgt, src_lang, tgt_lang) -> None:
        self.src_cum = _cumsum(len(s) for s in src)
        self.tgt_cum = _cumsum(len(t) for t in tgt)
        total_src = self.src_cum[-1] or 1
        total_tgt = self.tgt_cum[-1] or 1
        self.ratio = total_tgt / total_src

    def score(self, i0: int, i1: int, j0: int, j1: int) -> float:
        ls = self.src_cum[i1] - self.src_cum[i0]
        lt = self.tgt_cum[j1] - self.tgt_cum[j0]
        if ls == 0 or lt == 0:
            return 0.0
        mean = (ls + lt / self.ratio) / 2
        delta = (lt - ls * self.ratio) / math.sqrt(mean * self.variance)
        # two-sided tail probability of a standard normal
        return math.erfc(abs(delta) / math.sqrt(2))


def _cumsum(values) -> list[int]:
    out = [0]
    for v in values:
        out.append(out[-1] + v)
    return out
