"""A lexicon learned from the document pair itself (as hunalign does).

After a first pass, the confident 1-1 links are a small parallel corpus.
Word stems that keep occurring together in them (*Gipfel*/*sommet*,
*Gletscher*/*glacier*) are very likely translations; a second pass then
scores every candidate link with that learned lexicon as well. Pairs need to
co-occur at least twice with a Dice coefficient of at least ``MIN_DICE``;
each source stem keeps its few best partners.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from itertools import product

from ..bag import BagSignal, Features
from ..context import PairContext
from .dictionary import translate_bags

MIN_COUNT = 2
MIN_DICE = 0.4
PARTNERS = 3
MAX_LINKS = 2000


class BootstrapSignal(BagSignal):
    name = "bootstrap"
    weight = 2.0
    pivot = 0.15
    saturation = 3.0
    idf = True
    #: needs the links of a first pass (:attr:`PairContext.previous`)
    second_pass = True

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        lexicon = learn_lexicon(ctx)
        if not lexicon:
            return [{} for _ in ctx.src], [{} for _ in ctx.tgt]
        return translate_bags(ctx.src_stems, ctx.tgt_stems, lexicon)


def learn_lexicon(ctx: PairContext) -> dict[str, frozenset[str]]:
    links = [(i0, j0) for i0, i1, j0, j1 in ctx.previous if i1 - i0 == 1 and j1 - j0 == 1]
    if len(links) < 5:
        return {}
    if len(links) > MAX_LINKS:
        # a few thousand sentence pairs teach all a document can teach;
        # an even sample keeps the cost flat for book-length input
        links = links[:: math.ceil(len(links) / MAX_LINKS)]
    fs: Counter = Counter()
    ft: Counter = Counter()
    co: Counter = Counter()
    for i, j in links:
        s = {w for w in ctx.src_stems[i] if len(w) > 2 and not w.isdigit()}
        t = {w for w in ctx.tgt_stems[j] if len(w) > 2 and not w.isdigit()}
        fs.update(s)
        ft.update(t)
        # every (source, target) stem pair, in the same order as nested loops
        co.update(product(s, t))
    best: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (a, b), c in co.items():
        if c < MIN_COUNT or a == b:
            continue  # identical strings are the cognates signal's business
        dice = 2 * c / (fs[a] + ft[b])
        if dice >= MIN_DICE:
            best[a].append((dice, b))
    return {a: frozenset(b for _, b in sorted(opts, reverse=True)[:PARTNERS]) for a, opts in best.items()}
