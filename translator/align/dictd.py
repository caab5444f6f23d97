"""Bilingual word lists from FreeDict's dictd files (Debian ``dict-freedict-*``).

FreeDict ships one dictd database per direction (``freedict-deu-fra.index`` +
``freedict-deu-fra.dict.dz``). The index is a tab-separated list of
headword, offset and length (offsets in dictd's base-64 digits); the ``.dz``
file is gzip-compatible (dictzip), so the stdlib reads both. The one
maintained Python reader of the format (pyglossary's ``dictdlib``) needs
Python 3.12. Entry bodies are FreeDict's plain-text rendering of TEI: the
headword line, then translation lines (the first line, or lines numbered
``1.``, ``2.`` …), then glosses, notes and cross-references, which we skip.

Parsing a large dictionary takes seconds, so the word list is cached as a
pickle under ``$XDG_CACHE_HOME/translator`` keyed by the file's size and
modification time. No dictionary installed means no lexicon: the signal
switches itself off, nothing fails.
"""

from __future__ import annotations

import gzip
import os
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..atomic import open_atomic
from ..errors import InputError

T = TypeVar("T")

DEFAULT_DIR = "/usr/share/dictd"
_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_TAGS = re.compile(r"<[^>]*>|\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|/[^/]*/")
_NUMBERED = re.compile(r"^\d+\.\s+(.*)$")
_SENSE_REF = re.compile(r"\s+\d+\.\s*$")


def _b64(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + _B64[ch]
    return value


def dictionary_path(src: str, tgt: str, folder: str | None = None) -> Path | None:
    """The dictd index for ``src``→``tgt`` (ISO 639-3 codes), if installed."""
    base = Path(folder or os.environ.get("TRANSLATOR_DICTD_DIR", DEFAULT_DIR))
    path = base / f"freedict-{src}-{tgt}.index"
    data = base / f"freedict-{src}-{tgt}.dict.dz"
    if path.is_file() and (data.is_file() or data.with_suffix("").is_file()):
        return path
    return None


def read_pairs(index_path: Path) -> list[tuple[str, str]]:
    """(headword, translation) pairs of single words, from cache or the files."""
    return cached([index_path], "pairs", lambda: _parse(index_path))


def cached(paths: list[Path], kind: str, build: Callable[[], T]) -> T:
    """``build()``, memoised on disk under the cache folder, keyed by the
    name, size and modification time of ``paths`` (so an upgraded
    dictionary package is re-read)."""
    parts = [kind]
    for path in paths:
        stat = path.stat()
        parts.append(f"{path.stem}-{stat.st_size}-{int(stat.st_mtime)}")
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "translator"
    cache = cache_dir / ("_".join(parts) + ".pickle")
    try:
        with cache.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
        pass
    value = build()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # atomic: an interrupted write (Ctrl-C) leaves neither a torn cache
        # nor a temporary file behind
        with open_atomic(cache) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, InputError):
        pass  # a read-only home only costs the parse next time
    return value


def _parse(index_path: Path) -> list[tuple[str, str]]:
    data_path = index_path.with_suffix(".dict.dz")
    if data_path.is_file():
        with gzip.open(data_path) as handle:
            data = handle.read()
    else:
        data = index_path.with_suffix(".dict").read_bytes()
    seen: set[tuple[int, int]] = set()
    pairs: set[tuple[str, str]] = set()
    with index_path.open(encoding="utf-8", errors="replace") as index:
        for line in index:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3 or fields[0].startswith("00database"):
                continue
            try:
                span = (_b64(fields[1]), _b64(fields[2]))
            except KeyError:
                continue
            if span in seen:
                continue
            seen.add(span)
            body = data[span[0] : span[0] + span[1]].decode("utf-8", errors="replace")
            pairs.update(parse_entry(body))
    return sorted(pairs)


def parse_entry(body: str) -> list[tuple[str, str]]:
    """Single-word (headword, translation) pairs of one rendered entry."""
    lines = body.split("\n")
    if not lines or not lines[0].strip():
        return []
    head = _TAGS.sub(" ", lines[0]).strip()
    if not head or " " in head:
        return []
    candidates = []
    for k, line in enumerate(lines[1:]):
        numbered = _NUMBERED.match(line)
        if numbered:
            candidates.append(numbered.group(1))
        elif k == 0:
            candidates.append(line)
    out = []
    for text in candidates:
        text = _SENSE_REF.sub("", _TAGS.sub(" ", text))
        for item in re.split(r"[,;]", text):
            word = item.strip(" .…")
            if word and " " not in word and not any(ch.isdigit() for ch in word):
                out.append((head, word))
    return out
