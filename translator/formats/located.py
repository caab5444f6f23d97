"""Blocks at exact offsets: the line/column bookkeeping every unit format shares."""

from __future__ import annotations

import bisect

from ..ingest.sourcemap import line_starts
from .base import Block


class Lines:
    """1-based line and column of offsets in one source text."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = line_starts(source)

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def line_start(self, line: int) -> int:
        return self.starts[max(1, min(line, len(self.starts))) - 1]

    def block(self, text: str, offset: int, unit: str | None, **fields) -> Block:
        """A block whose text starts at ``offset`` in the source."""
        line, column = self.line_col(offset)
        return Block(text=text, line=line, column=column, offset=offset, unit=unit, **fields)


def dotted(path: list[str | int]) -> str:
    """``["menu", "items", 0, "label"]`` -> ``menu.items[0].label``: the key
    a nested resource and a flat one (``"menu.items[0].label": ...``) share."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
