"""Omission: a pivot sentence with no counterpart in the other version."""

from __future__ import annotations

from collections.abc import Iterator

from ..align.units import untranslated_sentences
from ..model import Finding, Severity
from .base import CheckContext


class OmissionCheck:
    name = "omission"
    severity = Severity.ERROR
    description = "A sentence of the source version is missing from the other version."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            moved = alignment.moved_sources()
            other = ctx.documents[alignment.target].label
            replaced = {pair[0] for pair in alignment.replacements()}
            not_translated = untranslated_sentences(ctx.documents[alignment.source])
            for l_index, link in enumerate(alignment.links):
                if l_index in replaced or not_translated.intersection(link.src):
                    continue
                if link.src and not link.tgt and not moved.intersection(link.src):
                    yield ctx.finding(
                        self.name,
                        self.severity,
                        f"This sentence has no counterpart in {other}.",
                        alignment.source,
                        link.src,
                        alignment=a_index,
                        link=l_index,
                    )
