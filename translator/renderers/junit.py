"""JUnit XML: the test-report format every CI server (Jenkins, GitLab,
Azure DevOps, CircleCI, Buildkite) can show without a plugin.

One ``<testsuite>`` per checked file or pair, one ``<testcase>`` per check
that ran: it fails when the check found something at or above the fail
level (all such findings listed, ``path:line:col: message``), and findings
below the fail level are kept in ``<system-out>`` so they are visible but do
not turn the build red. Written with ElementTree; characters XML 1.0 cannot
carry (control characters in article text) are replaced, so the report
always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..gate.model import CheckRun
from ..model import Comparison, LocatedFinding

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def _line(item: LocatedFinding) -> str:
    loc, f = item.location, item.finding
    excerpt = " ".join(item.excerpt.split())
    return _clean(
        f"{loc.path}:{loc.line}:{loc.column}: {f.severity.value} {f.kind}: {item.message}"
        + (f" | {excerpt}" if excerpt else "")
    )


class JunitRenderer:
    name = "junit"
    suffix = ".xml"

    def render(self, comparison: Comparison) -> str:
        return self.render_run(CheckRun(comparisons=[comparison], tool_version=comparison.tool_version))

    def render_run(self, run: CheckRun) -> str:
        by_comparison: dict[int, list[LocatedFinding]] = {}
        for item in run.findings():
            by_comparison.setdefault(item.comparison, []).append(item)
        root = ET.Element("testsuites", name="translator check")
        total = failures = 0
        for i, comparison in enumerate(run.comparisons):
            names = [doc.path for doc in comparison.documents]
            suite_name = " -> ".join(names)
            suite = ET.SubElement(root, "testsuite", name=_clean(suite_name))
            items = by_comparison.get(i, [])
            suite_failures = 0
            kinds = [rule.id for rule in run.rules]
            kinds.extend(sorted({item.finding.kind for item in items} - set(kinds)))
            for kind in kinds:
                found = [item for item in items if item.finding.kind == kind]
                case = ET.SubElement(
                    suite, "testcase", classname=_clean(f"translator.{names[-1]}"), name=kind, time="0"
                )
                failing = [item for item in found if item.finding.severity >= run.fail_level]
                passing = [item for item in found if item.finding.severity < run.fail_level]
                if failing:
                    suite_failures += 1
                    first = failing[0].finding
                    failure = ET.SubElement(
                        case,
                        "failure",
                        message=_clean(
                            f"{len(failing)} {kind} finding(s): {' '.join(first.message.split())}"
                        ),
                        type=first.severity.value,
                    )
                    failure.text = "\n".join(_line(item) for item in failing)
                if passing:
                    out = ET.SubElement(case, "system-out")
                    out.text = "\n".join(_line(item) for item in passing)
            cases = len(suite.findall("testcase"))
            suite.set("tests", str(cases))
            suite.set("failures", str(suite_failures))
            suite.set("errors", "0")
            suite.set("skipped", "0")
            suite.set("time", "0")
            if comparison.notes:
                ET.SubElement(suite, "system-out").text = _clean("\n".join(comparison.notes))
            total += cases
            failures += suite_failures
        root.set("tests", str(total))
        root.set("failures", str(failures))
        root.set("errors", "0")
        root.set("time", "0")
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
