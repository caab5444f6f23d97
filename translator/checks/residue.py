"""Source-language leftovers in a version written in another language.

Two signals: marker lists (``glossaries/markers/<lang>.txt``: photo credits,
source labels) that catch short lines language identification cannot, and
language identification restricted to the languages in play for longer
segments.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from ..langid import detect
from ..model import Finding, Severity
from ..resources import resource_dir
from .base import CheckContext


@cache
def markers(lang: str) -> tuple[str, ...]:
    """Marker prefixes for ``lang``, casefolded; empty when there is no list."""
    try:
        path = resource_dir("glossaries") / "markers" / f"{lang}.txt"
    except FileNotFoundError:
        return ()
    if not path.is_file():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


class ResidueCheck:
    name = "residue"
    severity = Severity.ERROR
    description = "Text in the source language was left in a version in another language."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        docs = ctx.documents
        min_words = ctx.option(self.name, "min_words", 4)
        min_conf = ctx.option(self.name, "min_confidence", 0.9)
        for v, doc in enumerate(docs):
            if not doc.lang:
                continue
            foreign = {d.lang for d in docs if d.lang and d.lang != doc.lang}
            foreign.update(lang for lang in ctx.source_langs if lang != doc.lang)
            if not foreign:
                continue
            for seg in doc.segments:
                lowered = seg.text.casefold()
                marker_lang = next(
                    (lang for lang in sorted(foreign) for m in markers(lang) if lowered.startswith(m)),
                    None,
                )
                if marker_lang:
                    yield ctx.finding(
                        self.name,
                        self.severity,
                        f"Starts with a {marker_lang} label in {doc.lang} copy; translate or localise it.",
                        v,
                        [seg.index],
                        evidence={"lang": marker_lang, "signal": "marker"},
                    )
                    continue
                if len(seg.text.split()) < min_words:
                    continue
                guess = detect(seg.text, candidates=[doc.lang, *foreign])
                if guess.lang in foreign and guess.confidence >= min_conf:
                    yield ctx.finding(
                        self.name,
                        self.severity,
                        f"This sentence looks {guess.lang}, not {doc.lang} ({guess.confidence:.0%} sure).",
                        v,
                        [seg.index],
                        evidence={"lang": guess.lang, "signal": "langid"},
                    )
