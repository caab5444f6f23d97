"""Markdown via markdown-it-py: prose blocks with their source lines.

Front matter is skipped; code blocks are not prose and are dropped; inline
markup (emphasis, links, code spans) is reduced to its text, and kept beside
it as :class:`~.base.Inline` elements: a code span is a placeholder (its
code stays in the text), emphasis and links are open/close pairs whose
``original`` is the markup (``**``, ``[``, ``](https://…)``), inline HTML a
standalone tag.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .base import Block, Comment, Inline

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def parse(source: str) -> list[Any]:
    """The project's one Markdown parse: CommonMark with tables and front
    matter (markdown-it tokens). Extraction, suppression comments and
    document translation all read these tokens, so they can never disagree
    about what is a paragraph, a code block or front matter."""
    return _parser().parse(source)


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


_BLOCK_KINDS = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
}


class MarkdownFormat:
    name = "markdown"
    suffixes = (".md", ".markdown", ".mdown")

    def blocks(self, source: str) -> list[Block]:
        tokens = parse(source)
        blocks: list[Block] = []
        context: list[str] = []
        for i, token in enumerate(tokens):
            if token.type in ("blockquote_open", "list_item_open"):
                context.append("quote" if token.type == "blockquote_open" else "list-item")
            elif token.type in ("blockquote_close", "list_item_close"):
                if context:
                    context.pop()
            elif token.type in _BLOCK_KINDS or token.type in ("th_open", "td_open"):
                inline = tokens[i + 1] if i + 1 < len(tokens) else None
                if inline is None or inline.type != "inline":
                    continue
                elements: list[Inline] = []
                text = _inline_text(inline.children or [], elements)
                if not text.strip():
                    continue
                kind = _BLOCK_KINDS.get(token.type, "table-cell")
                if kind == "paragraph" and context:
                    kind = context[-1]
                line = (token.map[0] + 1) if token.map else (inline.map[0] + 1 if inline.map else 1)
                text, elements = _collapse_spaces(text, elements)
                blocks.append(Block(text=text, line=line, kind=kind, inline=elements))
        return blocks

    def comments(self, source: str) -> list[Comment]:
        """HTML comments in HTML blocks and inline HTML (not in code spans,
        code blocks or front matter), with their offsets in ``source``."""
        tokens = parse(source)
        starts = [0, *(m.end() for m in re.finditer("\n", source))]
        found: list[Comment] = []
        for token in tokens:
            pieces: list[tuple[str, list[int] | None]] = []
            if token.type == "html_block":
                pieces.append((token.content, token.map))
            elif token.type == "inline":
                pieces.extend(
                    (child.content, token.map)
                    for child in token.children or []
                    if child.type == "html_inline"
                )
            for content, line_map in pieces:
                for match in _COMMENT.finditer(content):
                    base = starts[line_map[0]] if line_map and line_map[0] < len(starts) else 0
                    at = source.find(match.group(), base)
                    if at >= 0 and all(at != c.start for c in found):
                        found.append(Comment(at, at + len(match.group())))
        return sorted(found)


def _inline_text(children: list, elements: list[Inline], parts: list[str] | None = None) -> str:
    """The text of inline tokens; markup goes to ``elements`` (offsets into the text)."""
    parts = [] if parts is None else parts

    def pos() -> int:
        return sum(len(p) for p in parts)

    for child in children:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "code_inline":
            start = pos()
            parts.append(child.content)
            fence = child.markup or "`"
            elements.append(Inline(start, pos(), "placeholder", f"{fence}{child.content}{fence}"))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            start = pos()
            parts.append(child.content or "")
            elements.append(
                Inline(start, pos(), "placeholder", f"![{child.content}]({child.attrs.get('src', '')})")
            )
        elif child.type == "html_inline":
            elements.append(Inline(pos(), pos(), "standalone", child.content))
        elif child.type == "link_open":
            elements.append(Inline(pos(), pos(), "open", "["))
        elif child.type == "link_close":
            target = _link_targets(children).get(id(child), "")
            elements.append(Inline(pos(), pos(), "close", f"]({target})"))
        elif child.type.endswith("_open") or child.type.endswith("_close"):
            kind = "open" if child.type.endswith("_open") else "close"
            elements.append(Inline(pos(), pos(), kind, child.markup))
        elif child.children:
            _inline_text(child.children, elements, parts)
    return "".join(parts)


def _link_targets(children: list) -> dict[int, str]:
    """``id(link_close token)`` -> the href of its ``link_open``."""
    out: dict[int, str] = {}
    stack: list[str] = []
    for child in children:
        if child.type == "link_open":
            stack.append(str(child.attrs.get("href", "")))
        elif child.type == "link_close" and stack:
            out[id(child)] = stack.pop()
    return out


def _collapse_spaces(text: str, elements: list[Inline]) -> tuple[str, list[Inline]]:
    """``" ".join(text.split())``, with the inline elements' offsets moved along."""
    out: list[str] = []
    where = [0] * (len(text) + 1)  # raw offset -> collapsed offset
    pending_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            pending_space = bool(out)
            where[i] = len(out) + (1 if pending_space else 0)
            continue
        if pending_space:
            out.append(" ")
            pending_space = False
        where[i] = len(out)
        out.append(ch)
    collapsed = "".join(out)
    where[len(text)] = len(collapsed)
    for i in range(len(text)):
        where[i] = min(where[i], len(collapsed))
    moved = [
        Inline(
            where[e.start],
            where[e.end - 1] + 1 if e.end > e.start else where[e.start],
            e.kind,
            e.original,
            e.id,
        )
        for e in elements
    ]
    return collapsed, moved
