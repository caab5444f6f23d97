"""mechanics: brackets, end punctuation, doubled words, whitespace,
sentence-initial capitals, and the Spanish and French rules."""

from __future__ import annotations

import pytest
from qakit import findings, flagged, single

from translator.checks.mechanics import end_mark

#: (source, faithful translation, planted error, target language, rule)
CORPUS = [
    (
        "Die Zahl (laut Polizei) stieg.",
        "The number (according to police) rose.",
        "The number (according to police rose.",
        "en",
        "brackets",
    ),
    ("Siehe [1] und [2].", "See [1] and [2].", "See [1] and [2.", "en", "brackets"),
    ("Er kam (spät.", "He came (late.", "He came late).", "en", "brackets"),
    ("Kommt er morgen?", "Is he coming tomorrow?", "Is he coming tomorrow.", "en", "end-punctuation"),
    ("Wer war das?“", "Who was that?”", "Who was that.”", "en", "end-punctuation"),
    ("Achtung!", "Attention!", "Attention.", "en", "end-punctuation"),
    ("Er kommt morgen.", "He is coming tomorrow.", "He is coming tomorrow?", "en", "end-punctuation"),
    ("Der Bericht ist fertig.", "The report is ready.", "The the report is ready.", "en", "doubled-word"),
    ("Wir haben es gesehen.", "We have seen it.", "We have have seen it.", "en", "doubled-word"),
    ("Das Haus ist groß.", "La maison est grande.", "La maison est est grande.", "fr", "doubled-word"),
    ("Das ist ein Test.", "This is a test.", "This is a a test.", "en", "doubled-word"),
    ("Der Bericht ist fertig.", "The report is ready.", "The report  is ready.", "en", "doubled-space"),
    (
        "Er sagte, es sei gut.",
        "He said it was good.",
        "He said it was good .",
        "en",
        "space-before-punctuation",
    ),
    ("Ja, sicher.", "Yes, sure.", "Yes , sure.", "en", "space-before-punctuation"),
    ("Die Sitzung beginnt.", "The meeting begins.", "the meeting begins.", "en", "capitals"),
    ("Heute regnet es.", "Today it rains.", "today it rains.", "en", "capitals"),
    ("Morgen kommt er.", "Il vient demain.", "il vient demain.", "fr", "capitals"),
    ("Kommst du?", "¿Vienes?", "Vienes?", "es", "spanish-opening-mark"),
    ("Wie schön!", "¡Qué bonito!", "Qué bonito!", "es", "spanish-opening-mark"),
    ("Wirklich?", "¿De verdad?", "¿De verdad.", "es", "end-punctuation"),
    ("Warum?", "Pourquoi ?", "Pourquoi?", "fr", "french-spacing"),
    ("Achtung: Stufe!", "Attention : marche !", "Attention: marche !", "fr", "french-spacing"),
    ("Er sagte: gut.", "Il a dit\u202f: bien.", "Il a dit: bien.", "fr", "french-spacing"),
]


@pytest.mark.parametrize(("source", "good", "bad", "lang", "rule"), CORPUS)
def test_a_faithful_translation_has_clean_mechanics(source, good, bad, lang, rule):
    assert flagged([(source, good)], "mechanics", "de", lang) == []


@pytest.mark.parametrize(("source", "good", "bad", "lang", "rule"), CORPUS)
def test_each_planted_mechanical_error_is_found_by_its_rule(source, good, bad, lang, rule):
    found = flagged([(source, bad)], "mechanics", "de", lang)
    assert rule in [f.evidence["rule"] for f in found]


def test_words_a_language_doubles_on_purpose_are_not_flagged():
    assert (
        flagged([("x", "Sie sagte, die die Regierung stützen, seien still.")], "mechanics", "en", "de") == []
    )
    assert flagged([("x", "He had had enough.")], "mechanics", "de", "en") == []
    assert flagged([("x", "Nous nous sommes vus.")], "mechanics", "de", "fr") == []
    assert flagged([("x", "They visited Bora Bora.")], "mechanics", "de", "en") == []


def test_allowed_doubles_extend_the_language_list():
    pair = [("Sehr sehr gut.", "Very very good.")]
    assert flagged(pair, "mechanics")
    assert flagged(pair, "mechanics", allowed_doubles=["very"]) == []


def test_a_bracket_spanning_sentences_in_both_versions_is_not_flagged():
    assert flagged([("(Er kam spät.", "(He came late.")], "mechanics") == []


def test_lower_case_openings_the_source_shares_or_that_continue_a_quote_pass():
    assert flagged([("iPhone-Verkauf startet.", "iPhone sales start.")], "mechanics") == []
    assert flagged([("Olivia de Havilland starb.", "de Havilland died.")], "mechanics") == []
    assert (
        flagged([("„Aber so ist es“, sagte er.", "„aber so ist es“, sagte er.")], "mechanics", "en", "de")
        == []
    )


def test_an_added_exclamation_is_style_but_a_lost_question_is_not():
    assert flagged([("Er kam.", "He came!")], "mechanics") == []
    assert flagged([("Er kam?", "He came.")], "mechanics")


def test_leading_and_trailing_whitespace_of_units_is_compared():
    found = flagged([("Speichern", "Save ")], "mechanics")
    assert [f.evidence["rule"] for f in found] == ["trailing-whitespace"]


def test_sentence_rules_run_on_a_single_file_too():
    found = findings(single(["The the report is ready.", "All is well."]), "mechanics")
    assert [f.evidence["rule"] for f in found] == ["doubled-word"]


def test_each_rule_can_be_switched_off():
    pair = [("Kommt er?", "is he coming.")]
    assert flagged(pair, "mechanics", end_punctuation=False, capitals=False) == []


def test_end_mark_skips_closing_quotes_and_reads_interrobangs_as_questions():
    assert end_mark("Wer?“") == "?"
    assert end_mark("Wirklich?!") == "?"
    assert end_mark("Ende.)") == "."
    assert end_mark("Titel") == ""


def test_a_name_particle_opening_a_sentence_passes_even_where_the_source_says_it_otherwise():
    assert flagged([("Die Schauspielerin starb.", "de Havilland died.")], "mechanics") == []
    assert flagged([("Sie sagte das gestern.", "von der Leyen said so yesterday.")], "mechanics") == []
    # a particle-like word before no name is still a lower-case start
    assert flagged([("Die Tür war offen.", "de door was open.")], "mechanics")
