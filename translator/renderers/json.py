"""JSON: the data model itself (see :func:`translator.model.to_dict`)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..model import CheckRun, Comparison, to_dict

#: characters of encoded JSON gathered before one write to the file
_BLOCK = 1 << 20


def _blocks(data: Any) -> Iterator[str]:
    """The text of ``json.dumps(data, ensure_ascii=False, indent=2)`` in
    blocks of about ``_BLOCK`` characters.

    With ``indent`` the standard library encodes in Python and collects
    every token in one list before joining it: millions of small strings
    for a long comparison. Gathered a block at a time instead, only one
    block of tokens is alive at once.
    """
    parts: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
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
        dump(to_dict(comparison), handle)
        handle.write(b"\n")

    def render_run(self, run: CheckRun) -> str:
        """``translator check``: summary, located findings and the full model."""
        return dumps(run.to_dict()) + "\n"
