"""Replaced: a sentence stands where a different one stood.

An omission directly next to an addition is one edit for the reader (a
rewritten headline, a sentence swapped for another), reported once with
both texts instead of as two unrelated errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from .base import CheckContext


class ReplacedCheck:
    name = "replaced"
    severity = Severity.WARNING
    description = "A sentence was replaced by a different one at the same place."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            for omitted, added in alignment.replacements():
                src_ids = alignment.links[omitted].src
                tgt_ids = alignment.links[added].tgt
                old = ctx.text(alignment.source, src_ids)
                short = old if len(old) <= 80 else old[:79] + "…"
                yield ctx.finding(
                    self.name,
                    self.severity,
                    f"Replaces a different sentence in {ctx.documents[alignment.source].label}: “{short}”.",
                    alignment.target,
                    tgt_ids,
                    alignment=a_index,
                    link=added,
                    related=(alignment.source, src_ids),
                )
