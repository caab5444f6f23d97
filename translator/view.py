"""Presentation-neutral views of the model shared by all renderers.

Renderers must not compute comparisons of their own; this module only
re-arranges the model (rows per alignment link, text pieces with the diff
spans a finding recorded) so that HTML and terminal output show the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Comparison, Finding, Segment


@dataclass
class Cell:
    version: int
    segments: list[Segment]
    #: (text, css-class) pieces; class is "" or "del"/"ins" for diff spans
    pieces: list[list[tuple[str, str]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.segments


@dataclass
class Row:
    number: int
    alignment: int
    link: int
    kind: str
    score: float
    cells: list[Cell]
    findings: list[Finding]

    @property
    def severity(self) -> str:
        order = {"error": 2, "warning": 1, "info": 0}
        if not self.findings:
            return ""
        return max((f.severity.value for f in self.findings), key=order.__getitem__)


def rows(comparison: Comparison) -> list[Row]:
    """One row per link of the first alignment (two-version comparisons)."""
    out: list[Row] = []
    for a_index, alignment in enumerate(comparison.alignments):
        src_doc = comparison.documents[alignment.source]
        tgt_doc = comparison.documents[alignment.target]
        for l_index, link in enumerate(alignment.links):
            src_ids = set(link.src)
            tgt_ids = set(link.tgt)
            found = [
                f
                for f in comparison.findings
                if f.alignment == a_index
                and (
                    f.link == l_index
                    or (
                        f.link is None
                        and _touches(
                            f, alignment.source, alignment.target, src_doc, tgt_doc, src_ids, tgt_ids
                        )
                    )
                )
            ]
            src_cell = Cell(alignment.source, [src_doc.segments[i] for i in link.src])
            tgt_cell = Cell(alignment.target, [tgt_doc.segments[j] for j in link.tgt])
            diff = next(
                (f.evidence["diff"] for f in found if f.kind == "wording" and f.link == l_index), None
            )
            src_cell.pieces = _pieces(src_cell.segments, diff, "a")
            tgt_cell.pieces = _pieces(tgt_cell.segments, diff, "b")
            out.append(
                Row(len(out) + 1, a_index, l_index, link.kind, link.score, [src_cell, tgt_cell], found)
            )
    # findings not tied to an alignment (e.g. residue in one version) attach to
    # the row that shows their sentence
    for finding in comparison.findings:
        if finding.alignment is not None:
            continue
        for row in out:
            cell = next((c for c in row.cells if c.version == finding.span.version), None)
            if cell and any(
                s.start <= finding.span.start < s.end or s.start == finding.span.start for s in cell.segments
            ):
                row.findings.append(finding)
                break
    return out


def _touches(f: Finding, src_v, tgt_v, src_doc, tgt_doc, src_ids, tgt_ids) -> bool:
    for span in (f.span, f.related):
        if span is None:
            continue
        doc, ids = (src_doc, src_ids) if span.version == src_v else (tgt_doc, tgt_ids)
        if span.version not in (src_v, tgt_v):
            continue
        for i in ids:
            seg = doc.segments[i]
            if seg.start <= span.start < seg.end:
                return True
    return False


def _pieces(segments: list[Segment], diff, side: str) -> list[list[tuple[str, str]]]:
    """Split each segment's text into plain and changed pieces."""
    pieces = []
    offset = 0
    for seg in segments:
        text = seg.text
        marks: list[tuple[int, int]] = []
        if diff:
            for op in diff:
                start, end = op[f"{side}_start"], op[f"{side}_end"]
                if start < 0:
                    continue
                s, e = start - offset, end - offset
                if e <= 0 or s >= len(text):
                    continue
                marks.append((max(s, 0), min(e, len(text))))
        cls = "del" if side == "a" else "ins"
        out: list[tuple[str, str]] = []
        pos = 0
        for s, e in sorted(marks):
            if s < pos:
                continue
            if s > pos:
                out.append((text[pos:s], ""))
            out.append((text[s:e], cls))
            pos = e
        if pos < len(text):
            out.append((text[pos:], ""))
        pieces.append(out)
        offset += len(text) + 1  # texts of a link are joined with one space
    return pieces
