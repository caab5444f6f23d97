"""Numbers, normalised across locales: the strongest cross-language anchor.

"2.400" (German) and "2,400" (English) are the same number; figures survive
translation almost always, so two blocks that share their numbers are very
likely translations, and a block whose numbers the other lacks is not.
Normalisation is :func:`translator.lexicon.anchors.numbers`, the same the numbers
check uses.

Translators convert units for their readers: "80 feet" in an American
article is "25 Meter" in its German translation, "550-acre" is "220
Hektar", "90 degrees" is "30 Grad Celsius". The two numbers differ, so
without knowing that a figure converts the pair looks as if its numbers
disagreed, which is what an unrelated sentence looks like: a faithful
translation was taken apart as a replaced sentence (WMT21 en-de, an article
measuring a lake's clarity in feet). A target amount that is a source
amount converted (:func:`translator.lexicon.anchors.converts`, as the
numbers check decides it) stands for that source amount's number; so does
an hour given on the other clock ("as of 8 p.m." / "bis 20 Uhr",
:func:`translator.lexicon.anchors.times`).
"""

from __future__ import annotations

import re
from collections import Counter

from ...lexicon.anchors import (
    CONVERTED_FROM,
    Amount,
    amounts,
    converts,
    mentions_convertible,
    numbers,
    same_unit,
    times,
    twelve_hour,
)
from ..bag import BagSignal, Features
from ..context import PairContext


class NumbersSignal(BagSignal):
    name = "numbers"
    weight = 3.0
    pivot = 0.35
    saturation = 1.5
    idf = True

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        src, tgt = [_bag(s) for s in ctx.src], [_bag(t) for t in ctx.tgt]
        _converted(ctx, src, tgt)
        _clock(ctx, src, tgt)
        return src, tgt


_DIGIT = re.compile(r"\d")


def _bag(text: str) -> Features:
    if not _DIGIT.search(text):
        return {}  # numbers() finds digits only; most sentences have none
    return dict(Counter(f"{v:g}" for v in numbers(text)))


def _converted(ctx: PairContext, src: list[Features], tgt: list[Features]) -> None:
    """Give each target amount that converts a source amount of another
    unit the source amount's number instead of its own (in place).

    Only where either side mentions a unit that writers convert from
    (:func:`mentions_convertible`: most documents do not, and reading
    amounts costs far more than reading numbers), and only amounts whose
    own figure the source does not have in the same unit ("27 Fuß (8,2
    Meter)" for "27-foot (8.2-meter)" already matches twice)."""
    if not any(mentions_convertible(t) for t, bag in _with_numbers(ctx.src, src, ctx.tgt, tgt)):
        return
    src_amounts = _amounts(ctx.src, src, ctx.src_lang)
    tgt_amounts = _amounts(ctx.tgt, tgt, ctx.tgt_lang)
    # a conversion has a unit converted from on one side: the other side's
    # amounts are checked against those few only
    src_from = [(i, a) for i, a in src_amounts if a.unit in CONVERTED_FROM]
    for j, b in tgt_amounts:
        own = f"{b.value:g}"
        if own not in tgt[j] or any(a.value == b.value and same_unit(a.unit, b.unit) for _, a in src_amounts):
            continue
        candidates = src_amounts if b.unit in CONVERTED_FROM else src_from
        for i, a in candidates:
            theirs = f"{a.value:g}"
            if a.unit != b.unit and theirs in src[i] and converts(a.value, a.unit, b.value, b.unit):
                bag = tgt[j]
                bag[own] -= 1
                if not bag[own]:
                    del bag[own]
                bag[theirs] = bag.get(theirs, 0) + 1
                break


def _clock(ctx: PairContext, src: list[Features], tgt: list[Features]) -> None:
    """Give each target hour that a source time names on the other clock
    the source hour's number instead of its own (in place): "20 Uhr" stands
    for the 20:00 of "8 p.m." Only where either side uses the 12-hour clock
    (:func:`twelve_hour`)."""
    if not any(twelve_hour(t) for t, _ in _with_numbers(ctx.src, src, ctx.tgt, tgt)):
        return
    hours: dict[int, str] = {}
    for s, bag in zip(ctx.src, src, strict=True):
        if bag:
            for start, end, minutes in times(s, ctx.src_lang):
                hours.setdefault(minutes, f"{numbers(s[start:end])[0]:g}")
    for t, bag in zip(ctx.tgt, tgt, strict=True):
        if not bag:
            continue
        for start, end, minutes in times(t, ctx.tgt_lang):
            own, theirs = f"{numbers(t[start:end])[0]:g}", hours.get(minutes)
            if theirs is not None and theirs != own and bag.get(own):
                bag[own] -= 1
                if not bag[own]:
                    del bag[own]
                bag[theirs] = bag.get(theirs, 0) + 1


def _with_numbers(*sides) -> list[tuple[str, Features]]:
    """``(sentence, bag)`` of every sentence with a number, of both sides
    (``sides``: sentences, bags, sentences, bags)."""
    out = []
    for k in range(0, len(sides), 2):
        out.extend((s, bag) for s, bag in zip(sides[k], sides[k + 1], strict=True) if bag)
    return out


def _amounts(sentences: list[str], bags: list[Features], lang: str | None) -> list[tuple[int, Amount]]:
    """``(sentence, amount)`` of every amount with a unit, in sentences with a number."""
    return [
        (i, a)
        for i, (s, bag) in enumerate(zip(sentences, bags, strict=True))
        if bag
        for a in amounts(s, lang)
        if a.unit
    ]
