"""Load a version of an article from a path (or ``-`` for stdin).

Decoding order: BOM (UTF-8/16/32), UTF-16 without BOM (by the pattern of NUL
bytes), strict UTF-8, UTF-8 with a few broken bytes (a CMS export that cut a
multi-byte character: replaced by U+FFFD and counted, rather than decoding
the whole file as a legacy code page into mojibake), then charset-normalizer
for legacy encodings such as Latin-1. Binary input is refused with a clear
message rather than decoded into garbage.

Every failure is an :class:`~translator.errors.InputError` whose message
says what is wrong and what to do, so the CLI can print one line and exit 2.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..model import Document, Paragraph, is_url
from .languages import primary_language

#: inputs larger than this are refused: the longest news features are a few
#: hundred kB, and sentence alignment grows with the product of both
#: versions' lengths, so a 50 MB "article" is a wrong file, not a long one.
#: Override with TRANSLATOR_MAX_INPUT_MB.
DEFAULT_MAX_MB = 8

#: share of undecodable bytes (relative to valid multi-byte characters) up
#: to which a file is still read as damaged UTF-8
_UTF8_DAMAGE_RATIO = 1.0

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


#: control characters (except tab, newline, form feed) and Unicode
#: noncharacters: invisible in a CMS, but invalid in HTML and XML reports
#: (JUnit, SARIF consumers) and refused by lxml. Each becomes one space, so
#: every offset into the text still matches the file character for character.
_INVALID_CHARS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def max_input_bytes() -> int:
    """The input size limit in bytes (TRANSLATOR_MAX_INPUT_MB, default 8)."""
    limit = int(positive_setting("TRANSLATOR_MAX_INPUT_MB", DEFAULT_MAX_MB, "megabytes") * 1024 * 1024)
    if limit < 1024:
        raw = os.environ.get("TRANSLATOR_MAX_INPUT_MB", "")
        raise InputError(
            f"TRANSLATOR_MAX_INPUT_MB={raw!r} is below 1 kB (0.001 MB), too small for any article"
        )
    return limit


def positive_setting(variable: str, default: float, unit: str) -> float:
    """A positive number from the environment variable ``variable`` (``default``
    when unset); anything else is an InputError naming the variable."""
    raw = os.environ.get(variable, "")
    try:
        value = float(raw) if raw.strip() else default
    except ValueError:
        raise InputError(f"{variable}={raw!r} is not a number of {unit}") from None
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"{variable}={raw!r} must be a positive, finite number of {unit}")
    return value


def size_text(size: int) -> str:
    """A byte count for messages: "12 MB", "0.5 MB", "800 bytes" (never "0 MB")."""
    mb = size / (1024 * 1024)
    if mb >= 10:
        return f"{mb:.0f} MB"
    if mb >= 0.1:
        return f"{round(mb, 1):g} MB"
    return f"{size:,} bytes"


def _too_large(name: str, size: int | None, limit: int) -> InputError:
    shown = size_text(size) if size is not None else "the input"
    return InputError(
        f"{name}: {shown} is larger than the {size_text(limit)} input limit;"
        " check that this is the article you meant, or set TRANSLATOR_MAX_INPUT_MB to raise the limit"
    )


def read_bytes(path: str) -> bytes:
    """Read raw bytes, turning every OS failure into a one-line InputError.

    Reads at most the size limit plus one byte, so a huge file, a device or a
    never-ending pipe is refused without being loaded into memory.
    """
    limit = max_input_bytes()
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_large("<stdin>", None, limit)
        return data
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path and the spelling") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory, expected a text, Markdown or HTML file")
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise _too_large(path, info.st_size, limit)
    try:
        if stat.S_ISREG(info.st_mode):
            data = p.read_bytes()
        else:  # a pipe or device: its size is unknown, read no more than allowed
            with p.open("rb") as handle:
                data = handle.read(limit + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied; check the file's permissions") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a text, Markdown or HTML file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise _too_large(path, None, limit)
    return data


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
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, "utf-8"
    best = _legacy_match(data)
    if best is None:
        raise InputError(
            f"{name}: cannot determine the text encoding (is it a binary file?);"
            " convert it to UTF-8 and try again"
        )
    return str(best), best.encoding


#: among equally plausible legacy encodings, the ones newsroom exports use:
#: on short text charset-normalizer often cannot tell cp1252 from cp1250 or
#: HP Roman-8 (it picks "niþo" for "niño"), and Western code pages are by far
#: the most common source of non-UTF-8 copy
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r")


def _legacy_match(data: bytes):  # -> charset_normalizer.CharsetMatch | None
    """The most plausible legacy decoding: least "chaos" (mess of unlikely
    characters), ties broken by :data:`_PREFERRED_LEGACY`."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least + 0.01]

    def rank(match) -> tuple[int, int]:
        name = match.encoding
        order = _PREFERRED_LEGACY.index(name) if name in _PREFERRED_LEGACY else len(_PREFERRED_LEGACY)
        return order, matches.index(match)

    return min(tied, key=rank)


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few invalid bytes, decoded with U+FFFD in their place.

    A legacy-encoded file (Latin-1, cp1252) has high bytes that almost never
    form valid UTF-8 sequences; a damaged UTF-8 file has many valid
    multi-byte characters and a few strays. Only the latter is read as UTF-8.
    """
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if not valid:
        return None
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad > _UTF8_DAMAGE_RATIO * valid:
        return None
    return text


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


def printable_name(name: str) -> str:
    """A file name fit for reports and messages: bytes that are not UTF-8
    (which Python carries as lone surrogates, unencodable in any output)
    become U+FFFD."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def display_names(paths: Sequence[str]) -> list[str]:
    """The names people read for versions given as ``paths``: the one place
    a document's :attr:`~translator.model.Document.name` is decided.

    A file is named by its file name, a URL by host and path (``-`` is
    ``<stdin>``); the full path stays in :attr:`Document.path` for machine
    fields. Versions whose short names collide (``a/en.txt`` and
    ``b/en.txt``) get as many parent folders as it takes to tell them apart.
    """
    parts = [_name_parts(p) for p in paths]
    depth = [1] * len(paths)
    while True:
        names = ["/".join(pp[-d:]) for pp, d in zip(parts, depth, strict=True)]
        clashes = {n for n in names if names.count(n) > 1}
        grown = False
        for i, name in enumerate(names):
            if name in clashes and depth[i] < len(parts[i]):
                depth[i] += 1
                grown = True
        if not grown:
            return names


