"""Names and acronyms present on one side of an aligned pair only.

A name is a capitalised word that does not open a sentence, or an acronym.
Two facts of language decide which capitalised words are names, read from
word-frequency lists (wordfreq):

- names travel between languages (Hilbert, Lagarde, Frankfurt) and common
  words do not (Regen, Feuerwehr; an English title's Secretary, Justice):
  a word counts as a name when the other language uses it at a fifth or
  more of its own rate, or when neither list knows it (a rare name);
- a word that is frequent in its own language (``_COMMON``) is a common
  word capitalised for a title or, in German, a noun.

Next to a name, a capitalised word that is not a common word joins it (a
name run: "Emmanuel Macron"). A name counts as present on the other side
when the same name appears there, tolerant to transliteration and
inflection (rapidfuzz ratio ≥ 80 on case- and accent-folded words:
Selenskyj ~ Selenskyjs), through an equivalence of the transliteration or
exonym table, CLDR's country names or a glossary (Kiew = Kyiv, Peking =
Beijing, Deutschland = Germany), or, for an acronym, through the initials
of a run of capitalised words (NRW = North Rhine-Westphalia).

When nothing is known either way the check says nothing: across
languages, acronyms are expanded and translated (PM / Premierminister,
EZB / ECB) at will, so an acronym the other side lacks is reported only in
same-language comparisons; a known place or country is reported when its
name in the other language is missing (Germany / Frankreich).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache

from rapidfuzz import fuzz

from ..ingest.langid import _frequencies
from ..lexicon.anchors import fold, is_calendar_word
from ..lexicon.names import equivalent_names
from ..lexicon.words import compound_word, untravelled_word
from ..model import Finding, Severity
from .base import CheckContext
from .wording import independent

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_ACRONYM = re.compile(r"^[A-ZÄÖÜ]{2,6}s?$")
#: English contractions: "I'm", "I've" are a pronoun and a verb, not a name
_CONTRACTION = re.compile(r"['’](?:s|m|ve|ll|re|d)$|n['’]t$", re.IGNORECASE)
#: languages that capitalise common nouns
NOUN_CAPITALISING = {"de", "lb"}
#: a word the other language uses at this share of its own rate travels: a name
_SHARED_RATE = 0.2
#: words this frequent are common words even when capitalised
_COMMON = 2e-5
#: a word this frequent in its own language, and more frequent there than in
#: the other, is a common word capitalised as a name ("the Lions", "Broadway",
#: "the Red Devils"): across languages such names are translated at will
_TRANSLATABLE = 3e-6
#: German words that stand before a noun, not before a name ("einer
#: Explosion", "seine Tweets"): a known word after one is a common noun
_DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner "
    "mein meine meinen meinem meiner sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer "
    "unser unsere unseren unserem euer eure dieser diese diesen diesem dieses jeder jede jeden "
    "jedem jedes jener jene jenen welche welcher welchen manche viele einige alle beide "
    "im am zum zur vom beim ins ans aufs "
    # the genitive forms ("ihres Romans", "seines Rats")
    "keines meines deines seines ihres unseres eures jenes welches manches".split()
)
#: a lowercase German word with an adjective's ending, between a determiner and its noun
_ADJECTIVE = re.compile(r"^[a-zäöüß]{3,}(?:e|en|er|es|em)$")
#: what follows a place's stem in its demonym or adjective (Tunisians,
#: Croat, Russian-born, chinesisch, Tunesier)
_DEMONYM_ENDINGS = frozenset(
    "an ans ian ians n ns ese ish i is er ers erin erinnen ern isch ische ischen ischer isches ier iers".split()
    + [""]
)
#: endings of English common nouns no word list may know (Digitalization,
#: Chairwoman): names do not end so
_ENGLISH_NOUN_SUFFIXES = tuple(
    "ization isation izations isations ness ment ments ship woman women hood".split()
)
#: a part of a German compound noun must be a word this frequent
_COMPOUND_PART = 1e-6
_LINKS = ("", "s", "es", "n", "en")
#: a German word ending in a word this frequent is a compound of it
_FREQUENT_TAIL = 1e-5
_NO_UMLAUT = str.maketrans("äöü", "aou")
#: endings that make German common nouns (Randomisierung, Schlagfertigkeit):
#: names do not end so
_NOUN_SUFFIXES = tuple(
    "ung ungen heit heiten keit keiten schaft schaften tion tionen ität itäten ismus "
    "ierten iertes ierter ierte".split()
)
_INFLECTIONS = ("", "s", "es", "n", "en", "e", "er", "ern", "in", "innen")


def _candidates(text: str, places: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Capitalised words not opening a sentence, known ``places`` anywhere
    ("Russland hat ..."), and acronyms, with spans. A hyphenated word gives
    its parts ("Huawei-Finanzchefin", "Russian-born", "Rakoczy-Fest"): each
    is judged on its own."""
    out = []
    for m in _TOKEN.finditer(text):
        word = _CONTRACTION.sub("", m.group(0)).rstrip("'’-")
        before = text[: m.start()].rstrip()
        initial = not before or before[-1] in '.!?:;"“”„«»‚‘’–—-('
        at = m.start()
        for k, part in enumerate(word.split("-")):
            if part and (
                _ACRONYM.match(part)
                or (part[0].isupper() and not (initial and k == 0) and len(part) >= 3)
                or (part[:1].isupper() and fold(part) in places)
            ):
                out.append((at, at + len(part), part))
            at += len(part) + 1
    return out


