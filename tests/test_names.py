"""Names people read: versions are named by file name (or host and path),
never by the full local path; full paths stay in machine fields."""

from __future__ import annotations

import json

import pytest

from translator.cli import main
from translator.ingest.load import display_names

A = "The council approved the budget of 1,200 euros on Monday. The mayor welcomed the vote.\n"
B = "The council approved the budget of 1,500 euros on Monday. The mayor welcomed the vote.\n"


@pytest.fixture
def pair(tmp_path):
    deep = tmp_path / "home" / "reporter" / "drafts"
    deep.mkdir(parents=True)
    (deep / "original.txt").write_text(A, encoding="utf-8")
    (deep / "edited.txt").write_text(B, encoding="utf-8")
    return deep / "original.txt", deep / "edited.txt"


def test_display_names_are_file_names_hosts_and_paths():
    assert display_names(["/srv/news/de.md", "rel/en.md", "-"]) == ["de.md", "en.md", "<stdin>"]
    assert display_names(["https://www.example.com/politik/artikel-1.html?id=7", "http://example.org/"]) == [
        "www.example.com/politik/artikel-1.html?id=7",
        "example.org",
    ]


def test_same_file_name_in_different_folders_is_told_apart_by_its_folders():
    names = display_names(["/x/2024/one/en.txt", "/x/2024/two/en.txt", "/x/de.txt"])
    assert names == ["one/en.txt", "two/en.txt", "de.txt"]
    assert display_names(["/a/same/en.txt", "/b/same/en.txt"]) == ["a/same/en.txt", "b/same/en.txt"]


def test_terminal_messages_name_files_not_paths(runner, pair):
    a, b = pair
    result = runner.invoke(main, ["compare", str(a), str(b), "--format", "text", "--no-mt"])
    assert result.exit_code == 0, result.output
    assert "Numbers differ: 1200 only in original.txt; 1500 only in edited.txt." in result.output
    assert "pivot 1: original.txt [" in result.output
    assert str(a.parent) not in result.output


def test_two_versions_with_one_file_name_stay_distinguishable(runner, tmp_path):
    for folder, text in (("de-desk", A), ("en-desk", B)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(
        main,
        [
            "compare",
            str(tmp_path / "de-desk/story.txt"),
            str(tmp_path / "en-desk/story.txt"),
            "--format",
            "text",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "only in de-desk/story.txt; 1500 only in en-desk/story.txt" in result.output


def test_the_html_report_names_files_not_paths(runner, pair, tmp_path):
    a, b = pair
    out = tmp_path / "report.html"
    assert runner.invoke(main, ["compare", str(a), str(b), "-o", str(out), "--no-mt"]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<title>Comparison: original.txt ↔ edited.txt</title>" in page
    assert "only in original.txt" in page
    assert str(a.parent) not in page


def test_json_keeps_the_full_path_as_a_machine_field(runner, pair):
    a, b = pair
    result = runner.invoke(main, ["compare", str(a), str(b), "--format", "json", "--no-mt"])
    docs = json.loads(result.output)["documents"]
    assert [(d["name"], d["path"]) for d in docs] == [("original.txt", str(a)), ("edited.txt", str(b))]


def test_ci_formats_keep_paths_in_locations_and_names_in_message_text(runner, pair):
    a, b = pair
    result = runner.invoke(main, ["check", str(b), "--source", str(a), "--format", "sarif"])
    assert result.exit_code == 1, result.output
    sarif = json.loads(result.output)["runs"][0]
    numbers = next(r for r in sarif["results"] if r["ruleId"] == "numbers")
    assert numbers["message"]["text"] == "Numbers differ: 1200 only in original.txt; 1500 only in edited.txt."
    uri = numbers["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("home/reporter/drafts/edited.txt")
    text = runner.invoke(main, ["check", str(b), "--source", str(a)]).output
    assert f"{b}:1:1: error numbers: Numbers differ: 1200 only in original.txt" in text
