"""Presentation-neutral views of the model shared by all renderers.

Renderers must not compute comparisons of their own; this module only
re-arranges the model so that every renderer shows the same thing:

* **rows** keyed by the pivot's sentence groups, one cell per version, so
  that every version's alignment links line up against the same pivot
  sentences even when the versions split or merge sentences differently;
* additions (sentences only one version has) get rows of their own at the
  place where they stand;
* each finding is attached to the row that displays the sentence it points
  at, with a cross-reference to the row of its counterpart when that is
  elsewhere (a moved sentence);
* word-level highlights are the character spans the ``wording`` check
  recorded in ``evidence["diff"]``, cut into text pieces per sentence;
* machine translations come from :attr:`Segment.translation`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..model import Alignment, Comparison, Document, Finding, Link, Segment, Severity
from ..model import locate as locate_finding

#: a piece of sentence text and its mark: "" (unchanged), "del" or "ins"
Piece = tuple[str, str]

_SEVERITY_ORDER = [Severity.ERROR.value, Severity.WARNING.value, Severity.INFO.value]


@dataclass
class Flag:
    """A finding as shown in a row."""

    finding: Finding
    #: index of the finding in :attr:`Comparison.findings` (stable element id)
    index: int
    #: the row the flag is shown in (0 for findings about a whole document)
    row: int = 0
    #: the row showing the finding's counterpart, when that is another row
    see_row: int | None = None
    #: ``file:line:col`` of the finding in the version it points at
    location: str = ""

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    @property
    def kind(self) -> str:
        return self.finding.kind

    @property
    def version(self) -> int:
        return self.finding.span.version


@dataclass
class Sentence:
    """One segment of a cell, cut into highlighted pieces."""

    segment: Segment
    pieces: list[Piece]
    #: machine translation of the segment (pieces), when one was made
    translation: list[Piece] | None = None
    #: the unit, key or cue the sentence starts (``unit welcome``), shown
    #: beside the first sentence of each unit of a localisation file
    unit: str = ""


@dataclass
class Cell:
    """What one version contributes to a row."""

    version: int
    sentences: list[Sentence] = field(default_factory=list)
    #: why the cell is empty: "" (not empty), "omitted", "moved", "added-elsewhere"
    gap: str = ""
    #: for a moved sentence's gap: the row where it stands now
    gap_row: int | None = None
    flags: list[Flag] = field(default_factory=list)
    #: how likely the link shown here is right (:attr:`Link.score`, the
    #: lowest when the cell shows several links); None for the pivot
    confidence: float | None = None

    @property
    def empty(self) -> bool:
        return not self.sentences

    @property
    def segments(self) -> list[Segment]:
        return [s.segment for s in self.sentences]


@dataclass
class Row:
    """One line of the side-by-side view."""

    number: int
    #: "pivot" for a row keyed by pivot sentences, "addition" for sentences
    #: only a non-pivot version has at this place
    kind: str
    cells: list[Cell]
    flags: list[Flag] = field(default_factory=list)
    #: (alignment index, link index) of every link shown in the row
    links: list[tuple[int, int]] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f.finding for f in self.flags]

    @property
    def severity(self) -> str:
        """The highest severity among the row's flags ("" when none)."""
        present = {f.severity for f in self.flags}
        return next((s for s in _SEVERITY_ORDER if s in present), "")

    @property
    def kinds(self) -> list[str]:
        return sorted({f.kind for f in self.flags})

    @property
    def filter_keys(self) -> str:
        """``severity:kind`` of each flag, space-separated (used by filters)."""
        return " ".join(sorted({f"{f.severity}:{f.kind}" for f in self.flags}))


@dataclass
class Report:
    """Everything a side-by-side renderer shows, in display order."""

    rows: list[Row]
    #: findings that point at no displayed sentence (shown in the header)
    unplaced: list[Flag]
    #: all flags in document order of rows (the change list)
    changes: list[Flag]
    #: (row number, severity, position 0..100, filter keys) per flagged row,
    #: for the overview strip
    overview: list[tuple[int, str, float, str]]
    #: kinds present, for the filters
    kinds: list[str]
    has_translations: bool


