"""The on-disk cache of parsed FreeDict dictionaries: JSON data only, private, self-healing, atomic."""

from __future__ import annotations

import json
import os
import pickle
import stat

import pytest
from dictdkit import DEU_ENG, write_dictd

from translator import diskcache
from translator.align import dictd
from translator.align.signals.dictionary import load_lexicon, reachable_stems


def _cache_files() -> list:
    folder = dictd.cache_dir()
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def _pairs(index):
    return dictd.read_pairs(index)


def test_cached_value_is_reused_while_the_source_file_is_unchanged(tmp_path):
    source = tmp_path / "freedict-deu-eng.index"
    source.write_text("x", encoding="utf-8")
    calls = []
    build = lambda: calls.append(1) or [("haus", "house")]  # noqa: E731
    codec = {"dump": lambda v: [list(p) for p in v], "load": lambda d: [tuple(p) for p in d]}
    assert dictd.cached([source], "pairs", build, **codec) == [("haus", "house")]
    assert dictd.cached([source], "pairs", build, **codec) == [("haus", "house")]
    assert calls == [1]
    source.write_text("xy", encoding="utf-8")  # an upgraded dictionary is re-read
    dictd.cached([source], "pairs", build, **codec)
    assert calls == [1, 1]


def test_cache_files_are_json_in_a_folder_only_the_user_can_open(tmp_path):
    index = write_dictd(tmp_path / "dicts", "deu-eng", DEU_ENG)
    pairs = _pairs(index)
    assert ("Pegel", "level") in pairs
    (cache,) = _cache_files()
    assert cache.suffix == ".json"
    assert [tuple(p) for p in json.loads(cache.read_text(encoding="utf-8"))] == pairs
    assert stat.S_IMODE(dictd.cache_dir().stat().st_mode) == 0o700


def test_a_planted_pickle_payload_is_never_executed(tmp_path):
    """Whatever sits in the cache folder is parsed as JSON, never unpickled:
    a payload under the cache's own name (old or new extension) cannot run."""
    index = write_dictd(tmp_path / "dicts", "deu-eng", DEU_ENG)
    expected = dictd._parse(index)
    marker = tmp_path / "payload-ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    first = _pairs(index)
    (cache,) = _cache_files()
    evil = pickle.dumps(Payload())
    cache.write_bytes(evil)
    cache.with_name(cache.name.replace(".v2.json", ".pickle")).write_bytes(evil)
    assert _pairs(index) == first == expected
    assert not marker.exists()
    # the planted file was replaced by a good one
    assert json.loads(cache.read_text(encoding="utf-8"))[0] == list(expected[0])


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated"),
        pytest.param(lambda raw: b"", id="empty"),
        pytest.param(lambda raw: b'{"haus": "house"}', id="object-not-list"),
        pytest.param(lambda raw: b'[["haus", 3]]', id="wrong-item-type"),
        pytest.param(lambda raw: b"\xff\xfe\x00garbage", id="not-utf8"),
        pytest.param(lambda raw: b"[" * 100_000, id="nested-too-deep"),
    ],
)
def test_a_damaged_pairs_cache_is_ignored_rebuilt_and_overwritten(tmp_path, damage):
    index = write_dictd(tmp_path / "dicts", "deu-eng", DEU_ENG)
    good = _pairs(index)
    (cache,) = _cache_files()
    raw = cache.read_bytes()
    cache.write_bytes(damage(raw))
    assert _pairs(index) == good
    assert cache.read_bytes() == raw


@pytest.mark.parametrize("payload", ['["stem", "other"]', '{"pegel": "level"}', '{"pegel": [1, 2]}', "{"])
def test_a_damaged_lexicon_cache_is_ignored_and_rebuilt(tmp_path, payload):
    folder = tmp_path / "dicts"
    write_dictd(folder, "deu-eng", DEU_ENG)
    load_lexicon.cache_clear()
    good = load_lexicon("de", "en", str(folder))
    assert "level" in good["pegel"]
    (lexicon_file,) = [p for p in _cache_files() if p.name.startswith("lexicon-")]
    lexicon_file.write_text(payload, encoding="utf-8")
    load_lexicon.cache_clear()
    assert load_lexicon("de", "en", str(folder)) == good
    assert json.loads(lexicon_file.read_text(encoding="utf-8"))["pegel"] == sorted(good["pegel"])


def test_an_unwritable_cache_folder_costs_only_the_parse(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    index = write_dictd(tmp_path / "dicts", "deu-eng", DEU_ENG)
    assert ("Pegel", "level") in _pairs(index)


def test_interrupted_cache_write_leaves_no_file_behind(tmp_path, monkeypatch):
    source = tmp_path / "freedict-deu-eng.index"
    source.write_text("x", encoding="utf-8")

    def interrupted(*args, **kwargs):  # noqa: ANN002, ANN003
        raise KeyboardInterrupt

    monkeypatch.setattr(diskcache.json, "dumps", interrupted)
    with pytest.raises(KeyboardInterrupt):
        dictd.cached([source], "pairs", lambda: [("haus", "house")], dump=list, load=list)
    leftovers = [p.name for p in dictd.cache_dir().rglob("*") if p.is_file()]
    assert leftovers == []
    assert os.environ["XDG_CACHE_HOME"] in str(dictd.cache_dir())


def test_a_lexicon_read_back_equals_the_built_one_and_builds_only_the_sets_asked_for(tmp_path):
    folder = tmp_path / "dicts"
    write_dictd(folder, "deu-eng", DEU_ENG)
    load_lexicon.cache_clear()
    built = dict(load_lexicon("de", "en", str(folder)))
    load_lexicon.cache_clear()
    read_back = load_lexicon("de", "en", str(folder))
    assert read_back is not built and len(read_back) == len(built) > 1
    assert read_back._sets == {}  # nothing built by reading the table
    assert read_back["pegel"] == built["pegel"] and set(read_back._sets) == {"pegel"}
    assert "pegel" in read_back and "\x00none" not in read_back
    assert read_back == built
    assert reachable_stems(read_back) == set().union(*built.values())
