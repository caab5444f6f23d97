"""Localisation formats are read into units: ids, exact locations, states,
inline elements; bad files are one-line input errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from docxkit import p, table, tracked, write_docx

from translator.cli import main
from translator.errors import InputError
from translator.formats import format_for
from translator.ingest.load import documents_from_text, load_document, load_sides

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "l10n"


def units(doc):
    return {para.unit: doc.text[para.start : para.end] for para in doc.paragraphs}


def para(doc, unit):
    return next(p for p in doc.paragraphs if p.unit == unit)


def at(source: str, line: int, column: int, length: int) -> str:
    """The text at a 1-based line and column of ``source``."""
    row = source.split("\n")[line - 1]
    return row[column - 1 : column - 1 + length]


# -- XLIFF --------------------------------------------------------------------

XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="fr-FR">
  <file id="f1">
    <unit id="u1">
      <segment state="final">
        <source>Hello <ph id="1" equiv="{name}"/>, see <pc id="2" dispStart="&lt;b&gt;">this</pc>.</source>
        <target>Bonjour <ph id="1" equiv="{name}"/>, voyez <pc id="2" dispStart="&lt;b&gt;">ceci</pc>.</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment state="initial"><source>Not yet.</source></segment>
    </unit>
    <unit id="u3">
      <segment id="s1" state="translated"><source>One.</source><target>Un.</target></segment>
      <segment id="s2" state="initial"><source>Two.</source><target>Deux.</target></segment>
    </unit>
    <unit id="skip" translate="no"><segment><source>Brand</source></segment></unit>
  </file>
</xliff>
"""


def test_xliff_12_units_carry_ids_states_and_exact_locations():
    path = EXAMPLES / "app.de.xlf"
    source, target = load_sides(str(path))
    text = path.read_text(encoding="utf-8")
    assert (source.side, target.side) == ("source", "target")
    assert (source.declared_lang, target.declared_lang) == ("en", "de")
    assert units(target)["price"] == "Der Preis beträgt 52 Euro."
    price = para(target, "price")
    assert at(text, price.line, price.column, 9) == "Der Preis"
    assert {p.unit: p.state for p in target.paragraphs} == {
        "welcome": "translated",
        "price": "translated",
        "save": "untranslated",
        "review": "needs-review",
        "empty": "empty",
        "bold": "final",
        "long": "translated",
    }
    assert para(target, "review").file_state == "needs-review-translation"


def test_xliff_inline_elements_keep_their_original_markup_and_position():
    source, target = load_sides(str(EXAMPLES / "app.de.xlf"))
    welcome = para(target, "welcome")
    (placeholder,) = welcome.inline
    assert placeholder["kind"] == "placeholder" and placeholder["id"] == "1"
    assert placeholder["original"] == '<x id="1" equiv-text="{name}"/>'
    assert target.text[placeholder["start"] : placeholder["end"]] == "{name}"
    bold = para(source, "bold")
    assert [(e["kind"], e["original"]) for e in bold.inline] == [("open", '<g id="1">'), ("close", "</g>")]
    opened, closed = bold.inline
    assert source.text[opened["end"] : closed["start"]] == "terms of use"


def test_xliff_20_segments_states_languages_and_translate_no():
    source, target = documents_from_text(XLIFF_20, "app.xlf")
    assert (source.declared_lang, target.declared_lang) == ("en", "fr")
    assert units(target) == {"u1": "Bonjour {name}, voyez ceci.", "u2": "", "u3/s1": "Un.", "u3/s2": "Deux."}
    assert [p.state for p in target.paragraphs] == ["final", "untranslated", "translated", "needs-review"]
    kinds = [(e["kind"], e["id"]) for e in para(target, "u1").inline]
    assert kinds == [("placeholder", "1"), ("open", "2"), ("close", "2")]
    u2 = para(target, "u2")
    assert at(XLIFF_20, u2.line, u2.column, 8) == "Not yet."  # an untranslated unit is located at its source


def test_xliff_and_tmx_are_not_mistaken_for_html_without_a_suffix():
    xliff = (EXAMPLES / "app.de.xlf").read_text(encoding="utf-8")
    tmx = (EXAMPLES / "memory.tmx").read_text(encoding="utf-8")
    assert format_for("download", xliff).name == "xliff"
    assert format_for("download", tmx).name == "tmx"
    assert format_for("strings.xml", (EXAMPLES / "android/values/strings.xml").read_text()).name == "android"
    assert format_for("page", "<html><body><p>Hi</p></body></html>").name == "html"
    assert format_for("captions", "1\n00:00:01,000 --> 00:00:02,000\nHi\n").name == "srt"
    assert format_for("captions", "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n").name == "vtt"
    assert format_for("messages", 'msgid "a"\nmsgstr "b"\n').name == "po"


# -- PO, TMX ------------------------------------------------------------------


