"""Language-independent anchors shared by the aligner and the checks.

Numbers are normalised across locales so that "2,000", "2.000", "2 000" and
"2000" compare equal, and "7,35" (German) equals "7.35" (English). A group of
exactly three digits after a separator is read as a thousands group in every
locale; any other separator is a decimal mark.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from ..ingest.languages import primary_language
from .wordlists import common_words

_NUMBER = re.compile(r"(?<![\w.,])[-−]?(?:\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+|\d+)(?:[.,]\d+)?(?![\d])")
_NAME = re.compile(r"\b[A-ZÄÖÜÀ-ÖØ-Þ][\w'’-]*[\w]")
_QUOTED = re.compile(r"[\"“”„«»‹›‚‘’]([^\"“”„«»‹›‚‘’]{3,})[\"“”„«»‹›‚‘’]")


def parse_number(token: str) -> float | None:
    """Parse one number token written in any common locale."""
    t = token.replace("−", "-").strip()
    neg = t.startswith("-")
    t = t.lstrip("-")
    m = re.fullmatch(r"(\d{1,3}(?:([.,\u00a0\u202f' ])\d{3})+)(?:([.,])(\d+))?", t)
    if m and not (m.group(3) and m.group(3) == m.group(2)):
        whole = re.sub(r"\D", "", m.group(1))
        frac = m.group(4) or ""
        value = float(f"{whole}.{frac}" if frac else whole)
    else:
        m2 = re.fullmatch(r"(\d+)(?:[.,](\d+))?", t)
        if not m2:
            return None
        value = float(f"{m2.group(1)}.{m2.group(2)}" if m2.group(2) else m2.group(1))
    return -value if neg else value


def number_text(value: float) -> str:
    """A number as a message shows it: no trailing ``.0``, thousands
    grouped from 10,000, and never in exponent notation ("3e+12" is no way
    to tell a reader that a trillion became a billion)."""
    if abs(value) < 10000:
        return f"{value:g}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.15g}"


def numbers(text: str) -> list[float]:
    """All numbers in ``text``, normalised (see module docstring)."""
    out = []
    for match in _NUMBER.finditer(text):
        value = parse_number(match.group(0))
        if value is not None:
            out.append(value)
    return out


#: "No.1", "Nr.3": the abbreviation's dot is no decimal mark
_NUMERO = re.compile(r"(?<![^\W\d_])(?:No|no|Nr|nr|Nº)\.(?=\d)")


def number_spans(text: str) -> list[tuple[int, int, float]]:
    """``(start, end, value)`` of every number (see :func:`numbers`); a
    currency written onto an amount ("N585 million") does not hide it."""
    out = []
    masked = _GLUED_CURRENCY.sub(lambda m: " " * len(m.group(0)), text)
    masked = _NUMERO.sub(lambda m: m.group(0)[:-1] + " ", masked)
    for match in _NUMBER.finditer(masked):
        value = parse_number(match.group(0))
        if value is not None:
            out.append((match.start(), match.end(), value))
    return out


def names(text: str) -> list[str]:
    """Capitalised words that are not sentence-initial: likely proper nouns."""
    found = []
    for match in _NAME.finditer(text):
        start = match.start()
        before = text[:start].rstrip()
        if not before or before[-1] in '.!?:"“„«»':
            continue
        found.append(match.group(0))
    return found


def quotes(text: str) -> list[str]:
    return [m.group(1).strip() for m in _QUOTED.finditer(text)]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form for fuzzy matching.

    Memoised: the duplicates check folds every sentence twice (fuzzy and
    contained repeats) and the names check every candidate word."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


# --- dates, weekdays and month names (locale data from Babel / CLDR) -------

#: languages whose month and weekday names are always recognised
DATE_LANGS = ("de", "en", "fr", "es", "it", "nl", "pt", "pl")


@dataclass(frozen=True, order=True)
class DateValue:
    """A calendar date, any part of which may be unknown (None)."""

    year: int | None
    month: int | None
    day: int | None

    def __str__(self) -> str:
        """ISO 8601 where complete ("2024-10-24"), else readable ("24 October")."""
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        from .cldr import months

        parts = [str(self.day)] if self.day else []
        if self.month:
            parts.append(str(months("en")[self.month]))
        if self.year:
            parts.append(str(self.year))
        return " ".join(parts)


@lru_cache(maxsize=1 << 16)
def _fold_name(name: str) -> str:
    # memoised: month and weekday matching folds every word of every
    # sentence, from the aligner and several checks (1.1 million calls on a
    # 10,000-sentence pair), and a document has a few thousand distinct words
    return fold(name).rstrip(".")


@cache
def _calendar_names() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Month and weekday names (wide and abbreviated) of :data:`DATE_LANGS`,
    folded, mapped to 1-12 and 0-6 (Monday = 0). Abbreviations shorter than
    three letters are left out: "Di" or "Ma" would match ordinary words."""
    from . import cldr

    months: dict[str, int] = {}
    wide_months: dict[str, int] = {}
    days: dict[str, int] = {}
    for lang in DATE_LANGS:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in cldr.months(lang, width, context).items():
                    key = _fold_name(name)
                    if len(key) >= 3:
                        months.setdefault(key, number)
                        if width == "wide":
                            wide_months.setdefault(key, number)
                for number, name in cldr.days(lang, width, context).items():
                    key = _fold_name(name)
                    if len(key) >= 3 and width == "wide":
                        days.setdefault(key, number)
    # English writes "Sept" too; "may" is also a common English verb, and
    # "mar"/"mai"/"jan" are words or names in some language: they count only
    # next to a day or a year (see :func:`dates`).
    months.setdefault("sept", 9)
    return months, wide_months, days


@cache
def _calendar_names_of(lang: str | None) -> tuple[dict[str, int], dict[str, int]]:
    """Month names (all, and wide only) of ``lang`` alone, for text whose
    language is known: French and German "Mars" is the planet, not March,
    and "Marsch" no month at all. Every language's when ``lang`` is None or
    not one of :data:`DATE_LANGS`."""
    months, wide, _ = _calendar_names()
    if lang not in DATE_LANGS:
        return months, wide
    # Babel's names, from the table :func:`_calendar_names` read (importing
    # Babel and its locale data is about 0.06 CPU-s)
    from . import cldr

    own: dict[str, int] = {}
    own_wide: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in cldr.months(lang, width, context).items():
                key = _fold_name(name)
                if len(key) >= 3:
                    own.setdefault(key, number)
                    if width == "wide":
                        own_wide.setdefault(key, number)
    if lang == "en":
        own.setdefault("sept", 9)
    return own, own_wide