def names_in(
    text: str,
    own: str | None,
    other: str | None,
    known: frozenset[str] = frozenset(),
    places: frozenset[str] | None = None,
) -> list[str]:
    """The names of ``text``: candidates that pass :func:`_is_name`, plus
    the capitalised words standing right next to one ("Emmanuel Macron":
    a name run), which word lists are too small to vouch for. ``known``
    holds folded one-word names of a lexicon (Deutschland, Munich): names
    whatever the word lists say; ``places`` (default ``known``) those whose
    demonyms and adjectives are no names (Tunisians, Russian-born)."""
    places = known if places is None else places
    cands = _candidates(text, places)
    is_name = [
        fold(w) in known
        or (
            _is_name(w, own, other)
            and not _demonym(w, places)
            and not (own in NOUN_CAPITALISING and _after_determiner(text, start))
            and not (own in NOUN_CAPITALISING and _compound_head(text, start, own, other))
            and not _foreign_compound_head(text, start, w, own, other)
        )
        for start, _, w in cands
    ]
    # a word after a name joins it (a surname: "Emmanuel Macron"); a word
    # before one only when it is no common word (titles come first:
    # "Premierminister Boris Johnson", "Frau Kim")
    after = [
        not is_calendar_word(w)
        and not _common(w, own)
        and not _foreign_compound(w, own, other)
        and not _translated_word(w, own, other)
        for _, _, w in cands
    ]
    if own in NOUN_CAPITALISING:
        # a German noun after a name is no surname: what a name in the
        # genitive has ("Watfords Stürmer"), or the noun a name qualifies
        # ("Argentinien Zinsforderungen", "Dexamethason Todesfälle")
        after = [
            ok
            and not compound_noun(w, own or "de", whole=False)
            and not _rare_noun(w, own, other)
            and not (k and cands[k - 1][2].endswith("s") and _german_noun(w, own, other))
            for k, ((_, _, w), ok) in enumerate(zip(cands, after, strict=True))
        ]
    before = [
        _may_join_a_name(w, own, other)
        and not _translated_word(w, own, other)
        and not (own in NOUN_CAPITALISING and _compound_head(text, start, own, other))
        for start, _, w in cands
    ]
    for _ in range(2):
        for k in range(len(cands)):
            if is_name[k]:
                continue
            for j, allowed in ((k - 1, after[k]), (k + 1, before[k])):
                if allowed and 0 <= j < len(cands) and is_name[j]:
                    a, b = sorted((k, j))
                    if text[cands[a][1] : cands[b][0]].strip() == "":
                        is_name[k] = True
    return list(dict.fromkeys(w for (_, _, w), ok in zip(cands, is_name, strict=True) if ok))


def _large_list_noun(word: str, own: str | None, other: str | None) -> bool:
    """A rarer noun of ``own`` the small word lists do not know: a word or a
    compound of words of the large list that ``other`` does not write
    (:mod:`translator.lexicon.words`). Cross-language pairs only."""
    return untravelled_word(word, own, other) or compound_word(word, own, other)


_PART_BEFORE = re.compile(r"([^\W\d_]+)-$")


def _compound_head(text: str, start: int, own: str | None, other: str | None) -> bool:
    """Whether the word at ``start`` ends a hyphenated German compound
    whose part before it is a German common word ("Drogen-Junkie",
    "Kult-Anhänger"): the last part of a compound is its head noun, while a
    name stands first ("Huawei-Finanzchefin", "Rakoczy-Fest"). Between
    two versions in one language any known word of it before the hyphen
    will do ("CBS News-Reporter", "News-Journalist": a title, translated
    at will), since no other language's rate tells a name from a noun."""
    m = _PART_BEFORE.search(text, 0, start)
    if not m or other is None:
        return False
    rates = _rates(m.group(1), own, other)
    if other == own:
        return rates is not None and rates[0] >= _COMPOUND_PART
    return rates is not None and rates[0] >= _COMPOUND_PART and rates[1] < _SHARED_RATE * rates[0]


def _foreign_compound_head(text: str, start: int, word: str, own: str | None, other: str | None) -> bool:
    """Whether ``word`` ends a hyphenated compound of the reference language
    that compounds nouns, left in copy of a language that does not
    ("the DFB-Pokal" in English): a word its own language does not know
    and the reference knows as a word is that language's noun, the head of
    the compound, not a name."""
    ref = other if other and other != own else _reference(own)
    if own in NOUN_CAPITALISING or ref not in NOUN_CAPITALISING or not _PART_BEFORE.search(text, 0, start):
        return False
    own_freq, ref_freq = _frequencies(own or ""), _frequencies(ref)
    if own_freq is None or ref_freq is None:
        return False
    key = word.casefold()
    return not own_freq.get(key, 0.0) and ref_freq.get(key, 0.0) >= _COMPOUND_PART


def _rare_noun(word: str, own: str | None, other: str | None) -> bool:
    """A noun of the large list that the small lists do not know ("Modi
    Öllampen anzünden": no surname after Modi)."""
    rates = _rates(word, own, other)
    return rates is not None and not any(rates) and _large_list_noun(word, own, other)


