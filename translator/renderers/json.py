"""JSON: the data model itself (see :func:`translator.model.to_dict`)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any, BinaryIO

from ..gate.model import CheckRun
from ..model import Comparison, jsonable, to_dict, to_view

#: characters of encoded JSON gathered before one write to the file
_BLOCK = 1 << 20
#: ``json.dumps``'s settings for this output (an encoder keeps no state)
_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)


def _blocks(data: Any) -> Iterator[str]:
    """The text of ``json.dumps(data, ensure_ascii=False, indent=2)`` in
    blocks of about ``_BLOCK`` characters.

    With ``indent`` the standard library encodes in Python and collects
    every token in one list before joining it: millions of small strings
    for a long comparison. Gathered a block at a time instead, only one
    block of tokens is alive at once.
    """
    return _gather(json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data))


def _lazy(value: Any, level: int, depth: int) -> Iterator[str]:
    """``json.dumps(jsonable(value), ensure_ascii=False, indent=2)`` nested
    ``level`` deep, with dicts and lists down to ``depth`` levels walked here
    and each deeper value converted and encoded on its own: the model is
    never copied whole (a segment, a finding, a link at a time)."""
    if depth > 0 and is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in fields(value)}
    if depth <= 0 or not isinstance(value, (dict, list)) or not value:
        text = _ENCODER.encode(jsonable(value))
        yield text.replace("\n", "\n" + "  " * level) if level else text
        return
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        yield "{"
        for k, (key, item) in enumerate(value.items()):
            yield ("," if k else "") + inner + json.dumps(str(key), ensure_ascii=False) + ": "
            yield from _lazy(item, level + 1, depth - 1)
        yield "\n" + "  " * level + "}"
    else:
        yield "["
        for k, item in enumerate(value):
            yield ("," if k else "") + inner
            yield from _lazy(item, level + 1, depth - 1)
        yield "\n" + "  " * level + "]"


def _gather(chunks: Iterator[str]) -> Iterator[str]:
    """``chunks`` joined into blocks of about ``_BLOCK`` characters."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size >= _BLOCK:
            yield "".join(parts)
            parts.clear()
            size = 0
    if parts:
        yield "".join(parts)


def dumps(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, the same text,
    in memory the size of the text's own."""
    out = io.StringIO()
    for block in _blocks(data):
        out.write(block)
    return out.getvalue()


def dump(data: Any, handle: BinaryIO) -> None:
    """:func:`dumps` written to ``handle`` as UTF-8 block by block: the report
    is never whole in memory (100,000 one-character paragraphs: a 270 MB
    report, which as a string, its buffer and its encoding held three
    copies at once, the peak of the whole ``compare``)."""
    for block in _blocks(data):
        handle.write(block.encode("utf-8"))


class JsonRenderer:
    name = "json"
    suffix = ".json"

    def render(self, comparison: Comparison) -> str:
        return dumps(to_dict(comparison)) + "\n"

    def write(self, comparison: Comparison, handle: BinaryIO) -> None:
        """:meth:`render`'s bytes, streamed into ``handle``."""
        # comparison -> documents -> document -> segments: a segment, a
        # finding or a link is the unit converted at a time
        for block in _gather(_lazy(to_view(comparison), 0, 4)):
            handle.write(block.encode("utf-8"))
        handle.write(b"\n")

    def render_run(self, run: CheckRun) -> str:
        """``translator check``: summary, located findings and the full model."""
        return dumps(run.to_dict()) + "\n"
