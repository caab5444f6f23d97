"""``translator check``: inputs, exit codes, fail levels, text/JSON/JUnit/GitHub output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from junitparser import JUnitXml

from translator.cli import main
from translator.renderers.github import escape_data, escape_markdown, escape_property

ROOT = Path(__file__).resolve().parent.parent
DE = "examples/de-en-news/de.md"
EN = "examples/de-en-news/en.md"
PLANTED = ("omission", "addition", "numbers", "residue")
LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) (?P<kind>[\w-]+): .+$"
)

CLEAN_EN = (
    "The council met on Tuesday to discuss the new budget for the coming year.\n\n"
    "Members agreed to spend more money on schools and on public transport.\n"
)


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    """Run from the repository root (relative example paths, no stray config)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def check(runner, *args: str):
    return runner.invoke(main, ["check", "--no-config", *args])


def test_single_file_with_a_german_credit_exits_1_with_a_residue_error(runner):
    result = check(runner, EN, "--lang", "en", "--source-lang", "de")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == lines[0].strip()
    match = LINE.match(lines[0])
    assert match, lines[0]
    assert (match["path"], match["line"], match["col"], match["sev"], match["kind"]) == (
        EN,
        "15",
        "1",
        "error",
        "residue",
    )
    assert lines[-1].startswith("1 finding (1 error, 0 warnings, 0 info) in 1 file")
    assert "failed at fail level error" in lines[-1]


def test_pair_reports_the_examples_errors_at_their_source_lines(runner):
    result = check(runner, EN, "--source", DE)
    assert result.exit_code == 1, result.output
    found = {
        (m["path"], m["line"], m["col"], m["kind"]) for m in map(LINE.match, result.stdout.splitlines()[:-1])
    }
    de_lines = (ROOT / DE).read_text(encoding="utf-8").splitlines()
    en_lines = (ROOT / EN).read_text(encoding="utf-8").splitlines()
    # every reported position is where the sentence stands in the file
    for path, line, col, kind in found:
        text = (de_lines if path == DE else en_lines)[int(line) - 1]
        assert text[int(col) - 1 :], (path, line, col, kind)
    omission = next(f for f in found if f[3] == "omission")
    assert de_lines[int(omission[1]) - 1][int(omission[2]) - 1 :].startswith("Auch in Tschechien")
    addition = next(f for f in found if f[3] == "addition")
    assert en_lines[int(addition[1]) - 1][int(addition[2]) - 1 :].startswith("Insurers expect")
    assert {f[3] for f in found} >= {"omission", "addition", "numbers", "residue"}
    assert re.match(r"\d+ findings \(\d+ errors", result.stdout.splitlines()[-1])


def test_clean_file_exits_0(runner, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN_EN, encoding="utf-8")
    result = check(runner, str(clean), "--lang", "en", "--source-lang", "de")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("0 findings")
    assert "passed" in result.stdout


def test_fail_level_decides_the_exit_code(runner):
    args = [EN, "--lang", "en", "--source-lang", "de", "--severity", "residue=warning"]
    assert check(runner, *args).exit_code == 0
    assert check(runner, *args, "--fail-level", "warning").exit_code == 1
    assert check(runner, *args, "--fail-level", "info").exit_code == 1
    info = [EN, "--lang", "en", "--source-lang", "de", "--severity", "residue=info"]
    assert check(runner, *info, "--fail-level", "warning").exit_code == 0
    assert check(runner, *info, "--fail-level", "info").exit_code == 1


