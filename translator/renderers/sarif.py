"""SARIF 2.1.0: the static-analysis interchange format that GitHub code
scanning, GitLab, Azure DevOps and IDE viewers ingest.

One run; one rule per check (from the check registry's name and
description); one result per finding with its level, its location (line and
column, and character offset/length into the file), the counterpart in the
other version as a related location, and the content fingerprint as a
partial fingerprint, so code-scanning services track a finding across
commits the same way our baselines do. Findings silenced by the baseline or
an inline comment are included with a ``suppressions`` entry, as SARIF
viewers expect, and are not counted by them. Validated against the official
OASIS schema in ``tests/data/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..gate.model import CheckRun
from ..model import Comparison, LocatedFinding, Location

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "translatorContent/v1"
MIME = {"markdown": "text/markdown", "html": "text/html", "text": "text/plain"}


def _uri(path: str) -> tuple[str, str | None]:
    """A relative URI against %SRCROOT% (the working directory), or an
    absolute file URI for files outside it."""
    if path in ("-", "<stdin>"):
        return "stdin", None
    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return p.resolve().as_uri(), None
    return "/".join(_quote(part) for part in rel.parts), "SRCROOT"


def _quote(part: str) -> str:
    from urllib.parse import quote

    return quote(part)


def _artifact_location(path: str, artifacts: dict[str, int]) -> dict[str, Any]:
    uri, base = _uri(path)
    loc: dict[str, Any] = {"uri": uri}
    if base:
        loc["uriBaseId"] = base
    if path in artifacts:
        loc["index"] = artifacts[path]
    return loc


def _logical(location: Location) -> dict[str, Any]:
    """The unit, key or cue as a SARIF logical location (``unit welcome``)."""
    if not location.unit:
        return {}
    kind, _, name = location.unit.partition(" ")
    return {
        "logicalLocations": [{"name": name or kind, "fullyQualifiedName": location.unit, "kind": "element"}]
    }


def _region(location: Location, snippet: str | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": location.line,
        "startColumn": location.column,
        "endLine": location.end_line,
        "endColumn": location.end_column,
        "charOffset": location.offset,
        "charLength": location.length,
    }
    if snippet is not None:
        region["snippet"] = {"text": snippet}
    return region


class SarifRenderer:
    name = "sarif"
    suffix = ".sarif"

    def render(self, comparison: Comparison) -> str:
        return self.render_run(CheckRun(comparisons=[comparison], tool_version=comparison.tool_version))

    def render_run(self, run: CheckRun) -> str:
        artifacts: dict[str, int] = {}
        artifact_list = []
        for comparison in run.comparisons:
            for doc in comparison.documents:
                if doc.path in artifacts:
                    continue
                artifacts[doc.path] = len(artifact_list)
                uri, base = _uri(doc.path)
                location: dict[str, Any] = {"uri": uri}
                if base:
                    location["uriBaseId"] = base
                artifact_list.append(
                    {
                        "location": location,
                        "mimeType": MIME.get(doc.format, "text/plain"),
                        "encoding": doc.encoding,
                        "roles": ["analysisTarget"],
                        "properties": {"language": doc.lang or "und"},
                    }
                )
        results = [self._result(run, item, artifacts) for item in run.findings()]
        results.extend(self._result(run, item, artifacts) for item in run.suppressed)
        sarif_run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "translator",
                    "version": run.tool_version or "0",
                    "rules": [
                        {
                            "id": rule.id,
                            "name": rule.id,
                            "shortDescription": {"text": rule.description},
                            "fullDescription": {"text": rule.description},
                            "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
                            "properties": {"tags": ["translation"]},
                        }
                        for rule in run.rules
                    ],
                }
            },
            "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifact_list,
            "invocations": [
                {
                    "executionSuccessful": True,
                    "exitCode": run.exit_code,
                    "properties": {"failLevel": run.fail_level.value, "ignored": list(run.ignored)},
                }
            ],
            "results": results,
            "properties": {"counts": run.counts()},
        }
        if run.baseline:
            sarif_run["properties"]["baseline"] = run.baseline
        log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [sarif_run]}
        return json.dumps(log, ensure_ascii=False, indent=2, default=str) + "\n"

    def _result(self, run: CheckRun, item: LocatedFinding, artifacts: dict[str, int]) -> dict[str, Any]:
        finding = item.finding
        result: dict[str, Any] = {
            "ruleId": finding.kind,
            "level": LEVELS[finding.severity.value],
            "message": {"text": item.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact_location(item.location.path, artifacts),
                        "region": _region(item.location, item.excerpt),
                    },
                    **_logical(item.location),
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
            "properties": {"evidence": finding.evidence, "comparison": item.comparison},
        }
        index = run.rule_index(finding.kind)
        if index >= 0:
            result["ruleIndex"] = index
        if item.related is not None:
            result["relatedLocations"] = [
                {
                    "id": 1,
                    "message": {"text": "the counterpart in the other version"},
                    "physicalLocation": {
                        "artifactLocation": _artifact_location(item.related.path, artifacts),
                        "region": _region(item.related),
                    },
                }
            ]
        if item.suppressed:
            result["suppressions"] = [
                {
                    "kind": "inSource" if item.suppressed == "inline" else "external",
                    "justification": "translator: ignore comment"
                    if item.suppressed == "inline"
                    else f"listed in the baseline {run.baseline}",
                }
            ]
        return result