def _translated_word(word: str, own: str | None, other: str | None) -> bool:
    """A capitalised word next to a name, in a language that capitalises
    names and title words only, that is a word of its own language the
    other does not write ("Egg Seller Paras Raykar", "Algeria Loses",
    "Sibiu Cycling Tour"): a title word, translated with the title, not a
    part of the name. Cross-language pairs only."""
    if not other or other == own or own in NOUN_CAPITALISING:
        return False
    rates = _rates(word, own, other)
    # the other list must not know it at all: surnames travel, if thinly
    # (Johnson, Macron), where "Seller" or "Loses" never do
    return rates is not None and rates[0] >= _COMPOUND_PART and not rates[1]


def _german_noun(word: str, own: str | None, other: str | None) -> bool:
    """A known word of ``own`` the other language does not share, or a
    compound of known words."""
    rates = _rates(word, own, other)
    if rates is None:
        return False
    f_own, f_other = rates
    if not f_own and not f_other:
        return compound_noun(word, own or "de")
    return f_own > 0 and f_other < _SHARED_RATE * f_own


_COMPOUND_PARTS_BEFORE = re.compile(r"(?:[^\W\d_]+-)+$")


def _after_determiner(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows an article or a determiner,
    perhaps with adjectives between ("einer Explosion", "die neue
    politische Blockade"): in German, where every noun is capitalised,
    that is where common nouns stand and names rarely do. The parts of a
    hyphenated compound before the word belong to it ("ein Drive-Thru")."""
    before = _COMPOUND_PARTS_BEFORE.sub("", text[max(0, start - 80) : start])
    words = re.findall(r"[^\W\d_]+", before)
    for word in reversed(words[-4:]):
        if word.casefold() in _DETERMINERS:
            return True
        if not _ADJECTIVE.match(word.lower() if _title_adjective(word) else word):
            return False
    return False


def _title_adjective(word: str) -> bool:
    """An adjective capitalised as part of a title or an institution's
    name ("des Nationalen Rats", "die Grünen Jugend"): a frequent German
    word with an adjective's ending on a frequent stem (national|en,
    grün|en). A noun that merely ends so is no adjective: a name after
    "der Autohersteller" is a name ("der Autohersteller Hyundai")."""
    freq = _frequencies("de")
    key = word.casefold()
    if not word[:1].isupper() or freq is None or freq.get(key, 0.0) < _COMPOUND_PART:
        return False
    return any(
        key.endswith(end) and len(key) - len(end) >= 3 and freq.get(key[: -len(end)], 0.0) >= _COMPOUND_PART
        for end in _ADJECTIVE_ENDINGS
    )


#: the endings German adjectives take before a noun
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def _demonym(word: str, places: frozenset[str]) -> bool:
    """Whether ``word`` is a place's demonym or adjective (Tunisians,
    Croat, Russian, Tunesier): a known place's stem with a demonym ending.
    Derived words are translated, not carried over, so they are no names."""
    key = fold(word)
    if key in places:
        return False
    stems = _place_stems(places)
    return any(
        key.endswith(end) and key[: len(key) - len(end)] in stems
        for end in _DEMONYM_ENDINGS
        if len(key) > len(end)
    )


@cache
def _place_stems(places: frozenset[str]) -> frozenset[str]:
    """Places without their last one or two letters (Tunisi|a, Croat|ia)."""
    return frozenset(p[: len(p) - cut] for p in places for cut in (0, 1, 2) if len(p) - cut >= 4)


@cache
def compound_noun(word: str, lang: str = "de", whole: bool = True) -> bool:
    """Whether ``word`` (a word no word list knows) is an inflected word of
    ``lang`` (Deich|e) or splits into words of
    ``lang`` that are frequent on their own, with linking letters and an
    inflected last part: Sport|behörde, Reise|regeln, Mannschaft|s|kollege.
    A rare name (Kowalski, Urlesberger) does not split. With ``whole``
    false, a known word on its own (Macron, Scholz) does not count: only
    the shape of a compound or a noun's ending."""
    freq = _frequencies(lang)
    if freq is None:
        return False
    key = word.casefold()

    def known(part: str) -> bool:
        # plurals may also take an umlaut: Nashorn / Nashörner, Stoß / Stöße
        bare = part.translate(_NO_UMLAUT)
        return len(part) >= 3 and any(
            form.endswith(end)
            and freq.get(form[: len(form) - len(end)] if end else form, 0.0) >= _COMPOUND_PART
            for form in {part, bare}
            for end in _INFLECTIONS
        )

    @cache
    def splits(rest: str, parts: int) -> bool:
        if parts and known(rest):
            return True
        for i in range(3, len(rest) - 2):
            head = rest[:i]
            # a head may drop its last letters: Schul|buch, Finanz|chefin
            if max(freq.get(head + cut, 0.0) for cut in ("", "e", "en")) < _COMPOUND_PART:
                continue
            for link in _LINKS:
                tail = rest[i:]
                if (
                    tail.startswith(link)
                    # a head of three letters (Not|unterkünfte, Bau|wagen) only
                    # before a longer word: short parts combine by chance
                    and len(tail) - len(link) >= (3 if i > 3 else 5)
                    and splits(tail[len(link) :], parts + 1)
                ):
                    return True
        return False

    # or it ends in a frequent noun after four letters or more (Notariats|stelle)
    tail = any(freq.get(key[i:], 0.0) >= _FREQUENT_TAIL for i in range(4, len(key) - 3))
    return key.endswith(_NOUN_SUFFIXES) or tail or (whole and known(key)) or splits(key, 0)