#: languages that write the month before the day ("October 24")
_MONTH_FIRST = {None, "en"}
#: words before a bare English month name that make it a month: "March" is
#: also a verb ("Thousands March Through City"), "August" an adjective
_MONTH_CUES = frozenset(
    "in since until till by from last next this early late mid of through before after during "
    "end beginning between and to or on".split()
)

_MONTH_WORD = r"[^\W\d_]{3,}\.?"
_DAY = r"(?P<{n}>[0-3]?\d)(?:\.|er|st|nd|rd|th|º|°)?"
_YEAR = r"(?P<{n}>(?:1[5-9]|20|21)\d\d)"
_DATE_PATTERNS = [
    # 2024-10-24
    re.compile(r"(?<![\d.])" + _YEAR.format(n="y") + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    # 24.10.2024 (day first: how every language that writes dots does it)
    re.compile(r"(?<![\d.,])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:1[5-9]|20|21)\d\d)(?!\d)"),
    # 24. Oktober 2024, 24 October 2024, 24 de octubre de 2024, 1er janvier, the 19th of July
    re.compile(
        r"(?<![\w.,])"
        + _DAY.format(n="d")
        + r"\s*(?:de\s+|of\s+)?(?P<mn>"
        + _MONTH_WORD
        + r")(?:,?\s*(?:de\s+|del\s+)?"
        + _YEAR.format(n="y")
        + r")?(?!\w)",
        re.IGNORECASE,
    ),
    # October 24, 2024 / October 24th / Monday, October 24
    re.compile(
        r"(?<!\w)(?P<mn>"
        + _MONTH_WORD
        + r")\s+"
        + _DAY.format(n="d")
        + r"(?!\d)(?:,?\s+"
        + _YEAR.format(n="y")
        + r")?(?![\w])",
        re.IGNORECASE,
    ),
    # October 2024, im Oktober 2024
    re.compile(
        r"(?<!\w)(?P<mn>" + _MONTH_WORD + r")\s+(?:de\s+)?" + _YEAR.format(n="y") + r"(?!\d)", re.IGNORECASE
    ),
]
#: the index of the month-first pattern ("October 24") in _DATE_PATTERNS
_MONTH_DAY = 3
_RANGE_WORD = r"\s*(?:und|and|bis|to|or|oder|et|au|y|al|e|-|–)\s*"
_RANGE_BEFORE = re.compile(r"(?<![\w.,])(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th)?" + _RANGE_WORD + r"(?:the\s+)?$")
_RANGE_AFTER = re.compile(_RANGE_WORD + r"(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d.,]\d|\w)")
#: English words that are month names only when capitalised
_LOWERCASE_WORDS = {"march", "august"}
_AMBIGUOUS_MONTHS = {"may", "mar", "mai", "jan", "set", "sol"}
_WORD_TOKEN = re.compile(r"[^\W\d_]+\.?")


#: languages that write a weekday or month into a compound noun
#: ("Freitagabend", "Samstagsausgabe", "Januarwoche", "zaterdagavond")
COMPOUNDING_LANGS = ("de", "nl")
_COMPOUND_PART = 1e-6


@cache
def _compound_part(rest: str) -> bool:
    """Whether ``rest`` is a word of a compounding language on its own
    (wordfreq frequency of at least :data:`_COMPOUND_PART` in one of them).

    A plain lower-case word is looked up in the languages' common-word sets
    (:func:`~translator.lexicon.wordlists.common_words`, read back from
    JSON); anything else asks wordfreq, which reads its lists (0.4 CPU-s a
    language, a fifth of aligning seven documents in one process)."""
    if len(rest) < 4:
        return False
    if rest.isascii() and rest.isalpha() and rest.islower():
        sets = [common_words(lang, _COMPOUND_PART) for lang in COMPOUNDING_LANGS]
        if all(words is not None for words in sets):
            return any(rest in words for words in sets)
    from wordfreq import word_frequency

    return any(word_frequency(rest, lang) >= _COMPOUND_PART for lang in COMPOUNDING_LANGS)


@cache
def calendar_compound(word: str) -> tuple[str, int] | None:
    """``("day", 0-6)`` or ``("month", 1-12)`` for a compound noun that
    starts with a full weekday or month name followed by a word of its own,
    with or without a linking "s": "Freitagabend" is a Friday,
    "Samstagsausgabe" a Saturday, "Januarwoche" a January. Names of five
    letters or more only ("Mai" starts too many words), and the rest must be
    a word ("Junior", "Augustinus" are not compounds)."""
    if not word[:1].isupper():
        return None
    key = fold(word)
    for name, kind, number in _compound_heads().get(key[:5], ()):
        if key.startswith(name) and len(key) > len(name):
            rest = key[len(name) :]
            if _compound_part(rest) or (rest[0] == "s" and _compound_part(rest[1:])):
                return kind, number
    return None


@cache
def _compound_heads() -> dict[str, tuple[tuple[str, str, int], ...]]:
    """The weekday and wide month names of five letters or more that
    :func:`calendar_compound` tries, grouped by their first five letters
    (a word can only start with a name that shares them), each group in
    the order of trying: weekdays before months, as the tables list them.
    Trying every name of every language on each capitalised word was a
    seventh of a German-French alignment's time."""
    _, wide, days = _calendar_names()
    heads: dict[str, list[tuple[str, str, int]]] = {}
    for table, kind in ((days, "day"), (wide, "month")):
        for name, number in table.items():
            if len(name) >= 5:
                heads.setdefault(name[:5], []).append((name, kind, number))
    return {head: tuple(names) for head, names in heads.items()}


def _function_word_abbreviation(word: str, wide: dict[str, int]) -> bool:
    """A month abbreviation without its dot that is a function word of a
    language: "Sie 2 m", "sie 1820" are the German pronoun (Polish "sie" =
    August), not a date; "Oct 24" stays a date."""
    from .wordlists import function_words

    key = _fold_name(word)
    if key in wide or "." in word:
        return False
    return any(key in function_words(lang) for lang in ("de", "en", "fr", "es", "it", "nl", "pt"))


def is_calendar_word(word: str) -> bool:
    """Whether ``word`` is a month or weekday name (wide or abbreviated, in
    any of :data:`DATE_LANGS`, case- and accent-folded), or a compound noun
    made on one (:func:`calendar_compound`)."""
    months, _, days = _calendar_names()
    key = _fold_name(word)
    return key in months or key in days or calendar_compound(word) is not None


def dates(text: str, lang: str | None = None) -> list[tuple[int, int, DateValue]]:
    """Calendar dates in ``text`` in any of the usual European forms, as
    ``(start, end, value)``: "24. Oktober 2024" = "October 24, 2024" =
    "2024-10-24" = "24.10.2024". A month name on its own ("im Oktober")
    is a date with only the month. Weekday names are in :func:`weekdays`.

    With the text's language ``lang``, a month without a day number is
    named in that language only (any language's next to a day: "am 26. July
    1999"), the month comes before the day only where the language writes it
    so ("seit März 21 Menschen" is March and 21 people, "since March 21"
    a date), and an English "March" or "August" without a day or a year is
    a month in a title-case headline only after a word that introduces one
    ("Thousands March Through City" is a verb; "in March" a month). Without
    it every language's forms count.

    Memoised per text (the dates check and :func:`amounts` both ask for
    every sentence); each caller gets its own list."""
    return list(_dates(text, lang))


@lru_cache(maxsize=1 << 16)
def _dates(text: str, lang: str | None = None) -> tuple[tuple[int, int, DateValue], ...]:
    if lang not in DATE_LANGS:
        lang = None
    months, wide = _calendar_names_of(lang)
    every_month = _calendar_names()[0]
    found: list[tuple[int, int, DateValue]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for k, pattern in enumerate(_DATE_PATTERNS):
        if k == _MONTH_DAY and lang not in _MONTH_FIRST:
            continue
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            groups = m.groupdict()
            if groups.get("mn") is not None:
                # next to a day number any language's month is one ("am 26.
                # July 1999" in German copy); a bare month or a month and a
                # year only in the text's language ("Mars 2020" is a probe)
                table = every_month if groups.get("d") is not None else months
                month = table.get(_fold_name(groups["mn"]))
                if month is None:
                    continue
                if _function_word_abbreviation(groups["mn"], wide):
                    continue
            else:
                month = int(groups["m"])
            day = int(groups["d"]) if groups.get("d") else None
            year = int(groups["y"]) if groups.get("y") else None
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            found.append((m.start(), m.end(), DateValue(year, month, day)))
            taken.append((m.start(), m.end()))
            if day is not None and groups.get("mn") is not None:
                # a range or pair of days sharing the month: "11. und 14.
                # September", "September 11 and 14", "the 11th to 14th of May"
                partner = _RANGE_BEFORE.search(text, 0, m.start()) or _RANGE_AFTER.match(text, m.end())
                if partner and partner.start() >= m.end() and _names_month(text, partner.end(), months):
                    partner = None  # "13. März bis 17. Juni": the 17th has a month of its own
                if partner and free(partner.start("d"), partner.end("d")) and 1 <= int(partner["d"]) <= 31:
                    found.append(
                        (partner.start("d"), partner.end("d"), DateValue(year, month, int(partner["d"])))
                    )
                    taken.append((partner.start("d"), partner.end("d")))
    if lang == "en":
        # "9/11": American month/day, a day past the 10th so that no
        # fraction or score (3/4, 9/10, 9/16-inch) reads as one
        for m in _US_MONTH_DAY.finditer(text):
            if free(m.start(), m.end()):
                found.append((m.start(), m.end(), DateValue(None, int(m["m"]), int(m["d"]))))
                taken.append((m.start(), m.end()))
    for m in [*_ORDINAL_DAY.finditer(text), *_MONTH_ORDINAL.finditer(text)]:
        # "am ersten November", "on the first of November"
        month = every_month.get(_fold_name(m["mn"]))
        word = m["o"].casefold()
        day = NUMBER_WORDS.get(word) or _GERMAN_ORDINALS.get(re.sub(r"(?:e|en|er|es|em)$", "", word))
        ambiguous = _fold_name(m["mn"]) in _AMBIGUOUS_MONTHS and not re.search(r"\sof\s", m.group(0))
        if month and day and not ambiguous and free(m.start(), m.end()):
            found.append((m.start(), m.end(), DateValue(None, month, day)))
            taken.append((m.start(), m.end()))
    for m in _WORD_TOKEN.finditer(text):
        key = _fold_name(m.group(0))
        # a month name on its own: full names only ("Sie" is a Polish abbreviation)
        if key in wide and key not in _AMBIGUOUS_MONTHS and free(m.start(), m.end()):
            if m.group(0).islower() and key in _LOWERCASE_WORDS:
                continue  # "they march", "an august body"
            if (
                lang == "en"
                and key in _LOWERCASE_WORDS
                and _title_case(text)
                and not _after_month_cue(text, m.start())
            ):
                continue  # "Thousands March Through City": in a headline every word is capitalised
            found.append((m.start(), m.end(), DateValue(None, wide[key], None)))
        elif key not in wide and free(m.start(), m.end()):
            compound = calendar_compound(m.group(0))
            if compound and compound[0] == "month":
                found.append((m.start(), m.end(), DateValue(None, compound[1], None)))
    return tuple(sorted(found))


_ORDINAL_DAY = re.compile(
    r"(?<!\w)(?P<o>(?:erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt|elft|zwölft)(?:e|en|er|es|em)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)"
    r"\s+(?:of\s+)?(?P<mn>" + _MONTH_WORD + r")(?!\w)",
    re.IGNORECASE,
)


_US_MONTH_DAY = re.compile(
    r"(?<![\d/.,])(?P<m>1[0-2]|[1-9])/(?P<d>1[1-9]|2\d|3[01])(?![\d/]|[.,]\d|-|\s?(?:in|mm|cm|km|kg|lb|g)\b)"
)
#: "on November first", "November the second": English puts the ordinal after
_MONTH_ORDINAL = re.compile(
    r"(?<!\w)(?P<mn>" + _MONTH_WORD + r")\s+(?:the\s+)?"
    r"(?P<o>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)(?!\w)",
    re.IGNORECASE,
)


def _names_month(text: str, at: int, months: dict[str, int]) -> bool:
    """Whether the word after ``at`` (past a dot and spaces) is a month name."""
    m = re.compile(r"\.?\s*(" + _MONTH_WORD + ")").match(text, at)
    return bool(m) and _fold_name(m.group(1)) in months


def _title_case(text: str) -> bool:
    """Whether ``text`` is written in title case (a headline): most of its
    words of four letters or more are capitalised."""
    words = [w for w in re.findall(r"[^\W\d_]{4,}", text)]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _after_month_cue(text: str, start: int) -> bool:
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 20) : start])
    return bool(before) and before[-1].casefold() in _MONTH_CUES


