"""Numbers, amounts, units, money and percentages inside aligned pairs.

Locale-aware: "2,000" = "2.000" = "2000", "7,35" = "7.35"; scale words are
applied per language ("2,5 Millionen" = "2.5 million"; German "Billion" is
an English trillion); a digit on one side and the number word on the other
("zwei Meter" / "2 metres") is no difference. Numbers inside dates are left
to the dates check, so "24. Oktober" and "October 24" are compared as dates,
not as a stray 24. A number present on one side only is a difference too.
When both sides carry the same number with different units ("5 Prozent" vs
"5 percentage points", "50 Euro" vs "50 dollars") the unit is flagged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .. import anchors
from ..model import Finding, Severity
from .base import CheckContext


def _fmt(value: float) -> str:
    return f"{value:,.10g}" if abs(value) >= 10000 else f"{value:g}"


def _cancel_alternative_readings(
    only_a: Counter[float], only_b: Counter[float], a: list[anchors.Amount], b: list[anchors.Amount]
) -> None:
    """ "1,500" is 1500 in English and 1.5 in German: a number that matches
    the other side only in its other reading is not a difference."""
    for mine, theirs_only, mine_only in ((a, only_b, only_a), (b, only_a, only_b)):
        for amount in mine:
            if amount.alt is not None and mine_only[amount.value] and theirs_only[amount.alt]:
                mine_only[amount.value] -= 1
                theirs_only[amount.alt] -= 1


class NumbersCheck:
    name = "numbers"
    severity = Severity.ERROR
    description = "A number, amount, unit or percentage differs between the two sides of an aligned pair."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for pair in ctx.aligned_pairs():
            doc_a = ctx.documents[pair.alignment.source]
            doc_b = ctx.documents[pair.alignment.target]
            text_a, text_b = pair.source_text, pair.target_text
            a = anchors.amounts(text_a, doc_a.lang)
            b = anchors.amounts(text_b, doc_b.lang)
            ca, cb = Counter(x.value for x in a), Counter(x.value for x in b)
            only_a, only_b = ca - cb, cb - ca
            _cancel_alternative_readings(only_a, only_b, a, b)
            for words, only in (
                (anchors.number_words(text_b), only_a),
                (anchors.number_words(text_a), only_b),
            ):
                for value in words:
                    if only[value]:
                        only[value] -= 1
            src, tgt = sorted(only_a.elements()), sorted(only_b.elements())
            if src or tgt:
                yield ctx.pair_finding(
                    self.name,
                    self.severity,
                    f"Numbers differ: {ctx.only_in(pair, list(map(_fmt, src)), list(map(_fmt, tgt)))}.",
                    pair,
                    evidence={"source": src, "target": tgt},
                )
            for value in sorted(set(ca) & set(cb)):
                ua = {x.unit for x in a if x.value == value and x.unit}
                ub = {x.unit for x in b if x.value == value and x.unit}
                if ua and ub and not ua & ub:
                    yield ctx.pair_finding(
                        self.name,
                        self.severity,
                        f"The unit of {_fmt(value)} differs: {', '.join(sorted(ua))} in {doc_a.name}, "
                        f"{', '.join(sorted(ub))} in {doc_b.name}.",
                        pair,
                        evidence={"value": value, "source_unit": sorted(ua), "target_unit": sorted(ub)},
                    )
