"""``translator translate`` and MT inside ``compare``; the machine-output and protected-terms checks."""
# ruff: noqa: F811  (pytest fixtures imported from modelbuilder)

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from modelbuilder import argos_env, installed, tiny_packages  # noqa: F401

from translator.checks import run_checks
from translator.cli import main
from translator.model import Comparison, Document, Segment

ROOT = Path(__file__).resolve().parent.parent
DE = ROOT / "examples/de-en-news/de.md"
EN = ROOT / "examples/de-en-news/en.md"
PUA = re.compile("[\ue000-\uf8ff]")


def test_markdown_structure_survives_translation(runner, installed, tmp_path):
    src = tmp_path / "a.md"
    src.write_text(
        "---\ntitle: Bericht\n---\n\n# Hochwasser in Dresden\n\nDie Stadt hat den Katastrophenfall ausgerufen. "
        "Der Pegel steigt.\n\n- Erster Punkt mit `code` hier.\n- Zweiter Punkt mit [Link](https://example.org/a_b).\n\n"
        "> Ein Zitat des Bürgermeisters.\n\n```\nDieser Code bleibt.\n```\n\n| a | b |\n|---|---|\n| Zelle | Wert |\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.md"
    result = runner.invoke(main, ["translate", str(src), "--to", "en", "--from", "de", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[:4] == ["---", "title: Bericht", "---", ""]
    assert lines[4].startswith("# ") and "Hochwasser" not in lines[4]
    assert lines[5] == "" and lines[6] and lines[7] == ""
    assert lines[8].startswith("- ") and lines[9].startswith("- ")
    assert "`code`" in lines[8] and "](https://example.org/a_b)" in lines[9]
    assert lines[11].startswith("> ")
    text = "\n".join(lines)
    assert "```\nDieser Code bleibt.\n```" in text
    assert "| Zelle | Wert |" in text
    assert not PUA.search(text)


def test_html_text_nodes_are_translated_and_markup_kept(runner, installed, tmp_path):
    src = tmp_path / "a.html"
    src.write_text(
        '<!DOCTYPE html>\n<html lang="de"><head><title>Bericht</title><script>var x = "Text";</script></head>'
        '<body><h1 class="t">Hochwasser in Dresden</h1><p>Die Stadt <b>Dresden</b> hat '
        '<a href="https://example.org/x">den Fall</a> ausgerufen.</p><img src="a.png" alt="Ein Bild">'
        "<pre>Bleibt so.</pre></body></html>\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["translate", str(src), "--to", "en", "--from", "de", "-q"])
    assert result.exit_code == 0, result.output
    html = result.stdout
    assert html.startswith("<!DOCTYPE html>")
    for kept in (
        '<h1 class="t">',
        '<a href="https://example.org/x">',
        "<b>",
        'var x = "Text";',
        "<pre>Bleibt so.</pre>",
        'src="a.png"',
    ):
        assert kept in html
    assert "Hochwasser in Dresden" not in html and 'alt="Ein Bild"' not in html


def test_plain_text_stdin_to_stdout_keeps_paragraphs(runner, installed):
    text = "Erster Absatz. Mit zwei Sätzen.\n\nZweiter Absatz.\n\n\nDritter Absatz.\n"
    result = runner.invoke(main, ["translate", "-", "--to", "en", "--from", "de", "--quiet"], input=text)
    assert result.exit_code == 0, result.output
    blocks = result.stdout.split("\n\n")
    assert len(blocks) == 3 and blocks[2].startswith("\n")
    assert result.stdout.endswith("\n")


def test_summary_and_language_detection_on_stderr(runner, installed):
    result = runner.invoke(main, ["translate", str(DE), "--to", "en"])
    assert result.exit_code == 0, result.output
    assert "de -> en with translate-de_en 1.0" in result.stderr
    assert "decoded" in result.stderr and "from cache" in result.stderr
    again = runner.invoke(main, ["translate", str(DE), "--to", "en"])
    assert again.stdout == result.stdout
    assert "(0 decoded," in again.stderr
    fresh = runner.invoke(main, ["translate", str(DE), "--to", "en", "--no-cache"])
    assert "(0 decoded," not in fresh.stderr and fresh.stdout == result.stdout


def test_missing_model_is_exit_2_with_the_install_command(runner, argos_env):
    result = runner.invoke(main, ["translate", str(DE), "--to", "en"])
    assert result.exit_code == 2
    assert "translator models install de en" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_output_never_overwrites_the_input(runner, installed, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Ein Satz.\n", encoding="utf-8")
    result = runner.invoke(main, ["translate", str(src), "--to", "en", "-o", str(src)])
    assert result.exit_code == 2 and src.read_text(encoding="utf-8") == "Ein Satz.\n"


def test_compare_translates_the_other_version_and_reports_mode_and_package(runner, installed):
    result = runner.invoke(main, ["compare", str(DE), str(EN), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["mode"] == "machine-translation"
    assert data["packages"] == {"1": "translate-en_de 1.0"}
    assert any("machine-translated into de" in note for note in data["notes"])
    segments = data["documents"][1]["segments"]
    assert all(s["translation"] is not None for s in segments)
    assert data["alignments"][0]["links"]


def test_compare_without_mt_flag_or_model_stays_model_free(runner, installed):
    result = runner.invoke(main, ["compare", str(DE), str(EN), "--format", "json", "--no-mt"])
    data = json.loads(result.stdout)
    assert data["mode"] == "model-free"
    assert all(s["translation"] is None for s in data["documents"][1]["segments"])


def test_compare_says_which_model_is_missing(runner, argos_env, tiny_packages):
    from translator.translate.packages import install_from_file

    install_from_file(tiny_packages["de-en"])  # wrong direction for pivot de
    data = json.loads(runner.invoke(main, ["compare", str(DE), str(EN), "--format", "json"]).stdout)
    assert data["mode"] == "model-free"
    assert any("No translation model for en -> de" in n for n in data["notes"])


def _translated(pairs: list[tuple[str, str]], lost: dict[int, list[str]] | None = None) -> Comparison:
    text = "\n".join(src for src, _ in pairs)
    doc = Document(name="a", text=text, lang="de")
    offset = 0
    for i, (src, tgt) in enumerate(pairs):
        doc.segments.append(
            Segment(i, src, offset, offset + len(src), 0, translation=tgt, lost_terms=(lost or {}).get(i, []))
        )
        offset += len(src) + 1
    return Comparison(documents=[doc], mode="single")


NORMAL = [
    ("Die Stadt hat den Katastrophenfall ausgerufen.", "The city declared a state of emergency."),
    ("Der Pegel der Elbe erreichte 7,35 Meter.", "The level of the Elbe reached 7.35 metres."),
    ("Die Polizei sucht dringend nach Zeugen.", "The police are urgently looking for witnesses."),
    ("Das Geld soll schnell ankommen, sagte er.", "The money should arrive quickly, he said."),
    ("Die Opposition kritisierte den Plan scharf.", "The opposition sharply criticised the plan."),
]


@pytest.mark.parametrize(
    "bad,issue",
    [
        (("Der Minister trat am Montag zurück.", "The the the the the the minister"), "repetition"),
        (("Der Minister trat am Montag zurück.", ""), "empty"),
        (("Der Minister trat am Montag zurück.", "Der Minister trat am Montag zurück."), "identical"),
        (("Der Minister trat am Montag überraschend zurück.", "Minister."), "length-ratio"),
        (
            (
                "Der Minister trat zurück.",
                "The minister resigned and then went on to explain at great length why he did so and what it meant.",
            ),
            "length-ratio",
        ),
    ],
)
def test_machine_output_check_flags_broken_translations(bad, issue):
    findings = run_checks(_translated(NORMAL + [bad]), enabled=["machine-output"])
    assert [(f.kind, f.evidence["issue"]) for f in findings] == [("machine-output", issue)]
    assert findings[0].span.start == sum(len(s) + 1 for s, _ in NORMAL)


def test_machine_output_check_is_quiet_on_sound_translations_and_untranslated_segments():
    assert run_checks(_translated(NORMAL), enabled=["machine-output"]) == []
    comparison = _translated(NORMAL)
    for seg in comparison.documents[0].segments:
        seg.translation = None
    assert run_checks(comparison, enabled=["machine-output", "protected-terms"]) == []


def test_protected_terms_check_reports_terms_the_model_lost():
    findings = run_checks(_translated(NORMAL, lost={2: ["Kiew"]}), enabled=["protected-terms"])
    assert len(findings) == 1
    assert findings[0].kind == "protected-terms" and "'Kiew'" in findings[0].message
    assert findings[0].evidence == {"terms": ["Kiew"]}


@pytest.mark.parametrize(
    ("flag", "env", "expected"),
    [(["--batching", "exact"], None, "exact"), ([], "exact", "exact"), ([], None, "padded")],
)
def test_batching_policy_is_chosen_by_flag_or_environment(
    runner, installed, tmp_path, monkeypatch, flag, env, expected
):
    from translator.translate import engine as engine_mod

    seen: list[str] = []
    real = engine_mod.make_batches

    def spy(tokenized, batching):  # noqa: ANN001
        seen.append(batching)
        return real(tokenized, batching)

    monkeypatch.setattr(engine_mod, "make_batches", spy)
    monkeypatch.setattr(engine_mod, "_LOADED", {})
    if env:
        monkeypatch.setenv("TRANSLATOR_BATCHING", env)
    else:
        monkeypatch.delenv("TRANSLATOR_BATCHING", raising=False)
    src = tmp_path / "a.txt"
    src.write_text("Die Stadt hat den Katastrophenfall ausgerufen. Der Pegel steigt.\n", encoding="utf-8")
    result = runner.invoke(
        main, ["translate", str(src), "--to", "en", "--from", "de", "-q", "--no-cache", *flag]
    )
    assert result.exit_code == 0, result.output
    assert seen == [expected]
    bad = runner.invoke(main, ["translate", str(src), "--to", "en", "--batching", "fastest"])
    assert bad.exit_code == 2
