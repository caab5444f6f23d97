"""Casing cues: headings in capitals, fragments that start in lower case.

An all-caps line (a heading, a by-line) is translated as an all-caps line;
a sentence that starts in lower case continues the previous one (a list
item after a colon, a split caption), on both sides alike.
"""

from __future__ import annotations

import re

from ..bag import BagSignal, Features
from ..context import PairContext

_LETTER = re.compile(r"[^\W\d_]")


class CasingSignal(BagSignal):
    name = "casing"
    weight = 0.8
    pivot = 0.4
    saturation = 0.7

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        return [_bag(s) for s in ctx.src], [_bag(t) for t in ctx.tgt]


def _bag(text: str) -> Features:
    out: Features = {}
    if text.isupper() and len(_LETTER.findall(text)) >= 4:
        out["caps"] = 1.0
    first = _LETTER.search(text)
    if first and first.group(0).islower():
        out["lower-start"] = 1.0
    return out
