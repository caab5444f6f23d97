"""The on-disk cache of parsed FreeDict dictionaries is written atomically."""

from __future__ import annotations

import pickle

import pytest

from translator.align import dictd


def test_cached_value_is_reused_while_the_source_file_is_unchanged(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "freedict-deu-eng.index"
    source.write_text("x", encoding="utf-8")
    calls = []
    build = lambda: calls.append(1) or [("haus", "house")]  # noqa: E731
    assert dictd.cached([source], "pairs", build) == [("haus", "house")]
    assert dictd.cached([source], "pairs", build) == [("haus", "house")]
    assert calls == [1]


def test_interrupted_cache_write_leaves_no_file_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "freedict-deu-eng.index"
    source.write_text("x", encoding="utf-8")

    def interrupted(*args, **kwargs):  # noqa: ANN002, ANN003
        raise KeyboardInterrupt

    monkeypatch.setattr(pickle, "dump", interrupted)
    with pytest.raises(KeyboardInterrupt):
        dictd.cached([source], "pairs", lambda: [("haus", "house")])
    leftovers = [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert leftovers == []
