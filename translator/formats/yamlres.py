"""YAML resource files (Rails i18n, Symfony, Hugo...): one unit per string,
keyed by its dotted path, located by PyYAML's node marks.

A Rails file's single top-level locale key (``en:``, ``de-AT:``) is not part
of the key, so ``en.yml`` and ``de.yml`` match key for key. Only the safe
YAML subset is read (no Python tags).
"""

from __future__ import annotations

import re

from .base import Block, FormatError
from .located import Lines, dotted

_LOCALE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


class YamlFormat:
    name = "yaml"
    suffixes = (".yaml", ".yml")
    unit_noun = "key"
    keyed = True

    def blocks(self, source: str) -> list[Block]:
        import yaml

        try:
            root = yaml.compose(source, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            problem = getattr(exc, "problem", None) or "not valid YAML"
            raise FormatError(f"invalid YAML ({problem})", mark.line + 1 if mark else None) from None
        if root is None:
            return []
        if isinstance(root, yaml.MappingNode) and len(root.value) == 1:
            key, value = root.value[0]
            if isinstance(value, yaml.MappingNode) and _LOCALE.match(str(key.value)):
                root = value
        lines = Lines(source)
        blocks: list[Block] = []

        def walk(node, path: list[str | int]) -> None:
            if isinstance(node, yaml.MappingNode):
                for key, child in node.value:
                    walk(child, [*path, str(key.value)])
            elif isinstance(node, yaml.SequenceNode):
                for i, child in enumerate(node.value):
                    walk(child, [*path, i])
            elif isinstance(node, yaml.ScalarNode) and path and node.tag.endswith(":str"):
                offset = node.start_mark.index
                if node.style in ('"', "'"):
                    offset += 1
                elif node.style in ("|", ">"):  # the text starts on the line after the indicator
                    newline = source.find("\n", offset)
                    offset = (
                        newline + 1 + (len(source[newline + 1 :]) - len(source[newline + 1 :].lstrip(" ")))
                    )
                blocks.append(lines.block(node.value, offset, dotted(path)))

        walk(root, [])
        return blocks