def _name_parts(path: str) -> list[str]:
    """Name components from the most general to the most specific: the last
    is the short name, earlier ones disambiguate."""
    if path == "-":
        return ["<stdin>"]
    if is_url(path):
        from urllib.parse import urlsplit

        url = urlsplit(path)
        tail = url.path.rstrip("/") + (f"?{url.query}" if url.query else "")
        return [f"{url.netloc}{tail}" or path]
    resolved = Path(path).resolve()
    return [part for part in resolved.parts if part != resolved.anchor] or [path]


def load_document(
    path: str, *, fmt: str | None = None, name: str | None = None, refresh: bool = False
) -> Document:
    """Read, decode and extract one version into a :class:`Document`.

    ``path`` is a file, ``-`` for stdin, or an http(s) URL (fetched by
    :mod:`translator.ingest.fetch`; ``refresh`` skips its page cache). The document
    has paragraphs but no segments yet (see :mod:`.segment`). ``name`` is
    the name people read (by default from :func:`display_names`); messages
    about the input itself (missing, binary) name the path as given. A
    bilingual file (XLIFF, PO, TMX) gives its target side; see
    :func:`load_sides` for both.
    """
    if is_url(path):
        from .fetch import load_url

        return load_url(path, name=name, refresh=refresh)
    return load_sides(path, fmt=fmt, name=name)[-1]


def load_sides(path: str, *, fmt: str | None = None, name: str | None = None) -> list[Document]:
    """The documents one file holds: ``[source, target]`` for a bilingual
    file (XLIFF, PO, TMX), ``[document]`` for anything else."""
    given = printable_name("<stdin>" if path == "-" else path)
    docs = documents_from_bytes(read_bytes(path), given, fmt=fmt)
    short = printable_name(name or display_names([path])[0])
    for doc in docs:
        doc.name = short
    return docs


