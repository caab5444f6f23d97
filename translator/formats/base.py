"""The protocol every input format implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass
class Block:
    """A block of prose extracted from a document.

    ``start``/``end`` are offsets into the source when the format keeps the
    text verbatim (plain text); ``None`` when the text was extracted from
    markup. ``line`` is the 1-based source line where the block starts.
    """

    text: str
    line: int = 1
    kind: str = "paragraph"
    start: int | None = None
    end: int | None = None


class InputFormat(Protocol):
    name: str
    suffixes: tuple[str, ...]

    def blocks(self, source: str) -> list[Block]:
        """Split decoded source text into prose blocks, markup removed."""
        ...
