"""SubRip (``.srt``) and WebVTT (``.vtt``) subtitles, read with pysubs2.

One unit per cue: its text (lines kept, styling tags dropped) with the cue
number as the unit and the start/end time, which is how cues of two versions
are matched (see :mod:`translator.align.units`). Cue numbers and time codes are
never text. A time-code line that does not parse is a syntax error naming
its line, not a silently dropped cue.
"""

from __future__ import annotations

from .base import Block, FormatError
from .located import Lines


class _SubtitleFormat:
    name = ""
    suffixes: tuple[str, ...] = ()
    keyed = True
    timed = True
    unit_noun = "cue"
    _pysubs_format = ""

    def blocks(self, source: str) -> list[Block]:
        import pysubs2
        from pysubs2.formats import get_format_class

        stamp = get_format_class(self._pysubs_format).TIMESTAMP
        lines = Lines(source)
        raw = source.split("\n")
        cue_lines: list[int] = []  # 0-based index of each time-code line
        for i, line in enumerate(raw):
            found = len(stamp.findall(line))
            if found == 2:
                cue_lines.append(i)
            elif "-->" in line:
                raise FormatError(f"time code does not parse: {line.strip()[:60]!r}", i + 1)
        try:
            subs = pysubs2.SSAFile.from_string(source, format_=self._pysubs_format)
        except Exception as exc:  # pysubs2 raises assorted errors on broken files
            raise FormatError(f"cannot read subtitles ({exc})", None) from None
        events = list(subs.events)
        if len(events) != len(cue_lines):
            raise FormatError("subtitle cues and time codes do not match up", None)
        blocks: list[Block] = []
        for n, (event, index) in enumerate(zip(events, cue_lines, strict=True), 1):
            text = event.plaintext.split("\n\n")[0].strip()
            label = raw[index - 1].strip() if index > 0 else ""
            if not label or "-->" in label or label.upper().startswith("WEBVTT"):
                label = str(n)
            offset = lines.line_start(index + 2) if index + 1 < len(raw) else len(source)
            blocks.append(lines.block(text, offset, label, time=(event.start / 1000, event.end / 1000)))
        return blocks


class SrtFormat(_SubtitleFormat):
    name = "srt"
    suffixes = (".srt",)
    _pysubs_format = "srt"


class VttFormat(_SubtitleFormat):
    name = "vtt"
    suffixes = (".vtt",)
    _pysubs_format = "vtt"
