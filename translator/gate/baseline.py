"""Baselines: adopt the gate on existing copy without fixing it all first.

``translator baseline create`` records today's findings; ``check --baseline``
then reports only findings that are not in it. A finding is recorded by its
file and its content fingerprint (check kind + the normalised text it points
at + its evidence, see :func:`translator.model.fingerprint`), never by line
number, so inserting or editing paragraphs elsewhere does not resurrect
baselined findings, while a new occurrence of the same slip still counts:
entries carry a count, and only that many identical findings are absorbed.

File paths are stored relative to the baseline file's directory, so a
baseline committed to a repository works in every checkout.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import InputError
from ..ingest.smallfiles import loads_json, read_whole_text
from ..model import Comparison, Finding, locate

FORMAT_VERSION = 1


def file_key(name: str, base: Path) -> str:
    """A document's name as stored in a baseline next to ``base``."""
    if name in ("-", "<stdin>"):
        return "<stdin>"
    path = Path(name).resolve()
    try:
        return path.relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class Baseline:
    """Known findings: ``(file, fingerprint) -> how many``."""

    path: Path
    entries: Counter = field(default_factory=Counter)

    def absorb(self, comparisons: list[Comparison]) -> list[tuple[int, Finding]]:
        """Remove known findings from ``comparisons``; return what was removed
        as ``(comparison index, finding)``."""
        budget = Counter(self.entries)
        removed: list[tuple[int, Finding]] = []
        for i, comparison in enumerate(comparisons):
            kept = []
            for finding in comparison.findings:
                key = (
                    file_key(comparison.documents[finding.span.version].path, self.path.parent),
                    finding.fingerprint,
                )
                if budget[key] > 0:
                    budget[key] -= 1
                    removed.append((i, finding))
                else:
                    kept.append(finding)
            comparison.findings = kept
        return removed


def baseline_data(comparisons: list[Comparison], path: str | Path, tool_version: str = "") -> dict[str, Any]:
    """The JSON document ``baseline create`` writes."""
    base = Path(path).parent
    counted: dict[tuple[str, str], dict[str, Any]] = {}
    for comparison in comparisons:
        for finding in comparison.findings:
            doc = comparison.documents[finding.span.version]
            key = (file_key(doc.path, base), finding.fingerprint)
            if key in counted:
                counted[key]["count"] += 1
                continue
            excerpt = locate(0, comparison, finding).excerpt
            counted[key] = {
                "file": key[0],
                "fingerprint": key[1],
                "kind": finding.kind,
                "severity": finding.severity.value,
                "message": finding.message,
                "excerpt": " ".join(excerpt.split())[:200],
                "count": 1,
            }
    entries = sorted(counted.values(), key=lambda e: (e["file"], e["kind"], e["fingerprint"]))
    return {"translator_baseline": FORMAT_VERSION, "tool_version": tool_version, "findings": entries}


def write_baseline(
    comparisons: list[Comparison], path: str | Path, tool_version: str = "", *, follow_symlinks: bool = False
) -> int:
    """Write the baseline atomically; return the number of findings recorded.

    ``follow_symlinks`` when the user named the file with ``-o``."""
    data = baseline_data(comparisons, path, tool_version)
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", follow_symlinks=follow_symlinks)
    return sum(e["count"] for e in data["findings"])


def load_baseline(path: str | Path) -> Baseline:
    """Read and validate a baseline file (InputError, exit 2, when unusable)."""
    p = Path(path)
    if not os.path.lexists(p):
        raise InputError(f"{p}: baseline not found; create one with 'translator baseline create'")
    try:
        data = loads_json(read_whole_text(p, "baseline"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}: not a baseline file (invalid JSON: {exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or "translator_baseline" not in data:
        raise InputError(f"{p}: not a translator baseline file")
    if data["translator_baseline"] != FORMAT_VERSION or isinstance(data["translator_baseline"], bool):
        raise InputError(
            f"{p}: baseline format {data['translator_baseline']!r} is not supported "
            f"(expected {FORMAT_VERSION}); recreate it with 'translator baseline create'"
        )
    entries: Counter = Counter()
    findings = data.get("findings", [])
    if not isinstance(findings, list):
        raise InputError(f"{p}: 'findings' must be a list")
    for i, entry in enumerate(findings):
        try:
            file, fp, count = entry["file"], entry["fingerprint"], entry.get("count", 1)
        except (TypeError, KeyError):
            raise InputError(f"{p}: findings[{i}] needs 'file' and 'fingerprint'") from None
        if (
            not isinstance(file, str)
            or not isinstance(fp, str)
            or not isinstance(count, int)
            or isinstance(count, bool)
            or count < 1
        ):
            raise InputError(f"{p}: findings[{i}] is malformed")
        entries[(file, fp)] += count
    return Baseline(p, entries)
