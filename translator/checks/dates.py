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

import re
from collections import Counter
from collections.abc import Iterator

from ..lexicon import anchors, cldr
from ..model import Finding, Severity
from .base import CheckContext
from .wording import value_severity


def _day_name(number: int) -> str:
    return str(cldr.days("en")[number])


_DAY_NUMBERS = {_day_name(d): d for d in range(7)}


#: "the night before Sunday", "in der Nacht zum/auf Sonntag", "la nuit de
#: samedi à dimanche": the night that is also the evening before's
_NIGHT_BEFORE = re.compile(
    r"(?:night (?:before|to|into)|overnight (?:to|into)|Nacht (?:zum|zu|auf)|nuit (?:de \w+ )?à)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _nights(text: str) -> Counter[str]:
    """The weekdays ``text`` names as the morning a night leads to."""
    return Counter(
        _day_name(day)
        for start, _, day in anchors.weekdays(text)
        if _NIGHT_BEFORE.search(text[max(0, start - 40) : start])
    )


def _read_nights(text: str, other: str, mine: Counter[str], theirs: Counter[str]) -> None:
    """A night named by the morning it leads to ("in der Nacht zum
    Sonntag", "the night before Sunday") is the night of the day before
    ("Saturday night"): when the other side names that day instead, and
    not as a morning of its own, the two agree."""
    plain = theirs - _nights(other)
    for named, n in _nights(text).items():
        day = _DAY_NUMBERS[named]
        before = _day_name((day - 1) % 7)
        for _ in range(n):
            if mine[named] > theirs[named] and plain[before] > mine[before]:
                mine[named] -= 1
                mine[before] += 1
                plain[before] -= 1


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
            _read_nights(text_a, text_b, wa, wb)
            _read_nights(text_b, text_a, wb, wa)
            only_a = sorted(((da - db) + (wa - wb)).elements())
            only_b = sorted(((db - da) + (wb - wa)).elements())
            if not only_a and not only_b:
                continue
            yield ctx.pair_finding(
                self.name,
                value_severity(ctx, pair, self.severity, only_a, only_b),
                f"Dates differ: {ctx.only_in(pair, only_a, only_b)}.",
                pair,
                evidence={"source": only_a, "target": only_b},
            )
