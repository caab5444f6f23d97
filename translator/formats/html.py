"""HTML: main-article extraction with trafilatura, parsed with lxml.

Navigation, footers, scripts and other boilerplate are dropped by
trafilatura; when it finds no article (very short pages) we fall back to the
visible text of ``<body>`` block elements, still via a real parser.

Inline elements (links, bold, images, code, line breaks) are kept in the
model as protected :class:`~.base.Inline` elements with the tag as written
(``<a href="/x">``, ``</a>``, ``<img src="a.png" alt="Map">``): each
extracted block takes them from the page's block element whose text it is.
A block found in no element (trafilatura rewrote it) carries none, and the
markup check reads the file behind it instead.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from .base import Block, Comment, Inline

_BLOCK_TAGS = {
    "p": "paragraph",
    "head": "heading",
    "item": "list-item",
    "quote": "quote",
    "cell": "table-cell",
}
_HTML_BLOCKS = {
    "p": "paragraph",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "li": "list-item",
    "blockquote": "quote",
    "figcaption": "caption",
    "td": "table-cell",
    "th": "table-cell",
    "pre": "paragraph",
}
_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
}


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class HtmlFormat:
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def blocks(self, source: str) -> list[Block]:
        # lxml refuses XML-incompatible control characters (and crashed on
        # them); in HTML they are parse errors that render as nothing
        source = _CONTROL.sub(" ", source)
        deep = _too_deep_for_default_parser(source)
        blocks = _trafilatura_blocks(_parse_huge(source) if deep else source)
        if not blocks:
            blocks = _body_blocks(source, huge=deep)
        lines = _line_finder(source)
        for block in blocks:
            block.line = lines(block.text)
        _attach_inline(blocks, source, huge=deep)
        return blocks

    def comments(self, source: str) -> list[Comment]:
        """The comments the HTML parser sees as comments (not ``<!--`` in a
        script or an attribute), with their offsets in ``source``."""
        from lxml import etree

        try:
            root = etree.fromstring(source.encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
        except (etree.XMLSyntaxError, ValueError):
            return []
        if root is None:
            return []
        nodes = [*root.itersiblings(preceding=True), *root.iter(etree.Comment), *root.itersiblings()]
        starts = [0, *(m.end() for m in re.finditer("\n", source))]
        found: list[Comment] = []
        cursor = 0
        for node in nodes:
            if not isinstance(node, etree._Comment) or node.text is None:
                continue
            text = f"<!--{node.text}-->"
            line = max(1, min(node.sourceline or 1, len(starts)))
            at = source.find(text, min(starts[line - 1], cursor))
            if at < 0:
                at = source.find(text, cursor)
            if at < 0:
                continue
            found.append(Comment(at, at + len(text)))
            cursor = at + len(text)
        return sorted(found)


def parse_for_rewrite(source: str) -> tuple[Any, bool]:
    """``(root, whole)``: the page as an lxml tree to rewrite in place (the
    document translator); ``whole`` when it is a full document, not a
    fragment. :func:`serialise` writes it back."""
    import lxml.html

    whole = bool(re.search(r"<html[\s>]|<!doctype", source[:2048], re.IGNORECASE))
    if whole:
        return lxml.html.document_fromstring(source), True
    return lxml.html.fragment_fromstring(source, create_parent="div"), False


def serialise(root: Any, whole: bool) -> str:
    """A tree from :func:`parse_for_rewrite` as HTML again."""
    import lxml.html
    from lxml import etree

    if whole:
        doctype = root.getroottree().docinfo.doctype
        return lxml.html.tostring(root, encoding="unicode", doctype=doctype or None)
    return "".join([root.text or ""] + [etree.tostring(ch, encoding="unicode", method="html") for ch in root])


#: libxml2's element depth limit: beyond it the default parser silently
#: drops the rest of the document, its "huge" mode allows 2048 (the limit of
#: this libxml2 build; a deeper page is refused, never read partly)
_DEFAULT_DEPTH = 256


def _resource_limit(parser) -> str | None:
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            return entry.message
    return None


def _too_deep_for_default_parser(source: str) -> bool:
    """True when elements nest deeper than the default parser allows (then
    parse in huge mode); an InputError when even huge mode would lose text."""
    if source.count("<") < _DEFAULT_DEPTH:
        return False
    from lxml import etree

    parser = etree.HTMLParser()
    try:
        etree.fromstring(source, parser)
    except (etree.LxmlError, ValueError):
        return False  # unparsable: the extractors' own fallbacks deal with it
    if _resource_limit(parser) is None:
        return False
    _parse_huge(source)  # raises when it, too, would lose text
    return True


def _parse_huge(source: str):
    import lxml.html
    from lxml import etree

    from ..errors import InputError

    parser = lxml.html.HTMLParser(huge_tree=True)
    root = etree.fromstring(source, parser)
    problem = _resource_limit(parser)
    if problem:
        raise InputError(
            f"elements are nested too deeply to read the page without losing text ({problem.split(',')[0]});"
            " save the article as plain text or simpler HTML"
        )
    return root


def _trafilatura_blocks(source) -> list[Block]:
    """``source`` is the page, or a tree already parsed in huge mode."""
    import trafilatura
    from lxml import etree

    # trafilatura logs ERROR lines for pages it finds no article in; that is
    # an expected outcome here (we fall back), not something to show users
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        xml = trafilatura.extract(
            source,
            output_format="xml",
            include_comments=False,
            include_tables=True,
            include_images=False,
            favor_recall=True,
            deduplicate=False,
        )
    except Exception:  # trafilatura raises assorted errors on odd markup
        return []
    if not xml:
        return []
    try:
        root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(huge_tree=True))
    except etree.XMLSyntaxError:
        return []
    main = root.find("main")
    if main is None:
        main = root
    blocks: list[Block] = []
    for element in main.iter():
        kind = _BLOCK_TAGS.get(element.tag)
        if kind is None:
            continue
        if kind == "quote" and element.find("p") is not None:
            continue  # its <p> children are blocks themselves
        text = " ".join("".join(element.itertext()).split())
        if text:
            blocks.append(Block(text=text, kind=kind))
    return blocks


def _body_blocks(source: str, huge: bool = False) -> list[Block]:
    import lxml.html

    try:
        root = lxml.html.fromstring(source, parser=lxml.html.HTMLParser(huge_tree=True) if huge else None)
    except Exception:  # empty or unparsable document
        return []
    for bad in root.xpath("//*"):
        if isinstance(bad.tag, str) and bad.tag.lower() in _SKIP:
            bad.drop_tree()
    blocks: list[Block] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        kind = _HTML_BLOCKS.get(element.tag.lower())
        if kind is None:
            continue
        if any(isinstance(a.tag, str) and a.tag.lower() in _HTML_BLOCKS for a in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(Block(text=text, kind=kind))
    if not blocks:
        body = root.find("body")
        text = " ".join((body if body is not None else root).text_content().split())
        if text:
            blocks.append(Block(text=text))
    return blocks


def _line_finder(source: str):
    """Map an extracted block back to its source line by its first words."""
    import html as html_lib

    unescaped = html_lib.unescape(source)
    # Only used for locating; offsets of unescaped text may drift by a few
    # characters per entity but lines are preserved (entities contain no \n).
    cursor = 0

    def find(text: str) -> int:
        nonlocal cursor
        words = text.split()[:4]
        if not words:
            return 1
        needle = words[0]
        pos = unescaped.find(needle, cursor)
        if pos < 0:
            pos = unescaped.find(needle)
        if pos < 0:
            return 1
        cursor = pos + len(needle)
        return unescaped.count("\n", 0, pos) + 1

    return find


#: tags that structure the page rather than mark up text inside a block
_STRUCTURE = frozenset(_HTML_BLOCKS) | {
    "div", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
    "section", "article", "figure", "main", "body", "html", "hr",
}  # fmt: skip
#: inline elements with no content and no end tag
_VOID = frozenset({"img", "br", "wbr", "input"})


def _attach_inline(blocks: list[Block], source: str, huge: bool = False) -> None:
    """Give each block the inline elements of the page element whose text
    (whitespace collapsed) it is, taking elements in page order."""
    import lxml.html

    try:
        root = lxml.html.fromstring(source, parser=lxml.html.HTMLParser(huge_tree=True) if huge else None)
    except Exception:  # empty or unparsable: the blocks came from elsewhere
        return
    # matched on the text without whitespace: the extractor may space the
    # text around inline elements differently ("Bericht ." for "Bericht</a>.")
    by_text: dict[str, list[tuple[str, list[Inline]]]] = {}
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _HTML_BLOCKS:
            text, elements = _inline_of(element)
            if elements:
                by_text.setdefault("".join(text.split()), []).append((text, elements))
    for block in blocks:
        found = by_text.get("".join(block.text.split()))
        if found:
            text, elements = found.pop(0)
            block.inline = _moved(elements, text, block.text)


def _moved(elements: list[Inline], old: str, new: str) -> list[Inline]:
    """Elements placed in ``old`` moved into ``new``, the same characters
    spaced differently: a closing tag stays right after the character it
    follows, any other right before the character it precedes."""
    visible = [i for i, ch in enumerate(new) if not ch.isspace()]
    out = []
    for el in elements:
        before = sum(1 for ch in old[: el.start] if not ch.isspace())
        if el.kind == "close":
            at = visible[before - 1] + 1 if before else 0
        else:
            at = visible[before] if before < len(visible) else len(new)
        out.append(Inline(at, at, el.kind, el.original, el.id))
    return out


def _inline_of(element) -> tuple[str, list[Inline]]:
    """The text of a block element, whitespace collapsed as the extractors
    collapse it, and its inline tags. A tag between two words sits after
    the space when it opens (``the <a>report``) and before it when it closes
    (``report</a> and``), so each stays with the sentence it marks up."""
    buf: list[str] = []
    length = 0
    pending = False  # whitespace seen since the last word
    elements: list[Inline] = []

    def add(text: str) -> None:
        nonlocal length, pending
        if text[:1].isspace():
            pending = True
        for k, word in enumerate(text.split()):
            if (pending or k) and length and buf[-1] != " ":
                buf.append(" ")
                length += 1
            buf.append(word)
            length += len(word)
            pending = False
        if text[-1:].isspace():
            pending = True

    def opening() -> int:
        nonlocal length, pending
        if pending and length and buf[-1] != " ":
            buf.append(" ")
            length += 1
        pending = False
        return length

    def walk(node, own: bool) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else None
        marked = not own and tag is not None and tag not in _STRUCTURE and tag not in _SKIP
        if marked:
            at = opening()
            kind = "standalone" if tag in _VOID else "open"
            elements.append(Inline(at, at, kind, _start_tag(tag, node.attrib)))
        if tag is not None and node.text:
            add(node.text)
        if tag is not None:
            for child in node:
                walk(child, False)
        if marked and tag not in _VOID:
            elements.append(Inline(length, length, "close", f"</{tag}>"))
        if not own and node.tail:
            add(node.tail)

    walk(element, True)
    text = "".join(buf).rstrip()
    for el in elements:
        el.start = el.end = min(el.start, len(text))
    return text, elements


def _start_tag(tag: str, attrib) -> str:
    import html as html_lib

    attrs = "".join(f' {k}="{html_lib.escape(str(v), quote=True)}"' for k, v in attrib.items())
    return f"<{tag}{attrs}>"
