"""Plain text: paragraphs are separated by blank lines; offsets are exact."""

from __future__ import annotations

import re

from .base import Block

_BLANK = re.compile(r"\n[ \t\f\v]*\n\s*")


class TextFormat:
    name = "text"
    suffixes = (".txt", ".text")

    def blocks(self, source: str) -> list[Block]:
        blocks: list[Block] = []
        pos = 0
        for match in [*_BLANK.finditer(source), None]:
            end = match.start() if match else len(source)
            chunk = source[pos:end]
            stripped = chunk.strip()
            if stripped:
                lead = len(chunk) - len(chunk.lstrip())
                start = pos + lead
                blocks.append(
                    Block(
                        text=stripped,
                        line=source.count("\n", 0, start) + 1,
                        start=start,
                        end=start + len(stripped),
                    )
                )
            if match:
                pos = match.end()
        return blocks
