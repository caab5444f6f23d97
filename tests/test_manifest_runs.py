"""``align --manifest`` and ``compare --manifest``: many pairs in one process.

Each item's output must be what the one-pair command writes for it; a bad
item is reported and skipped, never the end of the run; the outputs land
in a folder, one file per item id, without overwriting any input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translator.cli import main

BAD = Path(__file__).resolve().parent / "bad_inputs"

DE = "Der Pegel der Elbe stieg am Montag auf 7,35 Meter.\n\nRund 2000 Menschen verliessen Dresden.\n"
EN = "The Elbe rose to 7.35 metres on Monday.\n\nAbout 2,000 people left Dresden.\n"
EN_EDIT = "The Elbe rose to 7.53 metres on Monday.\n\nAbout 2,000 people left Dresden.\n"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two good pairs (one across languages), one missing and one binary input."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "de.txt").write_text(DE, encoding="utf-8")
    (tmp_path / "in" / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "in" / "en2.txt").write_text(EN_EDIT, encoding="utf-8")
    (tmp_path / "in" / "bin.txt").write_bytes((BAD / "binary.bin").read_bytes())
    (tmp_path / "m.csv").write_text(
        "id,a,b,lang_a,lang_b\n"
        "cross,in/de.txt,in/en.txt,de,en\n"
        "edit,in/en.txt,in/en2.txt,,\n"
        "gone,in/missing.txt,in/en.txt,,\n"
        "binary,in/bin.txt,in/en.txt,,\n",
        encoding="utf-8",
    )
    return tmp_path


def test_align_manifest_writes_each_pair_as_align_of_that_pair_would(runner, corpus):
    result = runner.invoke(main, ["align", "--manifest", "m.csv", "-o", "out", "--format", "json"])
    assert result.exit_code == 2  # two items failed
    assert sorted(p.name for p in (corpus / "out").iterdir()) == ["cross.json", "edit.json"]
    for item, (a, b, langs) in {
        "cross": ("in/de.txt", "in/en.txt", ["--lang-a", "de", "--lang-b", "en"]),
        "edit": ("in/en.txt", "in/en2.txt", []),
    }.items():
        single = runner.invoke(main, ["align", a, b, "--format", "json", *langs])
        assert single.exit_code == 0, single.output
        assert (corpus / "out" / f"{item}.json").read_text(encoding="utf-8") == single.stdout


def test_compare_manifest_writes_each_report_as_compare_of_that_pair_would(runner, corpus):
    result = runner.invoke(main, ["compare", "--manifest", "m.csv", "-o", "reports", "--format", "json"])
    assert result.exit_code == 2
    single = runner.invoke(main, ["compare", "in/en.txt", "in/en2.txt", "--format", "json"])
    assert single.exit_code == 0, single.output
    written = json.loads((corpus / "reports" / "edit.json").read_text(encoding="utf-8"))
    assert written == json.loads(single.stdout)
    assert any(f["kind"] == "numbers" for f in written["findings"])  # 7.35 -> 7.53


def test_a_failed_item_is_named_on_stderr_and_the_rest_are_written(runner, corpus):
    result = runner.invoke(main, ["compare", "--manifest", "m.csv", "-o", "reports"])
    assert result.exit_code == 2
    assert "gone: " in result.stderr and "missing.txt" in result.stderr
    assert "binary: " in result.stderr
    assert "2 of 4 items written" in result.stderr and "2 failed" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in (corpus / "reports").iterdir()) == ["cross.html", "edit.html"]


def test_all_items_good_exits_0(runner, corpus):
    (corpus / "ok.jsonl").write_text(
        '{"id": "x", "a": "in/en.txt", "b": "in/en2.txt"}\n'
        '{"id": "y", "versions": ["in/de.txt", "in/en.txt"], "langs": ["de", "en"]}\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["align", "--manifest", "ok.jsonl", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (corpus / "out").iterdir()) == ["x.txt", "y.txt"]
    assert "2 of 2 items written" in result.stderr


def test_manifest_languages_win_over_the_options_which_fill_the_gaps(runner, corpus):
    (corpus / "langs.csv").write_text("id,a,b,lang_a\np,in/de.txt,in/en.txt,de\n", encoding="utf-8")
    result = runner.invoke(
        main,
        [
            "compare",
            "--manifest",
            "langs.csv",
            "-o",
            "r",
            "--format",
            "json",
            "--lang-a",
            "fr",
            "--lang-b",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads((corpus / "r" / "p.json").read_text(encoding="utf-8"))
    assert [d["lang"] for d in report["documents"]] == ["de", "en"]


def test_a_bad_language_code_in_the_manifest_fails_only_its_item(runner, corpus):
    (corpus / "bad.csv").write_text(
        "id,a,b,lang_a,lang_b\nbad,in/de.txt,in/en.txt,xx,en\ngood,in/en.txt,in/en2.txt,en,en\n",
        encoding="utf-8",
    )
    for command in ("align", "compare"):
        result = runner.invoke(main, [command, "--manifest", "bad.csv", "-o", command])
        assert result.exit_code == 2
        assert "bad: " in result.stderr and "'xx'" in result.stderr
        assert [p.stem for p in (corpus / command).iterdir()] == ["good"]


def test_align_manifest_item_with_three_versions_fails_alone(runner, corpus):
    (corpus / "three.csv").write_text(
        "id,a,b,c\nthree,in/en.txt,in/en2.txt,in/de.txt\ntwo,in/en.txt,in/en2.txt,\n", encoding="utf-8"
    )
    result = runner.invoke(main, ["align", "--manifest", "three.csv", "-o", "out"])
    assert result.exit_code == 2
    assert "three: " in result.stderr and "3 versions; this command takes 2" in result.stderr
    assert [p.name for p in (corpus / "out").iterdir()] == ["two.txt"]
    grouped = runner.invoke(main, ["compare", "--manifest", "three.csv", "-o", "cmp", "--format", "json"])
    assert grouped.exit_code == 0, grouped.output
    assert len(json.loads((corpus / "cmp" / "three.json").read_text(encoding="utf-8"))["documents"]) == 3


def test_default_output_folder_is_named_after_the_manifest(runner, corpus):
    (corpus / "pairs.csv").write_text("id,a,b\nx,in/en.txt,in/en2.txt\n", encoding="utf-8")
    assert runner.invoke(main, ["align", "--manifest", "pairs.csv"]).exit_code == 0
    assert runner.invoke(main, ["compare", "--manifest", "pairs.csv", "--format", "text"]).exit_code == 0
    assert (corpus / "pairs-aligned" / "x.txt").is_file()
    assert (corpus / "pairs-compared" / "x.txt").is_file()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["align", "in/en.txt", "in/en2.txt", "--manifest", "m.csv"], "not both"),
        (["compare", "in/en.txt", "in/en2.txt", "--manifest", "m.csv"], "not both"),
        (["align", "--manifest", "m.csv", "-o", "-"], "is a folder"),
        (["compare", "--manifest", "m.csv", "-o", "-"], "is a folder"),
        (["align", "--manifest", "nowhere.csv"], "nowhere.csv"),
        (["align", "in/en.txt"], "needs two files"),
        (["compare"], "at least two versions"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(runner, corpus, args, fragment):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.output


def test_an_output_over_an_input_or_a_file_as_folder_is_refused_before_anything_runs(runner, corpus):
    (corpus / "in" / "x.txt").write_text(EN, encoding="utf-8")
    (corpus / "self.csv").write_text("id,a,b\nx,x.txt,en2.txt\n", encoding="utf-8")
    (corpus / "in" / "self.csv").write_text("id,a,b\nx,x.txt,en2.txt\n", encoding="utf-8")
    result = runner.invoke(main, ["align", "--manifest", "in/self.csv", "-o", "in"])
    assert result.exit_code == 2 and "would overwrite an input" in result.stderr
    assert (corpus / "in" / "x.txt").read_text(encoding="utf-8") == EN
    result = runner.invoke(main, ["compare", "--manifest", "m.csv", "-o", "in/en.txt"])
    assert result.exit_code == 2 and "not a folder" in result.stderr
