"""The protocol of an alignment output format, and what formats read.

Writers get an :class:`AlignedPair` (the two sentence lists and the links)
and return text; they compute nothing of their own. Formats that can be
read back (ladder, JSON, TSV) also implement ``read`` so that round trips
are testable and other tools' output can be scored or converted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..model import Link


@dataclass
class AlignedPair:
    src: list[str]
    tgt: list[str]
    links: list[Link]
    src_lang: str | None = None
    tgt_lang: str | None = None
    src_name: str = "A"
    tgt_name: str = "B"
    method: str = ""
    notes: list[str] = field(default_factory=list)

    def text(self, side: str, ids: list[int]) -> str:
        sents = self.src if side == "src" else self.tgt
        return " ".join(sents[i] for i in ids)


class AlignmentWriter(Protocol):
    name: str
    suffix: str

    def write(self, pair: AlignedPair) -> str: ...
