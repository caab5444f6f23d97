"""Casing cues: headings in capitals, fragments that start in lower case.

An all-caps line (a heading, a by-line) is translated as an all-caps line;
a sentence that starts in lower case continues the previous one (a list
item after a colon, a split caption), on both sides alike.
"""

from __future__ import annotations

from ..bag import BagSignal, Features
from ..context import PairContext


class CasingSignal(BagSignal):
    name = "casing"
    weight = 0.8
    pivot = 0.4
    saturation = 0.7

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        return [_bag(s) for s in ctx.src], [_bag(t) for t in ctx.tgt]


def _bag(text: str) -> Features:
    letters = [ch for ch in text if ch.isalpha()]
    out: Features = {}
    if len(letters) >= 4 and all(ch.isupper() for ch in letters):
        out["caps"] = 1.0
    first = next((ch for ch in text if ch.isalpha()), "")
    if first and first.islower():
        out["lower-start"] = 1.0
    return out