def test_disabled_check_does_not_run_and_enable_brings_it_back(runner):
    args = [EN, "--lang", "en", "--source-lang", "de"]
    off = check(runner, *args, "--disable", "residue")
    assert off.exit_code == 0 and off.stdout.startswith("0 findings")
    none = check(runner, *args, "--disable", "all")
    assert none.exit_code == 0
    back = check(runner, *args, "--disable", "all", "--enable", "residue")
    assert back.exit_code == 1
    assert {LINE.match(line)["kind"] for line in back.stdout.splitlines()[:-1]} == {"residue"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.md"], "no such file"),
        ([EN, DE, "--source", DE], "exactly one translation"),
        ([EN, "--disable", "residu"], "unknown check 'residu'"),
        ([EN, "--severity", "residue=fatal"], "CHECK=LEVEL"),
        ([], "nothing to check"),
        ([EN, "--source", EN], "same file"),
    ],
)
def test_usage_and_input_errors_exit_2_with_one_line(runner, args, message):
    result = check(runner, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error(runner):
    result = check(runner, EN, "--format", "xml")
    assert result.exit_code == 2


def test_manifest_csv_and_jsonl_check_every_pair(runner, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(CLEAN_EN, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(CLEAN_EN.replace("schools", "hospitals"), encoding="utf-8")
    credit = tmp_path / "credit.txt"
    credit.write_text(CLEAN_EN + "\nBild: dpa/Robert Michael\n", encoding="utf-8")
    csv_path = tmp_path / "pairs.csv"
    csv_path.write_text(
        "source,translation,source_lang,lang\nsub/a.txt,sub/b.txt,en,en\n,credit.txt,de,en\n",
        encoding="utf-8",
    )
    jsonl_path = tmp_path / "pairs.jsonl"
    jsonl_path.write_text(
        json.dumps({"source": "sub/a.txt", "translation": "sub/b.txt"})
        + "\n\n"
        + json.dumps({"translation": str(credit), "source_lang": "de", "lang": "en"})
        + "\n",
        encoding="utf-8",
    )
    for manifest in (csv_path, jsonl_path):
        result = check(runner, "--manifest", str(manifest), "--format", "json")
        assert result.exit_code == 1, result.output
        data = json.loads(result.stdout)
        assert len(data["comparisons"]) == 2
        assert data["counts"]["files"] == 3
        by_comparison = {(f["comparison"], f["kind"]) for f in data["findings"]}
        assert (0, "wording") in by_comparison  # the pair was compared
        assert (1, "residue") in by_comparison  # the single file was checked


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("bad.csv", "translation,colour\nen.md,red\n", "unknown column colour"),
        ("bad.csv", "source\nde.md\n", "'translation' is required"),
        ("bad.jsonl", '{"translation": "en.md"}\nnot json\n', "bad.jsonl:2: not valid JSON"),
        ("bad.jsonl", "[1, 2]\n", "expected a JSON object"),
        ("empty.csv", "translation\n", "lists no files"),
        ("pairs.txt", "translation\nen.md\n", ".csv or .jsonl"),
    ],
)
def test_bad_manifests_exit_2_naming_the_line(runner, tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = check(runner, "--manifest", str(path))
    assert result.exit_code == 2
    assert message in result.stderr


def test_output_file_is_written_and_summary_goes_to_stderr(runner, tmp_path):
    out = tmp_path / "report.json"
    result = check(runner, EN, "--lang", "en", "--source-lang", "de", "--format", "json", "-o", str(out))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "report:" in result.stderr and "1 finding" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["failed"] is True and data["exit_code"] == 1
    [finding] = data["findings"]
    assert (finding["path"], finding["line"], finding["column"], finding["kind"]) == (EN, 15, 1, "residue")
    assert finding["excerpt"] == "Bild: dpa/Robert Michael"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary files left


def test_output_over_an_input_is_refused(runner, tmp_path):
    target = tmp_path / "en.md"
    target.write_text((ROOT / EN).read_text(encoding="utf-8"), encoding="utf-8")
    before = target.read_bytes()
    result = check(runner, str(target), "--format", "json", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_bytes() == before


@pytest.fixture(scope="module")
def pair_run():
    """The example pair checked once (the pair checks are the slow part)."""
    from translator.gate.checkrun import Target, run_check
    from translator.gate.config import Overrides, load_config

    # the checks whose errors EXPECTED.md plants, so other checks' tuning cannot move these tests
    only = Overrides(disable=("all",), enable=PLANTED)
    return run_check([Target(str(ROOT / EN), str(ROOT / DE))], load_config(isolated=True, overrides=only))


def test_junit_output_parses_and_fails_the_checks_with_errors(pair_run):
    from translator.renderers import get_renderer

    xml = JUnitXml.fromstring(get_renderer("junit").render_run(pair_run).encode("utf-8"))
    suites = list(xml)
    assert len(suites) == 1
    cases = {case.name: case for case in suites[0]}
    assert set(cases) == {*PLANTED, "suppression"}  # one test case per check that ran
    failed = {name for name, case in cases.items() if not case.is_passed}
    assert failed == {"omission", "addition", "numbers", "residue"}
    assert "Bild: dpa/Robert Michael" in cases["residue"].result[0].text
    assert suites[0].failures == 4 and suites[0].tests == len(cases)


def test_github_annotations_for_a_pair(pair_run):
    from translator.renderers import get_renderer

    out = get_renderer("github").render_run(pair_run)
    annotations = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 4
    assert any("omission" in a and "de.md,line=9," in a for a in annotations)
    assert "(4 errors" in out.splitlines()[-1]


def test_junit_findings_below_the_fail_level_do_not_fail(runner):
    result = check(
        runner,
        EN,
        "--lang",
        "en",
        "--source-lang",
        "de",
        "--severity",
        "residue=warning",
        "--format",
        "junit",
    )
    assert result.exit_code == 0
    xml = JUnitXml.fromstring(result.stdout.encode("utf-8"))
    case = next(c for s in xml for c in s if c.name == "residue")
    assert case.is_passed and "Bild: dpa" in case.system_out


def test_junit_survives_control_characters_in_article_text(runner, tmp_path):
    bad = tmp_path / "ctrl.txt"
    bad.write_text(
        "Bild: dpa/Robert\x0b Michael\n\nThe council met on Tuesday to discuss the budget.\n",
        encoding="utf-8",
    )
    result = check(runner, str(bad), "--lang", "en", "--source-lang", "de", "--format", "junit")
    JUnitXml.fromstring(result.stdout.encode("utf-8"))  # parses


def test_github_annotations_and_job_summary(runner, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = check(runner, EN, "--lang", "en", "--source-lang", "de", "--format", "github")
    assert result.exit_code == 1
    [annotation] = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotation.startswith(
        f"::error file={EN},line=15,endLine=15,col=1,endColumn=25,title=translator residue (error)::"
    )
    assert annotation.endswith("| Bild: dpa/Robert Michael")
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n")  # appended, never replaced
    assert "translator check failed" in written
    assert written.count("\n| error |") == 1


def test_github_escaping_follows_the_actions_toolkit():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("nul\x00 here") == "nul\ufffd here"


def test_github_summary_escapes_article_text():
    escaped = escape_markdown("<img src=x onerror=alert(1)> | **bold** [link](http://x)")
    assert "<img" not in escaped and "&lt;img" in escaped
    assert "\\|" in escaped and "\\*\\*bold\\*\\*" in escaped and "\\[link\\]" in escaped


def test_github_annotation_properties_are_escaped(runner, tmp_path, monkeypatch):
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    target = folder / "en.txt"
    target.write_text("Bild: dpa/Robert Michael\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = check(runner, "a,b:c/en.txt", "--lang", "en", "--source-lang", "de", "--format", "github")
    assert "::error file=a%2Cb%3Ac/en.txt,line=1," in result.stdout


def test_markdown_and_html_locations_point_into_the_source_file(runner, tmp_path):
    md = tmp_path / "story.md"
    md.write_text(
        "---\ntitle: x\n---\n\n# A *headline*\n\nThe council met on **Tuesday** to discuss\n"
        "the [new budget](https://example.org/a-very-long-url) for the coming year.\n"
        "Der Bürgermeister hat die Sitzung am Abend überraschend abgebrochen.\n",
        encoding="utf-8",
    )
    html = tmp_path / "story.html"
    html.write_text(
        "<html><body><article>\n<h1>A headline</h1>\n<p>The council met on Tuesday to discuss the budget\n"
        "for the coming year.\n  Der Bürgermeister hat die Sitzung am Abend &uuml;berraschend abgebrochen.</p>\n"
        "</article></body></html>\n",
        encoding="utf-8",
    )
    for path, line, col in ((md, 9, 1), (html, 5, 3)):
        result = check(runner, str(path), "--lang", "en", "--source-lang", "de", "--format", "json")
        data = json.loads(result.stdout)
        [finding] = [f for f in data["findings"] if f["kind"] == "residue"]
        assert (finding["line"], finding["column"]) == (line, col), (path.name, finding)
        source = path.read_text(encoding="utf-8")
        assert source[finding["offset"] :].startswith("Der Bürgermeister")


def test_a_folder_checks_every_article_in_it(runner, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "clean.txt").write_text(CLEAN_EN, encoding="utf-8")
    (tmp_path / "a" / "credit.md").write_text(CLEAN_EN + "\nBild: dpa/Robert Michael\n", encoding="utf-8")
    (tmp_path / "a" / "notes.csv").write_text("not,an,article\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("Bild: dpa\n", encoding="utf-8")
    result = check(runner, str(tmp_path), "--lang", "en", "--source-lang", "de", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["counts"]["files"] == 2
    assert [Path(f["path"]).name for f in data["findings"]] == ["credit.md"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert check(runner, str(empty)).exit_code == 2


def test_github_annotations_use_paths_relative_to_the_checkout(runner):
    result = check(runner, str(ROOT / EN), "--lang", "en", "--source-lang", "de", "--format", "github")
    assert result.stdout.startswith(f"::error file={EN},line=15,")
