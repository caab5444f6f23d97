"""Cross-language anchors: numbers, names, quotes, punctuation.

Words shared by a sentence and its translation are mostly numbers and proper
nouns; we score their overlap (Dice) with names matched fuzzily so that
"Kretschmer" in both, or "Sachsen"/"Saxony" by prefix, count.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from ...anchors import fold, names, numbers


class AnchorSignal:
    name = "anchors"

    def prepare(self, src, tgt, src_lang, tgt_lang) -> None:
        self.src = [_features(s) for s in src]
        self.tgt = [_features(t) for t in tgt]

    def score(self, i0: int, i1: int, j0: int, j1: int) -> float:
        a = _merge(self.src[i0:i1])
        b = _merge(self.tgt[j0:j1])
        total = len(a) + len(b)
        if total == 0:
            return 0.5  # no evidence either way
        matched = 0
        remaining = list(b)
        for item in a:
            for k, other in enumerate(remaining):
                if item == other or (
                    item[0] == "w" == other[0] and len(item) > 4 and fuzz.ratio(item, other) >= 75
                ):
                    matched += 1
                    del remaining[k]
                    break
        return 2 * matched / total


def _features(text: str) -> list[str]:
    feats = [f"n{v:g}" for v in numbers(text)]
    feats += ["w" + fold(n) for n in names(text)]
    feats += ["p" + ch for ch in text if ch in "?!:;()%"]
    if any(q in text for q in '"“”„«»'):
        feats.append("pq")
    return feats


def _merge(groups: list[list[str]]) -> list[str]:
    return [f for g in groups for f in g]
