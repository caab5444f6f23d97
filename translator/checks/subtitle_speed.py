"""Subtitle reading speed: characters per second a viewer must read.

A cue's characters (line breaks not counted) divided by how long it is on
screen. Above about 17 characters per second (the Netflix limit for adult
programmes in most languages; 20 for English) viewers stop reading and start
skimming. The limit is an option: ``--option subtitle-speed.max_cps=20``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity, Span, fingerprint
from .base import CheckContext
from .subtitles import checked_cues


class SubtitleSpeedCheck:
    name = "subtitle-speed"
    severity = Severity.WARNING
    description = "A subtitle cue has more characters per second than viewers can read."
    options = {"max_cps": 17.0}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        max_cps = float(ctx.option(self.name, "max_cps", 17.0))
        for version, doc, cue in checked_cues(ctx):
            assert cue.time is not None
            start, end = cue.time
            text = doc.text[cue.start : cue.end]
            chars = len(text.replace("\n", ""))
            duration = end - start
            if not chars:
                continue
            cps = chars / duration if duration > 0 else float("inf")
            if cps <= max_cps:
                continue
            shown = f"{cps:.1f}" if duration > 0 else "unlimited (zero duration)"
            evidence = {
                "cps": round(cps, 1) if duration > 0 else None,
                "chars": chars,
                "seconds": round(duration, 3),
            }
            yield Finding(
                kind=self.name,
                severity=self.severity,
                message=f"{chars} characters in {duration:.2f} s: {shown} characters per second (limit {max_cps:g}).",
                span=Span(version, cue.start, cue.end),
                evidence={**evidence, "limit": max_cps},
                fingerprint=fingerprint(self.name, text, {"limit": max_cps}),
            )
