"""Dates, months and weekdays inside aligned pairs, across languages.

"24. Oktober 2024" = "October 24, 2024" = "2024-10-24" = "24.10.2024";
"Montag" = "Monday"; "im Oktober" = "in October". Month and weekday names
come from Babel's CLDR data for every language in
:data:`translator.lexicon.anchors.DATE_LANGS`, the date grammar from
:func:`translator.lexicon.anchors.dates`. (dateparser was measured and rejected:
7-20 ms a sentence, it missed "24. Oktober 2024" in German text and fills
missing parts with today's date, which would make reports depend on the
day they are run.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..lexicon import anchors, cldr
from ..model import Finding, Severity
from .base import CheckContext


def _day_name(number: int) -> str:
    return str(cldr.days("en")[number])


class DatesCheck:
    name = "dates"
    severity = Severity.ERROR
    description = "A date, month or weekday differs between the two sides of an aligned pair."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for pair in ctx.aligned_pairs():
            text_a, text_b = pair.source_text, pair.target_text
            da = Counter(str(d) for _, _, d in anchors.dates(text_a))
            db = Counter(str(d) for _, _, d in anchors.dates(text_b))
            wa = Counter(_day_name(d) for _, _, d in anchors.weekdays(text_a))
            wb = Counter(_day_name(d) for _, _, d in anchors.weekdays(text_b))
            only_a = sorted(((da - db) + (wa - wb)).elements())
            only_b = sorted(((db - da) + (wb - wa)).elements())
            if not only_a and not only_b:
                continue
            yield ctx.pair_finding(
                self.name,
                ctx.changed_or_one_sided(self.severity, only_a, only_b),
                f"Dates differ: {ctx.only_in(pair, only_a, only_b)}.",
                pair,
                evidence={"source": only_a, "target": only_b},
            )
