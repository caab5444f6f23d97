"""Android string resources (``res/values*/strings.xml``), parsed with lxml.

One unit per ``<string name>``, per ``<item>`` of a ``<string-array>``
(``name[0]``) and per quantity of ``<plurals>`` (``name[one]``).
``translatable="false"`` strings are not text. Android's escapes (``\\'``,
``\\"``, ``\\n``, ``\\t``, ``\\@``, ``\\?``, ``\\uXXXX``) and the surrounding
double quotes that protect whitespace are undone; ``<xliff:g>`` placeholders
and ``<b>``/``<i>``/``<u>`` styling are kept as inline elements.
"""

from __future__ import annotations

import re

from .base import Block, FormatError, Inline
from .xmltext import Locator, local, parse, text_with_inline

_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_SIMPLE = {"n": "\n", "t": "\t"}


def unescape(text: str) -> str:
    """Android's string escapes undone (see the module docstring)."""
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        text = text[1:-1]

    def sub(match: re.Match[str]) -> str:
        code = match.group(1)
        if code.startswith("u") and len(code) == 5:
            return chr(int(code[1:], 16))
        return _SIMPLE.get(code, code)

    return _ESCAPE.sub(sub, text)


def _rule(child) -> tuple[str, str]:
    if local(child.tag) == "g":  # <xliff:g id="name" example="Bob">%1$s</xliff:g>
        return "placeholder", "".join(child.itertext())
    return "paired", ""


def _text(element) -> tuple[str, list[Inline]]:
    text, inline = text_with_inline(element, _rule)
    if "\\" not in text and not (text.startswith('"') and text.endswith('"')):
        return text, inline
    return unescape(text), []  # offsets of inline elements no longer hold


class AndroidStringsFormat:
    name = "android"
    suffixes = ()
    unit_noun = "string"
    keyed = True

    def blocks(self, source: str) -> list[Block]:
        root = parse(source)
        if local(root.tag) != "resources":
            raise FormatError(f"not an Android resource file (root <{local(root.tag)}>)", root.sourceline)
        locator = Locator(source)
        blocks: list[Block] = []
        for element in root:
            kind = local(element.tag)
            name = element.get("name")
            if not name or element.get("translatable") == "false":
                continue
            if kind == "string":
                text, inline = _text(element)
                blocks.append(locator.element_block(element, text, inline, name))
            elif kind in ("string-array", "plurals"):
                items = [i for i in element if local(i.tag) == "item"]
                for n, item in enumerate(items):
                    label = item.get("quantity") if kind == "plurals" else str(n)
                    text, inline = _text(item)
                    blocks.append(locator.element_block(item, text, inline, f"{name}[{label}]"))
        return blocks
