"""Consistency of translation, in both directions.

- one source sentence translated two ways (the later translation is flagged,
  pointing at the first);
- two different source sentences translated identically (a copy-paste
  slip, or a translation that lost the distinction the source makes).

Sentences compare case-insensitively with whitespace collapsed. Within one
comparison the check runs on every alignment; ``translator check`` with
several targets (a manifest, a folder) also compares the targets with each
other through :func:`check_across`, language pair by language pair.
Options: ``min_words`` (sentences shorter than this are left alone,
default 1), ``reverse`` (the second direction, default true).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Comparison, Finding, Severity
from .base import AlignedPair, CheckContext


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class _Entry:
    comparison: int
    ctx: CheckContext
    pair: AlignedPair
    source: str
    target: str

    @property
    def where(self) -> str:
        doc = self.ctx.documents[self.pair.alignment.target]
        line, _ = doc.line_col(doc.segments[self.pair.link.tgt[0]].start)
        return f"{doc.name}:{line}"


def _entries(index: int, ctx: CheckContext, min_words: int) -> Iterator[_Entry]:
    for pair in ctx.aligned_pairs():
        doc_a = ctx.documents[pair.alignment.source]
        doc_b = ctx.documents[pair.alignment.target]
        if doc_a.lang == doc_b.lang or len(pair.source_text.split()) < min_words:
            continue
        yield _Entry(index, ctx, pair, _norm(pair.source_text), _norm(pair.target_text))


def _conflicts(entries: list[_Entry], reverse: bool) -> Iterator[tuple[str, _Entry, _Entry]]:
    """``(direction, later, first)`` for every entry whose counterpart
    differs from the first entry with the same key."""
    directions = [("source", "target")] + ([("target", "source")] if reverse else [])
    for key, other in directions:
        first: dict[tuple[Any, str], _Entry] = {}
        for entry in entries:
            langs = (
                entry.ctx.documents[entry.pair.alignment.source].lang,
                entry.ctx.documents[entry.pair.alignment.target].lang,
            )
            k = (langs, getattr(entry, key))
            seen = first.setdefault(k, entry)
            if seen is not entry and getattr(seen, other) != getattr(entry, other):
                yield key, entry, seen


def _finding(name: str, severity: Severity, direction: str, later: _Entry, first: _Entry) -> Finding:
    if direction == "source":
        message = f"The same source sentence was translated differently at {first.where}."
    else:
        message = f"A different source sentence has the same translation at {first.where}."
    return later.ctx.pair_finding(
        name,
        severity,
        message,
        later.pair,
        evidence={
            "direction": direction,
            "other": first.where.rsplit(":", 1)[0],
            "other_text": first.pair.target_text if direction == "source" else first.pair.source_text,
        },
    )


class ConsistencyCheck:
    name = "consistency"
    severity = Severity.WARNING
    description = "One source sentence is translated two ways, or two sources are translated identically."
    options = {"min_words": 1, "reverse": True}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        min_words = ctx.option(self.name, "min_words", 1)
        reverse = ctx.option(self.name, "reverse", True)
        entries = list(_entries(0, ctx, min_words))
        for direction, later, first in _conflicts(entries, reverse):
            yield _finding(self.name, self.severity, direction, later, first)


def check_across(
    comparisons: Sequence[Comparison], options: dict[str, Any] | None = None, severity: Severity | None = None
) -> None:
    """Add consistency findings between different comparisons (the targets
    of one ``check`` run) to the later comparison; conflicts inside one
    comparison are the check's own."""
    check = ConsistencyCheck()
    opts = {check.name: options or {}}
    min_words = opts[check.name].get("min_words", 1)
    reverse = opts[check.name].get("reverse", True)
    entries: list[_Entry] = []
    for i, comparison in enumerate(comparisons):
        entries.extend(_entries(i, CheckContext(comparison, options=opts), min_words))
    reported: set[tuple[str, int, int]] = set()
    for direction, later, first in _conflicts(entries, reverse):
        if later.comparison == first.comparison:
            continue
        key = (direction, later.comparison, id(later))
        if key in reported:
            continue
        reported.add(key)
        comparisons[later.comparison].findings.append(
            _finding(check.name, severity or check.severity, direction, later, first)
        )
