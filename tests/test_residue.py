"""Residue: source-language text left in a version in another language."""

from __future__ import annotations

from translator.ingest.langid import detect, identify
from translator.ingest.load import document_from_text
from translator.model import Severity
from translator.pipeline import CompareOptions, check_document, compare_documents, prepare_document


def compare_texts(a: str, b: str, la: str = "de", lb: str = "en", **options):
    docs = [
        prepare_document(document_from_text(a, "de.txt"), la),
        prepare_document(document_from_text(b, "en.txt"), lb),
    ]
    return compare_documents(docs, CompareOptions(**options))


def residue(comparison):
    return [
        (
            f.span.version,
            comparison.documents[f.span.version].text[f.span.start : f.span.end],
            f.evidence["signal"],
        )
        for f in comparison.findings
        if f.kind == "residue"
    ]


GERMAN = "Der Fluss stieg am Montag stark an. Viele Menschen mussten ihre Wohnungen verlassen."
ENGLISH = "The river rose sharply on Monday. Many people had to leave their homes."


def test_project_detector_tells_german_from_english_on_two_words():
    assert identify("unterstützung finden", ["de", "en"]).lang == "de"
    assert identify("political party", ["de", "en"]).lang == "en"
    assert identify("hochwasserschutzmaßnahmen", ["de", "en"]).lang == "de"


def test_restricted_langdetect_answers_even_when_both_candidates_are_unlikely():
    guess = detect("gelingt diese", candidates=["de", "en"])
    assert guess.lang in {"de", "en"} and set(guess.probabilities) <= {"de", "en"}


def test_orthography_cue_marks_umlauts_as_not_english():
    assert identify("grün", ["de", "en"]).lang == "de"


def test_photo_credit_label_is_residue_on_a_two_word_line():
    c = compare_texts(GERMAN + "\n\nFoto: dpa", ENGLISH + "\n\nFoto: dpa")
    assert residue(c) == [(1, "Foto: dpa", "marker")]


def test_label_with_french_spacing_and_parenthesis_is_found():
    c = compare_texts(GERMAN + "\n\n(Quelle : Reuters)", ENGLISH + "\n\n(Quelle : Reuters)")
    assert [r[2] for r in residue(c)] == ["marker"]


def test_marker_phrase_anywhere_in_a_caption():
    c = compare_texts(
        GERMAN + "\n\nDresden im Regen (Symbolbild)", ENGLISH + "\n\nDresden in the rain (Symbolbild)"
    )
    assert [r[1:] for r in residue(c)] == [("Dresden in the rain (Symbolbild)", "marker")]


def test_english_credit_label_in_english_copy_is_fine():
    c = compare_texts(GERMAN + "\n\nBild: dpa/Kay Nietfeld", ENGLISH + "\n\nPhoto: dpa/Kay Nietfeld")
    assert residue(c) == []


def test_shared_label_is_not_residue_in_a_language_that_uses_it_too():
    docs = [
        prepare_document(document_from_text("Der Fluss stieg stark an.\n\nFoto: dpa", "de.txt"), "de"),
        prepare_document(document_from_text("El río subió mucho.\n\nFoto: dpa", "es.txt"), "es"),
    ]
    assert residue(compare_documents(docs)) == []


def test_german_spelling_of_a_name_in_english_copy():
    c = compare_texts(
        "Nawalny traf am Montag Vertreter der Opposition in Charkiw.",
        "Nawalny met opposition representatives in Kharkiv on Monday.",
    )
    assert residue(c) == [(1, "Nawalny", "transliteration")]
    [finding] = [f for f in c.findings if f.kind == "residue"]
    assert finding.evidence["expected"] == "Navalny"


def test_spelling_a_glossary_forbids_is_reported_once_by_the_glossary():
    a, b = "Selenskyj sprach in Kiew.", "Selenskyj spoke in Kyiv."
    both = compare_texts(a, b, check_options={"glossary": {"glossaries": ["de-en-news"]}})
    assert residue(both) == [] and [f.kind for f in both.findings if f.span.version == 1] == ["glossary"]
    assert residue(compare_texts(a, b, disabled_checks=["glossary"])) == [(1, "Selenskyj", "transliteration")]


def test_german_genitive_of_a_transliterated_name_is_found():
    c = compare_texts("Das sagte der Bürgermeister von Charkiw.", "Charkiws mayor said so.")
    assert [r[1] for r in residue(c)] == ["Charkiws"]


def test_english_spelling_in_english_copy_is_fine():
    c = compare_texts("Selenskyj reiste nach Kiew.", "Zelensky travelled to Kyiv.")
    assert residue(c) == []


def test_untranslated_german_sentence_in_english_copy():
    c = compare_texts(
        GERMAN,
        "The river rose sharply on Monday. Viele Menschen mussten ihre Wohnungen verlassen.",
    )
    assert residue(c) == [(1, "Viele Menschen mussten ihre Wohnungen verlassen.", "langid")]


