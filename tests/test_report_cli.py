"""``translator compare`` with N versions, --pivot and per-version languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translator.cli import main

ROOT = Path(__file__).resolve().parent.parent
WIRE_A = ROOT / "examples/wire-story/outlet-a.txt"
WIRE_B = ROOT / "examples/wire-story/outlet-b.txt"


@pytest.fixture
def third(tmp_path: Path) -> Path:
    """A third outlet: outlet A without its third paragraph, plus a new closing line."""
    paragraphs = WIRE_A.read_text(encoding="utf-8").split("\n\n")
    del paragraphs[2]
    paragraphs.append("The next rate meeting is scheduled for October.")
    path = tmp_path / "outlet-c.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


def test_three_versions_make_a_three_column_report_at_the_default_path(runner, tmp_path, monkeypatch, third):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["compare", str(WIRE_A), str(WIRE_B), str(third)])
    assert result.exit_code == 0, result.output
    report = tmp_path / "outlet-a-vs-outlet-b-vs-outlet-c.html"
    assert f"report: {report.name}" in result.output
    page = report.read_text(encoding="utf-8")
    assert page.count('role="columnheader"') == 4
    assert "The next rate meeting is scheduled for October." in page


def test_json_of_three_versions_has_one_alignment_per_non_pivot_version(runner, third):
    result = runner.invoke(main, ["compare", str(WIRE_A), str(WIRE_B), str(third), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pivot"] == 0
    assert [(a["source"], a["target"]) for a in data["alignments"]] == [(0, 1), (0, 2)]
    added = [f for f in data["findings"] if f["kind"] == "addition" and f["span"]["version"] == 2]
    assert added, "the third version's new sentence is flagged against the pivot"


def test_pivot_option_chooses_the_version_others_align_to(runner, third):
    result = runner.invoke(
        main, ["compare", str(WIRE_A), str(WIRE_B), str(third), "--pivot", "2", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pivot"] == 1
    assert [(a["source"], a["target"]) for a in data["alignments"]] == [(1, 0), (1, 2)]


def test_lang_option_sets_any_versions_language_and_lang_a_b_still_work(runner, third):
    args = ["compare", str(WIRE_A), str(WIRE_B), str(third), "--format", "json"]
    result = runner.invoke(main, [*args, "--lang-a", "en", "--lang", "3=EN", "--lang", "2=en"])
    assert result.exit_code == 0, result.output
    assert [d["lang"] for d in json.loads(result.stdout)["documents"]] == ["en", "en", "en"]


def test_lang_option_overrides_what_detection_would_say(runner, third):
    """The versions are English: only the option can make version 2 German and 3 French."""
    args = ["compare", str(WIRE_A), str(WIRE_B), str(third), "--format", "json"]
    detected = [d["lang"] for d in json.loads(runner.invoke(main, args).stdout)["documents"]]
    assert detected == ["en", "en", "en"]
    result = runner.invoke(main, [*args, "--lang", "2=de", "--lang", "3=FR"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["lang"] for d in data["documents"]] == ["en", "de", "fr"]
    assert data["mode"] == "model-free"


@pytest.mark.parametrize(
    "extra,message",
    [
        (["--pivot", "4"], "--pivot 4: choose a version from 1 to 3"),
        (["--pivot", "0"], "--pivot 0"),
        (["--lang", "fr"], "expected N=CODE"),
        (["--lang", "9=fr"], "there is no version 9"),
        (["--lang-a", "en", "--lang", "1=de"], "version 1 is already set"),
    ],
)
def test_bad_version_options_are_one_line_input_errors(runner, third, extra, message):
    result = runner.invoke(
        main, ["compare", str(WIRE_A), str(WIRE_B), str(third), "--format", "text", *extra]
    )
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_single_version_is_refused(runner):
    result = runner.invoke(main, ["compare", str(WIRE_A)])
    assert result.exit_code == 2
    assert "at least two versions" in result.output