def _rates(word: str, own: str | None, other: str | None) -> tuple[float, float] | None:
    """The word's rate in its own language and in the reference language
    (the other side's, or English for same-language pairs)."""
    ref = other if other and other != own else ("de" if own == "en" else "en")
    own_freq, other_freq = _frequencies(own or ""), _frequencies(ref or "")
    if own_freq is None or other_freq is None:
        return None
    key = word.casefold()
    return own_freq.get(key, 0.0), other_freq.get(key, 0.0)


def _common(word: str, own: str | None) -> bool:
    """A frequent word of its own language."""
    freq = _frequencies(own or "")
    return freq is not None and freq.get(word.casefold(), 0.0) >= _COMMON


def _may_join_a_name(word: str, own: str | None, other: str | None) -> bool:
    """Whether a capitalised word next to a name belongs to it: not a
    common word of its language (Frau, Premierminister, Secretary), not a
    month or weekday."""
    if is_calendar_word(word):
        return False
    rates = _rates(word, own, other)
    if rates is None:
        return own not in NOUN_CAPITALISING
    f_own, f_other = rates
    if own in NOUN_CAPITALISING:
        if not f_own and not f_other:
            # "Hundepark Dusty Rhodes": a noun, then the name
            return not compound_noun(word, own) and not _large_list_noun(word, own, other)
        return f_other >= _SHARED_RATE * f_own and f_own < _COMMON
    # a title is a common noun: "Chairwoman Ulrike Waldhofen"
    return f_own < _COMMON and not word.casefold().endswith(_ENGLISH_NOUN_SUFFIXES)


def _foreign_compound(word: str, own: str | None, other: str | None) -> bool:
    """A word its own language does not know, shaped as a compound of the
    reference language that compounds nouns (German Kurstadt in English)."""
    ref = other if other and other != own else _reference(own)
    if own in NOUN_CAPITALISING or ref not in NOUN_CAPITALISING:
        return False
    rates = _rates(word, own, other)
    return rates is not None and not rates[0] and compound_noun(word, ref, whole=False)


def _is_name(word: str, own: str | None, other: str | None) -> bool:
    """Whether ``word`` is a name rather than a capitalised noun or a word
    capitalised in a title ("German Weather Service")."""
    if _ACRONYM.match(word):
        return True
    if is_calendar_word(word):
        # month and weekday names are dates, not names: the dates check
        # compares them (one finding for a changed "Tuesday", not two)
        return False
    rates = _rates(word, own, other)
    if rates is None:
        return own not in NOUN_CAPITALISING
    f_own, f_other = rates
    if own in NOUN_CAPITALISING and _derived_common_word(word):
        return False  # Isolation, Timorischen: a noun's or an adjective's ending
    if _foreign_compound(word, own, other):
        return False  # a German compound left in the copy (Kurstadt, Sportschau): no name
    if not f_own and own in NOUN_CAPITALISING and f_other >= _COMMON:
        return False  # a common English word in German copy (Greater, White): translated at will
    if not f_own and not f_other:
        # no list knows it: a rare name, or (in German) a compound noun or
        # a rarer noun of the large word list that does not travel
        if own in NOUN_CAPITALISING:
            return not compound_noun(word, own) and not _large_list_noun(word, own, other)
        return not word.casefold().endswith(_ENGLISH_NOUN_SUFFIXES)
    if f_own >= _COMMON and f_other < f_own:
        return False  # a common word: capitalised for a title, translated with it
    if f_own >= _TRANSLATABLE and f_other < f_own and other and other != own:
        return False  # a common word as a name (the Lions): translated across languages
    if own in NOUN_CAPITALISING and f_other >= _COMMON:
        return False  # a German noun that is a common word elsewhere too (Problem, Team, See)
    return f_other > 0 and f_other >= _SHARED_RATE * f_own


#: endings of German words derived from others that names do not take: the
#: Latinate nouns (Isolation, Identität, Tourismus; English plurals left in
#: German copy: Interceptions) and the adjectives of
#: places and peoples, capitalised inside a title ("des Ost-Timorischen
#: Parlaments"); names this long that end so are rare
_DERIVED_ENDINGS = tuple("tion tionen tions ität itäten ismus isch ische ischen ischer isches ischem".split())


def _derived_common_word(word: str) -> bool:
    return len(word) >= 7 and word.casefold().endswith(_DERIVED_ENDINGS)


def _initials(text: str) -> set[str]:
    """Acronyms that runs of capitalised words (and their hyphenated parts)
    of ``text`` spell: "North Rhine-Westphalia" gives NRW, "Secretary of
    State" gives SS and SOS."""
    out: set[str] = set()
    run: list[str] = []
    for token in re.findall(r"[^\W\d_]+|[^\w\s]", text) + ["."]:
        if token[:1].isupper() or (run and (token.islower() and len(token) <= 3 or token == "-")):
            run.append(token)
            continue
        run = [w for w in run if w != "-"]
        words = [w for w in run if w[:1].isupper()]
        for i in range(len(words)):
            for j in range(i + 2, min(len(words), i + 7) + 1):
                out.add("".join(w[0] for w in words[i:j]).upper())
        full = [w for w in run]
        for i in range(len(full)):
            for j in range(i + 2, min(len(full), i + 7) + 1):
                out.add("".join(w[0] for w in full[i:j]).upper())
        run = []
    return out


