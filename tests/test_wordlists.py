"""wordfreq's word lists kept as JSON tables answer exactly what wordfreq
answers, and a process that finds them cached does not import wordfreq.

Every look-up of a cached table must equal wordfreq's own (words, order,
frequencies, top words, Zipf values); the tables live in the (per-test,
empty) cache folder, are keyed by wordfreq's data files and are rebuilt
when damaged.
"""

from __future__ import annotations

import json

import pytest
import wordfreq
from processkit import outputs_of_two_fresh_processes

from translator import diskcache
from translator.lexicon import wordlists


def _fresh() -> None:
    """Forget the in-process copies, so the next call reads the disk."""
    wordlists.frequencies.cache_clear()
    wordlists.top_words.cache_clear()
    wordlists.best_zipf.cache_clear()


def _tables(kind: str) -> list:
    return sorted(p for p in diskcache.cache_dir().glob(f"{kind}*.json"))


@pytest.mark.parametrize("lang", ["de", "fr", "en"])
def test_a_cached_word_list_equals_wordfreqs_list_in_words_order_and_frequency(lang):
    _fresh()
    built = wordlists.frequencies(lang)
    assert len(_tables(f"wordfreq-small-{lang}")) == 1
    _fresh()
    read_back = wordlists.frequencies(lang)
    expected = wordfreq.get_frequency_dict(lang, "small")
    assert read_back is not built
    assert list(read_back.items()) == list(expected.items())
    assert list(wordlists.top_words(lang, 100)) == wordfreq.top_n_list(lang, 100, "small")
    assert list(wordlists.top_words(lang, 7)) == wordfreq.top_n_list(lang, 7, "small")


def test_top_words_are_read_back_without_reading_the_whole_list(monkeypatch):
    # the function words of seven languages are asked by every process that
    # reads a date: once cached, they come from a table of their own
    _fresh()
    assert list(wordlists.top_words("it", 100)) == wordfreq.top_n_list("it", 100, "small")
    assert len(_tables("wordfreq-top-it")) == 1

    def whole_list(lang):
        raise AssertionError(f"read the whole {lang} list")

    monkeypatch.setattr(wordlists, "_table", whole_list)
    _fresh()
    wordlists.function_words.cache_clear()
    assert list(wordlists.top_words("it", 100)) == wordfreq.top_n_list("it", 100, "small")
    assert wordlists.function_words("it", 7) == frozenset(wordfreq.top_n_list("it", 7, "small"))


def test_more_top_words_than_the_table_keeps_come_from_wordfreq():
    _fresh()
    assert list(wordlists.top_words("de", 250)) == wordfreq.top_n_list("de", 250, "small")


def test_a_language_without_a_list_has_none_and_no_table():
    _fresh()
    for code in ("xx", "", "de-DE", "../de", "zz"):
        assert wordlists.frequencies(code) is None
        assert wordlists.top_words(code) == ()
        assert wordlists.best_zipf(code) == {}
    assert _tables("wordfreq") == []


def test_zipf_table_gives_wordfreqs_best_list_zipf_for_every_word():
    _fresh()
    wordlists.best_zipf("fr")
    _fresh()
    table = wordlists.best_zipf("fr")
    words = list(wordlists.frequencies("fr"))
    assert set(table) == set(words)
    for word in words[:: max(1, len(words) // 400)]:
        assert table[word] == wordfreq.zipf_frequency(word, "fr", wordlist="best")


def test_a_damaged_table_is_rebuilt_and_overwritten():
    _fresh()
    wordlists.frequencies("fr")
    (table,) = _tables("wordfreq-small-fr")
    for payload in ("{not json", json.dumps({"runs": [[1e-3, [1, 2]]], "top": []}), json.dumps([1, 2])):
        table.write_text(payload, encoding="utf-8")
        _fresh()
        assert wordlists.frequencies("fr") == wordfreq.get_frequency_dict("fr", "small")
        assert json.loads(table.read_text(encoding="utf-8"))["top"] == wordfreq.top_n_list("fr", 100, "small")


def test_the_table_is_keyed_by_wordfreqs_data_file():
    path = wordlists.list_file("de")
    assert path is not None and path.name == "small_de.msgpack.gz"
    name = diskcache.cache_file([path], "wordfreq-small-de").name
    stat = path.stat()
    assert f"{stat.st_size}-{int(stat.st_mtime)}" in name


def test_a_process_that_finds_the_tables_cached_does_not_import_wordfreq():
    probe = (
        "import sys\n"
        "from translator.ingest.langid import _frequencies\n"
        "from translator.lexicon.wordlists import best_zipf, function_words\n"
        "assert _frequencies('de') and function_words('de') and best_zipf('de')\n"
        "print('wordfreq' in sys.modules)\n"
    )
    assert outputs_of_two_fresh_processes(probe) == ["True", "False"]


def test_long_keys_are_hashed_into_a_short_file_name(tmp_path):
    sources = []
    for k in range(12):
        source = tmp_path / f"a-rather-long-source-file-name-{k}.dat"
        source.write_text("x", encoding="utf-8")
        sources.append(source)
    name = diskcache.cache_file(sources, "calendar").name
    assert len(name) < 100 and name.startswith("calendar_")
    assert diskcache.cache_file(sources[:-1], "calendar").name != name
