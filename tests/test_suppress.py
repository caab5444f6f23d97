"""Inline suppressions in Markdown, HTML and plain text."""

from __future__ import annotations

import pytest

from translator.gate.checkrun import Target, run_check
from translator.gate.config import Overrides, load_config
from translator.gate.suppressions import find_directives, parse_body
from translator.ingest.load import document_from_text

INTRO = "After days of rain, the city of Dresden declared a state of emergency on Monday."
CREDIT = "Bild: dpa/Robert Michael"


def check_text(tmp_path, name: str, text: str, **overrides):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    config = load_config(isolated=True, overrides=Overrides(lang="en", source_lang="de", **overrides))
    return run_check([Target(str(path))], config)


def kinds(run) -> list[str]:
    return [item.finding.kind for item in run.findings()]


@pytest.mark.parametrize(
    "name, text",
    [
        ("a.md", f"{INTRO}\n\n<!-- translator: ignore residue -->\n{CREDIT}\n"),
        ("b.md", f"{INTRO}\n\n<!-- translator: ignore residue -->\n\n{CREDIT}\n"),
        ("c.md", f"{INTRO}\n\n{CREDIT} <!-- translator: ignore residue -->\n"),
        ("d.md", f"{INTRO}\n\n<!--translator:ignore-->\n{CREDIT}\n"),
        (
            "e.html",
            f"<html><body><p>{INTRO}</p>\n<!-- translator: ignore residue -->\n<p>{CREDIT}</p></body></html>\n",
        ),
        (
            "f.html",
            f"<html><body><p>{INTRO}</p>\n<figure><figcaption>{CREDIT} <!-- translator: ignore residue --></figcaption></figure></body></html>\n",
        ),
        ("g.txt", f"{INTRO}\n\n[translator: ignore residue]\n{CREDIT}\n"),
        ("h.txt", f"{INTRO}\n[translator: ignore residue]\n{CREDIT}\n"),
        ("i.md", f"<!-- translator: ignore-file residue -->\n\n{INTRO}\n\n{CREDIT}\n"),
    ],
)
def test_directive_suppresses_the_named_check_in_the_next_block(tmp_path, name, text):
    run = check_text(tmp_path, name, text)
    assert kinds(run) == []
    assert run.suppressed_count("inline") == 1
    assert run.exit_code == 0


def test_without_a_directive_the_credit_is_reported(tmp_path):
    for name, text in (("a.md", f"{INTRO}\n\n{CREDIT}\n"), ("a.txt", f"{INTRO}\n\n{CREDIT}\n")):
        assert kinds(check_text(tmp_path, name, text)) == ["residue"]


def test_directive_applies_only_to_the_next_block(tmp_path):
    text = f"<!-- translator: ignore residue -->\n{INTRO}\n\n{CREDIT}\n"
    assert kinds(check_text(tmp_path, "a.md", text)) == ["residue"]
    text = f"{CREDIT}\n\n<!-- translator: ignore residue -->\n{INTRO}\n"
    assert kinds(check_text(tmp_path, "b.md", text)) == ["residue"]


def test_directive_naming_another_check_does_not_suppress(tmp_path):
    run = check_text(tmp_path, "a.md", f"{INTRO}\n\n<!-- translator: ignore numbers, quotes -->\n{CREDIT}\n")
    assert "residue" in kinds(run)


def test_unknown_check_name_is_a_warning_at_the_directive(tmp_path):
    run = check_text(tmp_path, "a.md", f"{INTRO}\n\n<!-- translator: ignore residu -->\n{CREDIT}\n")
    items = {item.finding.kind: item for item in run.findings()}
    assert set(items) == {"residue", "suppression"}
    warning = items["suppression"]
    assert warning.finding.severity.value == "warning"
    assert "'residu'" in warning.finding.message
    assert (warning.location.line, warning.location.column) == (3, 1)
    assert warning.excerpt == "<!-- translator: ignore residu -->"
    assert run.exit_code == 1  # the residue error is still there


def test_unknown_directive_verb_is_a_warning(tmp_path):
    run = check_text(tmp_path, "a.txt", f"{INTRO}\n\n[translator: ignroe residue]\n{CREDIT}\n")
    assert sorted(kinds(run)) == ["residue", "suppression"]


def test_directive_inside_a_code_block_is_not_a_directive(tmp_path):
    text = f"{INTRO}\n\n```html\n<!-- translator: ignore residue -->\n```\n\n{CREDIT}\n"
    doc = document_from_text(text, "a.md")
    assert find_directives(doc) == []
    assert kinds(check_text(tmp_path, "a.md", text)) == ["residue"]


def test_plain_text_directive_is_not_article_text(tmp_path):
    source = tmp_path / "de.txt"
    source.write_text(f"{INTRO}\n\nThe flood centre said the river would rise again.\n", encoding="utf-8")
    text = f"{INTRO}\n\n[translator: ignore wording]\nThe flood centre said the river would rise again.\n"
    target = tmp_path / "en.txt"
    target.write_text(text, encoding="utf-8")
    config = load_config(isolated=True)
    run = run_check([Target(str(target), str(source))], config)
    assert kinds(run) == []  # no "addition" for the directive line
    doc = run.comparisons[0].documents[1]
    assert "translator" not in doc.text and len(doc.text) == len(text)


def test_directive_with_no_names_suppresses_every_check(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(f"{INTRO}\n\nThe river rose to 7.35 metres.\n", encoding="utf-8")
    target = tmp_path / "b.txt"
    target.write_text(f"{INTRO}\n\n[translator: ignore]\nThe river rose to 9.40 metres.\n", encoding="utf-8")
    run = run_check([Target(str(target), str(source))], load_config(isolated=True))
    assert kinds(run) == [] and run.suppressed_count("inline") >= 1


@pytest.mark.parametrize(
    "body, expected",
    [
        (" ignore residue", ("ignore", "block", ["residue"])),
        (" ignore residue,numbers  quotes", ("ignore", "block", ["residue", "numbers", "quotes"])),
        (" ignore", ("ignore", "block", [])),
        (" ignore-file", ("ignore-file", "file", [])),
        (" disable residue", ("disable", "invalid", ["residue"])),
    ],
)
def test_directive_grammar(body, expected):
    assert parse_body(body) == expected
