"""The one data model that flows through the pipeline.

documents -> segments -> alignment -> findings -> report.

Every stage reads and extends these dataclasses; renderers only read them.
Keeping the model plain (dataclasses, JSON-serialisable through
:func:`to_dict`) lets the JSON output *be* the model, so machine consumers and
the HTML report can never disagree. The gate's :class:`~translator.gate.model.CheckRun` (a check
run over these comparisons) is :mod:`translator.gate.model`; the finding
locations every output uses (:func:`locate`) stay here.
"""

from __future__ import annotations

import bisect
import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum, StrEnum
from functools import lru_cache
from typing import Any


class Severity(StrEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


@dataclass
class Paragraph:
    """A block of text (paragraph, heading, caption) inside a document.

    ``start``/``end`` are character offsets into :attr:`Document.text`.
    ``line`` is the 1-based line in the original file where the block starts,
    so findings can point into the file the user edits even when the text was
    extracted from Markdown or HTML.
    """

    index: int
    start: int
    end: int
    line: int = 1
    kind: str = "paragraph"  # paragraph | heading | caption | list-item | quote
    lang: str | None = None
    #: what the detector that decided ``lang`` said: the fast detector's
    #: posterior or langdetect's probability (:mod:`translator.ingest.detect`)
    lang_confidence: float = 0.0
    #: 1-based column in the file where the block's text starts
    column: int = 1
    #: the unit's id, key or cue number (localisation formats; see
    #: :mod:`translator.formats.base`), None for prose paragraphs
    unit: str | None = None
    #: offset into :attr:`Document.source` where the unit's text starts
    offset: int | None = None
    #: a bilingual unit's translation state ("translated", "untranslated",
    #: "empty", "needs-review", "final") and the file's own word for it
    state: str | None = None
    file_state: str | None = None
    #: protected inline elements (tags, placeholders): dicts with ``start``,
    #: ``end`` (offsets into :attr:`Document.text`), ``kind``, ``original``, ``id``
    inline: list[dict[str, Any]] = field(default_factory=list)
    #: a subtitle cue's start and end, in seconds
    time: tuple[float, float] | None = None


@dataclass
class Segment:
    """A sentence: the unit that is aligned, translated and checked."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int
    lang: str | None = None
    lang_confidence: float = 0.0
    #: machine translation into the pivot language, when one was made
    translation: str | None = None
    #: glossary terms protected from the model while translating this segment
    protected_terms: list[str] = field(default_factory=list)
    #: protected terms whose placeholder did not come back from the model
    lost_terms: list[str] = field(default_factory=list)


@dataclass
class Document:
    """One version of an article, decoded and segmented.

    ``text`` is the plain text that all offsets refer to. For ``.txt`` input it
    is the decoded file itself; for Markdown and HTML it is the extracted
    prose (markup dropped), with paragraphs separated by blank lines.
    """

    name: str
    text: str
    format: str = "text"
    encoding: str = "utf-8"
    lang: str | None = None
    lang_confidence: float = 0.0
    paragraphs: list[Paragraph] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    #: the undecoded-but-original source text (Markdown/HTML markup kept);
    #: used for inline suppressions and for locating findings in the file.
    source: str | None = None
    #: the language the file itself declares (XLIFF ``srcLang``/``trgLang``,
    #: PO ``Language``), used when none is given on the command line
    declared_lang: str | None = None
    #: what the format calls a unit ("unit", "key", "cue"...), for locations
    unit_noun: str = ""
    #: "source" or "target" for the two sides of one bilingual file
    side: str | None = None

    #: where the version came from exactly as given (a file path, ``-`` or a
    #: URL): the machine field of locations (SARIF, JSON, baselines), while
    #: :attr:`name` is the short name people read in messages and reports
    path: str = ""
    #: where a fetched page came from: ``url``, ``final_url`` (after
    #: redirects), ``fetched_at`` (ISO 8601, UTC) and the page's own
    #: ``title``, ``author``, ``date`` and ``sitename`` when it states them
    origin: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.path:
            self.path = self.name

    @property
    def label(self) -> str:
        """The name a message gives this version: the file name, plus the
        side when both versions are one bilingual file (``a.xlf (target)``)."""
        return f"{self.name} ({self.side})" if self.side else self.name

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in :attr:`text`.

        For extracted formats the offset is mapped into :attr:`source` (see
        :mod:`translator.ingest.sourcemap`), which is what an editor needs to jump
        to the spot; without a source, through the paragraph's source line.
        """
        return self.source_line_col(self.source_range(offset, offset)[0])

    def source_map(self) -> Any:
        """The :class:`~translator.ingest.sourcemap.SourceMap` of an extracted
        (Markdown/HTML) document, the :class:`~translator.ingest.sourcemap.UnitMap`
        of a document made of units (XLIFF, PO, JSON, subtitles, DOCX), or
        None for plain text (offsets are the file's own) and for documents
        built without a source."""
        if not self.paragraphs:
            return None
        units = self.paragraphs[0].unit is not None
        if not units and (self.format == "text" or not self.source):
            return None
        cached = getattr(self, "_srcmap_cache", None)
        if cached is None or cached[0] != (len(self.text), len(self.paragraphs)):
            from .ingest.sourcemap import SourceMap, UnitMap

            kind = UnitMap if units else SourceMap
            cached = (
                (len(self.text), len(self.paragraphs)),
                kind(self.text, self.source, self.paragraphs),
            )
            object.__setattr__(self, "_srcmap_cache", cached)
        return cached[1]

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` in :attr:`source` of the text span ``start:end``."""
        smap = self.source_map()
        if smap is None:
            return start, end
        s = smap.offset(start)
        return s, max(s, smap.end_offset(end))

    def source_line_col(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset into :attr:`source` (or text).

        Without a source map the offset is a text offset; for an extracted
        format the line then comes from the paragraph's source line."""
        smap = self.source_map()
        if smap is not None:
            return smap.line_col(source_offset)
        starts = self._line_starts()
        i = bisect.bisect_right(starts, source_offset) - 1
        line, col = i + 1, source_offset - starts[i] + 1
        if self.format != "text" and self.paragraphs:
            para = self.paragraph_at(source_offset)
            if para is not None:
                para_line = bisect.bisect_right(starts, para.start)
                line = para.line + (line - para_line)
        return line, col

    def unit_at(self, offset: int) -> str:
        """``unit welcome``, ``key menu.open``, ``cue 12``: the unit a text
        offset stands in, as locations name it ("" for prose documents)."""
        para = self.paragraph_at(offset)
        if para is None or para.unit is None:
            return ""
        unit = para.unit if len(para.unit) <= 40 else para.unit[:39] + "…"
        return f"{self.unit_noun} {unit}" if self.unit_noun else unit

    def paragraph_at(self, offset: int) -> Paragraph | None:
        # cached: locating every finding of a 10,000-unit file must not
        # rebuild the list of paragraph starts once per finding
        cached = getattr(self, "_para_starts_cache", None)
        key = (len(self.text), len(self.paragraphs))
        if cached is None or cached[0] != key:
            cached = (key, [p.start for p in self.paragraphs])
            object.__setattr__(self, "_para_starts_cache", cached)
        i = bisect.bisect_right(cached[1], offset) - 1
        return self.paragraphs[i] if i >= 0 else None

    def _line_starts(self) -> list[int]:
        cached = getattr(self, "_starts_cache", None)
        if cached is None or cached[0] != len(self.text):
            starts = [0]
            starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
            cached = (len(self.text), starts)
            object.__setattr__(self, "_starts_cache", cached)
        return cached[1]


@dataclass
class Link:
    """One alignment link: source segment ids to target segment ids.

    Either side may be empty: ``([3], [])`` is an omission of source sentence
    3, ``([], [5])`` an addition of target sentence 5.
    """

    src: list[int]
    tgt: list[int]
    score: float = 0.0

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    def ladder(self) -> str:
        """The ``[0]:[0, 1]`` form read by the alignment scorer."""
        return f"{list(self.src)}:{list(self.tgt)}"


@dataclass
class Alignment:
    """The alignment of one version (``target``) against the pivot (``source``).

    Indices refer to :attr:`Comparison.documents`.
    """

    source: int
    target: int
    links: list[Link] = field(default_factory=list)
    method: str = ""
    #: crossing links found after the monotone pass: a sentence that was
    #: moved. Its sentences also stand in a 1-0 and a 0-1 link of ``links``.
    moves: list[Link] = field(default_factory=list)

    def pairs(self) -> list[tuple[int | None, Link]]:
        """Every link with sentences on both sides: ``(index in links, link)``
        for monotone links, ``(None, link)`` for moves."""
        out: list[tuple[int | None, Link]] = [
            (i, link) for i, link in enumerate(self.links) if link.src and link.tgt
        ]
        out.extend((None, move) for move in self.moves)
        return out

    def replacements(self) -> list[tuple[int, int]]:
        """Adjacent omission/addition links ``(i_omission, i_addition)``.

        A 1-0 link next to a 0-1 link means one sentence stands where another
        stood: the sentence was rewritten beyond recognition (a new headline,
        say), which is one change for the reader, not two. Moved sentences
        are excluded.
        """
        moved_src, moved_tgt = self.moved_sources(), self.moved_targets()
        out: list[tuple[int, int]] = []
        used: set[int] = set()
        for i in range(len(self.links) - 1):
            a, b = self.links[i], self.links[i + 1]
            if i in used:
                continue
            pair = None
            if a.src and not a.tgt and b.tgt and not b.src:
                pair = (i, i + 1)
            elif a.tgt and not a.src and b.src and not b.tgt:
                pair = (i + 1, i)
            if pair is None:
                continue
            om, ad = self.links[pair[0]], self.links[pair[1]]
            if moved_src.intersection(om.src) or moved_tgt.intersection(ad.tgt):
                continue
            out.append(pair)
            used.update((i, i + 1))
        return out

    def moved_sources(self) -> set[int]:
        return {i for move in self.moves for i in move.src}

    def moved_targets(self) -> set[int]:
        return {j for move in self.moves for j in move.tgt}


@dataclass
class Span:
    """A character span inside one version."""

    version: int
    start: int
    end: int


@dataclass
class Finding:
    """Something a person should look at.

    ``fingerprint`` is derived from content (check kind, the text it points
    at, the evidence), never from line numbers or indices, so baselines
    survive edits elsewhere in the file.
    """

    kind: str
    severity: Severity
    message: str
    span: Span
    #: index into the alignment's links, when the finding concerns a link
    link: int | None = None
    #: which alignment (index into Comparison.alignments) the link belongs to
    alignment: int | None = None
    #: counterpart span in the other version, when there is one
    related: Span | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""
    #: offsets into Document.source when the finding is about markup rather
    #: than prose (e.g. an inline suppression comment naming an unknown check)
    source_span: tuple[int, int] | None = None

    def ensure_fingerprint(self, text: str) -> None:
        """Set the content fingerprint from the text the finding points at."""
        if not self.fingerprint:
            self.fingerprint = fingerprint(self.kind, text, self.evidence)


@dataclass
class Comparison:
    """Everything a renderer needs: documents, alignments, findings, mode."""

    documents: list[Document]
    alignments: list[Alignment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    pivot: int = 0
    #: "same-language", "model-free" or "machine-translation"
    mode: str = "same-language"
    #: human-readable notes about how the comparison was made (fallbacks etc.)
    notes: list[str] = field(default_factory=list)
    #: translation package used per version index, when MT was used
    packages: dict[int, str] = field(default_factory=dict)
    similarity: float | None = None
    tool_version: str = ""

    def counts(self) -> dict[str, dict[str, int]]:
        """Findings counted by kind and by severity (for summaries)."""
        return count_findings(self.findings)


def count_findings(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """``{"kind": {kind: n} (sorted), "severity": {severity: n}}``: the one
    tally of findings, for a comparison and for a whole check run."""
    by_kind: dict[str, int] = {}
    by_severity: dict[str, int] = {s.value: 0 for s in Severity}
    for f in findings:
        by_kind[f.kind] = by_kind.get(f.kind, 0) + 1
        by_severity[f.severity.value] += 1
    return {"kind": dict(sorted(by_kind.items())), "severity": by_severity}


@dataclass
class Location:
    """Where a finding stands in the file the user edits (1-based lines and
    columns in Unicode code points; ``offset``/``length`` in characters)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int
    #: the path relative to the working directory (POSIX), as CI services
    #: that resolve paths against the checkout expect; absolute outside it
    relpath: str = ""
    #: the unit, key or cue the finding stands in (``unit welcome``), for
    #: localisation files whose units have ids; "" for prose
    unit: str = ""


def is_url(text: str) -> bool:
    """Whether a version was given as an http(s) URL rather than a path."""
    return text[:8].lower().startswith(("http://", "https://"))


def relative_path(name: str) -> str:
    """``name`` relative to the working directory when it lies inside it."""
    if name in ("-", "<stdin>") or is_url(name):
        return name
    import os

    # every finding of a file asks (a 10,000-unit file: thousands of
    # path resolutions); the answer holds as long as the directory does
    return _relative_path(name, os.getcwd())


@lru_cache(maxsize=256)
def _relative_path(name: str, cwd: str) -> str:
    from pathlib import Path

    path = Path(name).resolve()
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class LocatedFinding:
    """A finding of a check run with its file location, ready to render."""

    comparison: int
    finding: Finding
    location: Location
    #: the text the finding points at (article text: escape when rendering)
    excerpt: str
    related: Location | None = None
    #: "baseline" or "inline" when the finding was suppressed
    suppressed: str | None = None

    @property
    def message(self) -> str:
        """The finding's message, led by its unit (``[key menu.open] …``)
        when it stands in one: what every CI output shows."""
        text = " ".join(self.finding.message.split())
        return f"[{self.location.unit}] {text}" if self.location.unit else text

    def to_dict(self) -> dict[str, Any]:
        """The finding as every JSON output gives it (``check --format
        json``, ``batch.json``): where it stands, then what it says."""
        data = {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "end_line": self.location.end_line,
            "end_column": self.location.end_column,
            "offset": self.location.offset,
            "length": self.location.length,
            "unit": self.location.unit or None,
            "severity": self.finding.severity.value,
            "kind": self.finding.kind,
            "message": self.finding.message,
            "excerpt": self.excerpt,
            "fingerprint": self.finding.fingerprint,
            "evidence": _jsonable(self.finding.evidence),
            "comparison": self.comparison,
        }
        if self.suppressed:
            data["suppressed"] = self.suppressed
        return data


def locate(
    index: int, comparison: Comparison, finding: Finding, suppressed: str | None = None
) -> LocatedFinding:
    """Attach the file location (line, column, source offsets) to a finding.

    The one place a finding is located: every output (the CI formats,
    ``compare``'s text and HTML reports, ``batch.json``, baselines) goes
    through here, so they all point at the same spot of the file the user
    edits."""
    doc = comparison.documents[finding.span.version]
    if finding.source_span is not None:
        start, end = finding.source_span
        excerpt = (doc.source or doc.text)[start:end]
    else:
        start, end = doc.source_range(finding.span.start, finding.span.end)
        excerpt = doc.text[finding.span.start : finding.span.end]
    location = _location(doc, start, end, finding.span.start)
    related = None
    if finding.related is not None:
        other = comparison.documents[finding.related.version]
        r_start, r_end = other.source_range(finding.related.start, finding.related.end)
        related = _location(other, r_start, r_end, finding.related.start)
    return LocatedFinding(index, finding, location, excerpt, related, suppressed)


def _location(doc: Document, start: int, end: int, text_offset: int) -> Location:
    """The :class:`Location` of ``start:end`` (offsets into the source)."""
    line, col = doc.source_line_col(start)
    end_line, end_col = doc.source_line_col(end)
    return Location(
        doc.path,
        line,
        col,
        end_line,
        end_col,
        start,
        end - start,
        relative_path(doc.path),
        doc.unit_at(text_offset),
    )


def normalise_for_fingerprint(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.split())


def fingerprint(kind: str, text: str, evidence: dict[str, Any] | None = None) -> str:
    """A stable content hash: same kind + same text + same evidence = same id."""
    parts = [kind, normalise_for_fingerprint(text)]
    for key in sorted(evidence or {}):
        parts.append(f"{key}={evidence[key]!r}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


#: field names per dataclass type, for :func:`_jsonable`
_FIELDS: dict[type, tuple[str, ...]] = {}


def _jsonable(value: Any) -> Any:
    """Plain JSON data of a model value: dataclasses as dicts of their fields
    (what ``dataclasses.asdict`` gives, without its deep copies: a
    10,000-unit file's model is a million values), enums as their values,
    tuples as lists."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if isinstance(value, Enum):
        return value.value
    names = dataclass_fields(value)
    if names is not None:
        return {name: _jsonable(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def dataclass_fields(value: Any) -> tuple[str, ...] | None:
    """The field names of a dataclass instance, in order (looked up once per
    type), or None for any other value."""
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    return names


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data (the ``--format json`` output)."""
    return _jsonable(to_view(comparison))


def to_view(comparison: Comparison) -> dict[str, Any]:
    """:func:`to_dict`'s keys in its order, with the model's own values not yet
    converted: what ``to_dict`` gives once :func:`jsonable` is applied to it
    (deep), and what a streaming writer converts a piece at a time (100,000
    segments and findings: the converted copy is hundreds of MB)."""
    data = {name: getattr(comparison, name) for name in _field_names(comparison)}
    data["documents"] = [
        {name: getattr(doc, name) for name in _field_names(doc) if name != "source"}
        for doc in comparison.documents
    ]
    data["counts"] = comparison.counts()
    return data


def _field_names(value: Any) -> tuple[str, ...]:
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    return names


#: the public name of the conversion (see :func:`to_view`)
jsonable = _jsonable
