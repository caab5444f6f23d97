"""The protocol every check implements, and the context it reads.

A check is a small module: a class with a ``name``, a default ``severity``,
a one-line ``description`` and a ``run(ctx)`` generator of findings. It reads
the aligned data model and never mutates it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model import Alignment, Comparison, Document, Finding, Link, Severity, Span


class Check(Protocol):
    name: str
    severity: Severity
    description: str

    def run(self, ctx: CheckContext) -> Iterable[Finding]: ...


@dataclass
class AlignedPair:
    """One aligned link with the text of both sides (see ``aligned_pairs``)."""

    alignment_index: int
    link_index: int | None
    alignment: Alignment
    link: Link
    source_text: str
    target_text: str


@dataclass
class CheckContext:
    """What a check may read: the comparison plus per-check settings."""

    comparison: Comparison
    #: per-check options (thresholds etc.), keyed by check name
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: languages a single-file check should treat as "source" (residue)
    source_langs: list[str] = field(default_factory=list)
    #: names of the checks that run, so overlapping checks report a problem once
    enabled: frozenset[str] = frozenset()

    @property
    def documents(self) -> list[Document]:
        return self.comparison.documents

    def option(self, check: str, key: str, default: Any) -> Any:
        return self.options.get(check, {}).get(key, default)

    def is_original(self, version: int) -> bool:
        """Whether ``version`` is the original of a comparison of versions.

        Checks of translation quality (residue, glossary) judge the
        translations of a comparison, not its original (the pivot, the
        ``--source`` of ``check``): a source file cannot fail as a
        translation. Their option ``originals = true`` checks it too.
        """
        return len(self.documents) > 1 and version == self.comparison.pivot

    def text(self, version: int, ids: list[int]) -> str:
        segs = self.documents[version].segments
        return " ".join(segs[i].text for i in ids)

    def span(self, version: int, ids: list[int]) -> Span:
        segs = self.documents[version].segments
        return Span(version=version, start=segs[ids[0]].start, end=segs[ids[-1]].end)

    def aligned_pairs(self) -> Iterator[AlignedPair]:
        """Every link with text on both sides, across all alignments.

        The loop most pair checks start with; having it once keeps the
        index bookkeeping (alignment, link) identical in every check.
        """
        for a_index, alignment in enumerate(self.comparison.alignments):
            for l_index, link in alignment.pairs():
                yield AlignedPair(
                    a_index,
                    l_index,
                    alignment,
                    link,
                    self.text(alignment.source, link.src),
                    self.text(alignment.target, link.tgt),
                )

    def checked_versions(self) -> list[int]:
        """The versions that sentence-level checks (spelling, mechanics,
        custom rules) judge: every aligned target, or the only document of a
        single-file check. The original is what it is; the translation is
        what the user can fix."""
        if not self.comparison.alignments:
            return list(range(len(self.documents)))
        return sorted({a.target for a in self.comparison.alignments})

    def comparable_text(self, alignment: Alignment, link: Link) -> tuple[str, str] | None:
        """Both sides of a link in one language, or None when not comparable.

        Same-language versions compare directly; a translated version is
        compared through its machine translation when one was made.
        """
        a = self.documents[alignment.source]
        b = self.documents[alignment.target]
        src = self.text(alignment.source, link.src)
        if a.lang == b.lang:
            return src, self.text(alignment.target, link.tgt)
        segs = b.segments
        if all(segs[j].translation for j in link.tgt):
            return src, " ".join(segs[j].translation or "" for j in link.tgt)
        return None

    def finding(
        self,
        kind: str,
        severity: Severity,
        message: str,
        version: int,
        ids: list[int],
        *,
        alignment: int | None = None,
        link: int | None = None,
        related: tuple[int, list[int]] | None = None,
        evidence: dict[str, Any] | None = None,
    ) -> Finding:
        """Build a finding pointing at sentences ``ids`` of ``version``."""
        found = Finding(
            kind=kind,
            severity=severity,
            message=message,
            span=self.span(version, ids),
            alignment=alignment,
            link=link,
            related=self.span(*related) if related and related[1] else None,
            evidence=evidence or {},
        )
        found.ensure_fingerprint(self.text(version, ids))
        return found

    def pair_finding(
        self,
        kind: str,
        severity: Severity,
        message: str,
        pair: AlignedPair,
        evidence: dict[str, Any] | None = None,
    ) -> Finding:
        """A finding on the target side of an aligned pair, the source side related."""
        return self.finding(
            kind,
            severity,
            message,
            pair.alignment.target,
            pair.link.tgt,
            alignment=pair.alignment_index,
            link=pair.link_index,
            related=(pair.alignment.source, pair.link.src),
            evidence=evidence,
        )

    @staticmethod
    def changed_or_one_sided(severity: Severity, source_only: list[Any], target_only: list[Any]) -> Severity:
        """The severity of values that differ inside a pair: a value *changed*
        (each side has one the other lacks: 1.200 / 1,500, Saturday /
        Sunday) keeps the check's severity; a value on one side only is
        a warning at most: translators leave out what the context says (a
        weekday, a year) or spell out what it implies, so it is less certain."""
        if source_only and target_only:
            return severity
        return min(severity, Severity.WARNING)

    def only_in(self, pair: AlignedPair, source_only: list[str], target_only: list[str]) -> str:
        """``"X only in a.md; Y only in b.md"``: what each side of a pair has alone."""
        parts = []
        if source_only:
            parts.append(f"{', '.join(source_only)} only in {self.documents[pair.alignment.source].label}")
        if target_only:
            parts.append(f"{', '.join(target_only)} only in {self.documents[pair.alignment.target].label}")
        return "; ".join(parts)
