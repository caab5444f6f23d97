"""Input formats: one module per format behind :class:`~.base.InputFormat`.

Adding a format is one new module plus one line in :data:`FORMATS`.
"""

from __future__ import annotations

from .base import Block, InputFormat
from .html import HtmlFormat
from .markdown import MarkdownFormat
from .text import TextFormat

FORMATS: list[InputFormat] = [TextFormat(), MarkdownFormat(), HtmlFormat()]


def format_for(name: str, sample: str = "") -> InputFormat:
    """Pick the format by file suffix, falling back to sniffing the content."""
    lowered = name.lower()
    for fmt in FORMATS:
        if any(lowered.endswith(suffix) for suffix in fmt.suffixes):
            return fmt
    head = sample.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return HtmlFormat()
    return TextFormat()


def by_name(name: str) -> InputFormat:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


__all__ = ["Block", "InputFormat", "FORMATS", "format_for", "by_name"]
