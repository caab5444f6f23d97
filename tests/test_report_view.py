"""The presentation-neutral rows: N versions line up against the pivot."""

from __future__ import annotations

import pytest
from reportkit import finding, links, make_doc, three_versions

from translator.errors import InputError
from translator.model import Alignment, Comparison
from translator.pipeline import CompareOptions, compare_documents
from translator.renderers.view import build_report


def _texts(cell) -> list[str]:
    return [s.segment.text for s in cell.sentences]


def test_rows_are_keyed_by_pivot_sentence_groups_across_all_versions():
    report = build_report(three_versions())
    table = [[_texts(cell) for cell in row.cells] for row in report.rows]
    assert table == [
        [["P0 zero."], ["B0 zero."], ["C0 zero."]],
        # B merged pivot 1+2, so the group holds both and C's three sentences line up with it
        [["P1 one.", "P2 two."], ["B1 one and two."], ["C1 one.", "C2 two-a.", "C3 two-b."]],
        [["P3 three."], ["B2 three."], ["C4 three."]],
        # C's addition gets its own row right after the pivot sentence it follows
        [[], [], ["C5 added."]],
        [["P4 four."], [], ["C6 four."]],
    ]
    assert [row.kind for row in report.rows] == ["pivot", "pivot", "pivot", "addition", "pivot"]


def test_every_sentence_of_every_version_is_shown_exactly_once_in_order():
    comparison = three_versions()
    report = build_report(comparison)
    for v, doc in enumerate(comparison.documents):
        shown = [s.segment.index for row in report.rows for s in row.cells[v].sentences]
        assert shown == list(range(len(doc.segments)))


def test_gaps_say_why_a_cell_is_empty():
    report = build_report(three_versions())
    addition_row, last_row = report.rows[3], report.rows[4]
    assert addition_row.cells[0].gap == "added-elsewhere"  # the pivot lacks C's sentence
    assert addition_row.cells[1].gap == ""  # B simply has nothing here
    assert last_row.cells[1].gap == "omitted"  # B dropped pivot sentence 4


def test_findings_attach_to_the_row_showing_their_sentence():
    report = build_report(three_versions())
    by_kind = {flag.kind: flag for flag in report.changes}
    # the omission sits in the gap of the version that lacks the sentence
    assert by_kind["omission"].row == 5 and report.rows[4].cells[1].flags == [by_kind["omission"]]
    assert report.rows[4].cells[0].flags == []
    assert by_kind["addition"].row == 4 and report.rows[3].cells[2].flags == [by_kind["addition"]]
    assert report.rows[4].severity == "error"
    assert report.rows[4].filter_keys == "error:omission"
    assert [mark[:2] for mark in report.overview] == [(4, "error"), (5, "error")]
    assert not report.unplaced


def test_moved_sentence_cross_references_its_old_and_new_rows():
    a = make_doc("a.txt", ["First.", "Second.", "Third."])
    b = make_doc("b.txt", ["First.", "Third.", "Second."])
    al = Alignment(0, 1, links(([0], [0]), ([1], []), ([2], [1]), ([], [2])))
    al.moves = links(([1], [2]))
    c = Comparison(documents=[a, b], alignments=[al])
    c.findings = [finding("moved", "info", b, 1, 2, alignment=0, related=(a, 0, 1))]
    report = build_report(c)
    old_row = report.rows[1]
    assert old_row.cells[1].gap == "moved"
    assert old_row.cells[1].gap_row == 4
    (flag,) = report.changes
    assert flag.row == 4 and flag.see_row == 2


def test_word_highlights_come_from_the_wording_diff_spans():
    a = make_doc("a.txt", ["The bank president spoke.", "Rates rose."])
    b = make_doc("b.txt", ["The president spoke loudly.", "Rates rose."])
    al = Alignment(0, 1, links(([0], [0]), ([1], [1])))
    c = Comparison(documents=[a, b], alignments=[al])
    diff = [
        {"op": "delete", "a_start": 4, "a_end": 8, "b_start": -1, "b_end": -1, "a": "bank", "b": ""},
        {"op": "insert", "a_start": -1, "a_end": -1, "b_start": 20, "b_end": 26, "a": "", "b": "loudly"},
    ]
    c.findings = [finding("wording", "warning", b, 1, 0, link=0, evidence={"diff": diff})]
    row = build_report(c).rows[0]
    assert row.cells[0].sentences[0].pieces == [("The ", ""), ("bank", "del"), (" president spoke.", "")]
    assert row.cells[1].sentences[0].pieces == [("The president spoke ", ""), ("loudly", "ins"), (".", "")]