def test_po_units_plural_forms_fuzzy_and_untranslated():
    path = EXAMPLES / "messages.de.po"
    source, target = load_sides(str(path))
    text = path.read_text(encoding="utf-8")
    assert target.declared_lang == "de"
    assert units(source)["One trip found[1]"] == "%(count)d trips found"
    assert units(target)["One trip found[1]"] == "%(count)d Reisen gefunden"
    assert units(target)["One trip found[0]"] == "Eine Reise gefunden"
    states = {p.unit: p.state for p in target.paragraphs}
    assert states["Breakfast is included."] == "needs-review"
    assert states["Pets are not allowed."] == "untranslated"
    assert states["Search for trips"] == "translated"
    hotel_src, hotel_tgt = (
        para(source, "The hotel is 2 km from the beach."),
        para(target, "The hotel is 2 km from the beach."),
    )
    assert at(text, hotel_src.line, hotel_src.column, 9) == "The hotel"
    assert at(text, hotel_tgt.line, hotel_tgt.column, 9) == "Das Hotel"
    assert hotel_tgt.line == hotel_src.line + 1


def test_pot_template_is_all_untranslated_and_multiline_strings_join():
    pot = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid ""\n"Two "\n"lines"\nmsgstr ""\n'
    source, target = documents_from_text(pot, "app.pot")
    assert units(source) == {"Two lines": "Two lines"}
    assert [p.state for p in target.paragraphs] == ["untranslated"]
    assert source.paragraphs[0].line == 6  # the first continuation line


def test_tmx_pairs_the_header_source_language_with_the_other():
    source, target = load_sides(str(EXAMPLES / "memory.tmx"))
    assert (source.declared_lang, target.declared_lang) == ("en", "de")
    assert units(source)["3"] == "Tickets cost 12 euros."
    assert units(target)["3"] == "Eintrittskarten kosten 21 Euro."
    assert para(target, "3").line == 15


# -- resource files -----------------------------------------------------------


def test_json_nested_and_flat_keys_are_the_same_key_with_exact_locations():
    path = EXAMPLES / "en.json"
    doc = load_document(str(path))
    got = units(doc)
    assert got["errors.network"] == "No connection. Please try again later."
    assert got["cart.total"] == "Total including taxes: {amount} €"
    flat = load_document(str(EXAMPLES / "de.json"))
    assert "errors.network" in units(flat)
    confirm = para(doc, "booking.confirm")
    assert at(path.read_text(encoding="utf-8"), confirm.line, confirm.column, 12) == "Your booking"
    arrays = documents_from_text(
        '{"steps": ["One", "Two"], "n": 3, "@steps": {"description": "x"}}', "a.json"
    )[0]
    assert units(arrays) == {"steps[0]": "One", "steps[1]": "Two"}


def test_yaml_drops_the_rails_locale_root_and_locates_values():
    doc = load_document(str(EXAMPLES / "yaml/de.yml"))
    assert units(doc)["nav.home"] == "Startseite"
    contact = para(doc, "footer.contact")
    assert (contact.line, contact.column) == (6, 15)  # inside the quotes
    block = documents_from_text("intro: |\n  First line.\n  Second line.\n", "a.yml")[0]
    assert units(block) == {"intro": "First line.\nSecond line.\n"}
    assert (block.paragraphs[0].line, block.paragraphs[0].column) == (2, 3)


def test_properties_continuation_lines_and_escapes():
    text = "# c\ngreeting = Hello \\\n    world\nkey\\ with\\ space:caf\\u00e9\n"
    doc = documents_from_text(text, "m.properties")[0]
    assert units(doc) == {"greeting": "Hello world", "key with space": "café"}
    greeting, spaced = doc.paragraphs
    assert (greeting.line, greeting.column) == (2, 12)
    assert (spaced.line, spaced.column) == (4, 18)


def test_android_strings_arrays_plurals_escapes_and_untranslatable():
    xml = (
        '<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <string name="brand" translatable="false">Acme</string>\n'
        '  <string name="apos">Don\\\'t \\"panic\\"\\nnow</string>\n'
        '  <string name="hello">Hi <xliff:g id="n">%1$s</xliff:g> <b>now</b></string>\n'
        '  <string-array name="days"><item>Mon</item><item>Tue</item></string-array>\n'
        '  <plurals name="files"><item quantity="one">%d file</item><item quantity="other">%d files</item></plurals>\n'
        "</resources>\n"
    )
    doc = documents_from_text(xml, "strings.xml")[0]
    assert doc.format == "android"
    assert units(doc) == {
        "apos": 'Don\'t "panic"\nnow',
        "hello": "Hi %1$s now",
        "days[0]": "Mon",
        "days[1]": "Tue",
        "files[one]": "%d file",
        "files[other]": "%d files",
    }
    kinds = [(e["kind"], e["original"]) for e in para(doc, "hello").inline]
    assert kinds[0] == ("placeholder", '<xliff:g id="n">%1$s</xliff:g>')
    assert ("open", "<b>") in kinds and ("close", "</b>") in kinds
    tue = para(doc, "days[1]")
    assert (tue.line, tue.column) == (5, 51) and at(xml, tue.line, tue.column, 3) == "Tue"


