"""Shared by the XML formats (XLIFF, TMX, Android strings): parse with line
numbers, find where an element's text starts in the file, and read an
element's text with its inline tags kept as :class:`~.base.Inline`.

lxml records each element's line but not its column, so the column is found
in the source: from the element's line (or the previous element found, when
several stand on one line) the start tag is searched and the text starts
after its ``>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .base import Block, FormatError, Inline
from .located import Lines

_NS_DECL = re.compile(r'\s+xmlns(?::[\w.-]+)?="[^"]*"')


def parse(source: str):
    """The root element of an XML document; malformed XML is a FormatError
    with the line lxml reports."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=False)
    try:
        return etree.fromstring(source.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else getattr(exc, "lineno", None)
        raise FormatError(f"malformed XML ({exc.msg})", line) from None


def local(tag: object) -> str:
    """An element's name without its namespace (``""`` for comments, PIs)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


class Locator(Lines):
    """Offsets of elements' text in the source, found in document order."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.cursor = 0

    def text_offset(self, element) -> int:
        """Offset just past the start tag of ``element`` (where its text starts)."""
        line = element.sourceline or 1
        pos = max(self.line_start(line), self.cursor)
        name = element.tag.rsplit("}", 1)[-1]
        prefix = element.prefix
        tag = f"<{prefix}:{name}" if prefix else f"<{name}"
        while True:
            j = self.source.find(tag, pos)
            if j < 0:
                return pos
            after = self.source[j + len(tag) : j + len(tag) + 1]
            if after in (">", "/", " ", "\t", "\n", "\r"):
                break
            pos = j + 1
        end = self.source.find(">", j)
        if end < 0:
            return j
        self.cursor = end + 1
        if self.source[end - 1] == "/":  # <target/>: empty, its text "starts" at the tag
            return j
        return end + 1

    def element_block(self, element, text: str, inline: list[Inline], unit: str | None, **fields) -> Block:
        """The block of ``element``'s text, located where that text starts."""
        return self.block(text, self.text_offset(element), unit, inline=inline, **fields)


def start_tag(element) -> str:
    """``<g id="2">``: the start tag as a person reads it (no namespaces)."""
    attrs = "".join(f' {local(k)}="{v}"' for k, v in element.attrib.items())
    return f"<{local(element.tag)}{attrs}>"


def original(element) -> str:
    """The element as written, without its tail and namespace declarations."""
    from lxml import etree

    return _NS_DECL.sub("", etree.tostring(element, encoding="unicode", with_tail=False))


#: how an inline element is kept: "paired" elements wrap text (``<g>``),
#: "placeholder" ones stand for something (their display text is kept),
#: "open"/"close"/"standalone" are tags with no text of their own
InlineRule = Callable[[object], tuple[str, str] | None]


def text_with_inline(element, rule: Callable[[object], tuple[str, str]]) -> tuple[str, list[Inline]]:
    """An element's text with its children kept as inline elements.

    ``rule(child)`` returns ``(kind, display)``: ``kind`` is "paired" (the
    child's content is text, its tags are zero-width open/close elements),
    "skip" (the child is dropped entirely), or an :class:`Inline` kind whose
    element shows as ``display`` in the text.
    """
    found = _InlineText(rule)
    found.walk(element)
    return "".join(found.parts), found.inline


class _InlineText:
    """:func:`text_with_inline`'s walk. A class rather than a recursive
    closure: a nested function that calls itself is a reference cycle, one
    per element read (10,000 units: 60,000 objects for the garbage
    collector)."""

    def __init__(self, rule: Callable[[object], tuple[str, str]]) -> None:
        self.rule = rule
        self.parts: list[str] = []
        self.inline: list[Inline] = []
        self.pos = 0

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            self.pos += len(text)

    def walk(self, node) -> None:  # noqa: ANN001 - an lxml element
        self.add(node.text)
        for child in node:
            if not isinstance(child.tag, str):  # comment or processing instruction
                self.add(child.tail)
                continue
            kind, display = self.rule(child)
            ident = child.get("id")
            if kind == "paired":
                name = local(child.tag)
                self.inline.append(Inline(self.pos, self.pos, "open", start_tag(child), ident))
                self.walk(child)
                self.inline.append(Inline(self.pos, self.pos, "close", f"</{name}>", ident))
            elif kind != "skip":
                start = self.pos
                self.add(display)
                self.inline.append(Inline(start, self.pos, kind, original(child), ident))
            self.add(child.tail)
