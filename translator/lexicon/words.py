"""Is a word a word of its language? wordfreq's large word lists as a lexicon.

German capitalises every noun, so capitalisation cannot tell a name from a
noun; what can is the language's vocabulary. The small word lists (the
30,000-odd most frequent words, :func:`translator.ingest.langid._frequencies`)
know everyday words; a rarer noun (Exzentrikerin, Pavianen, Fluglotsen,
Hasstiraden) is only in the large list (down to one in 10^8 words). A word
the large list knows is still no proof of a common word: rare names are
there too (Grindel, Eggenfelden). Two facts of language separate them:

- names travel: a name is written in the other language's text as well, so
  its list knows it at a comparable rate; a common word is translated, so
  the other list barely knows it;
- nouns inflect: a noun's other forms are words too (Pavian / Pavianen,
  Fluglotse / Fluglotsen, Exzentriker / Exzentrikerin), where a name at
  most takes the genitive s (Grindels).

The large lists are loaded on first use (about 0.2 s and 25 MB a language),
only when a word the small lists do not know has to be judged.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

#: a word the other language uses at less than this share of the own
#: language's rate does not travel (the names check's rate, see there)
SHARED_RATE = 0.2
#: endings of German (and Dutch) noun and adjective forms; the genitive "s"
#: is left out on purpose: names take it too (Grindels, Merkels)
_INFLECTIONS = ("e", "en", "n", "er", "ern", "es", "in", "innen", "nen")
#: endings only taken off, never added: a place's adjective is its name
#: with "er" (Beckum / Beckumer, Freital / Freitaler), so an added "er"
#: says nothing about a common noun
_ADDED = tuple(end for end in _INFLECTIONS if end not in ("er", "ern"))
_UMLAUT = str.maketrans("aou", "äöü")
#: German surnames are compounds too (Acker|mann, Bier|hoff, Kalten|brunner,
#: Urles|berger): their usual last parts make a name, not a noun
_SURNAME_ENDINGS = tuple(
    "mann hoff brunner berger burger meier maier meyer mayer huber bauer müller hauser".split()
)
#: a part of a compound found in the large list: a word at least this frequent
_PART = 1e-7
_LINKS = ("", "s", "es", "n", "en")
#: after a head this frequent, a tail may be as rare as this (Notar|assessorin)
_FREQUENT_HEAD = 1e-6
_RARE_PART = 1e-8
#: how German place names end (Merklingen, Eggenfelden, Kirchheim,
#: Freital): such a word is a place until a list says it travels
_PLACE_ENDINGS = tuple(
    "ingen ing heim hausen dorf burg berg feld felden furt stadt hof hofen bach au tal thal "
    "kirchen bruck brück born stein wald rode leben stedt weiler büttel ow itz kölln".split()
)


@cache
def large_frequencies(lang: str) -> Mapping[str, float] | None:
    """wordfreq's large word list for ``lang`` (None when it has none)."""
    from wordfreq import available_languages, get_frequency_dict

    if lang not in available_languages("large"):
        return None
    return get_frequency_dict(lang, "large")


def _forms(key: str) -> set[str]:
    """Other inflected forms of the folded word ``key``: with an ending
    added or taken off, and the plural umlaut undone (Kakteen / Kaktus is
    irregular and not found; Öllampen / Öllampe is)."""
    out = {key + end for end in _ADDED}
    for end in _INFLECTIONS:
        if key.endswith(end) and len(key) - len(end) >= 3:
            stem = key[: len(key) - len(end)]
            out |= {stem, *(stem + other for other in _ADDED)}
    # Latin and Greek plurals: Kakteen / Kaktus, Museen / Museum, Firmen / Firma
    if key.endswith("een"):
        out.add(key[:-3] + "us")
    if key.endswith("en"):
        out |= {key[:-2] + "us", key[:-2] + "um", key[:-2] + "a"}
    # a nominalised verb or a noun with its adjective: Befremden / befremdet,
    # Wehmut / wehmütig
    if key.endswith("en") and len(key) >= 6:
        out |= {key[:-2] + end for end in ("t", "et", "te", "end", "ung", "lich")}
    out |= {key + "ig", key.translate(_UMLAUT) + "ig", key + "lich"}
    out.discard(key)
    return out


def _two_large_lists(
    own: str | None, other: str | None
) -> tuple[Mapping[str, float], Mapping[str, float]] | None:
    """The large word lists of two different languages, or None when the
    languages are unknown, the same, or either has no large list."""
    if not own or not other or own == other:
        return None
    own_freq, other_freq = large_frequencies(own), large_frequencies(other)
    if own_freq is None or other_freq is None:
        return None
    return own_freq, other_freq


@cache
def untravelled_word(word: str, own: str | None, other: str | None) -> bool:
    """Whether ``word`` is a word of ``own`` that ``other`` does not write:
    the large list of ``own`` knows it, the other language's list knows it
    at less than :data:`SHARED_RATE` of that rate, and another inflected form
    of it is a word of ``own`` too (a noun, not a rare name). False when
    either language has no large list."""
    lists = _two_large_lists(own, other)
    if lists is None:
        return False
    own_freq, other_freq = lists
    key = word.casefold()
    if key.endswith(_PLACE_ENDINGS):
        return False
    rate = own_freq.get(key, 0.0)
    if not rate or other_freq.get(key, 0.0) >= SHARED_RATE * rate:
        return False
    return any(own_freq.get(form, 0.0) and other_freq.get(form, 0.0) < SHARED_RATE * own_freq[form]
               for form in _forms(key))  # fmt: skip


@cache
def compound_word(word: str, own: str | None, other: str | None) -> bool:
    """Whether ``word`` is a compound of two words of ``own``'s large list,
    one of which ``other`` does not write (Rekonvaleszenz|plasma,
    Tomaten|pflänzchen, Gas|bläschen, Notar|assessorin): a noun the small
    list is too small to know. A part that does not travel makes a name
    that happens to split (Mars|basalt: both parts travel) rarer; a
    three-letter head only before a longer word, a rarer tail only after a
    frequent head; a place's shape is never a compound (see
    :func:`untravelled_word`)."""
    lists = _two_large_lists(own, other)
    if lists is None:
        return False
    own_freq, other_freq = lists
    key = word.casefold()
    if key.endswith(_PLACE_ENDINGS) or key.endswith(_SURNAME_ENDINGS):
        return False

    def stays(part: str) -> bool:
        return other_freq.get(part, 0.0) < SHARED_RATE * own_freq.get(part, 0.0)

    for i in range(3, len(key) - 3):
        head = key[:i]
        rate = own_freq.get(head, 0.0)
        if rate < _PART:
            continue
        for link in _LINKS:
            tail = key[i:]
            if not tail.startswith(link):
                continue
            tail = tail[len(link) :]
            floor = _RARE_PART if rate >= _FREQUENT_HEAD and i > 3 else _PART
            if (
                len(tail) >= (4 if i > 3 else 5)
                and own_freq.get(tail, 0.0) >= floor
                and (stays(tail) if i == 3 else stays(head) or stays(tail))
            ):
                return True
    return False
