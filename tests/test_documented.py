"""Documented behaviour that had no test: signals, defaults, environment settings, timeouts."""

from __future__ import annotations

import socket
import time

import pytest

from translator.align import AlignOptions, moves_for
from translator.align.context import PairContext
from translator.align.signals import SIGNALS
from translator.cli import main
from translator.lexicon.anchors import number_words

# one pair per signal: sentence 0 and 1 of each side carry the evidence
# only that signal reads (languages differ, so no look-alike words help)
SIGNAL_CASES = {
    "urls": (
        ["Mehr unter https://example.org/hochwasser heute.", "Das Wasser stieg weiter."],
        ["More at https://example.org/hochwasser today.", "The water kept rising."],
    ),
    "casing": (
        ["HOCHWASSER IN DRESDEN", "Das Wasser stieg weiter."],
        ["FLOODS IN DRESDEN", "The water kept rising."],
    ),
    "dates": (
        ["Am 12. Juli 2021 stieg das Wasser.", "Das Wasser stieg weiter."],
        ["On 12 July 2021 the water rose.", "The water kept rising."],
    ),
    "quotes": (
        ["„Wir sind noch nicht am Ende“, sagte sie.", "Das Wasser stieg weiter."],
        ["“We are not at the end yet,” she said.", "The water kept rising."],
    ),
}


@pytest.mark.parametrize("name", sorted(SIGNAL_CASES))
def test_signal_matches_its_own_evidence_across_languages(name):
    src, tgt = SIGNAL_CASES[name]
    signal = SIGNALS[name]()
    signal.prepare(PairContext(src, tgt, "de", "en"))
    assert signal.active, name
    assert signal.pair_similarity(0, 0) > signal.pair_similarity(0, 1)
    assert signal.pair_similarity(0, 0) > signal.pair_similarity(1, 0)


def test_default_max_link_is_5_which_allows_one_to_five_links():
    from translator.cli.align import align

    assert AlignOptions().max_link == 5
    assert [p.default for p in align.params if p.name == "max_link"] == [5]
    assert (1, 5) in moves_for(5) and (3, 3) in moves_for(5) and (1, 5) not in moves_for(4)


def test_align_glossary_option_is_read(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Der Zwiebelturm brannte.\n\nDie Feuerwehr kam.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The onion dome burned.\n\nThe fire brigade came.\n", encoding="utf-8")
    glossary = tmp_path / "de-en-terms.tsv"
    glossary.write_text("source\ttarget\tforbidden\tnotes\nZwiebelturm\tonion dome\t\t\n", encoding="utf-8")
    args = ["align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--lang-a", "de", "--lang-b", "en"]
    missing = runner.invoke(main, [*args, "--glossary", str(tmp_path / "absent.tsv")])
    assert missing.exit_code == 2
    result = runner.invoke(main, [*args, "--glossary", str(glossary), "-o", str(tmp_path / "out.tsv")])
    assert result.exit_code == 0, result.output
    ctx = PairContext(
        ["Der Zwiebelturm brannte."], ["The onion dome burned."], "de", "en", glossaries=(str(glossary),)
    )
    signal = SIGNALS["glossary"]()
    signal.prepare(ctx)
    assert signal.active and signal.pair_similarity(0, 0) > 0


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("fr", "trois maisons et le deuxième étage", {3.0, 2.0}),
        ("es", "tres casas y el segundo piso", {3.0, 2.0}),
        ("it", "tre case e il secondo piano", {3.0, 2.0}),
        ("de", "drei Häuser und der zweite Stock", {3.0, 2.0}),
    ],
)
def test_number_words_and_ordinals_are_read_in_each_documented_language(lang, text, expected):
    assert expected <= set(number_words(text))


def test_translation_cache_size_bound_comes_from_the_environment(tmp_path, monkeypatch):
    from translator.translate.cache import TranslationCache

    monkeypatch.setenv("TRANSLATOR_CACHE_MAX_MB", "1")
    cache = TranslationCache(tmp_path / "c.sqlite3")
    assert cache.max_bytes == 1024 * 1024
    for batch in range(30):
        cache.put_many({f"k{batch}-{i}": "x" * 1000 for i in range(100)})
    entries, size = cache.stats()
    assert 0 < size <= 1024 * 1024
    assert cache.get_many(["k0-0"]) == {}
    monkeypatch.setenv("TRANSLATOR_CACHE_MAX_MB", "not-a-number")
    assert TranslationCache(tmp_path / "d.sqlite3").max_bytes == 256 * 1024 * 1024


def test_a_package_index_that_never_answers_times_out(monkeypatch):
    from translator.errors import ModelError
    from translator.translate.packages import available_packages

    with socket.socket() as silent:  # accepts connections (backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{silent.getsockname()[1]}/")
        start = time.monotonic()
        with pytest.raises(ModelError, match="timed out|no network"):
            available_packages(timeout=0.5)
        assert time.monotonic() - start < 10


def test_the_default_report_path_is_never_an_input(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The river rose on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The river rose on Tuesday.\n", encoding="utf-8")
    # a-vs-b.html is where the report would go, and it is a link to input a
    (tmp_path / "a-vs-b.html").symlink_to(tmp_path / "a.txt")
    result = runner.invoke(main, ["compare", "a.txt", "b.txt"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "The river rose on Monday.\n"
    assert (tmp_path / "a-vs-b.html").is_symlink()
    reports = sorted(p.name for p in tmp_path.glob("*.html") if not p.is_symlink())
    assert reports == ["a-vs-b-2.html"]
