"""The engine: batching, one load per package, pivots, the cache, glossary protection."""
# ruff: noqa: F811  (pytest fixtures imported from modelbuilder)

from __future__ import annotations

import sqlite3

import ctranslate2
import pytest
from modelbuilder import argos_env, installed, tiny_packages  # noqa: F401

from translator.lexicon.terms import Term
from translator.translate import engine as engine_mod
from translator.translate.cache import TranslationCache
from translator.translate.engine import DecodeOptions, Engine
from translator.translate.packages import install_from_file
from translator.translate.protect import TermMatcher, restore

SENTENCES = [
    "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen.",
    "Die Polizei sucht Zeugen.",
    "Nach tagelangen Regenfällen hat die Stadt Dresden den Katastrophenfall ausgerufen.",
    "Der Pegel der Elbe erreichte am Nachmittag 7,35 Meter.",
    "Kurz.",
]


class BatchSpy:
    """Counts translate_batch calls and records what reaches the decoder."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[list[list[str]]] = []
        original = ctranslate2.Translator.translate_batch
        spy = self

        def translate_batch(self, source, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
            spy.calls.append([list(s) for s in source])
            return original(self, source, *args, **kwargs)

        monkeypatch.setattr(engine_mod, "_LOADED", {})
        monkeypatch.setattr(ctranslate2.Translator, "translate_batch", translate_batch)

    @property
    def sentences(self) -> int:
        return sum(len(c) for c in self.calls)


def test_exact_batching_never_pads_a_batch(installed, monkeypatch):
    spy = BatchSpy(monkeypatch)
    texts = SENTENCES * 8 + [f"Satz Nummer {i} ist hier." for i in range(40)]
    engine = Engine(cache=False, options=DecodeOptions(batching="exact"))
    out = engine.translate_texts(texts, "de", "en", terms=[])
    assert len(out) == len(texts) and all(isinstance(t, str) for t in out)
    for batch in spy.calls:
        assert 1 <= len(batch) <= engine_mod.MAX_BATCH_SIZE
        assert len({len(tokens) for tokens in batch}) == 1  # one length: no padding
    lengths = [len(batch[0]) for batch in spy.calls]
    assert lengths == sorted(lengths)
    assert max(len(batch) for batch in spy.calls) > 1  # really batched
    assert spy.sentences == len(set(texts))  # duplicates decoded once
    assert out[:5] == out[5:10]  # and handed back in input order


def test_padded_batching_fills_batches_with_neighbours_in_length_order(installed, monkeypatch):
    spy = BatchSpy(monkeypatch)
    texts = SENTENCES + [f"Satz Nummer {i} ist hier{'!' * (i % 7)}" for i in range(60)]
    out = Engine(cache=False).translate_texts(texts, "de", "en", terms=[])
    assert len(out) == len(texts)
    unique = len(set(texts))
    assert spy.sentences == unique
    # as few batches as the batch size allows, each one a run of the length order
    assert len(spy.calls) == -(-unique // engine_mod.PADDED_BATCH_SIZE)
    flat = [len(tokens) for batch in spy.calls for tokens in batch]
    assert flat == sorted(flat)
    assert any(len({len(t) for t in batch}) > 1 for batch in spy.calls)  # lengths do mix


def test_padded_batching_agrees_with_exact_batching_on_most_sentences(installed):
    # Not on all: padding changes the int8 kernels' float rounding, and a
    # random-weight model's near-tie choices can flip (see the engine's
    # docstring). Different decoding options would change nearly every one.
    texts = SENTENCES + [f"Im Jahr {1990 + i} kamen {i * 37} Menschen nach Bern." for i in range(40)]
    short = {"max_decoding_length": 48}
    padded = Engine(cache=False, options=DecodeOptions(batching="padded", **short))
    exact = Engine(cache=False, options=DecodeOptions(batching="exact", **short))
    a = padded.translate_texts(texts, "de", "en", terms=[])
    b = exact.translate_texts(texts, "de", "en", terms=[])
    same = sum(x == y for x, y in zip(a, b, strict=True))
    assert same >= 0.8 * len(texts)
    other = Engine(cache=False, options=DecodeOptions(batching="exact", beam_size=1, **short))
    c = other.translate_texts(texts, "de", "en", terms=[])
    assert sum(x == y for x, y in zip(b, c, strict=True)) < same


def test_batching_policy_comes_from_the_environment_and_is_part_of_the_cache_key(monkeypatch):
    monkeypatch.setenv("TRANSLATOR_BATCHING", "exact")
    assert DecodeOptions.from_env().batching == "exact"
    monkeypatch.setenv("TRANSLATOR_BATCHING", "nonsense")
    assert DecodeOptions.from_env().batching == "padded"
    assert DecodeOptions(batching="exact").key() != DecodeOptions().key()
    with pytest.raises(ValueError, match="batching"):
        DecodeOptions(batching="fastest")


def test_each_package_is_loaded_once_per_process(installed, monkeypatch):
    monkeypatch.setattr(engine_mod, "_LOADED", {})
    created = []
    real = engine_mod.LoadedPackage

    def counting(pkg):  # noqa: ANN001
        created.append(pkg.name)
        return real(pkg)

    monkeypatch.setattr(engine_mod, "LoadedPackage", counting)
    for _ in range(3):
        Engine(cache=False).translate_texts(SENTENCES, "de", "en", terms=[])
    assert created == ["translate-de_en"]


def test_pivot_through_english_chains_the_two_models(argos_env, tiny_packages):
    for pair in ("fr-en", "en-de"):
        install_from_file(tiny_packages[pair])
    engine = Engine(cache=False)
    via = engine.translate_texts(SENTENCES, "fr", "de", terms=[])
    english = engine.translate_texts(SENTENCES, "fr", "en", terms=[])
    assert via == engine.translate_texts(english, "en", "de", terms=[])


def test_second_run_of_the_same_text_does_no_decoding(installed, monkeypatch):
    spy = BatchSpy(monkeypatch)
    first = Engine()
    out1 = first.translate_texts(SENTENCES, "de", "en", terms=[])
    assert first.stats.decoded == len(SENTENCES)
    calls = len(spy.calls)
    assert calls > 0
    second = Engine()  # a new engine, as in a new process: the cache is on disk
    out2 = second.translate_texts(SENTENCES, "de", "en", terms=[])
    assert out2 == out1
    assert second.stats.decoded == 0 and second.stats.cached == len(SENTENCES)
    assert len(spy.calls) == calls


def test_no_cache_decodes_again_and_writes_nothing(installed):
    Engine(cache=False).translate_texts(SENTENCES, "de", "en", terms=[])
    again = Engine(cache=False)
    again.translate_texts(SENTENCES, "de", "en", terms=[])
    assert again.stats.decoded == len(SENTENCES)
    assert not (installed["mtcache"] / "translations.sqlite3").exists()


def test_cache_is_keyed_by_package_version_and_decoding_options(installed, tiny_packages):
    Engine().translate_texts(SENTENCES, "de", "en", terms=[])
    other_options = Engine(options=DecodeOptions(beam_size=2))
    other_options.translate_texts(SENTENCES, "de", "en", terms=[])
    assert other_options.stats.decoded == len(SENTENCES)
    install_from_file(tiny_packages["de-en@1.1"])
    for path in installed["packages"].glob("translate-de_en-1_0"):
        import shutil

        shutil.rmtree(path)
    newer = Engine()
    newer.translate_texts(SENTENCES, "de", "en", terms=[])
    assert newer.stats.decoded == len(SENTENCES)


def test_cache_uses_wal_and_stays_under_its_size_bound(tmp_path):
    cache = TranslationCache(tmp_path / "c.sqlite3", max_bytes=20_000)
    for batch in range(20):
        cache.put_many({f"k{batch}-{i}": "x" * 100 for i in range(20)})
    entries, size = cache.stats()
    assert size <= 20_000 and entries > 0
    assert cache.get_many(["k19-0"]) == {"k19-0": "x" * 100}  # newest kept
    assert cache.get_many(["k0-0"]) == {}  # oldest evicted
    mode = sqlite3.connect(tmp_path / "c.sqlite3").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_unwritable_cache_degrades_to_no_cache(installed, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    engine = Engine(cache=TranslationCache(blocker / "sub" / "c.sqlite3"))
    assert len(engine.translate_texts(SENTENCES, "de", "en", terms=[])) == len(SENTENCES)
    assert engine.cache.disabled_reason


def _term(source: str, target: str) -> Term:
    return Term(source, target, "de", "en")


def test_protection_replaces_terms_by_placeholders_and_restores_targets():
    matcher = TermMatcher(
        [_term("Kiew", "Kyiv"), _term("dpa", "dpa"), _term("Wladimir Putin", "Vladimir Putin")]
    )
    prot = matcher.protect("Wladimir Putin besuchte Kiew (dpa). Kiewer Straße.")
    assert "Kiew " not in prot.text and "Putin" not in prot.text and "dpa" not in prot.text
    assert "Kiewer" in prot.text  # whole words only
    translated = prot.text.replace("besuchte", "visited").replace("Straße", "Street")
    text, lost = restore(translated, prot)
    assert text == "Vladimir Putin visited Kyiv (dpa). Kiewer Street."
    assert lost == []
    dropped, lost = restore("Putin visited.", prot)
    assert sorted(lost) == ["Kiew", "Wladimir Putin", "dpa"]


def test_engine_protects_terms_before_decoding_and_reports_lost_ones(installed, monkeypatch):
    spy = BatchSpy(monkeypatch)
    results = Engine(cache=False).translate(
        ["Selenskyj traf den Kanzler in Kiew."],
        "de",
        "en",
        terms=[_term("Selenskyj", "Zelensky"), _term("Kiew", "Kyiv")],
    )
    decoded_source = "".join(spy.calls[0][0])
    assert "Kiew" not in decoded_source and "Selenskyj" not in decoded_source.replace("▁", "")
    result = results[0]
    assert sorted(result.protected) == ["Kiew", "Selenskyj"]
    for src, tgt in (("Kiew", "Kyiv"), ("Selenskyj", "Zelensky")):
        assert (tgt in result.translation) != (src in result.lost)
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in result.translation)


def test_bundled_glossary_terms_are_protected_by_default(installed):
    result = Engine(cache=False).translate(["Die Agentur dpa meldete es aus Moskau."], "de", "en")[0]
    assert sorted(result.protected) == ["Moskau", "dpa"]
