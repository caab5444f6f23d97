"""One location function (translator.model.locate) behind every output: the
CI formats, compare's text and HTML reports and batch.json all point at the
same line and column of the file the user edits, and batch.json gives its
findings the schema of ``check --format json``."""

from __future__ import annotations

import json

import pytest

from translator.cli import main
from translator.pipeline import CompareOptions, compare_paths
from translator.renderers.view import build_report

SOURCE = (
    "# Budget\n\n"
    "Some *introductory* text that stands first.\n\n"
    "The council approved a budget of 45 million euros on Monday.\n"
)
TRANSLATION = (
    "# Haushalt\n\n"
    "Ein *einleitender* Text, der zuerst steht.\n\n"
    "Der Rat hat am Montag einen Haushalt von 54 Millionen Euro beschlossen.\n"
)


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "en.md").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "de.md").write_text(TRANSLATION, encoding="utf-8")
    return tmp_path


def _check_findings(runner, pair) -> list[dict]:
    result = runner.invoke(
        main,
        [
            "check", str(pair / "de.md"), "--source", str(pair / "en.md"),
            "--lang", "de", "--source-lang", "en", "--no-config", "--format", "json",
        ],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def test_batch_json_findings_have_the_check_json_schema_and_values(runner, pair):
    (pair / "m.csv").write_text("id,a,b,lang_a,lang_b\nbudget,en.md,de.md,en,de\n", encoding="utf-8")
    result = runner.invoke(main, ["batch", str(pair / "m.csv"), "-o", str(pair / "out"), "--quiet"])
    assert result.exit_code in (0, 1), result.output
    (item,) = json.loads((pair / "out" / "batch.json").read_text(encoding="utf-8"))["items"]
    from_batch = item["findings"]
    from_check = _check_findings(runner, pair)
    assert any(f["kind"] == "numbers" for f in from_batch)
    assert [sorted(f) for f in from_batch] == [sorted(f) for f in from_check]
    assert {"path", "line", "column", "end_line", "end_column"} <= set(from_batch[0])

    def where(f: dict) -> tuple:
        return (f["kind"], f["line"], f["column"], f["end_line"], f["end_column"], f["excerpt"])

    assert sorted(map(where, from_batch)) == sorted(map(where, from_check))


def test_compare_text_and_html_locations_match_check_for_markdown(runner, pair):
    comparison = compare_paths(
        [str(pair / "en.md"), str(pair / "de.md")],
        CompareOptions(langs=["en", "de"], machine_translation=False),
    )
    text = runner.invoke(
        main,
        [
            "compare",
            str(pair / "en.md"),
            str(pair / "de.md"),
            "--lang-a",
            "en",
            "--lang-b",
            "de",
            "--format",
            "text",
        ],
    ).stdout
    report = build_report(comparison)
    html_locations = {flag.location for flag in report.unplaced} | {
        flag.location for row in report.rows for flag in row.flags
    }
    for f in _check_findings(runner, pair):
        if f["kind"] != "numbers":
            continue
        # the number stands on line 5 of the Markdown file, not on line 3 of
        # the extracted text: every output says so
        assert f["line"] == 5
        spot = f"de.md:{f['line']}:{f['column']}"
        assert any(line.startswith(f"{spot}: ") for line in text.splitlines()), text
        assert spot in html_locations
