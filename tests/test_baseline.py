"""Baselines: record findings by content, report only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translator.cli import main

ARTICLE = """# Flood in Dresden

After days of rain, the city of Dresden declared a state of emergency on Monday.

The level of the Elbe reached seven metres in the afternoon, the flood centre said.

Bild: dpa/Robert Michael
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "en.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def run(runner, *args):
    return runner.invoke(main, [*args, "--no-config", "--lang", "en", "--source-lang", "de"])


def test_create_records_findings_by_file_and_fingerprint(project, runner):
    result = run(runner, "baseline", "create", "en.md", "-o", "base.json")
    assert result.exit_code == 0, result.output
    assert "1 finding recorded" in result.stdout
    data = json.loads((project / "base.json").read_text(encoding="utf-8"))
    [entry] = data["findings"]
    assert entry["file"] == "en.md"  # relative to the baseline's folder
    assert entry["kind"] == "residue" and entry["count"] == 1
    assert "line" not in entry  # content, not position
    assert sorted(p.name for p in project.iterdir()) == ["base.json", "en.md"]  # atomic, no temp file


def test_check_with_baseline_reports_only_new_findings(project, runner):
    run(runner, "baseline", "create", "en.md", "-o", "base.json")
    result = run(runner, "check", "en.md", "--baseline", "base.json")
    assert result.exit_code == 0, result.output
    assert "0 findings" in result.stdout and "1 suppressed by the baseline" in result.stdout


def test_edits_elsewhere_do_not_resurrect_baselined_findings(project, runner):
    run(runner, "baseline", "create", "en.md", "-o", "base.json")
    edited = ARTICLE.replace(
        "# Flood in Dresden\n",
        "# Floods in Saxony\n\nA new first paragraph pushes everything down by several lines.\n\n",
    ).replace("seven metres", "7.35 metres")
    (project / "en.md").write_text(edited, encoding="utf-8")
    result = run(runner, "check", "en.md", "--baseline", "base.json")
    assert result.exit_code == 0, result.output
    assert "1 suppressed by the baseline" in result.stdout


def test_a_new_occurrence_of_a_baselined_finding_is_reported(project, runner):
    run(runner, "baseline", "create", "en.md", "-o", "base.json")
    (project / "en.md").write_text(
        ARTICLE + "\nMore text in English follows here for the reader.\n\nFoto: Kay Nietfeld\n",
        encoding="utf-8",
    )
    result = run(runner, "check", "en.md", "--baseline", "base.json")
    assert result.exit_code == 1
    assert result.stdout.count("error residue") == 1
    assert "1 suppressed by the baseline" in result.stdout


def test_the_same_finding_twice_needs_two_baseline_entries(project, runner):
    run(runner, "baseline", "create", "en.md", "-o", "base.json")
    (project / "en.md").write_text(ARTICLE + "\nBild: dpa/Robert Michael\n", encoding="utf-8")
    result = run(runner, "check", "en.md", "--baseline", "base.json")
    assert result.exit_code == 1
    assert result.stdout.count("error residue") == 1


def test_baseline_for_one_file_does_not_hide_the_same_text_in_another(project, runner):
    run(runner, "baseline", "create", "en.md", "-o", "base.json")
    (project / "other.md").write_text(ARTICLE, encoding="utf-8")
    assert run(runner, "check", "other.md", "--baseline", "base.json").exit_code == 1


def test_baseline_from_config_and_default_path(project, runner):
    (project / ".translator.toml").write_text(
        'lang = "en"\nsource-lang = "de"\nbaseline = "ci/base.json"\n', encoding="utf-8"
    )
    (project / "ci").mkdir()
    assert runner.invoke(main, ["baseline", "create", "en.md"]).exit_code == 0
    assert (project / "ci" / "base.json").is_file()
    result = runner.invoke(main, ["check", "en.md"])
    assert result.exit_code == 0 and "1 suppressed by the baseline" in result.stdout
    (project / ".translator.toml").unlink()
    assert run(runner, "baseline", "create", "en.md").exit_code == 0
    assert (project / "translator-baseline.json").is_file()


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "baseline not found"),
        ("{not json", "invalid JSON"),
        ('{"findings": []}', "not a translator baseline"),
        ('{"translator_baseline": 99, "findings": []}', "format 99 is not supported"),
        ('{"translator_baseline": 1, "findings": [{"file": "en.md"}]}', "findings[0]"),
    ],
)
def test_unusable_baseline_exits_2(project, runner, content, message):
    if content is not None:
        (project / "base.json").write_text(content, encoding="utf-8")
    result = run(runner, "check", "en.md", "--baseline", "base.json")
    assert result.exit_code == 2
    assert message in result.stderr


def test_baseline_create_refuses_to_overwrite_an_input(project, runner):
    before = (project / "en.md").read_bytes()
    result = run(runner, "baseline", "create", "en.md", "-o", "en.md")
    assert result.exit_code == 2
    assert (project / "en.md").read_bytes() == before


def test_baseline_for_a_pair_keys_each_file(project, runner):
    # de.md (the source) has a paragraph en.md lacks: an omission located
    # in de.md, which only a key for de.md can absorb
    source = ARTICLE.replace(
        "\nThe level",
        "\nIn the Czech Republic the rivers are still rising, and the authorities in Prague warn of floods.\n\nThe level",
    )
    (project / "de.md").write_text(source, encoding="utf-8")
    unbaselined = runner.invoke(main, ["check", "en.md", "--source", "de.md", "--no-config"])
    assert unbaselined.exit_code == 1 and "de.md:" in unbaselined.stdout
    result = runner.invoke(
        main, ["baseline", "create", "en.md", "--source", "de.md", "--no-config", "-o", "b.json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(Path(project / "b.json").read_text(encoding="utf-8"))
    files = {e["file"] for e in data["findings"]}
    assert "de.md" in files and files <= {"en.md", "de.md"}
    assert (
        runner.invoke(
            main, ["check", "en.md", "--source", "de.md", "--no-config", "--baseline", "b.json"]
        ).exit_code
        == 0
    )


def test_entries_count_identical_findings_and_absorb_exactly_that_many(project, runner):
    twice = ARTICLE + "\nBild: dpa/Robert Michael\n"
    (project / "en.md").write_text(twice, encoding="utf-8")
    created = run(runner, "baseline", "create", "en.md", "-o", "base.json")
    assert "2 findings recorded" in created.stdout
    [entry] = json.loads((project / "base.json").read_text(encoding="utf-8"))["findings"]
    assert entry["count"] == 2
    assert run(runner, "check", "en.md", "--baseline", "base.json").exit_code == 0
    (project / "en.md").write_text(twice + "\nBild: dpa/Robert Michael\n", encoding="utf-8")
    third = run(runner, "check", "en.md", "--baseline", "base.json")
    assert third.exit_code == 1 and third.stdout.count("error residue") == 1
    assert "2 suppressed by the baseline" in third.stdout
