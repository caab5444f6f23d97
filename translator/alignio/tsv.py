"""Tab-separated pairs: source text, target text, score (one link a line).

Sentences of a many-to-many link are joined with a space; an unaligned
sentence has an empty cell on the other side. Written and read with the
stdlib csv module, so tabs and quotes inside sentences survive.
"""

from __future__ import annotations

import csv
import io

from .base import AlignedPair


class TsvWriter:
    name = "tsv"
    suffix = ".tsv"

    def write(self, pair: AlignedPair) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["source", "target", "score"])
        for link in pair.links:
            writer.writerow([pair.text("src", link.src), pair.text("tgt", link.tgt), f"{link.score:.4f}"])
        return out.getvalue()


def read_tsv(text: str) -> list[tuple[str, str, float]]:
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    return [(r[0], r[1], float(r[2])) for r in rows[1:] if r]
