"""Building comparisons of known sentence pairs for the QA check tests.

Pairs are linked one to one (the gold alignment), so a test pins down what
a check does with a pair, not what the aligner makes of it.
"""

from __future__ import annotations

from typing import Any

from translator.checks import run_checks
from translator.model import Alignment, Comparison, Document, Finding, Link, Paragraph, Segment


def document(lines: list[str], name: str, lang: str | None, fmt: str = "text") -> Document:
    """One sentence per line; for ``fmt`` other than text the lines are
    also the document's source (markup kept) and its text."""
    text, paragraphs, segments, pos = [], [], [], 0
    for i, line in enumerate(lines):
        if text:
            text.append("\n\n")
            pos += 2
        text.append(line)
        paragraphs.append(Paragraph(index=i, start=pos, end=pos + len(line), line=2 * i + 1))
        segments.append(Segment(index=i, text=line, start=pos, end=pos + len(line), paragraph=i, lang=lang))
        pos += len(line)
    return Document(
        name=name, text="".join(text), lang=lang, paragraphs=paragraphs, segments=segments, format="text"
    )


def pairs(
    items: list[tuple[str, str]],
    source_lang: str | None = "de",
    target_lang: str | None = "en",
) -> Comparison:
    a = document([s for s, _ in items], "source.txt", source_lang)
    b = document([t for _, t in items], "target.txt", target_lang)
    links = [Link([i], [i]) for i in range(len(items))]
    return Comparison(documents=[a, b], alignments=[Alignment(0, 1, links)], mode="gold")


def single(lines: list[str], lang: str | None = "en") -> Comparison:
    return Comparison(documents=[document(lines, "target.txt", lang)], mode="single")


def findings(comparison: Comparison, check: str, options: dict[str, Any] | None = None) -> list[Finding]:
    return run_checks(comparison, enabled=[check], options={check: options or {}})


def flagged(
    items: list[tuple[str, str]], check: str, source_lang: str = "de", target_lang: str = "en", **options: Any
) -> list[Finding]:
    return findings(pairs(items, source_lang, target_lang), check, options)
