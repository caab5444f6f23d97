"""Shared by the subtitle checks: the cues of the versions that are checked."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Paragraph
from .base import CheckContext


def checked_cues(ctx: CheckContext) -> Iterator[tuple[int, Document, Paragraph]]:
    """``(version, document, cue)`` for every timed cue of the checked
    versions: the translations of a pair (not its source, which is someone
    else's file), or the one file of a single-file check."""
    comparison = ctx.comparison
    versions = range(len(comparison.documents))
    if comparison.alignments:
        versions = sorted({a.target for a in comparison.alignments})
    for version in versions:
        doc = comparison.documents[version]
        for para in doc.paragraphs:
            if para.time is not None:
                yield version, doc, para