def holds_both_sides(path: str) -> bool:
    """Whether ``path`` is a bilingual file (XLIFF, PO, TMX), judged by its
    suffix or, without one that says, by its content."""
    # (the formats load with the first document parsed: reading a
    # sentence-per-line file for 'align --presplit' needs none of them)
    from ..formats import format_for, is_bilingual

    if path == "-":
        return False
    fmt = format_for(path)
    if fmt.name != "text" or Path(path).suffix.lower() in fmt.suffixes:
        return is_bilingual(fmt)
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return False
    return is_bilingual(format_for(path, head))


def document_from_bytes(data: bytes, name: str, *, fmt: str | None = None) -> Document:
    return documents_from_bytes(data, name, fmt=fmt)[-1]


def documents_from_bytes(data: bytes, name: str, *, fmt: str | None = None) -> list[Document]:
    """Decode and extract; binary formats (DOCX) are read from the bytes."""
    from ..formats import by_name, format_for

    binary = by_name(fmt) if fmt else format_for(name)
    if getattr(binary, "binary", False):
        if not data:
            raise InputError(f"{name}: is empty, nothing to compare")
        return [_document(name, None, binary, _extract(name, lambda: binary.blocks_from_bytes(data)))]
    text, encoding = decode(data, name)
    return documents_from_text(text, name, fmt=fmt, encoding=encoding)


def document_from_text(
    source: str, name: str, *, fmt: str | None = None, encoding: str = "utf-8"
) -> Document:
    return documents_from_text(source, name, fmt=fmt, encoding=encoding)[-1]


def documents_from_text(
    source: str, name: str, *, fmt: str | None = None, encoding: str = "utf-8"
) -> list[Document]:
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    source = _INVALID_CHARS.sub(" ", source)
    if not source.strip():
        raise InputError(f"{name}: is empty, nothing to compare")
    from ..formats import by_name, format_for, is_bilingual

    input_format = by_name(fmt) if fmt else format_for(name, source)
    if is_bilingual(input_format):
        units = _extract(name, lambda: input_format.units(source, name))
        if not units.source:
            raise InputError(f"{name}: contains no translation units")
        sides = [(units.source, units.source_lang), (units.target, units.target_lang)]
        docs = [_document(name, source, input_format, blocks, encoding) for blocks, _ in sides]
        for doc, (_, lang), side in zip(docs, sides, ("source", "target"), strict=True):
            doc.declared_lang, doc.side = _language(lang), side
        return docs
    blocks = _extract(name, lambda: input_format.blocks(source))
    if not blocks:
        raise InputError(f"{name}: contains no text after removing markup")
    return [_document(name, source, input_format, blocks, encoding)]


def _extract(name: str, read):  # -> the format's result
    """Run a format's parser; its syntax errors become ``name:line: message``."""
    from ..formats import FormatError

    try:
        return read()
    except FormatError as exc:
        where = f"{name}:{exc.line}" if exc.line else name
        raise InputError(f"{where}: {exc}") from None
    except InputError as exc:  # a format's refusal (e.g. nesting too deep) names no file
        raise InputError(f"{name}: {exc}") from None


def _language(code: str | None) -> str | None:
    """``de-DE``/``pt_BR`` -> ``de``/``pt``: the ISO 639-1 code detection uses."""
    return primary_language(code) or None


def _document(name: str, source: str | None, input_format, blocks: list, encoding: str = "utf-8") -> Document:
    """A document from extracted blocks; offsets of inline elements move
    from the block's text into the document's text."""
    if input_format.name == "text":
        text = source or ""
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
                Paragraph(
                    index=i,
                    start=pos,
                    end=pos + len(block.text),
                    line=block.line,
                    kind=block.kind,
                    column=block.column,
                    unit=block.unit,
                    offset=block.offset,
                    state=block.state,
                    file_state=block.file_state,
                    inline=[
                        {
                            "start": pos + el.start,
                            "end": pos + el.end,
                            "kind": el.kind,
                            "original": el.original,
                            "id": el.id,
                        }
                        for el in block.inline
                    ],
                    time=block.time,
                )
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
        unit_noun=getattr(input_format, "unit_noun", ""),
    )
