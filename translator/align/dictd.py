"""Bilingual word lists from FreeDict's dictd files (Debian ``dict-freedict-*``).

FreeDict ships one dictd database per direction (``freedict-deu-fra.index`` +
``freedict-deu-fra.dict.dz``). The index is a tab-separated list of
headword, offset and length (offsets in dictd's base-64 digits); the ``.dz``
file is gzip-compatible (dictzip), so the stdlib reads both. The one
maintained Python reader of the format (pyglossary's ``dictdlib``) needs
Python 3.12. Entry bodies are FreeDict's plain-text rendering of TEI: the
headword line, then translation lines (the first line, or lines numbered
``1.``, ``2.`` …), then glosses, notes and cross-references, which we skip.

Dictionaries are looked for in the user's data folder
(``$XDG_DATA_HOME/translator/dictd``, where ``translator dictionaries
install`` puts FreeDict's releases) and in the system folder
(``/usr/share/dictd``, Debian's packages), which ``TRANSLATOR_DICTD_DIR``
replaces (a list of folders separated by ``os.pathsep``).

Parsing a large dictionary takes seconds, so the word list is cached as
JSON under ``$XDG_CACHE_HOME/translator`` (a folder only the user can read)
keyed by the file's size and modification time (:mod:`translator.diskcache`).
JSON holds data and nothing else, so a cache file someone else planted can
never run code (a pickle would); a damaged or foreign cache file is
ignored, rebuilt and overwritten. No dictionary installed means no lexicon: the signal switches
itself off, nothing fails.
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path
from typing import Any

from ..diskcache import cache_dir, cached  # noqa: F401 - cache_dir: part of this module's interface

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


def user_dir() -> Path:
    """``$XDG_DATA_HOME/translator/dictd``: where ``translator dictionaries
    install`` puts dictionaries (no root needed)."""
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "translator" / "dictd"


def search_dirs(folder: str | None = None) -> list[Path]:
    """The folders searched for dictd files, first match wins: ``folder``
    alone when given; otherwise the user's data folder, then
    ``TRANSLATOR_DICTD_DIR`` (``os.pathsep``-separated) or, without it,
    the system's ``/usr/share/dictd``."""
    if folder:
        return [Path(folder)]
    configured = os.environ.get("TRANSLATOR_DICTD_DIR")
    system = (
        [Path(p) for p in configured.split(os.pathsep) if p]
        if configured is not None
        else [Path(DEFAULT_DIR)]
    )
    return [user_dir(), *system]


def dictionary_path(src: str, tgt: str, folder: str | None = None) -> Path | None:
    """The dictd index for ``src``→``tgt`` (ISO 639-3 codes), if installed.

    Debian names the files ``freedict-deu-eng.index``; FreeDict's own
    release archives ``deu-eng.index``: both are found."""
    for base in search_dirs(folder):
        for stem in (f"freedict-{src}-{tgt}", f"{src}-{tgt}"):
            path = base / f"{stem}.index"
            data = base / f"{stem}.dict.dz"
            if path.is_file() and (data.is_file() or data.with_suffix("").is_file()):
                return path
    return None


def has_dictionary(lang_a: str | None, lang_b: str | None, folder: str | None = None) -> bool:
    """Whether a FreeDict dictionary exists in either direction for two
    ISO 639-1 codes (what the dictionary signal would load)."""
    from .text import ISO3

    a, b = ISO3.get(lang_a or ""), ISO3.get(lang_b or "")
    if not a or not b or a == b:
        return False
    return bool(dictionary_path(a, b, folder) or dictionary_path(b, a, folder))


def read_pairs(index_path: Path) -> list[tuple[str, str]]:
    """(headword, translation) pairs of single words, from cache or the files."""
    return cached(
        [index_path],
        "pairs",
        lambda: _parse(index_path),
        dump=lambda pairs: [list(p) for p in pairs],
        load=_load_pairs,
    )


def _load_pairs(data: Any) -> list[tuple[str, str]]:  # noqa: ANN401 - JSON
    if not isinstance(data, list) or not all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], str) for p in data
    ):
        raise ValueError("not a list of word pairs")
    return [(h, t) for h, t in data]


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