def _present(
    word: str,
    other_text: str,
    other_words: list[str],
    equivalents: dict[str, set[str]],
    compounds: bool = False,
) -> bool:
    """Whether ``word`` is in ``other_text``: verbatim, inflected or
    transliterated, as an acronym's words, or as a known equivalent. With
    ``compounds`` (the other side writes compound nouns, German) also inside
    one: Bavaria in Oberbayern, America in Südamerika, Rakoczi in Rakoczy-Fest."""
    if _ACRONYM.match(word) and (
        word.rstrip("s") in _initials(other_text)
        or any(_compound_initials(word.rstrip("s"), w) for w in other_words if w[:1].isupper())
    ):
        return True
    folded = fold(word)
    stem = re.sub(r"(?:'s|’s|s)$", "", folded) if len(folded) > 4 else folded
    if stem in fold(other_text):
        return True
    parts = [fold(p) for w in other_words for p in w.split("-") if p]
    if any(fuzz.ratio(stem, p) >= 80 for p in parts):
        return True
    if _contraction_of(folded, parts):
        return True
    # German and English romanise one sound differently: Mudschahed / Mujahed,
    # Aischylos / Aeschylus's (the word whole: its final s may be the name's)
    forms = {_romanised(stem), _romanised(folded)}
    if forms != {stem, folded} or any(_romanised(p) != p for p in parts):
        if any(fuzz.ratio(form, _romanised(p)) >= 80 for form in forms for p in parts):
            return True
    if (
        compounds
        and len(stem) >= 5
        and any(len(p) > len(stem) and fuzz.partial_ratio(stem, p) >= 85 for p in parts)
    ):
        return True
    start = "" if compounds else r"(?<!\w)"
    folded_other = fold(other_text)
    for variant in equivalents.get(folded, set()) | equivalents.get(stem, set()):
        if re.search(rf"{start}{re.escape(variant)}", folded_other):
            return True
        if " " not in variant and len(variant) >= 5:
            # the place's adjective: Spanien / spanisch, China / chinesisch
            prefix = variant[: 5 if len(variant) >= 7 else 4]
            if re.search(rf"{start}{re.escape(prefix)}", folded_other):
                return True
    return False


@lru_cache(maxsize=1 << 12)
def _compound_initials(acronym: str, word: str) -> bool:
    """Whether ``acronym`` spells the parts of one compound word, each a
    known word of German or English ("QB" / "Quarterback", "TV" /
    "Television" does not: "elevision" is no word)."""
    letters, key = acronym.casefold(), word.casefold()
    if not 2 <= len(letters) <= 4 or not key.startswith(letters[0]):
        return False
    lists = [f for f in (_frequencies("de"), _frequencies("en")) if f is not None]

    def known(part: str) -> bool:
        return len(part) >= 3 and any(f.get(part, 0.0) >= _COMPOUND_PART for f in lists)

    def splits(rest: str, k: int) -> bool:
        if k == len(letters) - 1:
            return known(rest)
        return any(
            known(rest[:i]) and rest[i] == letters[k + 1] and splits(rest[i:], k + 1)
            for i in range(3, len(rest) - 2)
        )

    return splits(key, 0)


def _contraction_of(folded: str, parts: list[str]) -> bool:
    """A contraction written with a word's first letter and consonants
    ("Utd" for United, "Intl" for International) stands for that word."""
    if not 3 <= len(folded) <= 4 or any(c in "aeiouy" for c in folded[1:]):
        return False
    for part in parts:
        if len(part) > len(folded) and part[0] == folded[0]:
            rest = iter(part[1:])
            if all(c in rest for c in folded[1:]):
                return True
    return False


