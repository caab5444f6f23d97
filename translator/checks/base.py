"""The protocol every check implements, and the context it reads.

A check is a small module: a class with a ``name``, a default ``severity``,
a one-line ``description`` and a ``run(ctx)`` generator of findings. It reads
the aligned data model and never mutates it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..model import Alignment, Comparison, Document, Finding, Link, Severity, Span


class Check(Protocol):
    name: str
    severity: Severity
    description: str
    #: the options (thresholds, switches, lists) the check reads, by name: an
    #: :class:`Option`, or a plain default as short for ``Option(default)``;
    #: a check without options may leave it out
    options: Mapping[str, Any]

    def run(self, ctx: CheckContext) -> Iterable[Finding]: ...


@dataclass(frozen=True)
class Option:
    """One option of a check, as the check declares it.

    The type is the default's (a whole number where the default is one, a
    list where it is a list or tuple); a number stays within
    ``minimum``..``maximum`` (every threshold is a count, a length, a ratio,
    a percentage or a probability, so none is negative by default).
    ``scale`` names a bounded range in messages ("a percentage").
    The configuration validates ``[checks.NAME]`` keys and ``--option``
    values against this declaration (:mod:`translator.gate.config`).
    """

    default: Any
    minimum: float | None = 0
    maximum: float | None = None
    scale: str = ""

    def problem(self, value: Any) -> str | None:
        """Why ``value`` cannot be used for this option, or None."""
        default = self.default
        if default is None:
            return None
        if not _same_kind(default, value):
            return f"expected {_kind_name(default)}, got {value!r}"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        if isinstance(value, float) and not math.isfinite(value):
            return f"expected a finite number, got {value!r}"
        if isinstance(default, int) and not isinstance(value, int):
            return f"expected a whole number, got {value!r}"
        if self.minimum is not None and value < self.minimum:
            if self.minimum == 0:
                return f"must not be negative, got {value!r}"
            return f"must be at least {self.minimum:g}, got {value!r}"
        if self.maximum is not None and value > self.maximum:
            low = f"{self.minimum:g}" if self.minimum is not None else ""
            if self.scale:
                return f"is {self.scale} ({low}-{self.maximum:g}), got {value!r}"
            return f"must be at most {self.maximum:g}, got {value!r}"
        return None


def percentage(default: float) -> Option:
    """An option that is a percentage (a rapidfuzz score): 0-100."""
    return Option(default, 0, 100, "a percentage")


def probability(default: float) -> Option:
    """An option that is a probability or a confidence: 0-1."""
    return Option(default, 0, 1, "a probability")


def declared_options(check: Check) -> dict[str, Option]:
    """The options ``check`` declares, each as an :class:`Option`."""
    declared = getattr(check, "options", None) or {}
    return {key: value if isinstance(value, Option) else Option(value) for key, value in declared.items()}


def _kind_name(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number"
    if isinstance(default, float):
        return "a number"
    if isinstance(default, (list, tuple)):
        return "a list"
    return "a string" if isinstance(default, str) else type(default).__name__


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, list)
    return isinstance(value, type(default))


#: the :attr:`CheckContext.memo` key of :meth:`CheckContext.aligned_pairs`
_PAIRS = ("aligned pairs",)


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
    #: what a check works out once per comparison and another check reads
    #: too (how two same-language versions relate: see ``wording.independent``)
    memo: dict[Any, Any] = field(default_factory=dict)

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
        index bookkeeping (alignment, link) identical in every check. The
        pairs are made once per context and read by every check (a dozen
        checks over a 10,000-unit file joined the same texts a dozen times).
        """
        pairs = self.memo.get(_PAIRS)
        if pairs is None:
            pairs = self.memo[_PAIRS] = [
                AlignedPair(
                    a_index,
                    l_index,
                    alignment,
                    link,
                    self.text(alignment.source, link.src),
                    self.text(alignment.target, link.tgt),
                )
                for a_index, alignment in enumerate(self.comparison.alignments)
                for l_index, link in alignment.pairs()
            ]
        return iter(pairs)

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
