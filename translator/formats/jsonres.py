"""JSON resource files (i18next, ngx-translate, Chrome, ARB...): one unit per
string value, keyed by its dotted path.

Nested (``{"menu": {"open": "Open"}}``) and flat (``{"menu.open": "Open"}``)
files give the same key, ``menu.open``, so either can be compared with the
other; arrays are ``items[0]``. Numbers, booleans and nulls are not text.
Exact locations come from json-source-map; ARB metadata keys (``@key``) are
descriptions for translators, not text.
"""

from __future__ import annotations

import json

from .base import Block, FormatError
from .located import Lines, dotted


class JsonFormat:
    name = "json"
    suffixes = (".json", ".arb")
    unit_noun = "key"
    keyed = True

    def blocks(self, source: str) -> list[Block]:
        try:
            data = json.loads(source)
        except json.JSONDecodeError as exc:
            raise FormatError(f"invalid JSON ({exc.msg})", exc.lineno) from None
        from json_source_map import calculate

        entries = calculate(source)
        lines = Lines(source)
        blocks: list[Block] = []

        def walk(value, path: list[str | int], pointer: str) -> None:
            if isinstance(value, dict):
                for key, child in value.items():
                    if key.startswith("@"):
                        continue
                    escaped = key.replace("~", "~0").replace("/", "~1")
                    walk(child, [*path, key], f"{pointer}/{escaped}")
            elif isinstance(value, list):
                for i, child in enumerate(value):
                    walk(child, [*path, i], f"{pointer}/{i}")
            elif isinstance(value, str) and path:
                entry = entries[pointer]
                offset = entry.value_start.position + 1  # past the opening quote
                blocks.append(lines.block(value, offset, dotted(path)))

        walk(data, [], "")
        return blocks
