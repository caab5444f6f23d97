"""Quoted spans: direct speech and titles stay quoted in a translation.

Each quoted span is a feature; a span whose content is kept verbatim (a
book title, a name, an untranslated slogan) matches by its folded text as
well, which is much stronger evidence than "both sides quote something".
"""

from __future__ import annotations

import re
from collections import Counter

from ...lexicon.anchors import fold, quotes
from ..bag import BagSignal, Features
from ..context import PairContext

_QUOTE_RE = re.compile('["“”„«»‹›‚‘]')


class QuotesSignal(BagSignal):
    name = "quotes"
    weight = 0.8
    pivot = 0.3
    saturation = 1.0

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        return [_bag(s) for s in ctx.src], [_bag(t) for t in ctx.tgt]


#: any character :func:`quotes` or ``_QUOTE_RE`` looks for
_ANY_QUOTE = re.compile('["“”„«»‹›‚‘’]')


def _bag(text: str) -> Features:
    if not _ANY_QUOTE.search(text):
        return {}  # most sentences quote nothing
    spans = quotes(text)
    counts: Counter = Counter()
    for span in spans:
        counts["quote"] += 1
        counts["q:" + fold(span)] += 2
    if not spans and len(_QUOTE_RE.findall(text)) >= 2:
        counts["quote"] += 1  # a quotation that runs over sentence boundaries
    return dict(counts)
