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


def test_packed_profile_table_gives_every_row_langdetect_gives(eager):
    langs, table = langid._packed_profiles(PROFILES_DIRECTORY)  # built and cached
    langs_again, read_back = langid._packed_profiles(PROFILES_DIRECTORY)  # read from the cache
    assert isinstance(read_back, langid.PackedNgramTable)
    assert langs == langs_again == eager.langlist
    assert len(read_back) == len(eager.word_lang_prob_map)
    for gram, row in eager.word_lang_prob_map.items():
        assert read_back[gram] == row
    assert read_back.get("\x00no such gram") is None and "\x00no such gram" not in read_back
    assert list(read_back) == list(eager.word_lang_prob_map)


def test_a_damaged_packed_table_is_rebuilt(eager):
    from translator import diskcache

    langid._packed_profiles(PROFILES_DIRECTORY)
    (packed,) = diskcache.cache_dir().glob("langdetect-profiles*.json")
    good = packed.read_bytes()
    for damage in (good[: len(good) // 3], good.replace(b'"B"', b'"I"', 1)):
        packed.write_bytes(damage)
        langs, table = langid._packed_profiles(PROFILES_DIRECTORY)
        assert langs == eager.langlist
        assert table["der"] == eager.word_lang_prob_map["der"]


def test_profiles_listed_in_another_order_are_read_in_that_order(tmp_path, monkeypatch):
    """langdetect's language order is its folder's listing order: a cached
    table made under another order is not used."""
    import os

    langid._packed_profiles(PROFILES_DIRECTORY)
    listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda folder: list(reversed(listdir(folder))))
    langs, table = langid._packed_profiles(PROFILES_DIRECTORY)
    reversed_langs, reversed_table = langid._lazy_profiles(PROFILES_DIRECTORY)
    assert langs == reversed_langs
    assert table["der"] == reversed_table["der"]
