"""Inline suppressions: silence a check for one block, in the file itself.

A finding a person has judged acceptable (a German agency name that *is*
the credit, a deliberate omission) should be silenced next to the text, where
the next editor sees why, not in a list elsewhere. Syntax:

- Markdown and HTML: a comment ``<!-- translator: ignore residue -->``. On a
  line of its own it applies to the next block (paragraph, heading, list
  item, caption); after text on the same line, to the block that line is in.
- Plain text: a line of its own ``[translator: ignore residue]``; it applies
  to the next block (the lines up to the next blank line). The line is not
  article text: it is blanked before segmentation, so it is never compared
  or checked.

``ignore`` with no names silences every check; several names are separated
by commas or spaces; ``ignore-file`` applies to the whole document. Comments
are found with the format's own parser (markdown-it tokens, lxml comment
nodes), so a directive shown inside a code block is not a directive. An
unknown check name (a typo) is reported as a warning of kind ``suppression``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Comparison, Document, Finding, Paragraph, Severity, Span, fingerprint

if TYPE_CHECKING:
    from ..formats.base import Comment

KIND = "suppression"
DESCRIPTION = "An inline suppression comment names a check that does not exist."
_COMMENT = re.compile(r"<!--\s*translator\s*:(?P<body>.*?)-->", re.DOTALL)
_TEXT_LINE = re.compile(r"^[ \t]*\[translator[ \t]*:(?P<body>[^\]\n]*)\][ \t]*$", re.MULTILINE)
_VERBS = {"ignore": "block", "ignore-file": "file"}


@dataclass
class Directive:
    """One suppression comment: where it is in the source and what it names."""

    start: int
    end: int
    names: list[str] = field(default_factory=list)
    scope: str = "block"  # block | file | invalid
    verb: str = "ignore"

    def covers(self, kind: str) -> bool:
        return not self.names or kind in self.names


def parse_body(body: str) -> tuple[str, str, list[str]]:
    """``(verb, scope, names)`` of a directive's text after ``translator:``."""
    words = [w for w in re.split(r"[\s,]+", body.strip()) if w]
    if not words:
        return "", "invalid", []
    verb = words[0].lower()
    return verb, _VERBS.get(verb, "invalid"), words[1:]


def find_directives(doc: Document) -> list[Directive]:
    """Every suppression directive in the document's source, in order."""
    source = doc.source if doc.source is not None else doc.text
    comments = _comments_of(doc.format)
    if comments is not None:
        # a markup format: directives are its comments, found by its parser
        spans = []
        for comment in comments(source):
            match = _COMMENT.fullmatch(source, comment.start, comment.end)
            if match:
                spans.append((comment.start, comment.end, match.group("body")))
    else:
        spans = [(m.start(), m.end(), m.group("body")) for m in _TEXT_LINE.finditer(source)]
    out = []
    for start, end, body in spans:
        verb, scope, names = parse_body(body)
        out.append(Directive(start, end, names, scope, verb))
    return out


def _comments_of(format_name: str) -> Callable[[str], list[Comment]] | None:
    """The comment finder of a markup format (:class:`~translator.formats.base.MarkupFormat`)."""
    from ..formats import by_name

    try:
        return getattr(by_name(format_name), "comments", None)
    except KeyError:
        return None


def mask_directives(doc: Document) -> Document:
    """Blank plain-text directive lines so they are never treated as prose.

    Offsets stay valid (the line becomes spaces of the same length) and a
    paragraph that contains a directive line is split there, so the block
    after the directive starts exactly after it. Markdown and HTML need
    nothing: their comments are never extracted as text.
    """
    if doc.format != "text":
        return doc
    matches = list(_TEXT_LINE.finditer(doc.text))
    if not matches:
        return doc
    chars = list(doc.text)
    for m in matches:
        chars[m.start() : m.end()] = " " * (m.end() - m.start())
    doc.text = "".join(chars)
    paragraphs: list[Paragraph] = []
    for para in doc.paragraphs:
        pieces = [(para.start, para.end)]
        for m in matches:
            if para.start <= m.start() < para.end:
                last_start, last_end = pieces.pop()
                pieces.extend([(last_start, m.start()), (m.end(), last_end)])
        for start, end in pieces:
            body = doc.text[start:end]
            if not body.strip():
                continue
            start += len(body) - len(body.lstrip())
            end -= len(body) - len(body.rstrip())
            paragraphs.append(
                Paragraph(
                    index=len(paragraphs),
                    start=start,
                    end=end,
                    line=doc.text.count("\n", 0, start) + 1,
                    kind=para.kind,
                )
            )
    doc.paragraphs = paragraphs
    return doc


