"""Same-language similarity: rapidfuzz on case- and accent-folded text."""

from __future__ import annotations

from rapidfuzz import fuzz

from ...anchors import fold


class FuzzySignal:
    name = "fuzzy"

    def prepare(self, src, tgt, src_lang, tgt_lang) -> None:
        self.src = [fold(s) for s in src]
        self.tgt = [fold(t) for t in tgt]

    def score(self, i0: int, i1: int, j0: int, j1: int) -> float:
        a = " ".join(self.src[i0:i1])
        b = " ".join(self.tgt[j0:j1])
        if not a or not b:
            return 0.0
        return fuzz.ratio(a, b) / 100.0
