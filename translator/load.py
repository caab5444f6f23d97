"""Load a version of an article from a path (or ``-`` for stdin).

Decoding order: BOM (UTF-8/16/32), strict UTF-8, UTF-16 without BOM (by the
pattern of NUL bytes), then charset-normalizer for legacy encodings. Binary
input is refused with a clear message rather than decoded into garbage.
"""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

from .errors import InputError
from .formats import format_for
from .model import Document, Paragraph

#: inputs larger than this are refused (a 50 MB article is a mistake, and the
#: aligner's memory grows with it); override with TRANSLATOR_MAX_INPUT_MB.
DEFAULT_MAX_MB = 64

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def read_bytes(path: str) -> bytes:
    """Read raw bytes, turning every OS failure into a one-line InputError."""
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory, expected a text, Markdown or HTML file")
    limit = int(os.environ.get("TRANSLATOR_MAX_INPUT_MB", DEFAULT_MAX_MB)) * 1024 * 1024
    try:
        size = p.stat().st_size
        if size > limit:
            raise InputError(
                f"{path}: {size // (1024 * 1024)} MB is larger than the {limit // (1024 * 1024)} MB limit"
                " (set TRANSLATOR_MAX_INPUT_MB to raise it)"
            )
        return p.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding)``.

    Refuses input that decodes to mostly control characters (binary files).
    """
    text, encoding = _decode(data, name)
    if _control_ratio(text) > 0.05:
        raise InputError(f"{name}: looks like a binary file, expected text, Markdown or HTML")
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError:
                break
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, expected text, Markdown or HTML")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot determine the text encoding (is it a binary file?)")
    return str(best), best.encoding


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / min(len(text), 8192)


def load_document(path: str, *, fmt: str | None = None, name: str | None = None) -> Document:
    """Read, decode and extract one version into a :class:`Document`.

    The document has paragraphs but no segments yet (see :mod:`.segment`).
    """
    display = name or ("<stdin>" if path == "-" else path)
    data = read_bytes(path)
    return document_from_bytes(data, display, fmt=fmt)


def document_from_bytes(data: bytes, name: str, *, fmt: str | None = None) -> Document:
    text, encoding = decode(data, name)
    return document_from_text(text, name, fmt=fmt, encoding=encoding)


def document_from_text(
    source: str, name: str, *, fmt: str | None = None, encoding: str = "utf-8"
) -> Document:
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    if not source.strip():
        raise InputError(f"{name}: is empty, nothing to compare")
    from .formats import by_name

    input_format = by_name(fmt) if fmt else format_for(name, source)
    blocks = input_format.blocks(source)
    if not blocks:
        raise InputError(f"{name}: contains no text after removing markup")
    if input_format.name == "text":
        text = source
        paragraphs = [
            Paragraph(index=i, start=b.start or 0, end=b.end or 0, line=b.line, kind=b.kind)
            for i, b in enumerate(blocks)
        ]
    else:
        pieces: list[str] = []
        paragraphs = []
        pos = 0
        for i, block in enumerate(blocks):
            if pieces:
                pieces.append("\n\n")
                pos += 2
            pieces.append(block.text)
            paragraphs.append(
                Paragraph(index=i, start=pos, end=pos + len(block.text), line=block.line, kind=block.kind)
            )
            pos += len(block.text)
        text = "".join(pieces)
    return Document(
        name=name,
        text=text,
        format=input_format.name,
        encoding=encoding,
        paragraphs=paragraphs,
        source=source,
    )
