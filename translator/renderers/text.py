"""A compact terminal summary: header, counts, one line per finding."""

from __future__ import annotations

from ..model import Comparison


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
        lines.append(f"mode: {comparison.mode}")
        for note in comparison.notes:
            lines.append(f"note: {note}")
        for finding in comparison.findings:
            doc = comparison.documents[finding.span.version]
            line, col = doc.line_col(finding.span.start)
            excerpt = _short(doc.text[finding.span.start : finding.span.end])
            lines.append(
                f"{doc.name}:{line}:{col}: {finding.severity.value} {finding.kind}: "
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
