"""Numbers, amounts, units, money and percentages inside aligned pairs.

Locale-aware: "2,000" = "2.000" = "2000", "7,35" = "7.35"; scale words are
applied per language ("2,5 Millionen" = "2.5 million"; German "Billion" is
an English trillion); a digit on one side and the number word on the other
("zwei Meter" / "2 metres") is no difference. Numbers inside dates are left
to the dates check, so "24. Oktober" and "October 24" are compared as dates,
not as a stray 24. A number present on one side only is a difference too.
When both sides carry the same number with different units ("5 Prozent" vs
"5 percentage points", "50 Euro" vs "50 dollars") the unit is flagged: a
changed currency is a difference.

Numbers written as words count like digits (text2num: "Sixty-two",
"eine Million", "dix-huit heures"). Clock times are compared as times of
day on the 12- and 24-hour clock alike ("15 Uhr" = "3 pm", "12.30 Uhr" =
"12:30"); a time on one side matches a bare hour on the other ("at 3").
An imperial amount and its metric conversion are one amount (550 acres /
220 Hektar, 30,000 acres / 120 km², 90 degrees Fahrenheit / über 30 Grad),
rounded as writers round; an amount given in two units on one side
("161 feet (49 meters)") matches either on the other. A season or range
of years ("2017/18" = "2017/2018"), a mixed fraction ("3 1/2" = "3½") and
the shared scale of a range ("3 bis 8 Millionen Pfund" = "£3million and
£8million") are read as writers mean them; Indian English counts in lakh
and crore. A value changed is an error; a value on one side only (an
omission or an explicitation) a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..lexicon import anchors
from ..model import Finding, Severity
from .base import AlignedPair, CheckContext
from .names import NOUN_CAPITALISING
from .wording import value_severity


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


def _cancel_conversions(
    only_a: Counter[float], only_b: Counter[float], a: list[anchors.Amount], b: list[anchors.Amount]
) -> None:
    """An imperial amount and its metric conversion ("550-acre park" /
    "220 Hektar") are one amount, not two differences."""
    for x in a:
        if not only_a[x.value] or x.unit is None:
            continue
        for y in b:
            if only_b[y.value] and anchors.converts(x.value, x.unit, y.value, y.unit):
                only_a[x.value] -= 1
                only_b[y.value] -= 1
                break


def _cancel_given_twice(only: Counter[float], mine: list[anchors.Amount], theirs: Counter[float]) -> None:
    """An amount given in two units on one side ("161 feet (49 meters)")
    whose other unit the other side has ("49 Meter") is given, not lost:
    translators keep one of the two."""
    for x in mine:
        if not only[x.value] or x.unit is None:
            continue
        if any(
            y is not x and y.unit and theirs[y.value] and anchors.converts(x.value, x.unit, y.value, y.unit)
            for y in mine
        ):
            only[x.value] -= 1


def _amounts(text: str, lang: str | None) -> tuple[list[anchors.Amount], Counter[float]]:
    """Amounts of ``text`` with numbers written as words read as numbers,
    and the values that only words gave (they match the other side's
    digits and carry units, but are never reported as a difference on their
    own: "drei Komma zwei" in a quote may be a manner of speaking).

    "one" turned into 1 is left out: it is an article or a pronoun as often
    as a number ("no one", "one of them")."""
    raw = Counter(a.value for a in anchors.amounts(text, lang))
    spelled = [
        a
        for a in anchors.amounts(anchors.spelled_out(text, lang), lang)
        if a.value != 1 or a.unit or raw[a.value]
    ]
    return spelled, Counter(a.value for a in spelled) - raw


def _times(text: str, lang: str | None) -> Counter[int]:
    return Counter(minutes for _, _, minutes in anchors.times(anchors.spelled_out(text, lang), lang))


def _cancel_bare_hours(times_only: Counter[int], numbers_only: Counter[float]) -> None:
    """A time on one side and its bare hour on the other ("um 15 Uhr" /
    "at 3") are the same."""
    for minutes in list(times_only.elements()):
        if minutes % 60:
            continue
        for hour in (minutes // 60, (minutes // 60) % 12 or 12):
            if numbers_only[float(hour)]:
                numbers_only[float(hour)] -= 1
                times_only[minutes] -= 1
                break


def _cancel_years_of_dates(only: Counter[float], other_text: str, other_lang: str | None) -> None:
    """A year on one side and a date with that year on the other ("in
    2019" / "im April 2019") is the same year; the month the dates check
    compares."""
    for _, _, date in anchors.dates(other_text, other_lang):
        if date.year and only[float(date.year)]:
            only[float(date.year)] -= 1


#: a number that is part of a name: glued to a word by a hyphen
#: ("Covid-19", "F-35") or after a single capital letter (the roads "A 81",
#: "B 27")
_NAME_NUMBER = re.compile(r"(?:[^\W\d_]{2,}-|(?<![\w.])[A-Z]\s?)(?P<n>\d+)(?![\d.,]\d)")


#: in a language that capitalises names only, a number after a capitalised
#: word inside a sentence names something too ("a bit of a Catch 22",
#: "Apollo 11", "Division 2"); German capitalises every noun ("Seite 5")
_TITLE_NUMBER = re.compile(r"(?<=[^\W\d_,;:.!?] )[A-Z][a-z]+\s(?P<n>\d+)(?![\d.,]\d|\s?%)")


def _drop_name_numbers(only: Counter[float], text: str, lang: str | None) -> None:
    patterns = [_NAME_NUMBER] if lang in NOUN_CAPITALISING else [_NAME_NUMBER, _TITLE_NUMBER]
    for pattern in patterns:
        for m in pattern.finditer(text):
            value = float(m["n"])
            if only[value]:
                only[value] -= 1


class NumbersCheck:
    name = "numbers"
    severity = Severity.ERROR
    description = "A number, amount, unit or percentage differs between the two sides of an aligned pair."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for pair in ctx.aligned_pairs():
            doc_a = ctx.documents[pair.alignment.source]
            doc_b = ctx.documents[pair.alignment.target]
            text_a, text_b = pair.source_text, pair.target_text
            a, words_a = _amounts(text_a, doc_a.lang)
            b, words_b = _amounts(text_b, doc_b.lang)
            ca, cb = Counter(x.value for x in a), Counter(x.value for x in b)
            # a value both sides give in words ("two penalties" / "two of
            # which") is matched word to word: then a digit left over
            # ("1:2" / "1:1") is a difference, not the words
            only_a, only_b = ca - cb - (words_a - words_b), cb - ca - (words_b - words_a)
            ta, tb = _times(text_a, doc_a.lang), _times(text_b, doc_b.lang)
            times_a, times_b = ta - tb, tb - ta
            if only_a or only_b or times_a or times_b:
                # with nothing on one side only, every cancelling step
                # below is a no-op and no difference can be reported: only
                # a change of unit is left to look for
                yield from self._differences(
                    ctx, pair, (a, b), (ca, cb), (words_a, words_b), (only_a, only_b), (times_a, times_b)
                )
            # one finding per change of unit in a pair: "5 - 10 Hektar auf
            # 250 Hektar" for acres is one slip, not three
            changed: dict[tuple[tuple[str, ...], tuple[str, ...]], list[float]] = {}
            for value in sorted(set(ca) & set(cb)):
                ua = {x.unit for x in a if x.value == value and x.unit}
                ub = {x.unit for x in b if x.value == value and x.unit}
                if ua and ub and not any(anchors.same_unit(x, y) for x in ua for y in ub):
                    changed.setdefault((tuple(sorted(ua)), tuple(sorted(ub))), []).append(value)
            for (ua_, ub_), values in changed.items():
                evidence: dict[str, object] = {
                    "value": values[0],
                    "source_unit": list(ua_),
                    "target_unit": list(ub_),
                }
                if len(values) > 1:
                    evidence["values"] = values
                yield ctx.pair_finding(
                    self.name,
                    self.severity,
                    f"The unit of {', '.join(map(anchors.number_text, values))} differs: {', '.join(ua_)} in {doc_a.name}, "
                    f"{', '.join(ub_)} in {doc_b.name}.",
                    pair,
                    evidence=evidence,
                )

    def _differences(
        self,
        ctx: CheckContext,
        pair: AlignedPair,
        amounts: tuple[list[anchors.Amount], list[anchors.Amount]],
        counts: tuple[Counter[float], Counter[float]],
        words: tuple[Counter[float], Counter[float]],
        only: tuple[Counter[float], Counter[float]],
        times: tuple[Counter[int], Counter[int]],
    ) -> Iterator[Finding]:
        """The values and times of a pair on one side only, less what
        another reading of them accounts for, as findings."""
        a, b = amounts
        ca, cb = counts
        words_a, words_b = words
        only_a, only_b = only
        times_a, times_b = times
        doc_a = ctx.documents[pair.alignment.source]
        doc_b = ctx.documents[pair.alignment.target]
        text_a, text_b = pair.source_text, pair.target_text
        # a conversion (units on both sides) is stronger evidence than
        # the other locale's reading of a thousands group
        _cancel_conversions(only_a, only_b, a, b)
        _cancel_alternative_readings(only_a, only_b, a, b)
        _cancel_given_twice(only_a, a, cb)
        _cancel_given_twice(only_b, b, ca)
        _cancel_bare_hours(times_a, only_b)
        _cancel_bare_hours(times_b, only_a)
        # a digit against a number word ("2 goals" / "two goals"); a word
        # both sides say ("two penalties" / "two of which") is matched word
        # to word and stands for no digit
        said_a, said_b = Counter(anchors.number_words(text_a)), Counter(anchors.number_words(text_b))
        for said, left in ((said_b - said_a, only_a), (said_a - said_b, only_b)):
            for value in said.elements():
                if left[value]:
                    left[value] -= 1
        _cancel_years_of_dates(only_a, text_b, doc_b.lang)
        _cancel_years_of_dates(only_b, text_a, doc_a.lang)
        if not +only_a or not +only_b:
            # on one side only: a number inside a name (Covid-19, the
            # road A 81 / A81) is the name's, not an amount left out
            _drop_name_numbers(only_a, text_a, doc_a.lang)
            _drop_name_numbers(only_b, text_b, doc_b.lang)
        src, tgt = sorted(only_a.elements()), sorted(only_b.elements())
        if +times_a or +times_b:
            when_a = [anchors.format_time(t) for t in sorted(times_a.elements())]
            when_b = [anchors.format_time(t) for t in sorted(times_b.elements())]
            yield ctx.pair_finding(
                self.name,
                value_severity(ctx, pair, self.severity, when_a, when_b),
                f"Times differ: {ctx.only_in(pair, when_a, when_b)}.",
                pair,
                evidence={"source_times": when_a, "target_times": when_b},
            )
        if src or tgt:
            yield ctx.pair_finding(
                self.name,
                value_severity(
                    ctx,
                    pair,
                    self.severity,
                    src,
                    tgt,
                    unmatched_words=bool(+(words_a - cb) if tgt else +(words_b - ca)),
                ),
                f"Numbers differ: {ctx.only_in(pair, list(map(anchors.number_text, src)), list(map(anchors.number_text, tgt)))}.",
                pair,
                evidence={"source": src, "target": tgt},
            )
