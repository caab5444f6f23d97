"""Moved: a sentence that stands elsewhere in the other version."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from .base import CheckContext


class MovedCheck:
    name = "moved"
    severity = Severity.INFO
    description = "A sentence was moved to another place; its wording is still compared."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            other = ctx.documents[alignment.source].label
            for move in alignment.moves:
                yield ctx.finding(
                    self.name,
                    self.severity,
                    f"This sentence stands at another place in {other}.",
                    alignment.target,
                    move.tgt,
                    alignment=a_index,
                    related=(alignment.source, move.src),
                )