def weekdays(text: str) -> list[tuple[int, int, int]]:
    """Weekday names in any of :data:`DATE_LANGS` as ``(start, end, 0-6)``,
    also inside a compound ("Freitagabend", :func:`calendar_compound`)."""
    out = []
    for m in _WORD_TOKEN.finditer(text):
        day = _weekday_of(m.group(0))
        if day is not None:
            out.append((m.start(), m.end(), day))
    return out


@lru_cache(maxsize=1 << 16)
def _weekday_of(word: str) -> int | None:
    """The weekday (0-6) a word names, or None. Memoised per word: the
    dates check asks about every word of every sentence, and a document has
    a few thousand distinct words (the calendar tables never change)."""
    _, _, days = _calendar_names()
    key = _fold_name(word)
    if key in days:
        return days[key]
    if (day := _weekday_form(key, days)) is not None:
        # "samstags", "on Sundays", "Sonntage sind für …": the weekday, every week
        return day
    if (compound := calendar_compound(word)) and compound[0] == "day":
        return compound[1]
    return None


def _weekday_form(key: str, days: dict[str, int]) -> int | None:
    """The weekday of an adverb or plural form of its name (samstags,
    Sundays, Sonntage, Sonntagen, lundis)."""
    for end in ("s", "e", "en", "es"):
        stem = key[: -len(end)]
        if key.endswith(end) and stem in days and key not in _NOT_WEEKDAYS:
            return days[stem]
    return None