def build_report(comparison: Comparison) -> Report:
    """Arrange the comparison into rows, flags, a change list and an overview."""
    rows = _layout(comparison)
    row_of = {
        (cell.version, s.segment.index): row.number
        for row in rows
        for cell in row.cells
        for s in cell.sentences
    }
    _highlight(comparison, rows)
    unplaced = _attach_findings(comparison, rows, row_of)
    _note_moves(comparison, rows, row_of)
    changes = [flag for row in rows for flag in row.flags]
    total = max(len(rows), 1)
    overview = [
        (row.number, row.severity, round(100 * (row.number - 1) / total, 3), row.filter_keys)
        for row in rows
        if row.flags
    ]
    kinds = sorted({f.kind for f in comparison.findings})
    has_translations = any(s.translation for d in comparison.documents for s in d.segments)
    return Report(rows, unplaced, changes, overview, kinds, has_translations)


def rows(comparison: Comparison) -> list[Row]:
    """The rows of :func:`build_report` (kept for callers that need only rows)."""
    return build_report(comparison).rows


# -- layout -------------------------------------------------------------------


def _layout(comparison: Comparison) -> list[Row]:
    """Rows keyed by pivot sentence groups, with addition rows in between.

    Pivot sentences that any alignment links together (a 2-1 merge, say)
    form one group, so each version's cell in that row holds exactly the
    sentences linked to the group. An addition is placed after the group of
    the last pivot sentence linked before it; an addition that replaces an
    omitted sentence (a rewritten headline) shares the omitted sentence's row.
    """
    docs = comparison.documents
    pivot = comparison.pivot
    n_pivot = len(docs[pivot].segments)
    versions = list(range(len(docs)))

    joined = [False] * max(n_pivot - 1, 0)
    for alignment in comparison.alignments:
        for link in alignment.links:
            lo, hi = min(link.src, default=0), max(link.src, default=0)
            for i in range(lo, hi):
                if i < len(joined):
                    joined[i] = True
    group_of: list[int] = []
    groups: list[list[int]] = []
    for i in range(n_pivot):
        if i == 0 or not joined[i - 1]:
            groups.append([])
        groups[-1].append(i)
        group_of.append(len(groups) - 1)

    # per group and version: target links shown there
    group_links: list[dict[int, list[tuple[int, int]]]] = [{} for _ in groups]
    # additions anchored after a group (-1 = before the first group)
    additions: dict[int, list[tuple[int, int]]] = {}
    for a_index, alignment in enumerate(comparison.alignments):
        replaced = {ad: om for om, ad in alignment.replacements()}
        last_src: int | None = None
        for l_index, link in enumerate(alignment.links):
            if link.src:
                last_src = link.src[-1]
                group = group_of[link.src[0]]
                group_links[group].setdefault(alignment.target, []).append((a_index, l_index))
            elif l_index in replaced and alignment.links[replaced[l_index]].src:
                group = group_of[alignment.links[replaced[l_index]].src[0]]
                group_links[group].setdefault(alignment.target, []).append((a_index, l_index))
            elif link.tgt:
                anchor = group_of[last_src] if last_src is not None else -1
                additions.setdefault(anchor, []).append((a_index, l_index))

    out: list[Row] = []

    def add_rows_after(anchor: int) -> None:
        for a_index, l_index in additions.get(anchor, []):
            alignment = comparison.alignments[a_index]
            cells = []
            for v in versions:
                if v == alignment.target:
                    cells.append(_cell(docs, v, alignment.links[l_index].tgt))
                else:
                    cells.append(Cell(v, gap="added-elsewhere" if v == pivot else ""))
            out.append(Row(len(out) + 1, "addition", cells, links=[(a_index, l_index)]))

    add_rows_after(-1)
    for g, members in enumerate(groups):
        cells = []
        shown: list[tuple[int, int]] = []
        for v in versions:
            if v == pivot:
                cells.append(_cell(docs, v, members))
                continue
            ids: list[int] = []
            scores: list[float] = []
            for a_index, l_index in group_links[g].get(v, []):
                link = comparison.alignments[a_index].links[l_index]
                ids.extend(link.tgt)
                if link.src and link.tgt:
                    scores.append(link.score)
                shown.append((a_index, l_index))
            cell = _cell(docs, v, ids)
            cell.confidence = min(scores) if scores else None
            if cell.empty and group_links[g].get(v):
                cell.gap = "omitted"
            cells.append(cell)
        out.append(Row(len(out) + 1, "pivot", cells, links=shown))
        add_rows_after(g)
    if not groups:  # a pivot without sentences: still show the others
        for v in versions:
            if v != pivot:
                for j in range(len(docs[v].segments)):
                    cells = [Cell(w, gap="added-elsewhere" if w == pivot else "") for w in versions]
                    cells[v] = _cell(docs, v, [j])
                    out.append(Row(len(out) + 1, "addition", cells))
    return out


