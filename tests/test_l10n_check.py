"""Checking localisation files: units are the alignment, findings point at
the unit's line and column in every output, states come from the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docxkit import p, write_docx

from translator.cli import main
from translator.gate.checkrun import Target, run_check
from translator.gate.config import Overrides, load_config
from translator.ingest.load import load_sides
from translator.pipeline import CompareOptions, compare_paths
from translator.renderers import get_renderer

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "l10n"
NO_MT = CompareOptions(machine_translation=False, mt_cache=False)


def run(*targets: Target, options: tuple[str, ...] = ()):
    config = load_config(isolated=True, overrides=Overrides(options=options))
    return run_check(list(targets), config)


def sarif_results(check_run):
    return json.loads(get_renderer("sarif").render_run(check_run))["runs"][0]["results"]


def unit_line(path: Path, unit: str, side: int = -1) -> tuple[int, int]:
    doc = load_sides(str(path))[side]
    para = next(p for p in doc.paragraphs if p.unit == unit)
    return para.line, para.column


@pytest.mark.parametrize(
    ("translation", "source", "kind", "unit", "side"),
    [
        ("app.de.xlf", None, "numbers", "price", -1),
        ("app.de.xlf", None, "unit-state", "save", -1),
        ("messages.de.po", None, "numbers", "The hotel is 2 km from the beach.", -1),
        ("memory.tmx", None, "numbers", "3", -1),
        ("en.json", "de.json", "numbers", "booking.confirm", -1),
        ("yaml/en.yml", "yaml/de.yml", "omission", "footer.hours", 0),
        (
            "properties/messages_en.properties",
            "properties/messages_de.properties",
            "numbers",
            "basket.items",
            -1,
        ),
        ("android/values-de/strings.xml", "android/values/strings.xml", "numbers", "seats", -1),
        ("apple/de.strings", "apple/en.strings", "numbers", "search.dates", -1),
        ("subtitles/de.srt", "subtitles/en.srt", "numbers", "2", -1),
        ("subtitles/de.vtt", "subtitles/en.vtt", "numbers", "2", -1),
    ],
)
def test_sarif_result_line_is_the_units_line_in_the_file(translation, source, kind, unit, side):
    target = Target(str(EXAMPLES / translation), str(EXAMPLES / source) if source else None)
    results = [r for r in sarif_results(run(target)) if r["ruleId"] == kind]
    located = [r for r in results if r["locations"][0]["logicalLocations"][0]["name"] == unit]
    assert located, [r["message"]["text"] for r in results]
    region = located[0]["locations"][0]["physicalLocation"]["region"]
    file = EXAMPLES / (translation if side == -1 or not source else source)
    line, column = unit_line(file, unit, side if not source else -1)
    assert region["startLine"] == line
    assert region["startColumn"] >= column


def test_docx_findings_point_at_the_paragraph(tmp_path):
    de = write_docx(tmp_path / "de.docx", [p("Bericht aus Porto"), p("Das Zimmer kostet 80 Euro pro Nacht.")])
    en = write_docx(tmp_path / "en.docx", [p("Report from Porto"), p("The room costs 90 euros per night.")])
    results = sarif_results(run(Target(str(en), str(de))))
    numbers = [r for r in results if r["ruleId"] == "numbers"]
    assert numbers and numbers[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert numbers[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "paragraph 2"


def test_every_check_output_names_the_unit(runner):
    xlf = str(EXAMPLES / "app.de.xlf")
    line, column = unit_line(EXAMPLES / "app.de.xlf", "price")
    text = runner.invoke(main, ["check", "--no-config", xlf])
    assert f"{xlf}:{line}:{column}: error numbers: [unit price] Numbers differ" in text.output
    data = json.loads(runner.invoke(main, ["check", "--no-config", xlf, "--format", "json"]).output)
    price = next(f for f in data["findings"] if f["kind"] == "numbers")
    assert (price["unit"], price["line"]) == ("unit price", line)
    junit = runner.invoke(main, ["check", "--no-config", xlf, "--format", "junit"]).output
    assert f":{line}:" in junit and "[unit price]" in junit
    github = runner.invoke(main, ["check", "--no-config", xlf, "--format", "github"]).output
    assert f"line={line}," in github and "[unit price]" in github


def test_compare_of_one_bilingual_file_shows_units_side_by_side_with_ids(runner, tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(main, ["compare", str(EXAMPLES / "app.de.xlf"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert '<span class="unit">unit price</span> Der Preis beträgt 52 Euro.' in html
    assert '<span class="unit">unit price</span> The price is 25 euros.' in html


def test_units_are_the_alignment_and_long_units_are_aligned_inside():
    comparison = compare_paths([str(EXAMPLES / "app.de.xlf")], NO_MT)
    source, target = comparison.documents
    links = comparison.alignments[0].links
    for link in links:
        if link.src and link.tgt:
            units = {source.paragraph_at(source.segments[i].start).unit for i in link.src}
            units |= {target.paragraph_at(target.segments[j].start).unit for j in link.tgt}
            assert len(units) == 1, units  # no link crosses units
    omitted = [f for f in comparison.findings if f.kind == "omission"]
    assert [source.text[f.span.start : f.span.end] for f in omitted] == ["It fixes twelve bugs."]


def test_untranslated_units_are_reported_by_state_not_as_omissions():
    comparison = compare_paths([str(EXAMPLES / "app.de.xlf")], NO_MT)
    by_kind = {}
    for f in comparison.findings:
        by_kind.setdefault(f.kind, []).append(f.evidence.get("unit"))
    assert sorted(by_kind["unit-state"]) == ["empty", "review", "save"]
    assert all(
        "Save your changes" not in comparison.documents[0].text[f.span.start : f.span.end]
        for f in comparison.findings
        if f.kind == "omission"
    )


def test_skip_untranslated_leaves_units_not_yet_translated_out():
    xlf = Target(str(EXAMPLES / "app.de.xlf"))

    def states(check_run):
        return sorted(
            f.finding.evidence["state"] for f in check_run.findings() if f.finding.kind == "unit-state"
        )

    assert states(run(xlf)) == ["empty", "needs-review", "untranslated"]
    assert states(run(xlf, options=("unit-state.skip_untranslated=true",))) == ["empty", "needs-review"]


def test_a_faithful_json_pair_nested_against_flat_has_no_omission_or_addition(tmp_path):
    de = tmp_path / "de.json"
    en = tmp_path / "en.json"
    de.write_text(
        json.dumps(
            {
                "nav": {"home": "Startseite", "help": "Hilfe und Kontakt"},
                "greeting": "Guten Morgen, {name}!",
                "cart": {"count": "Sie haben 3 Artikel im Warenkorb.", "empty": "Der Warenkorb ist leer."},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    en.write_text(
        json.dumps(
            {
                "cart.empty": "The basket is empty.",
                "cart.count": "You have 3 items in your basket.",
                "greeting": "Good morning, {name}!",
                "nav.help": "Help and contact",
                "nav.home": "Home",
            }
        ),
        encoding="utf-8",
    )
    check_run = run(Target(str(en), str(de)))
    kinds = [f.finding.kind for f in check_run.findings()]
    assert "omission" not in kinds and "addition" not in kinds
    comparison = check_run.comparisons[0]
    assert all(link.src and link.tgt for link in comparison.alignments[0].links)
    assert len(comparison.alignments[0].links) == 5


def test_missing_key_is_an_omission_and_extra_key_an_addition():
    check_run = run(Target(str(EXAMPLES / "en.json"), str(EXAMPLES / "de.json")))
    found = {(f.finding.kind, f.location.unit) for f in check_run.findings()}
    assert ("omission", "key booking.cancel") in found
    assert ("addition", "key promo") in found
    assert ("numbers", "key booking.confirm") in found


SRT_A = "1\n00:00:01,000 --> 00:00:04,000\nThe ferry leaves at 9 and arrives at 11.\n\n2\n00:00:05,000 --> 00:00:07,000\nBring a coat.\n"
SRT_B = (
    "1\n00:00:01,000 --> 00:00:02,400\nDie Fähre legt um 9 ab\n\n"
    "2\n00:00:02,500 --> 00:00:04,000\nund kommt um 11 an.\n\n"
    "3\n00:00:05,000 --> 00:00:07,000\nNehmen Sie eine Jacke mit.\n"
)


def test_subtitle_cues_are_matched_by_time_overlap_and_time_codes_are_not_numbers(tmp_path):
    a, b = tmp_path / "en.srt", tmp_path / "de.srt"
    a.write_text(SRT_A, encoding="utf-8")
    b.write_text(
        SRT_B.replace("00:00:05,000 --> 00:00:07,000", "00:00:05,200 --> 00:00:07,300"), encoding="utf-8"
    )
    check_run = run(Target(str(b), str(a)))
    kinds = {f.finding.kind for f in check_run.findings()}
    assert not kinds & {"omission", "addition", "numbers"}, [f.message for f in check_run.findings()]
    links = check_run.comparisons[0].alignments[0].links
    assert [(link.src, link.tgt) for link in links if link.src and link.tgt][0][1] == [0, 1]


def test_subtitle_limits_have_usual_defaults_and_are_configurable(tmp_path):
    srt = tmp_path / "de.srt"
    long_line = "Die Straßenbahn fährt alle zwölf Minuten durch die Altstadt"
    srt.write_text(f"1\n00:00:01,000 --> 00:00:02,000\n{long_line}\nzwei\ndrei\n", encoding="utf-8")
    found = {f.finding.kind: f for f in run(Target(str(srt))).findings()}
    assert found["subtitle-lines"].location.line in (3, 4)
    assert {
        f.finding.message for f in run(Target(str(srt))).findings() if f.finding.kind == "subtitle-lines"
    } == {
        f"{len(long_line)} characters on this line (limit 42).",
        "3 lines in this cue (limit 2).",
    }
    assert "characters per second (limit 17)" in found["subtitle-speed"].finding.message
    relaxed = run(
        Target(str(srt)),
        options=(
            "subtitle-lines.max_line_chars=80",
            "subtitle-lines.max_lines=3",
            "subtitle-speed.max_cps=90",
        ),
    )
    assert not {f.finding.kind for f in relaxed.findings()} & {"subtitle-lines", "subtitle-speed"}


def test_a_folder_check_takes_bilingual_and_subtitle_files_but_not_configuration_json(tmp_path):
    from translator.gate.checkrun import files_in

    for name in ("app.de.xlf", "messages.po", "de.srt", "package.json", "config.yml", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert sorted(Path(f).name for f in files_in(tmp_path)) == [
        "app.de.xlf",
        "de.srt",
        "messages.po",
        "notes.md",
    ]


@pytest.mark.parametrize(
    ("name", "unit"),
    [("app.de.xlf", "price"), ("messages.de.po", "The hotel is 2 km from the beach."), ("memory.tmx", "3")],
)
def test_the_html_report_locates_a_bilingual_files_findings_at_the_units_line(runner, tmp_path, name, unit):
    out = tmp_path / "report.html"
    result = runner.invoke(main, ["compare", str(EXAMPLES / name), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    line, column = unit_line(EXAMPLES / name, unit)
    doc = load_sides(str(EXAMPLES / name))[-1]
    noun = f"{doc.unit_noun} {unit}" if doc.unit_noun else unit
    located = [w for w in html.split('<span class="where">')[1:] if f"[{noun}]" in w.split("</span>")[0]]
    assert located, html[:2000]
    where = located[0].split("</span>")[0]
    assert where.startswith(f"{name}:{line}:")
    assert int(where.split(":")[2].split(" ")[0]) >= column