#: plural-looking words that are other words: German "Montage(n)" is an assembly
_NOT_WEEKDAYS = frozenset({"montage", "montagen"})


#: "in der Nacht zum Sonntag", "la nuit de samedi à dimanche", "overnight
#: into Sunday": a night named by the morning that ends it, which English
#: (and many translators) call by the evening that starts it: "Saturday night"
_NIGHT_INTO = re.compile(
    r"(?:\bNacht\s+(?:zum|zu|auf|auf\s+den)"
    r"|\bnuit\s+(?:de|du)\s+[^\W\d_]+\s+(?:à|au)"
    r"|\bnoche\s+del?\s+[^\W\d_]+\s+al?"
    r"|\b(?:overnight|night)\s+(?:into|to|before)(?:\s+the)?)\s+(?P<day>[^\W\d_]+)",
    re.IGNORECASE,
)


def nights(text: str) -> list[int]:
    """The weekdays (0-6) that end a night named by its morning ("Nacht zum
    Sonntag" gives 6): the same night as the day before's evening."""
    _, _, days = _calendar_names()
    out = []
    for m in _NIGHT_INTO.finditer(text):
        day = days.get(_fold_name(m.group("day")))
        if day is not None:
            out.append(day)
    return out


# --- amounts: numbers with scale words, units, currencies, percentages -----