#: how German writes sounds of names from Arabic, Russian, Persian, Greek …
#: that English writes otherwise (Dschihad / jihad, Tschetschenien /
#: Chechnya, Schoigu / Shoigu, Aischylos / Aeschylus, Sokrates / Socrates):
#: read the German way back to the English
_ROMANISATION = (("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("ai", "ae"), ("k", "c"))


@lru_cache(maxsize=1 << 14)
def _romanised(folded: str) -> str:
    for german, english in _ROMANISATION:
        folded = folded.replace(german, english)
    # Greek names: German keeps the Greek ending, English the Latin one (Aischylos / Aeschylus)
    return folded[:-2] + "us" if folded.endswith("os") and len(folded) > 5 else folded


def _known(lang_a: str | None, lang_b: str | None) -> frozenset[str]:
    """One-word names the lexicon knows in ``lang_a`` (for ``lang_b``)."""
    return frozenset(
        fold(a)
        for spellings_a, _ in equivalent_names(lang_a, lang_b)
        for a in spellings_a
        if " " not in a.strip()
    )


def _equivalents(lang_a: str | None, lang_b: str | None) -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for spellings_a, spellings_b in equivalent_names(lang_a, lang_b):
        for a in spellings_a:
            for word in fold(a).split():
                table.setdefault(word, set()).update(fold(b) for b in spellings_b)
            table.setdefault(fold(a), set()).update(fold(b) for b in spellings_b)
    return table


def _reference(lang: str | None) -> str:
    """The language whose names a same-language comparison looks up."""
    return "de" if lang == "en" else "en"


class _Whole:
    """A whole version, for asking whether it names something anywhere."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        # each distinct token folded once: a 10,000-unit file has 130,000
        # tokens and a few thousand distinct ones
        self.words = sorted({p for w in set(_TOKEN.findall(text)) for p in fold(w).split("-") if len(p) >= 3})
        self._answers: dict[tuple[str, bool, int], bool] = {}

    def has(self, word: str, equivalents: dict[str, set[str]], compounds: bool) -> bool:
        """Whether the version names ``word`` anywhere (asked once per
        distinct name: each answer searches the whole text, and a long
        document names the same people on every page)."""
        key = (word, compounds, id(equivalents))
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self._search(word, equivalents, compounds)
        return answer

    def _search(self, word: str, equivalents: dict[str, set[str]], compounds: bool) -> bool:
        from rapidfuzz import process

        folded = fold(word)
        stem = re.sub(r"(?:'s|’s|s)$", "", folded) if len(folded) > 4 else folded
        start = "" if compounds else r"(?<!\w)"
        if re.search(rf"{start}{re.escape(stem)}", self.folded):
            return True
        if process.extractOne(stem, self.words, scorer=fuzz.ratio, score_cutoff=80) is not None:
            return True
        if compounds and len(stem) >= 5:
            longer = [w for w in self.words if len(w) > len(stem)]
            if process.extractOne(stem, longer, scorer=fuzz.partial_ratio, score_cutoff=85) is not None:
                return True
        return any(
            variant in self.folded
            for variant in equivalents.get(folded, set()) | equivalents.get(stem, set())
        )


def _opening_names(text: str, lang: str | None) -> list[str]:
    """Names that open a sentence or follow a quotation ("Paltrow sagte
    ...", "..., Grindel said"), which :func:`names_in` leaves out (any word
    may be capitalised there): such a first word when it passes
    :func:`_is_name`."""
    out = []
    for m in re.finditer(r"(?:^|[.!?:]\s+|[\"“”„«»‚‘’]\s*,?\s+)[\"“„«»‚‘(]*([^\W\d_][\w'’-]*)", text):
        word = _CONTRACTION.sub("", m.group(1)).rstrip("'’-")
        if len(word) >= 3 and word[0].isupper() and _is_name(word, lang, _reference(lang)):
            out.append(word)
    return out


@cache
def _either_language(lang: str | None) -> dict[str, set[str]]:
    """Name equivalences of ``lang`` and of the language its texts are most
    often translated from or into (``_reference``), both ways: two
    translations of one German original write Bayern or Bavaria, Neapel or
    Naples, EuGH or ECJ."""
    table: dict[str, set[str]] = {}
    ref = _reference(lang)
    for eq in (_equivalents(lang, lang), _equivalents(lang, ref), _equivalents(ref, lang)):
        for key, variants in eq.items():
            table.setdefault(key, set()).update(variants)
    return table


#: a run of words in capitals ("SO CAN BEAT JOE"): a headline set in capitals, not acronyms
_CAPITALS_RUN = re.compile(r"(?:\b[A-ZÄÖÜ]{2,}\b[\s,.:;!?-]*){3,}")


def _independent_changes(
    text_a: str,
    text_b: str,
    lang: str | None,
    missing: tuple[list[str], list[str]],
    unmatched: tuple[list[str], list[str]],
) -> tuple[list[str], list[str]]:
    """The names that differ between two independent wordings in one
    language (:func:`_replaced`), after what such wordings share although
    spelled apart: a name in the original's language form (Bayern /
    Bavaria, EuGH / ECJ), a name opening a sentence, and words of a
    headline set in capitals."""
    eq = _either_language(lang)
    compounds = lang in NOUN_CAPITALISING
    words_a, words_b = _TOKEN.findall(text_a), _TOKEN.findall(text_b)
    shouted = {w for m in _CAPITALS_RUN.finditer(f"{text_a} {text_b}") for w in _TOKEN.findall(m.group(0))}

    def keep(names: list[str], other_text: str, other_words: list[str]) -> list[str]:
        return [
            w for w in names if w not in shouted and not _present(w, other_text, other_words, eq, compounds)
        ]

    def renders(names: list[str], new_names: list[str]) -> list[str]:
        # a new name that renders the other is no swap ("Deutsche" / "German")
        return [w for w in names if not _present(w, " ".join(new_names), new_names, eq, compounds)]

    missing_a, missing_b = keep(missing[0], text_a, words_a), keep(missing[1], text_b, words_b)
    unmatched_a = keep(unmatched[0] + _opening_names(text_b, lang), text_a, words_a)
    unmatched_b = keep(unmatched[1] + _opening_names(text_a, lang), text_b, words_b)
    known = _known(lang, _reference(lang))
    if missing_a and not unmatched_b:
        names_a = names_in(text_a, lang, lang, known, known)
        displaced = renders(_displaced(missing_a, text_b, text_a, names_a, lang), missing_a)
        unmatched_b = _fewer(words_a, words_b, names_a) or displaced
    if missing_b and not unmatched_a:
        names_b = names_in(text_b, lang, lang, known, known)
        displaced = renders(_displaced(missing_b, text_a, text_b, names_b, lang), missing_b)
        unmatched_a = _fewer(words_b, words_a, names_b) or displaced
    # a known place the other sentence lacks, standing where that sentence
    # has another name, replaced it even where the other version names the
    # place elsewhere ("wenn Sie nach Polen reisen" / "nach Spanien reisen")
    if not missing_a and not unmatched_b:
        places_a = [w for w in unmatched_a if fold(w) in known]
        names_a = names_in(text_a, lang, lang, known, known)
        unmatched_b = renders(_displaced(places_a, text_b, text_a, names_a, lang), places_a)
        missing_a = places_a if unmatched_b else []
    if not missing_b and not unmatched_a:
        places_b = [w for w in unmatched_b if fold(w) in known]
        names_b = names_in(text_b, lang, lang, known, known)
        unmatched_a = renders(_displaced(places_b, text_a, text_b, names_b, lang), places_b)
        missing_b = places_b if unmatched_a else []
    return _replaced(missing_a, missing_b, unmatched_a, unmatched_b)


#: words either side of a name that make up its place in the sentence
_SLOT_WORDS = 2
#: of those, how many two places must share (before with before, after
#: with after) to be the same place
_SLOT_SHARED = 2
_SLOT_TOKEN = re.compile(r"\w+")


def _slots(text: str, name: str) -> list[tuple[list[str], list[str], tuple[str, str]]]:
    """The places of ``name`` in ``text``: the case-folded words before
    and after each occurrence, and its next words as written."""
    tokens = _SLOT_TOKEN.findall(text)
    words = [w.casefold() for w in tokens]
    key = name.casefold()
    return [
        (
            words[max(0, i - _SLOT_WORDS) : i],
            words[i + 1 : i + 1 + _SLOT_WORDS],
            (tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else ""),
        )
        for i, w in enumerate(words)
        if w == key
    ]


def _shared_place(
    a: tuple[list[str], list[str], tuple[str, str]], b: tuple[list[str], list[str], tuple[str, str]]
) -> int:
    return len(set(a[0]) & set(b[0])) + len(set(a[1]) & set(b[1]))


def _displaced(
    new_names: list[str], text: str, other_text: str, other_names: list[str], lang: str | None
) -> list[str]:
    """Names of ``other_text`` whose place ``new_names`` (names of
    ``text`` the other version lacks) take in ``text``: two translations of
    one sentence keep the words around a name ("said the Juve coach" /
    "said the Kowalski coach"), so a new name standing between the words
    that surround another name there, which ``text`` names only in other
    places or not at all, stands in for it. This finds a name swapped where
    the sentence or its unit names the old one elsewhere too ("nach Spanien
    anreisen ... nach Polen reisen" / "Spanien ... nach Spanien reisen").

    A new name next to a capitalised word the other side has too extends
    a name both give ("Udinese Calcio", "Capt Samuel Brown"), a compound
    holding the other name renders it ("Rekonvaleszenzplasma" / "Plasma"),
    and a common word is no name to swap (a known place is, however
    common: Polen, Spanien)."""
    out = []
    places = _known(lang, _reference(lang))
    for new in new_names:
        if _common(new, lang) and fold(new) not in places:
            continue
        for place in _slots(text, new):
            if any(
                w[:1].isupper() and re.search(rf"(?<!\w){re.escape(w)}(?!\w)", other_text) for w in place[2]
            ):
                continue
            for name in other_names:
                if name in out or name in new_names or fold(name) in fold(new) or fold(new) in fold(name):
                    continue
                there = max((_shared_place(place, slot) for slot in _slots(other_text, name)), default=0)
                here = max((_shared_place(place, slot) for slot in _slots(text, name)), default=0)
                if there >= _SLOT_SHARED and there > here:
                    out.append(name)
    return out


def _fewer(words: list[str], other_words: list[str], names: list[str]) -> list[str]:
    """``names`` that ``words`` has more often than ``other_words``
    (Fleetwood twice in "Mick Fleetwood ... Fleetwood Mac", once where the
    band's name was changed): a name that lost one of its places."""
    mine = Counter(w for w in words if w in names)
    theirs = Counter(w for w in other_words if w in names)
    return [w for w, n in mine.items() if n > theirs[w] and theirs[w]]


def _replaced(
    missing_a: list[str], missing_b: list[str], unmatched_a: list[str], unmatched_b: list[str]
) -> tuple[list[str], list[str]]:
    """Independent wordings in one language (two translations of one
    original, see ``wording.independent``; an edited copy keeps every name
    it does not drop on purpose): the names that one version has *in place of* another
    name. ``missing_*`` are names of one side the other version lacks
    altogether, ``unmatched_*`` names of one side the other's sentence
    lacks. A name on one side alone, where the other side says the same
    without a name, is a choice of wording: a pronoun or a title for the
    person ("the Swede", "the minister"), an acronym spelled out or not
    (PSG, CPR), a first name dropped, a place given or left to the context.
    A name where the other side has another name is a name changed (Austria
    / Japan, Moshal / Marshall). Returns what each side has alone, for the
    sides of a pair that changed a name (both empty otherwise)."""
    out_a = missing_a if missing_a and unmatched_b else []
    out_b = missing_b if missing_b and unmatched_a else []
    if out_a:
        out_b = list(dict.fromkeys(out_b + unmatched_b))
    if out_b:
        out_a = list(dict.fromkeys(out_a + unmatched_a))
    return out_a, out_b


def _explicitations(
    missing_a: list[str],
    missing_b: list[str],
    text_a: str,
    text_b: str,
) -> tuple[list[str], list[str]]:
    """Leave out a first name or a title that one side adds before a name
    both sides share ("Jeremy Corbyn" / "Mr Corbyn"): translators add and
    drop them to suit the reader, and nothing is known to differ. Only when
    the other side lacks no name of its own, and its shared name has no
    first name of its own: a name on each side, or a first name the other
    side has otherwise ("Horst Seehofer" / "Kowalski Seehofer"), is a name
    swapped for another."""
    if missing_a and missing_b:
        return missing_a, missing_b
    # missing_b: names of a that b lacks; each stands in a
    kept_b = [w for w in missing_b if not _added_before_a_shared_name(w, text_a, text_b)]
    kept_a = [w for w in missing_a if not _added_before_a_shared_name(w, text_b, text_a)]
    return kept_a, kept_b


#: what stands before a surname instead of a first name
_HONORIFICS = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady herr frau dr. monsieur madame mme mlle señor señora sr sra "
    "signor signora sig".split()
)
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’-]*)\s+$")


