"""Consistency of translation, in both directions.

- one source sentence translated two ways (the later translation is flagged,
  pointing at the first);
- two different source sentences translated identically (a copy-paste
  slip, or a translation that lost the distinction the source makes).

Sentences compare case-insensitively with whitespace collapsed. Within one
comparison the check runs on every alignment; ``translator check`` with
several targets (a manifest, a folder) also compares the targets with each
other through :func:`check_across`, language pair by language pair.
``translator batch`` does the same across its items after the run: each
item's summary carries its aligned pairs (:func:`pair_rows`, a few
kilobytes) and :func:`batch_conflicts` compares them, so items run on other
processes or machines, and items skipped as unchanged on a resumed run,
take part alike. Options: ``min_words`` (sentences shorter than this are
left alone, default 1), ``reverse`` (the second direction, default true).
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
    def langs(self) -> tuple[str | None, str | None]:
        docs = self.ctx.documents
        return docs[self.pair.alignment.source].lang, docs[self.pair.alignment.target].lang

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


def _conflicts(entries: Sequence[Any], reverse: bool) -> Iterator[tuple[str, Any, Any]]:
    """``(direction, later, first)`` for every entry whose counterpart
    differs from the first entry with the same key (entries: :class:`_Entry`
    or :class:`_Row`, both with ``langs``, ``source`` and ``target``)."""
    directions = [("source", "target")] + ([("target", "source")] if reverse else [])
    for key, other in directions:
        first: dict[tuple[Any, str], Any] = {}
        for entry in entries:
            k = (entry.langs, getattr(entry, key))
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


# -- across the items of a batch -------------------------------------------------


def pair_rows(comparison: Comparison) -> list[list[Any]]:
    """The aligned pairs of a comparison in two languages, as small JSON
    rows ``[source lang, target lang, source text, target text, version,
    file, line, column, name]`` that travel with a batch item's summary."""
    ctx = CheckContext(comparison)
    rows: list[list[Any]] = []
    for entry in _entries(0, ctx, 1):
        doc = ctx.documents[entry.pair.alignment.target]
        line, column = doc.line_col(doc.segments[entry.pair.link.tgt[0]].start)
        src_lang, tgt_lang = entry.langs
        rows.append(
            [
                src_lang,
                tgt_lang,
                entry.pair.source_text,
                entry.pair.target_text,
                entry.pair.alignment.target,
                doc.path,
                line,
                column,
                doc.name,
            ]
        )
    return rows


def valid_rows(rows: Any) -> bool:
    """Whether ``rows`` has the shape :func:`pair_rows` writes (a resume
    state file is read back from a folder others may write to)."""
    shape = (str | None, str | None, str, str, int, str, int, int, str)
    return isinstance(rows, list) and all(
        isinstance(row, list)
        and len(row) == len(shape)
        and all(isinstance(v, t) and not isinstance(v, bool) for v, t in zip(row, shape, strict=True))
        for row in rows
    )


@dataclass
class _Row:
    item: int
    row: list[Any]

    @property
    def langs(self) -> tuple[str | None, str | None]:
        return self.row[0], self.row[1]

    @property
    def source(self) -> str:
        return _norm(self.row[2])

    @property
    def target(self) -> str:
        return _norm(self.row[3])

    @property
    def where(self) -> str:
        return f"{self.row[8]}:{self.row[6]}"


def batch_conflicts(
    items: Sequence[list[list[Any]] | None], min_words: int = 1, reverse: bool = True
) -> list[tuple[int, dict[str, Any]]]:
    """Consistency findings between different batch items, from each item's
    :func:`pair_rows` (None for an item that did not run): ``(item index,
    finding)`` with the finding shaped as a batch summary lists findings.
    Conflicts inside one item are already that item's own findings."""
    from ..model import fingerprint

    entries = [
        _Row(i, row) for i, rows in enumerate(items) for row in rows or [] if len(row[2].split()) >= min_words
    ]
    found: list[tuple[int, dict[str, Any]]] = []
    reported: set[tuple[str, int]] = set()
    for direction, later, first in _conflicts(entries, reverse):
        if later.item == first.item or (direction, id(later)) in reported:
            continue
        reported.add((direction, id(later)))
        if direction == "source":
            message = f"The same source sentence was translated differently at {first.where}."
        else:
            message = f"A different source sentence has the same translation at {first.where}."
        other_text = first.row[3] if direction == "source" else first.row[2]
        evidence = {"direction": direction, "other": first.row[8], "other_text": other_text}
        finding = {
            "kind": ConsistencyCheck.name,
            "severity": ConsistencyCheck.severity.value,
            "message": message,
            "version": later.row[4],
            "file": later.row[5],
            "line": later.row[6],
            "column": later.row[7],
            "fingerprint": fingerprint(ConsistencyCheck.name, later.row[3], evidence),
        }
        found.append((later.item, finding))
    return found
