"""Length: a translation far longer or shorter than its source, and
absolute limits (a button, an SMS, a subtitle line).

**Relative**: across languages, the ratio of a translation's length to its
source's (in characters) stays in a narrow band for a language pair:
German runs about 10-20 % longer than English. The pair's normal ratio is
measured on the comparison itself (the median over its pairs, once there
are ``min_pairs``, default 5; 1.0 before that), so no table of language
pairs has to be right. A pair whose ratio is more than ``max_factor``
(default 2.0) times that median, or less than its inverse, is a half-
translated or padded sentence. Sources under ``min_chars`` characters
(default 40) vary too much to judge.

**Absolute**: ``max_chars`` (default 0: none) for every sentence of a
checked version, and ``limits``, a list of ``{key = "glob", max = n}``
tables matched against a unit's key (units of bilingual files) or, for
now, the file name: ``[[checks.length.limits]] key = "*.sms.txt" max = 160``.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from ..model import Finding, Segment, Severity
from .base import CheckContext


def _limit_for(limits: list[dict[str, Any]], key: str | None, name: str, default: int) -> int:
    for rule in limits:
        pattern = str(rule.get("key", ""))
        for candidate in (key, Path(name).name, name):
            if candidate and fnmatchcase(candidate, pattern):
                return int(rule.get("max", 0))
    return default


def _unit_key(segment: Segment) -> str | None:
    """A unit's key when the model carries one (bilingual formats)."""
    return getattr(segment, "key", None)


class LengthCheck:
    name = "length"
    severity = Severity.WARNING
    description = "A translation is far longer or shorter than usual for the pair, or over its length limit."
    options = {"max_factor": 2.0, "min_chars": 40, "min_pairs": 5, "max_chars": 0, "limits": []}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._relative(ctx)
        yield from self._absolute(ctx)

    def _relative(self, ctx: CheckContext) -> Iterator[Finding]:
        factor = float(ctx.option(self.name, "max_factor", 2.0))
        min_chars = ctx.option(self.name, "min_chars", 40)
        min_pairs = ctx.option(self.name, "min_pairs", 5)
        if factor <= 1:
            return
        pairs = [
            p
            for p in ctx.aligned_pairs()
            if ctx.documents[p.alignment.source].lang != ctx.documents[p.alignment.target].lang
        ]
        ratios = [len(p.target_text) / len(p.source_text) for p in pairs if p.source_text.strip()]
        normal = statistics.median(ratios) if len(ratios) >= min_pairs else 1.0
        for pair in pairs:
            a, b = len(pair.source_text), len(pair.target_text)
            if a < min_chars:
                continue
            relative = (b / a) / normal
            if relative > factor or relative < 1 / factor:
                what = "longer" if relative > 1 else "shorter"
                shown = relative if relative > 1 else 1 / relative
                yield ctx.pair_finding(
                    self.name,
                    self.severity,
                    f"The translation is {shown:.1f}× {what} than this pair's usual ratio "
                    f"({b} characters for {a}; usual {normal:.2f}).",
                    pair,
                    evidence={"ratio": round(b / a, 2), "normal": round(normal, 2)},
                )

    def _absolute(self, ctx: CheckContext) -> Iterator[Finding]:
        max_chars = ctx.option(self.name, "max_chars", 0)
        limits = ctx.option(self.name, "limits", [])
        if not max_chars and not limits:
            return
        for v in ctx.checked_versions():
            doc = ctx.documents[v]
            for seg in doc.segments:
                limit = _limit_for(limits, _unit_key(seg), doc.name, max_chars)
                if limit and len(seg.text) > limit:
                    yield ctx.finding(
                        self.name,
                        self.severity,
                        f"{len(seg.text)} characters, over the limit of {limit}.",
                        v,
                        [seg.index],
                        evidence={"length": len(seg.text), "limit": limit},
                    )
