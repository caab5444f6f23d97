"""The ladder format: one link per line, ``[0]:[0, 1]``, ``[]:[5]`` for an
addition — what Vecalign/Bertalign print and ``score_alignments.py`` reads.
A third ``:score`` field is allowed (and ignored by the scorer)."""

from __future__ import annotations

import ast

from ..errors import InputError
from ..model import Link
from .base import AlignedPair


class LadderWriter:
    name = "ladder"
    suffix = ".txt"

    def write(self, pair: AlignedPair) -> str:
        return "".join(f"{link.ladder()}:{link.score:.4f}\n" for link in pair.links)


def read_ladder(text: str) -> list[Link]:
    """Parse ladder lines (with or without the score field)."""
    links = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        fields = line.split(":")
        try:
            src = [int(i) for i in ast.literal_eval(fields[0])]
            tgt = [int(j) for j in ast.literal_eval(fields[1])]
            score = float(fields[2]) if len(fields) > 2 else 0.0
        except (ValueError, SyntaxError, IndexError, TypeError):
            raise InputError(f"line {number}: expected '[ids]:[ids]', got {line!r}") from None
        links.append(Link(src=src, tgt=tgt, score=score))
    return links