def _cell(docs: list[Document], version: int, ids: list[int]) -> Cell:
    doc = docs[version]
    segs = doc.segments
    sentences = []
    shown = ""
    for i in sorted(set(ids)):
        seg = segs[i]
        translation = [(seg.translation, "")] if seg.translation else None
        unit = doc.unit_at(seg.start)
        sentences.append(Sentence(seg, [(seg.text, "")], translation, unit if unit != shown else ""))
        shown = unit
    return Cell(version, sentences)


# -- highlights ---------------------------------------------------------------


def _spans_by_segment(segments: list[Segment], ids: list[int], spans: list[tuple[int, int]]):
    """Map spans over the space-joined text of ``ids`` onto each segment."""
    out: dict[int, list[tuple[int, int]]] = {}
    base = 0
    for i in ids:
        length = len(segments[i].text)
        for start, end in spans:
            s, e = max(start - base, 0), min(end - base, length)
            if s < e:
                out.setdefault(i, []).append((s, e))
        base += length + 1
    return out


def _highlight(comparison: Comparison, rows: list[Row]) -> None:
    """Cut sentences into pieces at the wording check's recorded diff spans.

    The ``a`` side of a diff is the pivot's text; the ``b`` side is the other
    version's text, or its machine translation when the two versions are in
    different languages. Pivot-side marks are shown only with two versions:
    with more, one pivot cell would carry the differences to several
    versions at once and the marks would be ambiguous.
    """
    docs = comparison.documents
    marks: dict[tuple[int, int, bool], list[tuple[int, int]]] = {}
    for finding in comparison.findings:
        diff = finding.evidence.get("diff") if finding.kind == "wording" else None
        if not diff or finding.alignment is None or finding.alignment >= len(comparison.alignments):
            continue
        alignment = comparison.alignments[finding.alignment]
        link = _link_for_finding(alignment, finding, docs)
        if link is None:
            continue
        src_doc, tgt_doc = docs[alignment.source], docs[alignment.target]
        translated = src_doc.lang != tgt_doc.lang
        a_spans, b_spans = [], []
        for op in diff:
            if not isinstance(op, dict):
                continue
            a0, a1 = op.get("a_start", -1), op.get("a_end", -1)
            b0, b1 = op.get("b_start", -1), op.get("b_end", -1)
            if isinstance(a0, int) and isinstance(a1, int) and 0 <= a0 < a1:
                a_spans.append((a0, a1))
            if isinstance(b0, int) and isinstance(b1, int) and 0 <= b0 < b1:
                b_spans.append((b0, b1))
        if len(comparison.alignments) == 1:
            for i, spans in _spans_by_segment(src_doc.segments, link.src, a_spans).items():
                marks.setdefault((alignment.source, i, False), []).extend(spans)
        tgt_texts = tgt_doc.segments
        if translated:
            joined = [s.translation or "" for s in tgt_texts]
            proxies = [Segment(s.index, t, 0, 0, 0) for s, t in zip(tgt_texts, joined, strict=True)]
            by_seg = _spans_by_segment(proxies, link.tgt, b_spans)
        else:
            by_seg = _spans_by_segment(tgt_texts, link.tgt, b_spans)
        for i, spans in by_seg.items():
            marks.setdefault((alignment.target, i, translated), []).extend(spans)
    if not marks:
        return
    pivot = comparison.pivot
    for row in rows:
        for cell in row.cells:
            for sentence in cell.sentences:
                i = sentence.segment.index
                cls = "del" if cell.version == pivot else "ins"
                if (cell.version, i, False) in marks:
                    sentence.pieces = _cut(sentence.segment.text, marks[(cell.version, i, False)], cls)
                if sentence.segment.translation and (cell.version, i, True) in marks:
                    sentence.translation = _cut(
                        sentence.segment.translation, marks[(cell.version, i, True)], cls
                    )


