"""JSON: the data model itself (see :func:`translator.model.to_dict`)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from enum import Enum
from json.encoder import encode_basestring
from typing import Any, BinaryIO

from ..gate.model import CheckRun
from ..model import Comparison, dataclass_fields, to_view

#: characters of encoded JSON gathered before one write to the file
_BLOCK = 1 << 20
#: ``json.dumps``'s settings for this output (an encoder keeps no state)
_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)


def _blocks(data: Any) -> Iterator[str]:
    """The text of ``json.dumps(jsonable(data), ensure_ascii=False,
    indent=2)`` in blocks of about ``_BLOCK`` characters.

    With ``indent`` the standard library encodes in Python, a generator per
    container and a token at a time: millions of small strings for a long
    comparison. Here the top levels are walked lazily (:func:`_lazy`) and
    each value below is encoded whole by :func:`_encode`, gathered a block
    at a time, so only one block of text is alive at once.
    """
    return _gather(_lazy(data, 0, _DEPTH))


#: levels of dicts and lists walked lazily before a value is encoded whole:
#: a check run's comparisons -> comparison -> documents -> document ->
#: segments (a segment, a paragraph, a finding or a link at a time)
_DEPTH = 6

_INFINITY = float("inf")


def _float(value: float) -> str:
    """A float as the standard library's encoder writes it (``allow_nan``)."""
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


#: the text of a value of exactly these types (not subclasses: an enum that
#: is also a str or an int is written as its value, like :func:`jsonable`)
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}


def _encode(value: Any, level: int, out: list[str]) -> None:
    """Append the text of ``json.dumps(jsonable(value), ensure_ascii=False,
    indent=2)`` nested ``level`` deep to ``out``: the model converted and
    encoded in one walk, a container's scalars without a call each.

    The standard library's indented encoder is pure Python, a generator
    per container and a token at a time (a 10,000-unit XLIFF's check
    report: 1.2 of 15 CPU-s); the text is the same to the byte, which the
    tests pin against ``json.dumps`` (floats, NaN and infinities, escapes,
    enums, empty containers, non-string keys).
    """
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        out.append(scalar(value))
        return
    if isinstance(value, Enum):
        value = value.value
        scalar = _SCALARS.get(type(value))
        out.append(scalar(value) if scalar is not None else _indented(_ENCODER.encode(value), level))
        return
    names = dataclass_fields(value)
    if names is not None:
        items: Any = [(name, getattr(value, name)) for name in names]
    elif isinstance(value, dict):
        items = {str(key): item for key, item in value.items()}.items()
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = "\n" + "  " * (level + 1)
        separator = "[" + inner
        for item in value:
            scalar = _SCALARS.get(type(item))
            if scalar is not None:
                out.append(separator + scalar(item))
            else:
                out.append(separator)
                _encode(item, level + 1, out)
            separator = "," + inner
        out.append("\n" + "  " * level + "]")
        return
    else:
        # anything else as the standard library writes it (a float or str
        # subclass; what it cannot encode raises its TypeError)
        out.append(_indented(_ENCODER.encode(value), level))
        return
    if not items:
        out.append("{}")
        return
    inner = "\n" + "  " * (level + 1)
    separator = "{" + inner
    for key, item in items:
        name = _KEYS.get(key)
        if name is None:
            name = encode_basestring(key) + ": "
            if len(_KEYS) < _MAX_KEYS:
                _KEYS[key] = name
        scalar = _SCALARS.get(type(item))
        if scalar is not None:
            out.append(separator + name + scalar(item))
        else:
            out.append(separator + name)
            _encode(item, level + 1, out)
        separator = "," + inner
    out.append("\n" + "  " * level + "}")


#: dict keys as written (``"start": ``): the model's field names and the
#: findings' evidence keys, a few hundred, each met thousands of times
_KEYS: dict[str, str] = {}
_MAX_KEYS = 4096


def _indented(text: str, level: int) -> str:
    """Encoded JSON moved ``level`` levels in (an encoded string holds no
    raw newline: every one is a line break of the layout)."""
    return text.replace("\n", "\n" + "  " * level) if level else text


def _lazy(value: Any, level: int, depth: int) -> Iterator[str]:
    """``json.dumps(jsonable(value), ensure_ascii=False, indent=2)`` nested
    ``level`` deep, with dicts and lists down to ``depth`` levels walked here
    and each deeper value converted and encoded on its own: the model is
    never copied whole (a segment, a finding, a link at a time)."""
    if depth > 0 and is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in fields(value)}
    if depth <= 0 or not isinstance(value, (dict, list)) or not value:
        out: list[str] = []
        _encode(value, level, out)
        yield "".join(out)
        return
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        yield "{"
        for k, (key, item) in enumerate({str(key): item for key, item in value.items()}.items()):
            yield ("," if k else "") + inner + encode_basestring(key) + ": "
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
        return dumps(to_view(comparison)) + "\n"

    def write(self, comparison: Comparison, handle: BinaryIO) -> None:
        """:meth:`render`'s bytes, streamed into ``handle``."""
        # comparison -> documents -> document -> segments: a segment, a
        # finding or a link is the unit converted at a time
        for block in _gather(_lazy(to_view(comparison), 0, 4)):
            handle.write(block.encode("utf-8"))
        handle.write(b"\n")

    def render_run(self, run: CheckRun) -> str:
        """``translator check``: summary, located findings and the full model."""
        return dumps(run.to_view()) + "\n"
