"""Numbers, normalised across locales: the strongest cross-language anchor.

"2.400" (German) and "2,400" (English) are the same number; figures survive
translation almost always, so two blocks that share their numbers are very
likely translations, and a block whose numbers the other lacks is not.
Normalisation is :func:`translator.lexicon.anchors.numbers`, the same the numbers
check uses.
"""

from __future__ import annotations

import re
from collections import Counter

from ...lexicon.anchors import numbers
from ..bag import BagSignal, Features
from ..context import PairContext


class NumbersSignal(BagSignal):
    name = "numbers"
    weight = 3.0
    pivot = 0.35
    saturation = 1.5
    idf = True

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        return [_bag(s) for s in ctx.src], [_bag(t) for t in ctx.tgt]


_DIGIT = re.compile(r"\d")


def _bag(text: str) -> Features:
    if not _DIGIT.search(text):
        return {}  # numbers() finds digits only; most sentences have none
    return dict(Counter(f"{v:g}" for v in numbers(text)))