def test_apple_strings_comments_escapes_and_bare_keys():
    text = '/* a comment; with = signs */\n"a" = "Say \\"hi\\"\\n";\n// line comment\nbare_key = "\\U00e9t\\u00e9";\n"same";\n'
    doc = documents_from_text(text, "Localizable.strings")[0]
    assert units(doc) == {"a": 'Say "hi"\n', "bare_key": "été", "same": "same"}
    assert (doc.paragraphs[0].line, doc.paragraphs[0].column) == (2, 8)


# -- subtitles, DOCX ----------------------------------------------------------


def test_srt_cues_are_text_without_numbers_or_time_codes():
    doc = load_document(str(EXAMPLES / "subtitles/en.srt"))
    assert units(doc) == {
        "1": "Welcome to Lisbon,\nthe city of seven hills.",
        "2": "The tram runs every 12 minutes.",
        "3": "Buy your ticket before you board.",
    }
    assert doc.paragraphs[1].time == (4.0, 6.0)
    assert "-->" not in doc.text and "00:00" not in doc.text
    assert (doc.paragraphs[2].line, doc.paragraphs[2].column) == (12, 1)


def test_vtt_cue_identifiers_name_the_cue():
    doc = load_document(str(EXAMPLES / "subtitles/en.vtt"))
    assert units(doc) == {"intro": "Good morning.", "2": "Our tour starts at 9 o'clock."}
    assert doc.paragraphs[1].time == (2.5, 5.0)


def test_docx_reads_final_text_of_tracked_changes_tables_headers_and_footnotes(tmp_path):
    path = write_docx(
        tmp_path / "report.docx",
        [
            p("Title", "Heading1"),
            tracked("It took ", "four", "five", " hours."),
            table([["Price", "20 euros"]]),
        ],
        header="Draft",
        footnotes=["Prices without guarantee."],
    )
    doc = load_document(str(path))
    assert units(doc) == {
        "paragraph 1": "Title",
        "paragraph 2": "It took five hours.",
        "table 1 row 1 cell 1": "Price",
        "table 1 row 1 cell 2": "20 euros",
        "header": "Draft",
        "footnote 1": "Prices without guarantee.",
    }
    assert doc.paragraphs[0].kind == "heading"
    assert doc.line_col(doc.paragraphs[3].start + 3) == (4, 4)  # paragraph 4, column 4


# -- bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "where", "message"),
    [
        (
            "bad.xlf",
            '<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n',
            ":4:",
            "malformed XML",
        ),
        ("bad.po", 'msgid "a"\nmsgstr "b"\nbogus line\n', ":3:", "PO syntax error"),
        ("bad.srt", "1\n00:00:01,000 --> 00:00:0x,000\nHello\n", ":2:", "time code does not parse"),
        ("bad.json", '{\n  "a": "b",\n  "c": \n}\n', ":4:", "invalid JSON"),
        ("bad.yml", "a:\n  b: [c\n", ":3:", "invalid YAML"),
        ("bad.strings", '"a" = "b"\n"c" = "d";\n', ":2:", "expected ';'"),
        ("bad.tmx", '<tmx version="1.4"><body><tu></body></tmx>', ":1:", "malformed XML"),
        ("strings.xml", "<resources><string name='a'>x</resources>", ":1:", "malformed XML"),
    ],
)
def test_malformed_files_exit_2_with_one_line_naming_file_and_line(
    runner, tmp_path, name, content, where, message
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(main, ["check", "--no-config", str(path)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert f"{path}{where}" in lines[0] and message in lines[0]


def test_a_docx_that_is_not_a_zip_exits_2_naming_the_file(runner, tmp_path):
    path = tmp_path / "report.docx"
    path.write_text("just text", encoding="utf-8")
    result = runner.invoke(main, ["check", "--no-config", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"translator: error: {path}: not a DOCX file (not a zip archive)"


def test_a_bilingual_file_without_units_is_an_input_error():
    with pytest.raises(InputError, match="contains no translation units"):
        documents_from_text('<xliff version="1.2"><file><body/></file></xliff>', "empty.xlf")


def test_markdown_keeps_code_spans_emphasis_and_links_as_inline_elements():
    doc = documents_from_text("Run `make  test` with **care**, see [the docs](https://ex.am/ple).\n", "a.md")[
        0
    ]
    assert doc.text == "Run make test with care, see the docs."  # the prose is unchanged
    (paragraph,) = doc.paragraphs
    shown = [(e["kind"], e["original"], doc.text[e["start"] : e["end"]]) for e in paragraph.inline]
    assert shown == [
        ("placeholder", "`make  test`", "make test"),
        ("open", "**", ""),
        ("close", "**", ""),
        ("open", "[", ""),
        ("close", "](https://ex.am/ple)", ""),
    ]
    assert doc.text[paragraph.inline[1]["start"] : paragraph.inline[2]["start"]] == "care"
