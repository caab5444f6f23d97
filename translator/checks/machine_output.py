"""Sanity of machine translations: outputs that cannot be trusted for comparison.

Neural models fail in recognisable ways: they loop ("the the the …"),
hallucinate far longer or stop far shorter than the source, copy the
source unchanged, or return nothing. A sentence whose translation failed
like that would make the aligner and the meaning checks guess, so it is
flagged for a person (the article is not necessarily wrong: the tool's
translation is). Acts only on segments that carry a ``.translation``.

The length test is relative to the document's own median ratio, so a pair
whose translations are naturally longer (de -> en is ~0.9, en -> de ~1.1)
does not flag every sentence.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator

from ..model import Finding, Severity
from .base import CheckContext

#: a unit of 1-30 characters containing a letter, repeated 4+ times in a row
_LOOP = re.compile(r"(?=(\w[^\n]{0,29}?)(?:\s*\1){3,})", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]")


def repetition_loop(text: str, *, min_span: int = 12) -> str | None:
    """The repeated unit when ``text`` contains a decoding loop, else None."""
    for match in _LOOP.finditer(text):
        unit = match.group(1)
        if not _LETTER.search(unit):
            continue
        run = re.match(r"(?:\s*" + re.escape(unit) + r")+", text[match.start() :])
        if run and len(run.group(0)) >= max(min_span, 4 * len(unit)):
            return unit.strip()
    return None


class MachineOutputCheck:
    name = "machine-output"
    severity = Severity.WARNING
    description = "A machine translation looks broken (loop, length outlier, copy of the source, empty)."
    options = {"max_ratio": 2.5, "min_chars": 20}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        high = ctx.option(self.name, "max_ratio", 2.5)
        min_chars = ctx.option(self.name, "min_chars", 20)
        for v, doc in enumerate(ctx.documents):
            segs = [s for s in doc.segments if s.translation is not None]
            if not segs:
                continue
            ratios = [len(s.translation or "") / len(s.text) for s in segs if len(s.text) >= min_chars]
            median = statistics.median(ratios) if len(ratios) >= 5 else 1.0
            median = min(max(median, 0.5), 2.0)
            for seg in segs:
                out = (seg.translation or "").strip()
                source = seg.text.strip()
                problem: tuple[str, str, dict] | None = None
                if not out and _LETTER.search(source):
                    problem = ("empty", "The machine translation of this sentence is empty.", {})
                elif out == source and len(source.split()) >= 4 and _LETTER.search(source):
                    problem = (
                        "identical",
                        "The machine translation is identical to the source: the model did not translate it.",
                        {},
                    )
                elif (unit := repetition_loop(out)) and not repetition_loop(source):
                    problem = (
                        "repetition",
                        f"The machine translation repeats {unit!r} in a loop.",
                        {"unit": unit},
                    )
                elif len(source) >= min_chars and out:
                    ratio = len(out) / len(source)
                    if ratio > high * median or ratio < median / high:
                        problem = (
                            "length-ratio",
                            f"The machine translation is {ratio:.1f}x the length of the source "
                            f"(typical here: {median:.1f}x).",
                            {"ratio": round(ratio, 2)},
                        )
                if problem:
                    issue, message, extra = problem
                    yield ctx.finding(
                        self.name, self.severity, message, v, [seg.index], evidence={"issue": issue, **extra}
                    )
