"""Input formats: one module per format behind :class:`~.base.InputFormat`.

Adding a format is one new module plus one line in :data:`FORMATS`.
Prose formats (text, Markdown, HTML) give paragraphs; localisation formats
give units: bilingual files (``bilingual = True``: XLIFF, PO, TMX) hold
source and target per unit, resource files and subtitles (``keyed = True``)
are matched unit by unit between versions, by key or by cue time
(``timed = True``), and binary formats (``binary = True``: DOCX) read bytes.
"""

from __future__ import annotations

import re

from .android import AndroidStringsFormat
from .applestrings import AppleStringsFormat
from .base import Bilingual, Block, FormatError, Inline, InputFormat
from .docx import DocxFormat
from .html import HtmlFormat
from .jsonres import JsonFormat
from .markdown import MarkdownFormat
from .po import PoFormat
from .properties import PropertiesFormat
from .subtitles import SrtFormat, VttFormat
from .text import TextFormat
from .tmx import TmxFormat
from .xliff import XliffFormat
from .yamlres import YamlFormat

FORMATS: list[InputFormat] = [
    TextFormat(),
    MarkdownFormat(),
    HtmlFormat(),
    XliffFormat(),
    PoFormat(),
    TmxFormat(),
    JsonFormat(),
    YamlFormat(),
    PropertiesFormat(),
    AndroidStringsFormat(),
    AppleStringsFormat(),
    SrtFormat(),
    VttFormat(),
    DocxFormat(),
]

#: the root element of an XML file, past the declaration, comments and doctype
_XML_ROOT = re.compile(r"(?:<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*<(?:[\w.-]+:)?([\w.-]+)", re.DOTALL)
_XML_FORMATS = {"xliff": "xliff", "tmx": "tmx", "resources": "android"}
_SRT_HEAD = re.compile(r"\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
_PO_HEAD = re.compile(r'(?:#[^\n]*\n|\s)*(?:msgctxt|msgid)\s+"')


def format_for(name: str, sample: str = "") -> InputFormat:
    """Pick the format by file suffix, falling back to sniffing the content.

    XML is told apart by its root element before HTML is considered: an
    XLIFF or TMX file has a ``<body>`` too, and must not be read as a web page.
    """
    lowered = name.lower()
    for fmt in FORMATS:
        if any(lowered.endswith(suffix) for suffix in fmt.suffixes):
            return fmt
    head = sample.lstrip("\ufeff \t\r\n")[:4096]
    root = _XML_ROOT.match(head)
    if root and root.group(1).lower() in _XML_FORMATS:
        return by_name(_XML_FORMATS[root.group(1).lower()])
    if head.startswith("WEBVTT"):
        return by_name("vtt")
    if _SRT_HEAD.match(head):
        return by_name("srt")
    if _PO_HEAD.match(head):
        return by_name("po")
    lowered_head = head[:512].lower()
    if lowered_head.startswith(("<!doctype html", "<html")) or "<body" in lowered_head:
        return HtmlFormat()
    return TextFormat()


def by_name(name: str) -> InputFormat:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def is_bilingual(fmt: InputFormat) -> bool:
    return bool(getattr(fmt, "bilingual", False))


def is_keyed(fmt: InputFormat) -> bool:
    """Resource files and subtitles: versions are matched unit by unit."""
    return bool(getattr(fmt, "keyed", False))


def is_timed(fmt: InputFormat) -> bool:
    return bool(getattr(fmt, "timed", False))


__all__ = [
    "Bilingual",
    "Block",
    "FormatError",
    "Inline",
    "InputFormat",
    "FORMATS",
    "format_for",
    "by_name",
    "is_bilingual",
    "is_keyed",
    "is_timed",
]