def test_untranslated_short_caption_is_found_with_language_id():
    c = compare_texts(GERMAN + "\n\nHochwasser in Dresden", ENGLISH + "\n\nHochwasser in Dresden")
    assert [r[1:] for r in residue(c)] == [("Hochwasser in Dresden", "langid")]


def test_german_names_in_an_english_sentence_are_not_residue():
    c = compare_texts(
        "In den Stadtteilen Laubegast und Pieschen wurden Deiche gesichert.",
        "Dykes were secured in the districts of Laubegast and Pieschen.",
    )
    assert residue(c) == []


def test_the_original_is_not_checked_for_residue():
    # an English original quoting a German credit is the original; the translation is judged
    c = compare_texts(ENGLISH + "\n\nBild: dpa", GERMAN + "\n\nBild: dpa", "en", "de")
    assert residue(c) == []
    c = compare_texts(
        ENGLISH + "\n\nBild: dpa",
        GERMAN + "\n\nBild: dpa",
        "en",
        "de",
        check_options={"residue": {"originals": True}},
    )
    assert [r[:2] for r in residue(c)] == [(0, "Bild: dpa")]


def test_caption_and_credit_labels_are_a_family_per_language():
    for german, dutch in (
        ("Zeichnung: Anna Weber", "Tekening: Anna Weber"),
        ("Infografik: dpa", "Bron: ANP"),
    ):
        c = compare_texts(GERMAN, ENGLISH + "\n\n" + german)
        assert [r[2] for r in residue(c)] == ["marker"]
        c = compare_texts("De rivier steeg maandag sterk.", ENGLISH + "\n\n" + dutch, "nl", "en")
        assert [r[2] for r in residue(c)] == ["marker"]


def test_a_single_foreign_looking_name_line_is_not_residue():
    c = compare_texts(GERMAN + "\n\nKay Nietfeld", ENGLISH + "\n\nKay Nietfeld")
    assert residue(c) == []


def test_residue_is_not_checked_between_versions_in_the_same_language():
    c = compare_texts(ENGLISH + "\n\nBild: dpa", ENGLISH + "\n\nBild: dpa", "en", "en")
    assert residue(c) == []


def test_residue_can_be_switched_off_and_its_severity_changed():
    a, b = GERMAN + "\n\nBild: dpa", ENGLISH + "\n\nBild: dpa"
    assert residue(compare_texts(a, b, disabled_checks=["residue"])) == []
    c = compare_texts(a, b, severities={"residue": Severity.WARNING})
    assert [f.severity for f in c.findings if f.kind == "residue"] == [Severity.WARNING]


def test_single_file_check_finds_residue_with_the_given_source_language(tmp_path):
    path = tmp_path / "article.md"
    path.write_text(
        "# Floods\n\nThe river rose sharply on Monday near Charkiw.\n\nBild: dpa/Kay Nietfeld\n",
        encoding="utf-8",
    )
    c = check_document(str(path), lang="en", source_langs=["de"])
    found = residue(c)
    assert {r[2] for r in found} == {"marker", "transliteration"}
    assert all(f.fingerprint for f in c.findings)


def test_single_file_check_without_a_source_language_reports_no_residue(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("The river rose sharply on Monday.\n\nBild: dpa\n", encoding="utf-8")
    assert residue(check_document(str(path), lang="en")) == []


def test_language_without_any_model_gets_no_language_id_verdicts():
    c = compare_texts(
        GERMAN + "\n\nBild: dpa", "Zi river rose on Monday, zi people left.\n\nBild: dpa", "de", "tlh"
    )
    assert [r[2] for r in residue(c)] == ["marker"]


def _benchmark():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "residue_langid.py"
    spec = importlib.util.spec_from_file_location("residue_langid", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_json_is_keyed_by_detector_then_granularity(tmp_path, capsys):
    items = {"de": ["unterstützung finden", "nicht gelingt"], "en": ["political party", "water parks"]}
    for granularity in ("word-pairs", "single-words"):
        for lang, lines in items.items():
            folder = tmp_path / granularity
            folder.mkdir(exist_ok=True)
            words = lines if granularity == "word-pairs" else [line.split()[0] for line in lines]
            (folder / f"{lang}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    import json

    assert _benchmark().main(["--data", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"langdetect", "langdetect-restricted", "translator"}
    result = data["translator"]["word-pairs"]
    assert result["accuracy"] == 100.0 and result["items_per_s"] > 0
    assert set(data["translator"]) == {"word-pairs", "single-words"}


def test_benchmark_skips_cleanly_without_data(tmp_path, capsys):
    assert _benchmark().main(["--data", str(tmp_path / "absent")]) == 0
    assert "skipping" in capsys.readouterr().out


def test_a_line_listing_people_is_not_judged_by_language():
    names = "Ernst Schmid Jürg Marmet Hans Rudolf von Gunten Ernst Reiss"
    c = compare_texts(GERMAN + "\n\n" + names, ENGLISH + "\n\n" + names)
    assert residue(c) == []