def _paragraph_ranges(doc: Document) -> list[tuple[int, int]]:
    smap = doc.source_map()
    if smap is None:
        return [(p.start, p.end) for p in doc.paragraphs]
    return [smap.paragraph_range(i) for i in range(len(doc.paragraphs))]


def _line_of(source: str, offset: int) -> int:
    return source.count("\n", 0, offset)


def targets(doc: Document, directive: Directive) -> list[int]:
    """Indices of the paragraphs a directive applies to."""
    if directive.scope == "file":
        return list(range(len(doc.paragraphs)))
    if directive.scope != "block":
        return []
    source = doc.source if doc.source is not None else doc.text
    ranges = _paragraph_ranges(doc)
    before = [i for i, (start, _) in enumerate(ranges) if start < directive.start]
    if before:
        i = before[-1]
        start, end = ranges[i]
        if end > directive.start or (
            end > start and _line_of(source, end - 1) == _line_of(source, directive.start)
        ):
            return [i]
    for i, (start, _) in enumerate(ranges):
        if start >= directive.end:
            return [i]
    return []


@dataclass
class Outcome:
    """What applying the suppressions did to one comparison's findings."""

    kept: list[Finding]
    suppressed: list[Finding]
    warnings: list[Finding]


def apply_suppressions(comparison: Comparison, known: Iterable[str]) -> Outcome:
    """Split findings into kept and suppressed; warn about unknown names."""
    known = set(known) | {KIND}
    covered: dict[tuple[int, int], list[Directive]] = {}
    warnings: list[Finding] = []
    for v, doc in enumerate(comparison.documents):
        for directive in find_directives(doc):
            hit = targets(doc, directive)
            for p in hit:
                covered.setdefault((v, p), []).append(directive)
            warnings.extend(_problems(doc, v, directive, known, hit))
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in comparison.findings:
        if _is_covered(comparison, finding, covered):
            suppressed.append(finding)
        else:
            kept.append(finding)
    return Outcome(kept, suppressed, warnings)


def _is_covered(comparison: Comparison, finding: Finding, covered: dict) -> bool:
    for span in (finding.span, finding.related):
        if span is None:
            continue
        para = comparison.documents[span.version].paragraph_at(span.start)
        if para is None:
            continue
        if any(d.covers(finding.kind) for d in covered.get((span.version, para.index), [])):
            return True
    return False


def _problems(
    doc: Document, version: int, directive: Directive, known: set[str], hit: list[int]
) -> list[Finding]:
    source = doc.source if doc.source is not None else doc.text
    raw = source[directive.start : directive.end]
    at = doc.paragraphs[hit[0]].start if hit else 0
    if directive.scope == "invalid":
        message = (
            f"Unknown suppression directive {directive.verb!r}; write 'translator: ignore CHECK' "
            "or 'translator: ignore-file CHECK'."
        )
        evidence = {"directive": directive.verb}
    else:
        unknown = [n for n in directive.names if n not in known]
        if not unknown:
            return []
        message = (
            f"Unknown check {', '.join(repr(n) for n in unknown)} in a suppression comment; "
            f"known checks: {', '.join(sorted(known - {KIND}))}."
        )
        evidence = {"unknown": unknown}
    finding = Finding(
        kind=KIND,
        severity=Severity.WARNING,
        message=message,
        span=Span(version, at, at),
        evidence=evidence,
        source_span=(directive.start, directive.end),
    )
    finding.fingerprint = fingerprint(KIND, raw, evidence)
    return [finding]
