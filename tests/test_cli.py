"""The CLI: commands, formats, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from translator.cli import main

ROOT = Path(__file__).resolve().parent.parent
DE = str(ROOT / "examples/de-en-news/de.md")
EN = str(ROOT / "examples/de-en-news/en.md")


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and "translator" in result.output


def test_compare_writes_html_to_a_default_path_that_is_not_an_input(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["compare", DE, EN])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "de-vs-en.html").is_file()
    assert "report: de-vs-en.html" in result.output
    assert "4 errors" in result.output


def test_compare_json_is_the_data_model(runner):
    result = runner.invoke(main, ["compare", DE, EN, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"documents", "alignments", "findings", "counts", "mode"} <= set(data)
    assert data["mode"] == "model-free"
    kinds = {f["kind"] for f in data["findings"]}
    assert {"omission", "addition", "numbers", "residue"} <= kinds
    for f in data["findings"]:
        assert {"kind", "severity", "message", "span", "fingerprint", "evidence"} <= set(f)


def test_compare_json_streamed_to_a_file_is_byte_identical_to_stdout(runner, tmp_path, monkeypatch):
    # -o streams the report in blocks (a 100,000-paragraph report is never
    # whole in memory); blocks of 7 characters put boundaries everywhere,
    # including inside escapes and non-ASCII text
    from translator.renderers import json as json_renderer

    monkeypatch.setattr(json_renderer, "_BLOCK", 7)
    printed = runner.invoke(main, ["compare", DE, EN, "--format", "json"])
    out = tmp_path / "report.json"
    written = runner.invoke(main, ["compare", DE, EN, "--format", "json", "-o", str(out)])
    assert printed.exit_code == 0 and written.exit_code == 0, written.output
    assert out.read_bytes() == printed.stdout_bytes
    assert "4 errors" in written.output


def test_compare_text_summary(runner):
    result = runner.invoke(main, ["compare", DE, EN, "--format", "text"])
    assert result.exit_code == 0
    assert "error omission" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("4 findings")


def test_findings_do_not_change_the_exit_code_of_compare(runner, tmp_path):
    result = runner.invoke(main, ["compare", DE, EN, "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0


def test_stdin_is_accepted_as_a_version(runner):
    text = Path(EN).read_text(encoding="utf-8")
    result = runner.invoke(main, ["compare", DE, "-", "--format", "text", "--lang-b", "en"], input=text)
    assert result.exit_code == 0, result.output
    assert "<stdin>" in result.stdout


def test_detect_reports_document_and_paragraph_languages(runner):
    result = runner.invoke(main, ["detect", DE, EN, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [d["lang"] for d in data] == ["de", "en"]
    assert data[1]["paragraphs"][-1]["text"] == "Bild: dpa/Robert Michael"


@pytest.mark.parametrize(
    "make_args,message",
    [
        (lambda t: ["compare", str(t / "missing.txt"), EN], "no such file"),
        (lambda t: ["compare", str(t), EN], "is a directory"),
        (lambda t: ["compare", str(t / "empty.txt"), EN], "is empty"),
        (lambda t: ["compare", str(t / "bin.dat"), EN], "binary"),
        (lambda t: ["compare", EN, EN], "same file"),
        (lambda t: ["compare", DE, EN, "-o", EN], "overwrite an input"),
        (lambda t: ["compare", DE, EN, "-o", str(t / "nodir" / "r.html")], "does not exist"),
        (lambda t: ["compare", DE], "two versions"),
    ],
)
def test_bad_input_gives_one_line_error_and_exit_2(runner, tmp_path, make_args, message):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02\xff" * 100)
    before = Path(EN).read_bytes()
    result = runner.invoke(main, make_args(tmp_path))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert Path(EN).read_bytes() == before
    assert not (tmp_path / "nodir").exists()


def test_unreadable_file_is_a_one_line_error(runner, tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("text")
    real = Path.read_bytes

    def deny(self):  # root ignores chmod 0, so simulate the refusal
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    result = runner.invoke(main, ["compare", str(path), EN])
    assert result.exit_code == 2 and "permission denied" in result.stderr


def test_console_script_runs_in_a_subprocess(tmp_path):
    exe = Path(sys.executable).with_name("translator")
    out = tmp_path / "report.html"
    proc = subprocess.run([str(exe), "compare", DE, EN, "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = subprocess.run([str(exe), "compare", DE, str(tmp_path / "nope.md")], capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    "args", [["--help"], ["compare", "--help"], ["dictionaries", "--help"], ["doctor", "--help"]]
)
def test_help_does_not_import_heavy_modules(args):
    code = (
        "import sys\n"
        "from translator.cli import main\n"
        "try:\n"
        f"    main({args!r}, standalone_mode=False)\n"
        "finally:\n"
        "    heavy = ('argostranslate', 'ctranslate2', 'torch', 'stanza', 'spacy', 'langdetect', 'trafilatura',\n"
        "             'numpy', 'scipy', 'jinja2', 'lxml', 'translator.pipeline', 'translator.align')\n"
        "    print('HEAVY:' + ','.join(m for m in heavy if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage:" in proc.stdout  # --help really ran
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_help_lists_the_commands(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("compare", "detect"):
        assert command in result.output
    _ = time  # start-up time is measured in benchmarks/startup.py, not asserted here
