"""Replaced: a sentence stands where a different one stood.

An omission directly next to an addition is one edit for the reader (a
rewritten headline, a sentence swapped for another), reported once with
both texts instead of as two unrelated errors.

Between two versions in one language, a replacement whose two sentences
differ in polarity (one says "not" where the other says it in no form) is
left to the wording check, which names the negation
(:func:`polarity_replacements`): two translations of one original hardly
ever replace a sentence, so the two are most likely one sentence worded
too freely to pair, and the negation is what a reader must not miss.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Alignment, Finding, Severity
from .base import CheckContext

#: what :func:`.wording.content_changes` calls a difference of polarity
#: ("reworded negation", a "not" both sides say in words of their own, is none)
POLARITY_KINDS = ("negation", "polarity", "negations")


class ReplacedCheck:
    name = "replaced"
    severity = Severity.WARNING
    description = "A sentence was replaced by a different one at the same place."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            worded = polarity_replacements(ctx, a_index) if "wording" in ctx.enabled else {}
            for omitted, added in alignment.replacements():
                if (omitted, added) in worded:
                    continue  # the wording check names the negation
                message = f"Replaces {replaced_text(ctx, alignment, omitted)}."
                yield replacement_finding(ctx, self.name, self.severity, message, a_index, (omitted, added))


def replacement_finding(
    ctx: CheckContext,
    kind: str,
    severity: Severity,
    message: str,
    a_index: int,
    replacement: tuple[int, int],
    evidence: dict[str, Any] | None = None,
) -> Finding:
    """A finding on the sentence that stands in the place of another
    (``replacement``: the omission and the addition link), that one related."""
    alignment = ctx.comparison.alignments[a_index]
    omitted, added = replacement
    return ctx.finding(
        kind,
        severity,
        message,
        alignment.target,
        alignment.links[added].tgt,
        alignment=a_index,
        link=added,
        related=(alignment.source, alignment.links[omitted].src),
        evidence=evidence,
    )


def replaced_text(ctx: CheckContext, alignment: Alignment, omitted: int) -> str:
    """``a different sentence in a.txt: “…”``: the sentence replaced, cut
    to 80 characters."""
    old = ctx.text(alignment.source, alignment.links[omitted].src)
    short = old if len(old) <= 80 else old[:79] + "…"
    return f"a different sentence in {ctx.documents[alignment.source].label}: “{short}”"


def polarity_replacements(ctx: CheckContext, a_index: int) -> dict[tuple[int, int], dict[str, list[str]]]:
    """The replacements ``(omission link, addition link)`` of same-language
    alignment ``a_index`` whose sentences differ in polarity, with the
    negation words by kind (:data:`POLARITY_KINDS`), compared as the
    wording check compares a pair (:func:`.wording.content_changes`). Worked
    out once per comparison: this check and the wording check both ask."""
    key = ("polarity replacements", a_index)
    if key not in ctx.memo:
        from .wording import content_changes, independent

        alignment = ctx.comparison.alignments[a_index]
        lang = ctx.documents[alignment.source].lang
        out: dict[tuple[int, int], dict[str, list[str]]] = {}
        if lang == ctx.documents[alignment.target].lang:
            separate = independent(ctx, a_index)
            for omitted, added in alignment.replacements():
                a = ctx.text(alignment.source, alignment.links[omitted].src)
                b = ctx.text(alignment.target, alignment.links[added].tgt)
                content = content_changes(a, b, lang, numbers=False, independent=separate)
                polarity = {kind: words for kind, words in content.items() if kind in POLARITY_KINDS}
                if polarity:
                    out[(omitted, added)] = polarity
        ctx.memo[key] = out
    return ctx.memo[key]
