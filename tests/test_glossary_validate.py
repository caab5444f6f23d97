"""``translator glossary validate`` and the glossary file format."""

from __future__ import annotations

from pathlib import Path

from translator.cli import main
from translator.lexicon.terms import read_glossary, validate_glossary

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_glossaries_are_valid(runner):
    files = [str(p) for p in sorted((ROOT / "glossaries").glob("*.tsv"))]
    result = runner.invoke(main, ["glossary", "validate", *files])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output


def test_every_problem_is_reported_with_path_and_line(tmp_path, runner):
    bad = tmp_path / "de-en-bad.tsv"
    bad.write_text(
        "# comment\nsource\ttarget\tforbidden\tnotes\n"
        "Kiew\tKyiv\tKyiv\t\n"
        "Moskau  Moscow\n"
        "Wien\tVienna\t\t\n"
        "wien\tVienna\t\t\n"
        "a\tb\tc\td\te\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["glossary", "validate", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{bad}:{n}" for n in (3, 4, 6, 7)]
    assert "both required and forbidden" in lines[0]
    assert "tabs, not spaces" in lines[1]
    assert "duplicate term 'wien' (first on line 5)" in lines[2]
    assert "5 fields" in lines[3]


def test_bad_header_and_bad_file_name(tmp_path):
    header = tmp_path / "de-en.tsv"
    header.write_text("target\tsource\nx\ty\n", encoding="utf-8")
    assert validate_glossary(header) == [
        f"{header}:1: header must be tab-separated source, target, forbidden, variants, notes (source and target first)"
    ]
    name = tmp_path / "terms.tsv"
    name.write_text("source\ttarget\n", encoding="utf-8")
    assert "named <source>-<target>" in validate_glossary(name)[0]
    assert validate_glossary(tmp_path / "de-en-missing.tsv") == [
        f"{tmp_path / 'de-en-missing.tsv'}: glossary not found"
    ]


def test_valid_file_is_read_with_languages_from_its_name(tmp_path, runner):
    good = tmp_path / "de-fr-politics.tsv"
    good.write_text(
        "source\ttarget\tforbidden\tnotes\nBundestag\tBundestag\t\tdo not translate\n", encoding="utf-8"
    )
    glossary = read_glossary(good)
    assert (glossary.source_lang, glossary.target_lang) == ("de", "fr")
    assert glossary.terms[0].do_not_translate
    result = runner.invoke(main, ["glossary", "validate", str(good)])
    assert result.exit_code == 0 and "1 terms (de -> fr)" in result.output
