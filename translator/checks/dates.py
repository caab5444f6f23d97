"""Dates, months and weekdays inside aligned pairs, across languages.

"24. Oktober 2024" = "October 24, 2024" = "2024-10-24" = "24.10.2024";
"Montag" = "Monday"; "im Oktober" = "in October"; "in der Nacht zum
Sonntag" = "Saturday night". Month names are read in each document's own
language (German "Mars" is the planet). Month and weekday names
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
from .base import AlignedPair, CheckContext
from .wording import value_severity


def _day_name(number: int) -> str:
    return str(cldr.days("en")[number])


def _plain_days(text: str, days: Counter[str]) -> Counter[str]:
    """``days`` less the weekdays ``text`` names as a night's morning."""
    return days - Counter(_day_name(d) for d in anchors.nights(text))


def _cancel_nights(
    nights: list[int], mine_only: Counter[str], theirs: Counter[str], theirs_only: Counter[str]
) -> None:
    """A night named by its morning on one side ("in der Nacht zum Sonntag")
    and by its evening on the other ("Saturday night") is one night: the
    morning's weekday matches the day before it on the other side, when
    that side names the day plainly ("the night before Saturday" against
    "the night before Sunday" stays a change). ``theirs`` is the other
    side's plainly named days."""
    for day in nights:
        morning, evening = _day_name(day), _day_name((day - 1) % 7)
        if mine_only[morning] and theirs[evening]:
            theirs[evening] -= 1
            mine_only[morning] -= 1
            if theirs_only[evening]:
                theirs_only[evening] -= 1


#: how many aligned pairs before and after a pair a translator may move a
#: date or weekday to (a sentence split or rebuilt around it)
_NEAR = 2


def _neighbours(pairs: list[AlignedPair], k: int) -> tuple[str, str]:
    """The two sides' text of the pairs around pair ``k`` of the same
    alignment (itself left out)."""
    me = pairs[k]
    near = [
        p
        for p in pairs[max(0, k - _NEAR) : k + _NEAR + 1]
        if p is not me and p.alignment_index == me.alignment_index
    ]
    return " ".join(p.source_text for p in near), " ".join(p.target_text for p in near)


def _values(text: str, lang: str | None) -> set[str]:
    return {str(d) for _, _, d in anchors.dates(text, lang)} | {
        _day_name(d) for _, _, d in anchors.weekdays(text)
    }


def _not_moved(
    only_a: list[str], only_b: list[str], near: tuple[str, str], lang_a: str | None, lang_b: str | None
) -> tuple[list[str], list[str]]:
    """Across languages, a date or weekday on one side only that the other
    side has in a neighbouring sentence was moved there, not left out:
    translators rebuild sentences around "am Samstag" (cross-language
    pairs only; a date changed is kept whatever the neighbours say)."""
    near_a, near_b = _values(near[0], lang_a), _values(near[1], lang_b)
    return [v for v in only_a if v not in near_b], [v for v in only_b if v not in near_a]


class DatesCheck:
    name = "dates"
    severity = Severity.ERROR
    description = "A date, month or weekday differs between the two sides of an aligned pair."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        pairs = list(ctx.aligned_pairs())
        for k, pair in enumerate(pairs):
            text_a, text_b = pair.source_text, pair.target_text
            lang_a = ctx.documents[pair.alignment.source].lang
            lang_b = ctx.documents[pair.alignment.target].lang
            da = Counter(str(d) for _, _, d in anchors.dates(text_a, lang_a))
            db = Counter(str(d) for _, _, d in anchors.dates(text_b, lang_b))
            wa = Counter(_day_name(d) for _, _, d in anchors.weekdays(text_a))
            wb = Counter(_day_name(d) for _, _, d in anchors.weekdays(text_b))
            days_a, days_b = wa - wb, wb - wa
            # each call changes nothing when its side names no weekday the
            # other lacks (the common case): the nights are not looked for
            if days_a:
                _cancel_nights(anchors.nights(text_a), days_a, _plain_days(text_b, wb), days_b)
            if days_b:
                _cancel_nights(anchors.nights(text_b), days_b, _plain_days(text_a, wa), days_a)
            only_a = sorted(((da - db) + days_a).elements())
            only_b = sorted(((db - da) + days_b).elements())
            if lang_a != lang_b and bool(only_a) != bool(only_b):
                only_a, only_b = _not_moved(only_a, only_b, _neighbours(pairs, k), lang_a, lang_b)
            if not only_a and not only_b:
                continue
            yield ctx.pair_finding(
                self.name,
                value_severity(ctx, pair, self.severity, only_a, only_b),
                f"Dates differ: {ctx.only_in(pair, only_a, only_b)}.",
                pair,
                evidence={"source": only_a, "target": only_b},
            )
