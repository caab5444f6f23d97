"""The bundled examples flag exactly what their EXPECTED.md lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from translator.model import Severity
from translator.pipeline import compare_paths

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: per example, the comparisons it is checked with: (source, translation),
#: or one bilingual file (XLIFF, PO, TMX) that holds both
PAIRS = {
    "de-en-news": [("de.md", "en.md")],
    "wire-story": [("outlet-a.txt", "outlet-b.txt")],
    "l10n": [
        ("app.de.xlf",),
        ("messages.de.po",),
        ("qa.de.po",),
        ("memory.tmx",),
        ("de.json", "en.json"),
        ("yaml/de.yml", "yaml/en.yml"),
        ("properties/messages_de.properties", "properties/messages_en.properties"),
        ("android/values/strings.xml", "android/values-de/strings.xml"),
        ("apple/en.strings", "apple/de.strings"),
        ("subtitles/en.srt", "subtitles/de.srt"),
        ("subtitles/en.vtt", "subtitles/de.vtt"),
    ],
}


def expected_rows(folder: Path) -> list[dict[str, str]]:
    rows = []
    for line in (folder / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0] in {s.value for s in Severity}:
            rows.append({"severity": cells[0], "kind": cells[1], "file": cells[2], "excerpt": cells[3]})
    return rows


def described(comparison, folder: Path):
    out = []
    for f in comparison.findings:
        doc = comparison.documents[f.span.version]
        out.append(
            {
                "severity": f.severity.value,
                "kind": f.kind,
                "file": Path(doc.path).resolve().relative_to(folder.resolve()).as_posix(),
                "text": doc.text[f.span.start : f.span.end],
                "unit": doc.unit_at(f.span.start),
            }
        )
    return out


def matches(row, finding) -> bool:
    norm = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    return (
        row["severity"] == finding["severity"]
        and row["kind"] == finding["kind"]
        and row["file"] == finding["file"]
        and (norm(row["excerpt"]) in norm(finding["text"]) or row["excerpt"] == finding["unit"])
    )


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_example_flags_exactly_the_expected_findings(name):
    folder = EXAMPLES / name
    found = []
    for paths in PAIRS[name]:
        found.extend(described(compare_paths([str(folder / p) for p in paths]), folder))
    rows = expected_rows(folder)
    assert rows, "EXPECTED.md lists no findings"
    for row in rows:
        assert any(matches(row, f) for f in found), f"missing expected finding: {row}"
    for f in found:  # every severity: an unexpected warning or info is a failure too
        assert any(matches(row, f) for row in rows), f"unexpected finding: {f}"
    assert len(found) == len(rows), (found, rows)
