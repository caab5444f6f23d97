"""Changed wording inside an aligned pair, with word-level diff spans.

Compares the two sides directly when both versions share a language, or the
pivot against the machine translation of the other side when one exists.
The diff spans (character offsets into each side's text) are the evidence
renderers use for highlights.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein

from ..anchors import fold
from ..model import Finding, Severity
from .base import CheckContext

_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")


def word_diff(a: str, b: str) -> list[dict[str, int | str]]:
    """Word-level edit operations between ``a`` and ``b`` as character spans."""
    ta = [(m.start(), m.end(), m.group(0).casefold()) for m in _WORD.finditer(a)]
    tb = [(m.start(), m.end(), m.group(0).casefold()) for m in _WORD.finditer(b)]
    ops = []
    for op in Levenshtein.opcodes([t[2] for t in ta], [t[2] for t in tb]):
        if op.tag == "equal":
            continue
        a_span = (ta[op.src_start][0], ta[op.src_end - 1][1]) if op.src_end > op.src_start else None
        b_span = (tb[op.dest_start][0], tb[op.dest_end - 1][1]) if op.dest_end > op.dest_start else None
        ops.append(
            {
                "op": op.tag,
                "a_start": a_span[0] if a_span else -1,
                "a_end": a_span[1] if a_span else -1,
                "b_start": b_span[0] if b_span else -1,
                "b_end": b_span[1] if b_span else -1,
                "a": a[a_span[0] : a_span[1]] if a_span else "",
                "b": b[b_span[0] : b_span[1]] if b_span else "",
            }
        )
    return ops


class WordingCheck:
    name = "wording"
    severity = Severity.WARNING
    description = "The wording of an aligned pair differs."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            same_language = ctx.documents[alignment.source].lang == ctx.documents[alignment.target].lang
            if not same_language:
                continue  # cross-language wording needs MT; see the translate engine
            for l_index, link in alignment.pairs():
                a = ctx.text(alignment.source, link.src)
                b = ctx.text(alignment.target, link.tgt)
                if fold(a) == fold(b):
                    continue
                ops = word_diff(a, b)
                if not ops:
                    continue
                changed = "; ".join(
                    f"“{o['a']}” → “{o['b']}”"
                    if o["a"] and o["b"]
                    else (f"removed “{o['a']}”" if o["a"] else f"added “{o['b']}”")
                    for o in ops[:3]
                )
                more = f" (+{len(ops) - 3} more)" if len(ops) > 3 else ""
                yield ctx.finding(
                    self.name,
                    self.severity,
                    f"Wording differs: {changed}{more}.",
                    alignment.target,
                    link.tgt,
                    alignment=a_index,
                    link=l_index,
                    related=(alignment.source, link.src),
                    evidence={"diff": ops},
                )
