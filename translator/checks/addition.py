"""Addition: a sentence that only the other version has."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from .base import CheckContext


class AdditionCheck:
    name = "addition"
    severity = Severity.ERROR
    description = "A sentence appears in this version but not in the source version."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            moved = alignment.moved_targets()
            pivot = ctx.documents[alignment.source].label
            replaced = {pair[1] for pair in alignment.replacements()}
            for l_index, link in enumerate(alignment.links):
                if l_index in replaced:
                    continue
                if link.tgt and not link.src and not moved.intersection(link.tgt):
                    yield ctx.finding(
                        self.name,
                        self.severity,
                        f"This sentence is not in {pivot}.",
                        alignment.target,
                        link.tgt,
                        alignment=a_index,
                        link=l_index,
                    )