def test_highlights_split_across_the_sentences_of_a_merged_link():
    a = make_doc("a.txt", ["One two.", "Three four."])
    b = make_doc("b.txt", ["One two, three five."])
    al = Alignment(0, 1, links(([0, 1], [0])))
    c = Comparison(documents=[a, b], alignments=[al])
    # a's joined text is "One two. Three four."; "four" sits at 15..19
    diff = [
        {"op": "replace", "a_start": 15, "a_end": 19, "b_start": 15, "b_end": 19, "a": "four", "b": "five"}
    ]
    c.findings = [finding("wording", "warning", b, 1, 0, link=0, evidence={"diff": diff})]
    row = build_report(c).rows[0]
    assert row.cells[0].sentences[0].pieces == [("One two.", "")]
    assert row.cells[0].sentences[1].pieces == [("Three ", ""), ("four", "del"), (".", "")]
    assert row.cells[1].sentences[0].pieces == [("One two, three ", ""), ("five", "ins"), (".", "")]


def test_cross_language_highlights_mark_the_machine_translation():
    a = make_doc("a.txt", ["The house is red."], lang="en")
    b = make_doc("b.txt", ["Das Haus ist blau."], lang="de")
    b.segments[0].translation = "The house is blue."
    al = Alignment(0, 1, links(([0], [0])))
    c = Comparison(documents=[a, b], alignments=[al], mode="machine-translation")
    diff = [
        {"op": "replace", "a_start": 13, "a_end": 16, "b_start": 13, "b_end": 17, "a": "red", "b": "blue"}
    ]
    c.findings = [finding("wording", "warning", b, 1, 0, link=0, evidence={"diff": diff})]
    report = build_report(c)
    sentence = report.rows[0].cells[1].sentences[0]
    assert sentence.pieces == [("Das Haus ist blau.", "")]  # the original is not cut at translation offsets
    assert sentence.translation == [("The house is ", ""), ("blue", "ins"), (".", "")]
    assert report.has_translations


def test_pivot_side_marks_are_left_out_with_more_than_two_versions():
    comparison = three_versions()
    a, b = comparison.documents[0], comparison.documents[1]
    diff = [{"op": "replace", "a_start": 0, "a_end": 2, "b_start": 0, "b_end": 2, "a": "P0", "b": "B0"}]
    comparison.findings.append(finding("wording", "warning", b, 1, 0, link=0, evidence={"diff": diff}))
    row = build_report(comparison).rows[0]
    assert row.cells[0].sentences[0].pieces == [("P0 zero.", "")]
    assert row.cells[1].sentences[0].pieces == [("B0", "ins"), (" zero.", "")]
    assert a.segments[0].text == "P0 zero."


def test_a_finding_outside_every_sentence_is_kept_for_the_header():
    comparison = three_versions()
    stray = finding("residue", "error", comparison.documents[0], 0, 0, alignment=None)
    stray.span.version = 7  # points at no displayed version
    comparison.findings.append(stray)
    report = build_report(comparison)
    assert [f.finding for f in report.unplaced] == [stray]


def test_a_non_first_pivot_keys_rows_by_that_version():
    a = make_doc("a.txt", ["A0.", "A1."])
    b = make_doc("b.txt", ["B0.", "B-extra.", "B1."])
    al = Alignment(1, 0, links(([0], [0]), ([1], []), ([2], [1])))
    c = Comparison(documents=[a, b], alignments=[al], pivot=1)
    table = [[_texts(cell) for cell in row.cells] for row in build_report(c).rows]
    assert table == [[["A0."], ["B0."]], [[], ["B-extra."]], [["A1."], ["B1."]]]
    assert build_report(c).rows[1].cells[0].gap == "omitted"


def test_a_replaced_sentence_shares_the_row_of_the_one_it_replaces():
    a = make_doc("a.txt", ["Old headline here.", "Body text."])
    b = make_doc("b.txt", ["A completely new title.", "Body text."])
    al = Alignment(0, 1, links(([0], []), ([], [0]), ([1], [1])))
    c = Comparison(documents=[a, b], alignments=[al])
    table = [[_texts(cell) for cell in row.cells] for row in build_report(c).rows]
    assert table == [[["Old headline here."], ["A completely new title."]], [["Body text."], ["Body text."]]]


def test_a_single_version_gets_one_row_per_sentence():
    doc = make_doc("a.txt", ["One.", "Two.", "Three."])
    c = Comparison(documents=[doc], mode="single")
    c.findings = [finding("residue", "error", doc, 0, 1, alignment=None)]
    report = build_report(c)
    assert [[_texts(cell) for cell in row.cells] for row in report.rows] == [
        [["One."]],
        [["Two."]],
        [["Three."]],
    ]
    assert report.changes[0].row == 2


def test_compare_documents_refuses_a_pivot_that_is_not_a_version():
    docs = [make_doc("a.txt", ["One."]), make_doc("b.txt", ["One."])]
    with pytest.raises(InputError, match="pivot 3"):
        compare_documents(docs, CompareOptions(pivot=2))
