"""Unit state: bilingual units that are not translated, empty, or flagged
for review in the file itself.

The state comes from the file (XLIFF ``state``/``approved``, PO ``fuzzy``
and empty ``msgstr``, a TMX unit without a target), not from guessing, so a
CAT tool's "needs review" and a translator's "not done yet" are reported as
they are. A file that is still being translated can be checked with
``--option unit-state.skip_untranslated=true``: units not yet translated are
then left out, and only the translated ones are judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity, Span, fingerprint
from .base import CheckContext

_MESSAGES = {
    "untranslated": "Not translated{state}.",
    "empty": "The translation is empty{state}.",
    "needs-review": "Marked for review in the file{state}.",
}


class UnitStateCheck:
    name = "unit-state"
    severity = Severity.WARNING
    description = "A unit of a bilingual file is untranslated, empty or marked for review in the file."
    options = {"skip_untranslated": False}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        skip_untranslated = bool(ctx.option(self.name, "skip_untranslated", False))
        for alignment in ctx.comparison.alignments:
            source = ctx.documents[alignment.source]
            target = ctx.documents[alignment.target]
            if len(source.paragraphs) != len(target.paragraphs) or (source.side, target.side) != (
                "source",
                "target",
            ):
                continue  # not the two sides of one bilingual file
            for src, tgt in zip(source.paragraphs, target.paragraphs, strict=True):
                state = tgt.state
                if state not in _MESSAGES or (skip_untranslated and state == "untranslated"):
                    continue
                shown = f" (state: {tgt.file_state})" if tgt.file_state else ""
                text = source.text[src.start : src.end]
                yield Finding(
                    kind=self.name,
                    severity=Severity.ERROR if state == "empty" else self.severity,
                    message=_MESSAGES[state].format(state=shown),
                    span=Span(alignment.target, tgt.start, tgt.end),
                    related=Span(alignment.source, src.start, src.end),
                    evidence={"unit": tgt.unit, "state": state, "file_state": tgt.file_state},
                    fingerprint=fingerprint(self.name, text, {"unit": tgt.unit, "state": state}),
                )
