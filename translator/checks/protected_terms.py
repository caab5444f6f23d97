"""Glossary terms the translation model lost.

Before decoding, glossary terms (names that must not be translated, terms
with a fixed translation) are swapped for placeholders the model copies
through (:mod:`translator.translate.protect`). When a placeholder does not
come back, the model dropped or garbled the term, and the machine
translation of that sentence misses it: comparisons that rely on it (names,
wording) are weaker there. Acts only on translated segments.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from .base import CheckContext


class ProtectedTermsCheck:
    name = "protected-terms"
    severity = Severity.WARNING
    description = "A glossary term protected during machine translation did not survive it."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for v, doc in enumerate(ctx.documents):
            for seg in doc.segments:
                if seg.translation is None or not seg.lost_terms:
                    continue
                terms = ", ".join(repr(t) for t in seg.lost_terms)
                yield ctx.finding(
                    self.name,
                    self.severity,
                    f"The machine translation lost the protected term {terms}; "
                    "the comparison of this sentence relies on an incomplete translation.",
                    v,
                    [seg.index],
                    evidence={"terms": sorted(seg.lost_terms)},
                )
