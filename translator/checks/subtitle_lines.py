"""Subtitle layout: characters per line and lines per cue.

A subtitle is read in the time it is on screen, in a fixed space: the usual
broadcast and streaming limits are 42 characters per line and two lines per
cue (Netflix, BBC and EBU guidelines). A translation that runs longer than
its source is the common cause. Limits are options:
``--option subtitle-lines.max_line_chars=37``, ``subtitle-lines.max_lines``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity, Span, fingerprint
from .base import CheckContext
from .subtitles import checked_cues


class SubtitleLinesCheck:
    name = "subtitle-lines"
    severity = Severity.WARNING
    description = "A subtitle cue has a line longer than the limit, or more lines than the limit."
    options = {"max_line_chars": 42, "max_lines": 2}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        max_chars = int(ctx.option(self.name, "max_line_chars", 42))
        max_lines = int(ctx.option(self.name, "max_lines", 2))
        for version, doc, cue in checked_cues(ctx):
            text = doc.text[cue.start : cue.end]
            lines = text.split("\n")
            if len(lines) > max_lines:
                yield self._finding(
                    f"{len(lines)} lines in this cue (limit {max_lines}).",
                    Span(version, cue.start, cue.end),
                    text,
                    {"lines": len(lines), "limit": max_lines},
                )
            offset = cue.start
            for line in lines:
                if len(line) > max_chars:
                    yield self._finding(
                        f"{len(line)} characters on this line (limit {max_chars}).",
                        Span(version, offset, offset + len(line)),
                        line,
                        {"chars": len(line), "limit": max_chars},
                    )
                offset += len(line) + 1

    def _finding(self, message: str, span: Span, text: str, evidence: dict) -> Finding:
        return Finding(
            kind=self.name,
            severity=self.severity,
            message=message,
            span=span,
            evidence=evidence,
            fingerprint=fingerprint(self.name, text, evidence),
        )
