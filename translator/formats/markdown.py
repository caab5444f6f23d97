"""Markdown via markdown-it-py: prose blocks with their source lines.

Front matter is skipped; code blocks are not prose and are dropped; inline
markup (emphasis, links, code spans) is reduced to its text.
"""

from __future__ import annotations

from .base import Block

_BLOCK_KINDS = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
}


class MarkdownFormat:
    name = "markdown"
    suffixes = (".md", ".markdown", ".mdown")

    def blocks(self, source: str) -> list[Block]:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
        tokens = md.parse(source)
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
                text = _inline_text(inline.children or [])
                if not text.strip():
                    continue
                kind = _BLOCK_KINDS.get(token.type, "table-cell")
                if kind == "paragraph" and context:
                    kind = context[-1]
                line = (token.map[0] + 1) if token.map else (inline.map[0] + 1 if inline.map else 1)
                blocks.append(Block(text=" ".join(text.split()), line=line, kind=kind))
        return blocks


def _inline_text(children: list) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content or "")
        elif child.children:
            parts.append(_inline_text(child.children))
    return "".join(parts)
