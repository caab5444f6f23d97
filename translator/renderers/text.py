"""A compact terminal summary: header, counts, one line per finding."""

from __future__ import annotations

from ..gate.model import CheckRun
from ..model import Comparison, locate


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class TextRenderer:
    name = "text"
    suffix = ".txt"

    def render(self, comparison: Comparison) -> str:
        lines = []
        for i, doc in enumerate(comparison.documents):
            role = "pivot" if i == comparison.pivot else "version"
            lines.append(
                f"{role} {i + 1}: {doc.name} [{doc.lang or '?'}, {doc.lang_confidence:.0%}] "
                f"{len(doc.segments)} sentences"
            )
            if doc.origin:
                redirect = doc.origin.get("final_url", "")
                redirect = f" -> {redirect}" if redirect and redirect != doc.origin.get("url") else ""
                lines.append(
                    f"  fetched {doc.origin.get('url', '')}{redirect} at {doc.origin.get('fetched_at', '?')}"
                )
        lines.append(f"mode: {comparison.mode}")
        for note in comparison.notes:
            lines.append(f"note: {note}")
        for finding in comparison.findings:
            doc = comparison.documents[finding.span.version]
            loc = locate(0, comparison, finding).location
            excerpt = _short(doc.text[finding.span.start : finding.span.end])
            lines.append(
                f"{doc.name}:{loc.line}:{loc.column}: {finding.severity.value} {finding.kind}: "
                f"{finding.message} | {excerpt}"
            )
        counts = comparison.counts()
        sev = counts["severity"]
        kinds = ", ".join(f"{k} {n}" for k, n in counts["kind"].items()) or "none"
        similarity = f", similarity {comparison.similarity:.0%}" if comparison.similarity is not None else ""
        lines.append(
            f"{len(comparison.findings)} findings: {sev['error']} errors, {sev['warning']} warnings, "
            f"{sev['info']} info ({kinds}){similarity}"
        )
        return "\n".join(lines) + "\n"

    def render_run(self, run: CheckRun) -> str:
        """``translator check``: ``path:line:col: severity kind: message`` per
        finding (the format editors and CI log parsers understand), then one
        summary line."""
        lines = []
        for item in run.findings():
            loc, f = item.location, item.finding
            message = item.message
            lines.append(f"{loc.path}:{loc.line}:{loc.column}: {f.severity.value} {f.kind}: {message}")
        lines.append(run_summary(run))
        return "\n".join(lines) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def run_summary(run: CheckRun) -> str:
    """One line: counts, suppressed and ignored, and the verdict."""
    counts = run.counts()
    sev = counts["severity"]
    parts = [
        f"{_plural(counts['findings'], 'finding')} ({_plural(sev['error'], 'error')}, "
        f"{_plural(sev['warning'], 'warning')}, {sev['info']} info) in {_plural(counts['files'], 'file')}"
    ]
    if counts["suppressed"]["baseline"] or run.baseline:
        parts.append(f"{counts['suppressed']['baseline']} suppressed by the baseline")
    if counts["suppressed"]["inline"]:
        parts.append(f"{counts['suppressed']['inline']} suppressed inline")
    if counts["ignored"]:
        parts.append(f"{_plural(counts['ignored'], 'file')} ignored")
    verdict = "failed" if run.failed else "passed"
    parts.append(f"{verdict} at fail level {run.fail_level.value} ({counts['failing']} at or above)")
    return "; ".join(parts)
