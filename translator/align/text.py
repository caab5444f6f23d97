"""Word-level helpers the signals share: tokens, stems, language names.

Stemming (Snowball) lets a dictionary entry *Berg* match *Bergen* and a
learned pair *sommet*/*Gipfel* match *sommets*/*Gipfeln*: inflection is
the main reason two translations of a word fail to match literally.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..ingest.languages import primary_language

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)

#: ISO 639-1 -> Snowball algorithm
_SNOWBALL = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
}

#: ISO 639-1 -> ISO 639-3, as FreeDict names its dictionaries
ISO3 = {
    "ar": "ara",
    "cs": "ces",
    "da": "dan",
    "de": "deu",
    "el": "ell",
    "en": "eng",
    "es": "spa",
    "fi": "fin",
    "fr": "fra",
    "ga": "gle",
    "hr": "hrv",
    "hu": "hun",
    "it": "ita",
    "ja": "jpn",
    "la": "lat",
    "lt": "lit",
    "nl": "nld",
    "pl": "pol",
    "pt": "por",
    "ru": "rus",
    "sr": "srp",
    "sv": "swe",
    "tr": "tur",
}


def words(text: str) -> list[str]:
    """Word tokens in their original case."""
    return _WORD.findall(text)


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """Lower case without accents: *Höhe* -> *hohe*, *été* -> *ete*."""
    word = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in word if not unicodedata.combining(ch))


class Stemmer:
    """A cached Snowball stemmer; the identity (on folded words) for
    languages Snowball does not know."""

    def __init__(self, lang: str | None) -> None:
        self.lang = lang
        algorithm = _SNOWBALL.get(primary_language(lang))
        self._stemmer = None
        if algorithm:
            import snowballstemmer

            self._stemmer = snowballstemmer.stemmer(algorithm)
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        out = self._cache.get(word)
        if out is None:
            low = word.casefold()
            out = fold_word(self._stemmer.stemWord(low) if self._stemmer else low)
            self._cache[word] = out
        return out


@lru_cache(maxsize=32)
def stemmer(lang: str | None) -> Stemmer:
    return Stemmer(lang)
