"""Residue markers: labels and phrases that betray an untranslated source.

``glossaries/markers/<lang>.txt`` lists, per language, the caption and
credit labels (``Bild:``, ``Foto:``, ``Quelle:``) that stand at the start of
a line and the phrases (``Symbolbild``, agency tags) that may stand
anywhere. The residue check reports a marker of the source language in a
version in another language, unless that language shares it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import resource_dir


@dataclass(frozen=True)
class Marker:
    """A credit/source label (``Bild:``) or a phrase (``Symbolbild``)."""

    text: str
    lang: str
    pattern: re.Pattern[str]

    @property
    def is_label(self) -> bool:
        return self.text.endswith(":")


def _marker_pattern(marker: str) -> re.Pattern[str]:
    if marker.endswith(":"):
        words = r"\s+".join(re.escape(w) for w in marker[:-1].split())
        return re.compile(rf"^\s*[(\[]?\s*{words}\s*:", re.IGNORECASE)
    words = r"\s+".join(re.escape(w) for w in marker.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


@cache
def markers(lang: str) -> tuple[Marker, ...]:
    """The marker list ``glossaries/markers/<lang>.txt`` (empty when absent)."""
    try:
        path = resource_dir("glossaries") / "markers" / f"{lang}.txt"
    except FileNotFoundError:
        return ()
    if not path.is_file():
        return ()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text and not text.startswith("#"):
            out.append(Marker(text, lang, _marker_pattern(text)))
    return tuple(out)


@cache
def marker_languages() -> tuple[str, ...]:
    """The languages with a marker list: the source languages the residue
    check has labels for (sorted)."""
    try:
        folder = resource_dir("glossaries") / "markers"
    except FileNotFoundError:
        return ()
    return tuple(sorted(path.stem for path in folder.glob("*.txt") if path.is_file()))


def find_markers(line: str, lang: str, own_lang: str | None = None) -> list[Marker]:
    """Markers of ``lang`` found in ``line`` that are not also markers of
    ``own_lang`` ("Foto:" is German residue in English, but Spanish in
    Spanish)."""
    return [m for m in _foreign_only(lang, own_lang) if m.pattern.search(line)]


@cache
def _foreign_only(lang: str, own_lang: str | None) -> tuple[Marker, ...]:
    """The markers of ``lang`` that ``own_lang`` does not share, in list
    order: once per language pair, not once per line (the residue check
    asks for every line of a version, twice)."""
    own = {m.text.casefold() for m in markers(own_lang)} if own_lang else set()
    return tuple(m for m in markers(lang) if m.text.casefold() not in own)