def _link_for_finding(alignment: Alignment, finding: Finding, docs: list[Document]) -> Link | None:
    """The link a wording finding describes: by index, or the move it sits on."""
    if finding.link is not None:
        return alignment.links[finding.link] if 0 <= finding.link < len(alignment.links) else None
    segs = docs[alignment.target].segments
    for move in alignment.moves:
        if move.tgt and segs[move.tgt[0]].start <= finding.span.start <= segs[move.tgt[-1]].end:
            return move
    return None


def _cut(text: str, spans: list[tuple[int, int]], cls: str) -> list[Piece]:
    out: list[Piece] = []
    pos = 0
    for s, e in sorted(spans):
        s = max(s, pos)
        if s >= e:
            continue
        if s > pos:
            out.append((text[pos:s], ""))
        out.append((text[s:e], cls))
        pos = e
    if pos < len(text):
        out.append((text[pos:], ""))
    return out


# -- findings -----------------------------------------------------------------


def _attach_findings(
    comparison: Comparison, rows: list[Row], row_of: dict[tuple[int, int], int]
) -> list[Flag]:
    docs = comparison.documents
    starts_cache: dict[int, list[int]] = {}
    by_number = {row.number: row for row in rows}

    def locate(version: int, offset: int) -> int | None:
        if not 0 <= version < len(docs):
            return None
        starts = starts_cache.get(version)
        if starts is None:
            starts = starts_cache[version] = [s.start for s in docs[version].segments]
        if not starts:
            return None
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        return row_of.get((version, docs[version].segments[i].index))

    unplaced: list[Flag] = []
    for index, finding in enumerate(comparison.findings):
        flag = Flag(finding, index, location=_location(comparison, finding))
        number = locate(finding.span.version, finding.span.start)
        if finding.related is not None:
            other = locate(finding.related.version, finding.related.start)
            if other is not None and other != number:
                flag.see_row = other
        if number is None:
            unplaced.append(flag)
            continue
        row = by_number[number]
        flag.row = number
        row.flags.append(flag)
        cell = _owning_cell(comparison, row, finding)
        if cell is not None:
            cell.flags.append(flag)
    return unplaced


def _owning_cell(comparison: Comparison, row: Row, finding: Finding) -> Cell | None:
    """The cell a flag is shown in: the one holding its sentence, except that
    a finding about a pivot sentence missing from one version (an omission)
    sits in that version's gap, so with several versions it is clear which
    one lacks the sentence."""
    version = finding.span.version
    if finding.alignment is not None and 0 <= finding.alignment < len(comparison.alignments):
        alignment = comparison.alignments[finding.alignment]
        if version == alignment.source and alignment.target < len(row.cells):
            gap = row.cells[alignment.target]
            if gap.empty and gap.gap == "omitted":
                return gap
    return next((c for c in row.cells if c.version == version), None)


def _location(comparison: Comparison, finding: Finding) -> str:
    docs = comparison.documents
    if not 0 <= finding.span.version < len(docs):
        return ""
    doc = docs[finding.span.version]
    try:
        loc = locate_finding(0, comparison, finding).location
    except (IndexError, ValueError):
        return doc.name
    return f"{doc.name}:{loc.line}:{loc.column}" + (f" [{loc.unit}]" if loc.unit else "")


def _note_moves(comparison: Comparison, rows: list[Row], row_of: dict[tuple[int, int], int]) -> None:
    """Mark the gap a moved sentence left with the row where it stands now."""
    for alignment in comparison.alignments:
        for move in alignment.moves:
            if not move.src or not move.tgt:
                continue
            src_row = row_of.get((alignment.source, move.src[0]))
            tgt_row = row_of.get((alignment.target, move.tgt[0]))
            if src_row is None:
                continue
            cell = rows[src_row - 1].cells[alignment.target]
            if cell.empty:
                cell.gap = "moved"
                cell.gap_row = tgt_row


def severity_order() -> list[str]:
    """Severities from most to least serious (for headers and filters)."""
    return list(_SEVERITY_ORDER)
