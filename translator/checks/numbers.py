"""Numbers that do not match inside an aligned pair, across locales."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .. import anchors
from ..model import Finding, Severity
from .base import CheckContext


def _fmt(value: float) -> str:
    return f"{value:,.10g}" if abs(value) >= 10000 else f"{value:g}"


class NumbersCheck:
    name = "numbers"
    severity = Severity.ERROR
    description = "A number differs between the two sides of an aligned pair."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            for l_index, link in alignment.pairs():
                a = Counter(anchors.numbers(ctx.text(alignment.source, link.src)))
                b = Counter(anchors.numbers(ctx.text(alignment.target, link.tgt)))
                if a == b:
                    continue
                only_a = sorted((a - b).elements())
                only_b = sorted((b - a).elements())
                parts = []
                if only_a:
                    parts.append(
                        f"{', '.join(map(_fmt, only_a))} only in {ctx.documents[alignment.source].name}"
                    )
                if only_b:
                    parts.append(
                        f"{', '.join(map(_fmt, only_b))} only in {ctx.documents[alignment.target].name}"
                    )
                yield ctx.finding(
                    self.name,
                    self.severity,
                    "Numbers differ: " + "; ".join(parts) + ".",
                    alignment.target,
                    link.tgt,
                    alignment=a_index,
                    link=l_index,
                    related=(alignment.source, link.src),
                    evidence={"source": only_a, "target": only_b},
                )