def _added_before_a_shared_name(word: str, text: str, other_text: str) -> bool:
    """Whether ``word`` stands in ``text`` right before a capitalised word
    that ``other_text`` has too, with no first name of its own anywhere
    there (a lowercase word, a sentence start or an honorific such as "Mr"
    before each occurrence)."""
    for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
        after = _NEXT_WORD.match(text, m.end())
        if not after or not after.group(1)[:1].isupper():
            continue
        name = re.escape(after.group(1))
        firsts = [
            _PREVIOUS_WORD.search(other_text, 0, there.start())
            for there in re.finditer(rf"(?<!\w){name}(?!\w)", other_text)
        ]
        # every occurrence there without a first name of its own
        if firsts and all(
            not before or not before.group(1)[:1].isupper() or before.group(1).casefold() in _HONORIFICS
            for before in firsts
        ):
            return True
    return False


class NamesCheck:
    name = "names"
    severity = Severity.WARNING
    description = "A name or acronym appears on one side of an aligned pair only."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            doc_a, doc_b = ctx.documents[alignment.source], ctx.documents[alignment.target]
            cross = doc_a.lang != doc_b.lang
            eq_ab = _equivalents(doc_a.lang, doc_b.lang)
            eq_ba = _equivalents(doc_b.lang, doc_a.lang)
            places_a = _known(doc_a.lang, doc_b.lang if cross else _reference(doc_a.lang))
            places_b = _known(doc_b.lang, doc_a.lang if cross else _reference(doc_b.lang))
            # a known place is a name in one language as in two (Austria
            # swapped for Japan in one of two English versions)
            known_a, known_b = places_a, places_b
            compounds_a = doc_a.lang in NOUN_CAPITALISING
            compounds_b = doc_b.lang in NOUN_CAPITALISING
            whole_a, whole_b = _Whole(doc_a.text), _Whole(doc_b.text)
            for l_index, link in alignment.pairs():
                text_a = ctx.text(alignment.source, link.src)
                text_b = ctx.text(alignment.target, link.tgt)
                words_a, words_b = _TOKEN.findall(text_a), _TOKEN.findall(text_b)
                unmatched_b = [
                    w
                    for w in names_in(text_a, doc_a.lang, doc_b.lang, known_a, places_a)
                    if not _present(w, text_b, words_b, eq_ab, compounds_b)
                ]
                unmatched_a = [
                    w
                    for w in names_in(text_b, doc_b.lang, doc_a.lang, known_b, places_b)
                    if not _present(w, text_a, words_a, eq_ba, compounds_a)
                ]
                # a place on each side that the other lacks is a place
                # swapped for another (Germany / Frankreich): reported as it
                # is. Otherwise a name the pair lacks but the other version
                # names elsewhere is a choice of wording (a pronoun resolved,
                # a first name added, a place named once): nothing is known
                # to differ
                swapped = any(fold(w) in places_a for w in unmatched_b) and any(
                    fold(w) in places_b for w in unmatched_a
                )
                missing_b = [w for w in unmatched_b if swapped or not whole_b.has(w, eq_ab, compounds_b)]
                missing_a = [w for w in unmatched_a if swapped or not whole_a.has(w, eq_ba, compounds_a)]
                if cross:
                    # acronyms are expanded and translated at will across
                    # languages: one the other side lacks says nothing
                    missing_b = [w for w in missing_b if not _ACRONYM.match(w)]
                    missing_a = [w for w in missing_a if not _ACRONYM.match(w)]
                    missing_a, missing_b = _explicitations(missing_a, missing_b, text_a, text_b)
                elif independent(ctx, a_index):
                    missing_a, missing_b = _independent_changes(
                        text_a, text_b, doc_a.lang, (missing_a, missing_b), (unmatched_a, unmatched_b)
                    )
                if not missing_a and not missing_b:
                    continue
                parts = []
                if missing_b:
                    parts.append(f"{', '.join(missing_b)} only in {doc_a.name}")
                if missing_a:
                    parts.append(f"{', '.join(missing_a)} only in {doc_b.name}")
                yield ctx.finding(
                    self.name,
                    self.severity,
                    "Names differ: " + "; ".join(parts) + ".",
                    alignment.target,
                    link.tgt,
                    alignment=a_index,
                    link=l_index,
                    related=(alignment.source, link.src),
                    evidence={"source": missing_b, "target": missing_a},
                )
