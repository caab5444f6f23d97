"""Language data loaded lazily gives exactly what eager loading gave.

langdetect's n-gram table is built row by row on first use and the
residue detector looks words up in the word lists of the languages at hand
instead of merging them up front; both are start-up savings only, so every
probability must equal the eager one.
"""

from __future__ import annotations

import pytest
from langdetect import DetectorFactory
from langdetect.detector_factory import PROFILES_DIRECTORY

from translator.ingest import langid

TEXTS = [
    "Der Bundesrat hat am Montag 12 Millionen Franken bewilligt.",
    "Le Conseil fédéral a approuvé lundi 12 millions de francs.",
    "The council approved the budget on Monday.",
    "Hochwasser",
    "ok",
]


@pytest.fixture(scope="module")
def eager() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def test_lazy_ngram_rows_equal_langdetects_own_table(eager):
    langs, table = langid._lazy_profiles(PROFILES_DIRECTORY)
    assert langs == eager.langlist
    assert len(table) == len(eager.word_lang_prob_map)
    for gram, row in eager.word_lang_prob_map.items():
        assert gram in table
        assert table[gram] == row
    assert "\x00no such gram" not in table
    assert table.get("\x00no such gram") is None
    with pytest.raises(KeyError):
        table["\x00no such gram"]


def test_detection_with_the_lazy_table_matches_langdetect(eager):
    langid._ensure_loaded()
    for text in TEXTS:
        detector = eager.create()
        DetectorFactory.seed = langid.SEED
        detector.append(text)
        detector._detect_block()
        expected = dict(zip(eager.langlist, detector.langprob, strict=True))
        got = langid._langdetect(text, False)
        assert got is not None
        assert dict(got) == expected


def test_word_rows_equal_the_merged_lists():
    freqs = [langid._frequencies("de"), langid._frequencies("fr")]
    table = langid._WordTable(freqs)
    for word in ("der", "le", "hotel", "zürich", "bundesrat", "xqzzy", "la"):
        merged = [f.get(word) for f in freqs]
        expected = None if all(v is None for v in merged) else tuple(v or 0.0 for v in merged)
        assert table.get(word) == expected


def test_identifier_tells_the_languages_at_hand_apart_from_their_word_lists():
    ident = langid.identifier(("de", "fr"))
    assert ident.identify("Die Gemeinde begrüsst den Entscheid").lang == "de"
    assert ident.identify("La commune salue la décision").lang == "fr"
