"""Alignment output formats: one module each, registered in :data:`WRITERS`.

Adding a format = one module with a writer class + one line here.
"""

from __future__ import annotations

from ..errors import InputError
from .base import AlignedPair, AlignmentWriter
from .json import JsonWriter, read_json
from .ladder import LadderWriter, read_ladder
from .tmx import TmxWriter
from .tsv import TsvWriter, read_tsv

WRITERS: dict[str, type] = {cls.name: cls for cls in (LadderWriter, TsvWriter, JsonWriter, TmxWriter)}


def get_writer(name: str) -> AlignmentWriter:
    try:
        return WRITERS[name]()
    except KeyError:
        raise InputError(f"unknown alignment format {name!r}; known: {', '.join(WRITERS)}") from None


__all__ = ["WRITERS", "AlignedPair", "AlignmentWriter", "get_writer", "read_json", "read_ladder", "read_tsv"]