#: scale words per language; German "Billion" is 10^12, English "billion" 10^9
_SCALES = {
    "thousand": 1e3, "tausend": 1e3, "tsd": 1e3, "mille": 1e3, "mil": 1e3, "mila": 1e3,
    "million": 1e6, "millions": 1e6, "mio": 1e6, "millionen": 1e6, "millón": 1e6, "millones": 1e6,
    "milione": 1e6, "milioni": 1e6, "mn": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9,
    "milliard": 1e9, "milliards": 1e9, "miliardo": 1e9, "miliardi": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12, "billionen": 1e12, "billón": 1e12,
    "billones": 1e12, "bilione": 1e12, "bilioni": 1e12,
    "miljoen": 1e6, "miljoenen": 1e6, "miljard": 1e9, "miljarden": 1e9, "biljoen": 1e12, "biljoenen": 1e12,
    "trillionen": 1e18, "trillón": 1e18, "trillones": 1e18,
    # Indian English: a lakh is 100,000, a crore 10 million ("14 lakh" = 1,4 Millionen)
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip
#: the long scale: German, French, Spanish, Italian and Dutch "billion" is a
#: thousand milliards (an English trillion), their "trillion" 10^18
_SCALE_BY_LANG = {
    "de": {"billion": 1e12, "trillion": 1e18},
    "fr": {"billion": 1e12, "billions": 1e12, "trillion": 1e18, "trillions": 1e18},
    "it": {"trilione": 1e18, "trilioni": 1e18},
    "nl": {"triljoen": 1e18},
}

#: unit words and symbols per canonical unit
_UNITS = {
    "%": ("%", "prozent", "percent", "per cent", "pour cent", "por ciento", "per cento", "pct"),
    "pp": ("prozentpunkte", "prozentpunkt", "percentage points", "percentage point", "points de pourcentage",
           "puntos porcentuales", "punti percentuali"),
    "EUR": ("€", "eur", "euro", "euros"),
    "USD": ("$", "us$", "usd", "dollar", "dollars", "dólares", "dollari", "us-dollar", "us dollar", "us-dollars",
            "us dollars", "dollaro"),
    "GBP": ("£", "gbp", "pfund", "pound", "pounds", "livres", "libras", "sterline", "pfund sterling",
            "pounds sterling", "sterling"),
    "CHF": ("chf", "franken", "swiss francs", "francs suisses", "schweizer franken"),
    "JPY": ("¥", "jpy", "yen"),
    "CNY": ("cny", "yuan", "renminbi", "rmb"),
    "INR": ("₹", "inr", "rupees", "rupies", "rupien", "roupies", "rupias"),
    "RUB": ("₽", "rub", "roubles", "rubles", "rubel", "roubles", "rublos"),
    "NGN": ("₦", "ngn", "naira"),
    "ZAR": ("zar", "rand"),
    "SEK": ("sek", "kronor", "swedish crowns", "schwedische kronen"),
    "NOK": ("nok", "norwegian kroner", "norwegische kronen"),
    "DKK": ("dkk", "danish kroner", "dänische kronen"),
    "PLN": ("pln", "zloty", "złoty", "zlotys", "złotych"),
    "TRY": ("try", "lira", "lire", "türkische lira", "turkish lira"),
    "HKD": ("hk$", "hkd"),
    "AUD": ("a$", "aud", "australian dollars", "australische dollar"),
    "CAD": ("c$", "cad", "canadian dollars", "kanadische dollar"),
    # German plural datives too ("in einer Tiefe von 25 Metern")
    "m": ("m", "meter", "metern", "metres", "meters", "metre", "mètres", "metros", "metri"),
    "km": ("km", "kilometer", "kilometern", "kilometres", "kilometers", "kilomètres", "kilómetros", "chilometri"),
    "cm": ("cm", "zentimeter", "zentimetern", "centimetres", "centimeters", "centimètres", "centímetros",
           "centimetri"),
    "kg": ("kg", "kilogramm", "kilograms", "kilogrammes", "kilos", "chili"),
    "t": ("tonnen", "tonnes", "tons", "toneladas", "tonnellate"),
    "l": ("l", "liter", "litres", "liters", "litros", "litri"),
    "°C": ("°c", "grad celsius", "degrees celsius", "degree celsius", "celsius", "degrés celsius"),
    "°F": ("°f", "grad fahrenheit", "degrees fahrenheit", "degree fahrenheit", "fahrenheit"),
    # degrees without a scale: Celsius in most copy, Fahrenheit in American
    "deg": ("grad", "degrees", "degree", "degrés", "grados", "gradi"),
    "km²": ("km²", "km2", "sq km", "quadratkilometer", "quadratkilometern", "square kilometres",
            "square kilometers", "square kilometre", "square kilometer"),
    "mi²": ("sq mi", "square miles", "square mile", "quadratmeilen"),
    "m²": ("m²", "m2", "sq m", "quadratmeter", "quadratmetern", "square metres", "square meters"),
    "ft²": ("sq ft", "square feet", "square foot"),
    "km/h": ("km/h", "stundenkilometer", "stundenkilometern", "kilometer pro stunde", "kilometern pro stunde",
             "kilometres per hour", "kilometers per hour", "kilomètres à l'heure", "kilomètres heure"),
    "mph": ("mph", "miles per hour"),
    "mi": ("miles", "mile", "meilen", "meile", "milles", "millas", "miglia"),
    "ha": ("ha", "hektar", "hectares", "hectare", "ettari"),
    "acre": ("acres", "acre"),
    "ft": ("ft", "feet", "foot", "fuß", "pieds", "pies", "piedi"),
    "lb": ("lb", "lbs"),
    "h": ("stunden", "hours", "heures", "horas", "ore"),
    "min": ("minuten", "minutes", "minutos", "minuti"),
}  # fmt: skip
# looked up casefolded ("Fuß" -> "fuss"), matched as written
_UNIT_OF = {
    key: unit for unit, aliases in _UNITS.items() for alias in aliases for key in {alias, alias.casefold()}
}
#: how many of the second unit one of the first is: an imperial amount and
#: its metric conversion are one amount ("550-acre park" / "220 Hektar")
CONVERSIONS = {
    ("acre", "ha"): 0.404686,
    ("acre", "km²"): 0.00404686,
    ("ha", "km²"): 0.01,
    ("mi²", "km²"): 2.589988,
    ("ft²", "m²"): 0.09290304,
    ("mi", "km"): 1.609344,
    ("ft", "m"): 0.3048,
    ("lb", "kg"): 0.453592,
    ("mph", "km/h"): 1.609344,
}
#: units that may name the same quantity: degrees without a scale are
#: Celsius or Fahrenheit
_SAME_UNIT = {("deg", "°C"), ("deg", "°F")}


def same_unit(unit_a: str, unit_b: str) -> bool:
    """Whether the two units may be one ("30 Grad" / "30 degrees Celsius")."""
    return unit_a == unit_b or (unit_a, unit_b) in _SAME_UNIT or (unit_b, unit_a) in _SAME_UNIT


#: (from, to) units a Fahrenheit temperature may be converted between;
#: "deg" (no scale) may be either
_FAHRENHEIT_TO_CELSIUS = {("°F", "°C"), ("°F", "deg"), ("deg", "°C"), ("deg", "deg")}


#: how far a converted temperature may be rounded, in degrees Celsius:
#: writers round to the nearest five ("90 degrees" Fahrenheit, 32.2 °C, is
#: "über 30 Grad"); a ratio means nothing near zero
_TEMPERATURE_ROUNDING = 2.5


#: units an amount is converted *from* (imperial, Fahrenheit, bare degrees,
#: hectares to km²): a text without one of them has no conversion to find
CONVERTED_FROM = frozenset({x for x, _ in CONVERSIONS} | {x for x, _ in _FAHRENHEIT_TO_CELSIUS})
_CONVERTED_FROM_WORD = re.compile(
    r"\d[\s-]?(?:[^\W\d_]+\.?[\s-])?(?:"
    + "|".join(
        sorted((re.escape(a) for a, u in _UNIT_OF.items() if u in CONVERTED_FROM), key=len, reverse=True)
    )
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)


def mentions_convertible(text: str) -> bool:
    """Whether ``text`` may hold an amount in a unit that writers convert
    ("80 feet", "550-acre", "90 degrees"): a cheap test before
    :func:`amounts`, which costs far more per sentence."""
    return _CONVERTED_FROM_WORD.search(text) is not None


def converts(a: float, unit_a: str | None, b: float, unit_b: str | None, tolerance: float = 0.05) -> bool:
    """Whether ``a unit_a`` is ``b unit_b`` converted, rounded as writers
    round: within ``tolerance`` ("30,000 acres" / "120 km²", 121.4
    converted), a temperature within :data:`_TEMPERATURE_ROUNDING` degrees
    ("90 degrees" Fahrenheit / "über 30 Grad Celsius", 32.2 converted)."""
    for (va, ua), (vb, ub) in (((a, unit_a), (b, unit_b)), ((b, unit_b), (a, unit_a))):
        for (x, y), factor in CONVERSIONS.items():
            if (ua, ub) == (x, y) and vb and abs(va * factor - vb) <= tolerance * abs(vb):
                return True
        if (ua, ub) in _FAHRENHEIT_TO_CELSIUS and abs((va - 32) * 5 / 9 - vb) <= _TEMPERATURE_ROUNDING:
            return True
    return False


_UNIT_AFTER = re.compile(
    # a hyphen joins amount, scale and unit in compounds: "3-Billionen-Dollar", "550-acre"
    # "66 billion US dollars": the country letters before a currency's name
    r"[\s-]?(?P<scale>[^\W\d_]+\.?)?[\s-]?(?:US[\s-](?=[^\W\d_]{4}))?(?P<unit>"
    + "|".join(sorted((re.escape(a) for a in _UNIT_OF), key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
#: a unit right after the number, for when the word _UNIT_AFTER took for a
#: scale is none ("120 km2", "30 Grad Celsius")
_UNIT_ONLY = re.compile(
    r"[\s-]?(?:US[\s-](?=[^\W\d_]{4}))?(?P<unit>"
    + "|".join(sorted((re.escape(a) for a in _UNIT_OF), key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)


@lru_cache(maxsize=1 << 14)
def _unit_after(rest: str) -> re.Match[str] | None:
    """``_UNIT_AFTER.match(rest)``, memoised: with its optional scale word
    before an alternation of every unit, a miss backtracks through the
    whole alternation at each letter of the word after the number (25-75 µs,
    half of reading a sentence's amounts), and the words after a number
    recur (" Prozent", " Euro", " people are booked.")."""
    return _UNIT_AFTER.match(rest)


@lru_cache(maxsize=1 << 14)
def _unit_only(rest: str) -> re.Match[str] | None:
    """``_UNIT_ONLY.match(rest)``, memoised like :func:`_unit_after`."""
    return _UNIT_ONLY.match(rest)


_SCALE_AFTER = re.compile(r"[\s-]?(?P<scale>[^\W\d_]+)\.?(?![^\W\d_])")
_CURRENCY_BEFORE = re.compile(
    r"(?P<unit>€|\$|£|¥|₹|₽|₦|US\$|HK\$|A\$|C\$|EUR|USD|GBP|CHF|JPY|CNY|INR|RUB|NGN|ZAR)\s?$", re.IGNORECASE
)
#: currency letters written onto an amount in some newsrooms: "N585 million"
#: (naira), "R2.5bn" (rand), "Rs 500" (rupees); only before an amount that
#: carries a scale or thousands groups, where no other reading exists
_GLUED_CURRENCY = re.compile(
    r"(?<![\w.,])(?P<cur>N|R|Rs\.?|Ksh|KSh)(?=\d[\d.,]*\s?(?:m|bn|tn|k|million|billion|trillion)(?![^\W\d_])"
    r"|\d{1,3}(?:,\d{3})+(?!\d))"
)
_GLUED_UNITS = {"n": "NGN", "r": "ZAR", "rs": "INR", "rs.": "INR", "ksh": "KES"}
#: "€50m", "$3bn": newsroom shorthand for a scale after a currency amount
_SHORT_SCALE = re.compile(r"(?P<scale>m|mn|bn|k)(?![^\W\d_])")
_SHORT_SCALES = {"m": 1e6, "mn": 1e6, "bn": 1e9, "k": 1e3}
_AMBIGUOUS_GROUP = re.compile(r"\d{1,3}[.,]\d{3}")

#: number words 2-12 (not "one": it is also an article) per language; a
#: digit on one side and the word on the other is not a difference
NUMBER_WORDS = {
    w: n
    for words in (
        "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
        "two three four five six seven eight nine ten eleven twelve",
        "deux trois quatre cinq six sept huit neuf dix onze douze",
        "dos tres cuatro cinco seis siete ocho nueve diez once doce",
        "due tre quattro cinque sei sette otto nove dieci undici dodici",
    )
    for n, w in enumerate(words.split(), 2)
}
#: ordinals 1-12 ("der dritte Platz" / "third place" / "3rd place")
NUMBER_WORDS.update(
    {
        w: n
        for words in (
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth",
            "premier deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième",
            "primero segundo tercero cuarto quinto sexto séptimo octavo noveno décimo",
            "primo secondo terzo quarto quinto sesto settimo ottavo nono decimo",
        )
        for n, w in enumerate(words.split(), 1)
    }
)
_GERMAN_ORDINAL = re.compile(
    r"(erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt|elft|zwölft)(e|en|er|es|em)"
)
_GERMAN_ORDINALS = {
    stem: n
    for n, stem in enumerate(
        "erst zweit dritt viert fünft sechst siebt acht neunt zehnt elft zwölft".split(), 1
    )
}


#: German adjectives made on a number ("zehnjährigen", "dreifach",
#: "zweitägige"): "the 10 year old stallion" is "den zehnjährigen Hengst"
_GERMAN_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
                "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000}  # fmt: skip
_GERMAN_NUMBER_ADJECTIVE = re.compile(
    "(?P<n>"
    + "|".join(
        sorted([*(w for w, n in NUMBER_WORDS.items() if n >= 2), *_GERMAN_TENS], key=len, reverse=True)
    )  # fmt: skip
    + r")(?:jährig|fach|tägig|wöchig|monatig|stündig|minütig|köpfig|stellig|malig|teilig|seitig|stöckig"
    r"|spurig|sitzig|prozentig|jahres|tages)(?:e|en|er|es|em)?"
)
#: words that stand for a number: an anniversary ("centenary" / "100-jährige
#: Bestehen") or a knockout round by the teams left ("Achtelfinale" / "last 16")
_NUMBER_NOUNS = {"centenary": 100, "centennial": 100, "bicentenary": 200, "bicentennial": 200,
                 "tercentenary": 300, "achtelfinal": 16, "achtelfinale": 16, "achtelfinales": 16,
                 "viertelfinal": 8, "viertelfinale": 8, "sechzehntelfinale": 32, "huitièmes": 16}  # fmt: skip


#: "die sechziger Jahre": the '60s and the 1960s
_GERMAN_DECADES = {w[:-1] + "ger": n for w, n in _GERMAN_TENS.items() if 20 <= n <= 90 and w.endswith("zig")}
_GERMAN_DECADES["dreißiger"] = 30
#: an ordinal at the end of a German compound: "des Tabellenvierten" is
#: the fourth-placed team. Not "erst" (Wurst), "acht" (beachten) nor
#: "zehnt" (Jahrzehnt): too many words end so
_ORDINAL_TAIL = re.compile(
    r"[a-zäöüß]{5,}(zweit|dritt|viert|fünft|sechst|siebt|neunt|elft|zwölft)(?:e|en|er|es|em)"
)


#: an ordinal opening a German compound: "Zweitliga-Aufsteiger" is a team
#: promoted to the 2nd division, "Drittliga-Start" the 3rd's start (not
#: "Drittel" or "Viertel", fractions, nor "zweitens", an adverb)
_ORDINAL_HEAD = re.compile(r"(erst|zweit|dritt|viert)(?!el|ens)[a-zäöüß]{4,}")
#: "an hour and a half", "two and a half years", "anderthalb", "zweieinhalb"
_AND_A_HALF = re.compile(
    r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[^\W\d_]+\s+)?and a half\b"
)
#: "two decades ago" / "vor 20 Jahren", "zwei Jahrzehnte"
_DECADES = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|ein|eine|zwei|drei|vier|fünf|sechs|sieben|acht"
    r"|neun|zehn)\s+(?:decades?|jahrzehnten?|jahrzehnte)\b"
)
#: "aged one to 14": a "one" that opens a range is a number, not an article
_ONE_TO = re.compile(r"\b(?:one|eins|un|uno)\s+(?:to|bis|à|a)\s+\d")
_GERMAN_HALVES = {"anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5, "dreieinhalb": 3.5, "viereinhalb": 4.5,
                  "fünfeinhalb": 5.5}  # fmt: skip


def number_words(text: str) -> list[float]:
    """Values of spelled-out numbers 2-12 and ordinals 1-12 in ``text``,
    of German adjectives made on a number ("zehnjährigen") and of nouns
    that stand for one ("centenary", "Achtelfinale")."""
    out: list[float] = []
    folded = text.casefold()
    for w in _LETTER_RUN.findall(folded):
        out += _word_numbers(w)
    for m in _AND_A_HALF.finditer(folded):
        out.append(NUMBER_WORDS.get(m["n"], 1) + 0.5)
    out += [1.0] * len(_ONE_TO.findall(folded))
    for m in _DECADES.finditer(folded):
        out.append(10.0 * NUMBER_WORDS.get(m["n"], 1))
    return out


_LETTER_RUN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1 << 16)
def _word_numbers(w: str) -> tuple[float, ...]:
    """The values one casefolded word stands for in :func:`number_words`.

    Memoised: a file's sentences share a vocabulary of a few thousand
    words, and most words take every test below to be found no number."""
    if w in NUMBER_WORDS:
        return (float(NUMBER_WORDS[w]),)
    if w in _NUMBER_NOUNS:
        return (float(_NUMBER_NOUNS[w]),)
    if m := _GERMAN_NUMBER_ADJECTIVE.fullmatch(w):
        return (float(NUMBER_WORDS.get(m["n"]) or _GERMAN_TENS[m["n"]]),)
    if w.rstrip("n") in _GERMAN_DECADES:
        decade = _GERMAN_DECADES[w.rstrip("n")]
        return (float(decade), float(1900 + decade))
    if m := _ORDINAL_TAIL.fullmatch(w):
        return (float(_GERMAN_ORDINALS[m.group(1)]),)
    if m := _ORDINAL_HEAD.fullmatch(w):
        return (float(_GERMAN_ORDINALS[m.group(1)]),)
    if w in _GERMAN_HALVES:
        return (_GERMAN_HALVES[w],)
    if (m := _GERMAN_ORDINAL.fullmatch(w)) and not (m.group(1) == "acht" and m.group(2) in ("en", "e")):
        return (float(_GERMAN_ORDINALS[m.group(1)]),)
    return ()


@dataclass(frozen=True)
class Amount:
    """A number with its scale applied and its unit, if any."""

    start: int
    end: int
    value: float
    unit: str | None = None
    #: the other reading of "1,500" / "1.500" (1.5), where it has one
    alt: float | None = None


def _scale(word: str | None, lang: str | None) -> float | None:
    if not word:
        return None
    key = word.casefold().rstrip(".")
    if lang and key in _SCALE_BY_LANG.get(lang, {}):
        return _SCALE_BY_LANG[lang][key]
    return _SCALES.get(key)


def amounts(text: str, lang: str | None = None) -> list[Amount]:
    """Numbers outside dates and clock times, with scale words applied ("2,5 Millionen" =
    "2.5 million" = 2,500,000; German "Billion" is 10^12) and the unit or
    currency that follows or precedes them ("50 Millionen Euro", "€50m",
    "5,3 Prozent", "5.3%").

    Memoised per text and language (the numbers check asks for a sentence
    as written and with its number words spelled out, which are mostly the
    same text); each caller gets its own list."""
    return list(_amounts(text, lang))


@lru_cache(maxsize=1 << 16)
def _amounts(text: str, lang: str | None) -> tuple[Amount, ...]:
    date_spans = [(s, e) for s, e, _ in dates(text, lang)] + [(s, e) for s, e, _ in times(text, lang)]
    glued_at = {m.end(): _GLUED_UNITS[m.group("cur").casefold()] for m in _GLUED_CURRENCY.finditer(text)}
    out: list[Amount] = []
    scaled: list[bool] = []
    consumed = 0
    for start, end, value in number_spans(text):
        if start < consumed or any(s <= start < e for s, e in date_spans):
            continue
        value = _year_range_end(text, start, end, value)
        fraction = _FRACTION_AFTER.match(text, end)
        if fraction:
            value += _fraction_value(fraction)
            end = consumed = fraction.end()
        unit = None
        token = text[start:end]
        rest = text[end : end + 40]
        before = _CURRENCY_BEFORE.search(text[max(0, start - 4) : start])
        glued = glued_at.get(start)
        short = _SHORT_SCALE.match(rest) if before or glued else None
        m = None if short else _unit_after(rest)
        scale = _SHORT_SCALES[short.group("scale")] if short else None
        if short:
            end += short.end()
        if m:
            scale = _scale(m.group("scale"), lang)
            if m.group("scale") and scale is None:
                # "7 more metres": the word between is not a scale
                m = _unit_only(rest)
        if m:
            unit = _UNIT_OF[m.group("unit").casefold()]
            end += m.end()
        elif not short:
            sm = _SCALE_AFTER.match(rest)
            if sm and _scale(sm.group("scale"), lang) and sm.group("scale") != "m":
                scale = _scale(sm.group("scale"), lang)
                end += sm.end()
        if before and unit is None:
            unit = _UNIT_OF[before.group("unit").casefold()]
        elif glued and unit is None:
            unit = glued
        alt = None
        if _AMBIGUOUS_GROUP.fullmatch(token.lstrip("-−")):
            alt = value / 1000
        if scale:
            value, alt = value * scale, (alt * scale if alt is not None else None)
        out.append(Amount(start, end, round(value, 6), unit, round(alt, 6) if alt is not None else None))
        scaled.append(bool(scale))
    out += [
        Amount(m.start(), m.end(), _VULGAR[m.group(0)])
        for m in re.finditer(f"(?<![\\d{''.join(_VULGAR)}])[{''.join(_VULGAR)}]", text)
    ]
    return tuple(_share_range_scale(text, out, scaled))


#: "2017/18", "1968/69", "2015-16": a season or a range of years whose
#: second year keeps its last two digits only
_YEAR_BEFORE = re.compile(r"(?<!\d)(?P<century>1[5-9]|20)(?P<yy>\d\d)[/–-]$")
#: "3½", "3 1/2": a whole number and a fraction are one number
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_FRACTION_AFTER = re.compile(
    "(?:(?P<vulgar>[" + "".join(_VULGAR) + r"])|\s(?P<num>[1-7])/(?P<den>[2348])(?![\d/]))"
)
#: "3 bis 8 Millionen Pfund", "between 3 and 8 million", "5-10 acres": the
#: scale and unit after a range's second number belong to the first too
_RANGE_BETWEEN = re.compile(r"\s*(?:bis|to|and|und|or|oder|à|a|y|e|-|–)\s*$")


def _year_range_end(text: str, start: int, end: int, value: float) -> float:
    m = _YEAR_BEFORE.search(text, 0, start)
    if end - start != 2 or not m:
        return value
    first = int(m["century"]) * 100 + int(m["yy"])
    year = int(m["century"]) * 100 + int(value)
    return float(year if year > first else year + 100)


def _fraction_value(m: re.Match[str]) -> float:
    if m["vulgar"]:
        return _VULGAR[m["vulgar"]]
    num, den = int(m["num"]), int(m["den"])
    return num / den if num < den else 0.0


def _share_range_scale(text: str, found: list[Amount], scaled: list[bool]) -> list[Amount]:
    out = list(found)
    for i in range(len(found) - 1, 0, -1):
        first, second = out[i - 1], out[i]
        if i - 1 >= len(scaled) or i >= len(scaled) or scaled[i - 1] or first.unit:
            continue
        if not (scaled[i] or second.unit) or not _RANGE_BETWEEN.fullmatch(text, first.end, second.start):
            continue
        raw_first = parse_number(text[first.start : first.end].split()[0]) or first.value
        factor = second.value / raw_second if (raw_second := _raw(text, second)) else 1.0
        if raw_second is None or raw_first >= raw_second:
            continue
        out[i - 1] = Amount(first.start, first.end, round(first.value * factor, 6), second.unit)
        scaled[i - 1] = scaled[i]
    return out


def _raw(text: str, amount: Amount) -> float | None:
    m = _NUMBER.search(text, amount.start)
    return parse_number(m.group(0)) if m and m.start() < amount.end else None


# --- clock times ---------------------------------------------------------------

_H24 = r"(?P<h>[01]?\d|2[0-4])"
_TIME_PATTERNS = [
    # 3 pm, 3.30 p.m., 11:15am (12-hour clock)
    (
        re.compile(r"(?<![\d.,:])(?P<h>1[0-2]|0?\d)(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?\s?m\b\.?", re.I),
        True,
    ),
    # 15 Uhr, 12.30 Uhr, 18 h, 18h30, 18 heures, 15:00 Uhr (24-hour clock with a word)
    (
        re.compile(
            r"(?<![\d.,:])"
            + _H24
            + r"(?:[:.h](?P<m>[0-5]\d))?\s?(?:Uhr|uhr|h|heures?|horas?|ore|uur)(?![^\W\d_])"
        ),
        False,
    ),
    # 9 o'clock: English names the hour without saying which half of the day;
    # read as written, so "9 o'clock" / "10 Uhr" is one changed time, not a
    # stray number 9 beside a time only one side has
    (re.compile(r"(?<![\d.,:])(?P<h>1[0-2]|0?\d)(?P<m>)\s?o['’]\s?clock\b", re.I), False),
    # 0200 GMT, 1430GMT: wire copy writes the world clock without a colon
    (re.compile(r"(?<![\d.,:])(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s?(?:GMT|UTC)\b"), False),
    # 12:30, 09:45 (a colon is a clock in every language)
    (re.compile(r"(?<![\d.,:])" + _H24 + r":(?P<m>[0-5]\d)(?![\d:])"), False),
]


def twelve_hour(text: str) -> bool:
    """Whether ``text`` tells a time on the 12-hour clock ("8 p.m.", "11am"),
    which a translation may give on the 24-hour clock ("20 Uhr"): a cheap
    test before :func:`times`."""
    return _TIME_PATTERNS[0][0].search(text) is not None


#: languages in which a bare "am" after a number is a word of their own
#: (German "3 am Stück", "Platz 2 am Ende": "an dem"), not the English
#: "ante meridiem"; there only "a.m." and "AM" tell the 12-hour clock
_AM_IS_A_WORD = frozenset({"de", "lb"})


def times(text: str, lang: str | None = None) -> list[tuple[int, int, int]]:
    """Clock times as ``(start, end, minutes after midnight)``, on the
    12- and the 24-hour clock alike: "15 Uhr" = "3 pm" = "15:00" (900),
    "12.30 Uhr" = "12:30" (750), "18 h" = "6 p.m." (1080).

    ``lang`` is the text's language where known: in German a bare "am"
    after a number is a preposition, not a time.

    Memoised per text (:func:`amounts` and the numbers check both ask for
    every sentence, mostly the same text); each caller gets its own list."""
    return list(_times(text, primary_language(lang) in _AM_IS_A_WORD))


@lru_cache(maxsize=1 << 16)
def _times(text: str, am_is_a_word: bool = False) -> tuple[tuple[int, int, int], ...]:
    found: list[tuple[int, int, int]] = []
    for pattern, twelve in _TIME_PATTERNS:
        for m in pattern.finditer(text):
            if any(not (m.end() <= s or m.start() >= e) for s, e, _ in found):
                continue
            if twelve and am_is_a_word and text[m.start("ap") : m.end()] in ("am", "Am"):
                continue
            hour, minute = int(m.group("h")), int(m.group("m") or 0)
            if twelve:
                hour = hour % 12 + (12 if m.group("ap").lower() == "p" else 0)
            found.append((m.start(), m.end(), (hour % 24) * 60 + minute))
    return tuple(sorted(found))


def format_time(minutes: int) -> str:
    """ "15:00" for 900."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --- numbers written as words --------------------------------------------------

#: languages text2num reads
SPELLED_LANGS = ("de", "en", "fr", "es", "it", "pt", "nl", "da")


@lru_cache(maxsize=1 << 16)
def spelled_out(text: str, lang: str | None) -> str:
    """``text`` with numbers written as words turned into digits
    (text2num: "Sixty-two" -> 62, "eine Million" -> "eine 1000000",
    "dix-huit heures" -> "18 heures"). Text in other languages is returned
    as it is.

    Memoised per text and language: the numbers check spells out every
    sentence for its amounts and again for its clock times."""
    if lang not in SPELLED_LANGS:
        return text
    from text_to_num import alpha2digit

    # a scale word after digits stays a word: "3 billion" must not become "3 1000000000"
    out, at = [], 0
    for m in _DIGITS_AND_SCALE.finditer(text):
        out.extend((_alpha2digit(alpha2digit, text[at : m.start()], lang), m.group(0)))
        at = m.end()
    out.append(_alpha2digit(alpha2digit, text[at:], lang))
    return "".join(out)


_DIGITS_AND_SCALE = re.compile(
    r"\d[\d.,]*(?:\s?(?:"
    + "|".join(sorted({*_SCALES, *(k for t in _SCALE_BY_LANG.values() for k in t)}, key=len, reverse=True))
    + r")\b\.?)?",
    re.IGNORECASE,
)


def _alpha2digit(convert, text: str, lang: str) -> str:  # noqa: ANN001 - text2num's function
    if not text.strip():
        return text
    try:
        return convert(text, lang)
    except (ValueError, KeyError, IndexError):  # pragma: no cover - defensive: text2num's edge cases
        return text
