"""Java ``.properties`` resource bundles, read with javaproperties (which
follows ``java.util.Properties.load``: continuation lines, ``\\uXXXX``
escapes, ``=``/``:``/whitespace separators, ``#``/``!`` comments).

One unit per key, located at the value's first character.
"""

from __future__ import annotations

import re

from .base import Block
from .located import Lines

#: the key and separator at the start of a logical line, as Properties.load
#: reads them: the key ends at the first unescaped whitespace, '=' or ':'
_KEY_SEPARATOR = re.compile(r"[ \t\f]*(?:\\.|[^\s=:\\])*[ \t\f]*[=:]?[ \t\f]*", re.DOTALL)


class PropertiesFormat:
    name = "properties"
    suffixes = (".properties",)
    unit_noun = "key"
    keyed = True

    def blocks(self, source: str) -> list[Block]:
        import javaproperties

        lines = Lines(source)
        blocks: list[Block] = []
        pos = 0
        for item in javaproperties.parse(source):
            if isinstance(item, javaproperties.KeyValue):
                head = _KEY_SEPARATOR.match(item.source)
                offset = pos + (head.end() if head else 0)
                blocks.append(lines.block(item.value, offset, item.key))
            pos += len(item.source)
        return blocks
