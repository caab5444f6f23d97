"""The gate's model: what ``translator check`` hands its renderers.

A :class:`CheckRun` is one or more comparisons (the pipeline's
:class:`~translator.model.Comparison`) judged against a fail level, with the
checks that ran as :class:`Rule` s and what the baseline or inline comments
suppressed. Its findings are located with :func:`translator.model.locate`,
the one location function every output uses, so the CI formats and
``batch.json`` share one finding schema
(:meth:`~translator.model.LocatedFinding.to_dict`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Comparison, LocatedFinding, Severity, count_findings, jsonable, locate, to_view


@dataclass
class Rule:
    """A check as a CI report lists it (a SARIF rule, a JUnit test case)."""

    id: str
    description: str
    severity: Severity


@dataclass
class CheckRun:
    """The result of ``translator check``: one or more comparisons (a file, a
    pair, a manifest of pairs) judged against a fail level.

    Everything CI renderers need is here, computed once, so the text, JSON,
    SARIF, JUnit and GitHub outputs can never disagree about what failed.
    """

    comparisons: list[Comparison] = field(default_factory=list)
    fail_level: Severity = Severity.ERROR
    #: the checks that ran (plus the ``suppression`` pseudo-check)
    rules: list[Rule] = field(default_factory=list)
    #: findings dropped because the baseline lists them / an inline comment
    suppressed: list[LocatedFinding] = field(default_factory=list)
    #: inputs skipped because they match an ignore pattern of the config
    ignored: list[str] = field(default_factory=list)
    baseline: str | None = None
    tool_version: str = ""

    def findings(self) -> list[LocatedFinding]:
        """Every reported finding with its location, in input order."""
        out: list[LocatedFinding] = []
        for i, comparison in enumerate(self.comparisons):
            for finding in comparison.findings:
                out.append(locate(i, comparison, finding))
        return out

    def failing(self) -> list[LocatedFinding]:
        return [f for f in self.findings() if f.finding.severity >= self.fail_level]

    @property
    def failed(self) -> bool:
        return any(f.severity >= self.fail_level for c in self.comparisons for f in c.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def suppressed_count(self, how: str) -> int:
        return sum(1 for f in self.suppressed if f.suppressed == how)

    def files(self) -> list[str]:
        """Every input file, once, in order."""
        seen: dict[str, None] = {}
        for comparison in self.comparisons:
            for doc in comparison.documents:
                seen.setdefault(doc.path, None)
        return list(seen)

    def counts(self) -> dict[str, Any]:
        tally = count_findings(f for comparison in self.comparisons for f in comparison.findings)
        by_severity = tally["severity"]
        return {
            "findings": sum(by_severity.values()),
            "failing": sum(n for s, n in by_severity.items() if Severity(s) >= self.fail_level),
            "kind": tally["kind"],
            "severity": by_severity,
            "files": len(self.files()),
            "suppressed": {
                "baseline": self.suppressed_count("baseline"),
                "inline": self.suppressed_count("inline"),
            },
            "ignored": len(self.ignored),
        }

    def rule_index(self, rule_id: str) -> int:
        for i, rule in enumerate(self.rules):
            if rule.id == rule_id:
                return i
        return -1

    def to_dict(self) -> dict[str, Any]:
        """The run as JSON-ready data: summary, flat located findings, and
        the full model of every comparison."""
        return jsonable(self.to_view())

    def to_view(self) -> dict[str, Any]:
        """:meth:`to_dict`'s keys in its order, with the comparisons' model
        values not yet converted (:func:`~translator.model.to_view`): what the
        JSON renderer converts and encodes in one walk."""
        return {
            "tool": "translator",
            "version": self.tool_version,
            "fail_level": self.fail_level.value,
            "failed": self.failed,
            "exit_code": self.exit_code,
            "counts": self.counts(),
            "baseline": self.baseline,
            "ignored": list(self.ignored),
            "rules": [
                {"id": r.id, "description": r.description, "severity": r.severity.value} for r in self.rules
            ],
            "findings": [f.to_dict() for f in self.findings()],
            "suppressed": [f.to_dict() for f in self.suppressed],
            "comparisons": [to_view(c) for c in self.comparisons],
        }
