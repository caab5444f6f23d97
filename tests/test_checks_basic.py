"""The first checks, each with a positive and a negative case."""

from __future__ import annotations

from translator.ingest.load import document_from_text
from translator.lexicon.anchors import numbers
from translator.pipeline import compare_documents, prepare_document


def compare_texts(a: str, b: str, la: str | None = None, lb: str | None = None):
    docs = [
        prepare_document(document_from_text(a, "a.txt"), la),
        prepare_document(document_from_text(b, "b.txt"), lb),
    ]
    return compare_documents(docs)


def kinds(comparison):
    return sorted(f.kind for f in comparison.findings)


def test_numbers_are_equal_across_locales():
    assert numbers("2,000 and 2.000 and 2000") == [2000.0] * 3
    assert numbers("7,35 Meter") == numbers("7.35 metres") == [7.35]


def test_number_mismatch_inside_an_aligned_pair_is_an_error():
    c = compare_texts("The fund has 2,000 members. It grows.", "The fund has 2,500 members. It grows.")
    numbers_findings = [f for f in c.findings if f.kind == "numbers"]
    assert len(numbers_findings) == 1
    assert numbers_findings[0].severity.value == "error"
    assert numbers_findings[0].evidence == {"source": [2000.0], "target": [2500.0]}


def test_same_number_in_another_locale_is_not_flagged():
    c = compare_texts(
        "Der Fonds hat 2.000 Mitglieder und wächst seit Jahren.",
        "The fund has 2,000 members and has been growing for years.",
        "de",
        "en",
    )
    assert "numbers" not in kinds(c)


def test_changed_wording_records_word_level_diff_spans():
    c = compare_texts(
        "Critics warn it could push the economy into recession.",
        "Critics warn it could tip the economy into recession.",
    )
    [f] = [f for f in c.findings if f.kind == "wording"]
    assert [(op["a"], op["b"]) for op in f.evidence["diff"]] == [("push", "tip")]


def test_identical_versions_have_no_findings():
    text = "The bank raised rates. Markets were calm. The next meeting is in September."
    assert compare_texts(text, text).findings == []


def test_omission_and_addition_are_errors():
    c = compare_texts(
        "The bank raised rates today. Builders report fewer orders this month. The next meeting is in September.",
        "The bank raised rates today. The next meeting is in September. Analysts expect a pause now.",
    )
    assert kinds(c) == ["addition", "omission"]
    assert {f.kind: f.severity.value for f in c.findings} == {"addition": "error", "omission": "error"}


def test_german_photo_credit_in_english_copy_is_residue():
    c = compare_texts(
        "Der Fluss stieg am Montag stark an.\n\nBild: dpa/Kay Nietfeld",
        "The river rose sharply on Monday.\n\nBild: dpa/Kay Nietfeld",
        "de",
        "en",
    )
    residue = [f for f in c.findings if f.kind == "residue"]
    assert len(residue) == 1 and residue[0].span.version == 1


def test_fingerprints_do_not_depend_on_position():
    a = compare_texts(
        "Intro here.\n\nThe fund has 2,000 members.", "Intro here.\n\nThe fund has 2,500 members."
    )
    b = compare_texts(
        "A new intro.\n\nMore text first.\n\nThe fund has 2,000 members.",
        "A new intro.\n\nMore text first.\n\nThe fund has 2,500 members.",
    )
    fa = {f.fingerprint for f in a.findings if f.kind == "numbers"}
    fb = {f.fingerprint for f in b.findings if f.kind == "numbers"}
    assert fa and fa == fb


def test_a_number_matching_only_in_its_other_reading_is_not_flagged():
    """ "1.500" in English copy is 1500, but also 1.5 as a German writer
    types it: against a German 1,5 that is not a difference."""
    for de, en in (
        ("Der Fluss stieg am Montag um 1,5 Meter an.", "The river rose by 1.500 metres on Monday."),
        ("Der Fluss stieg am Montag um 1.500 Meter an.", "The river rose by 1.5 metres on Monday."),
    ):
        c = compare_texts(de, en, "de", "en")
        assert "numbers" not in kinds(c), (de, en, c.findings)
    # a real difference is still one
    c = compare_texts(
        "Der Fluss stieg am Montag um 1,5 Meter an.", "The river rose by 2.500 metres on Monday.", "de", "en"
    )
    assert "numbers" in kinds(c)


def test_thousands_and_decimal_separators_of_each_locale_mean_the_same_number():
    assert numbers("2.000 Mitglieder, 7,5 Prozent") == [2000.0, 7.5]
    assert numbers("2 000 membres, 7,5 %") == [2000.0, 7.5]
    assert numbers("2,000 members, 7.5 percent") == [2000.0, 7.5]
    c = compare_texts(
        "Le fonds compte 2 000 membres et 7,5 % de croissance depuis des années.",
        "The fund has 2,000 members and 7.5 percent growth for years.",
        "fr",
        "en",
    )
    assert "numbers" not in kinds(c)
    c = compare_texts(
        "Le fonds compte 2 000 membres et 7,5 % de croissance depuis des années.",
        "The fund has 2,000 members and 5.7 percent growth for years.",
        "fr",
        "en",
    )
    assert "numbers" in kinds(c)
