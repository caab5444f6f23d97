"""Sentence splitting keeps offsets; language detection is deterministic."""

from __future__ import annotations

from translator.ingest.detect import detect_document
from translator.ingest.langid import detect
from translator.ingest.load import document_from_text
from translator.ingest.segment import segment_document, split_sentences


def test_german_abbreviations_and_ordinals_do_not_split():
    text = "Rund 2.400 Helfer sind z. B. am 3. Oktober im Einsatz. Dr. Müller sagte das."
    spans = split_sentences(text, "de")
    assert [text[s:e] for s, e in spans] == [
        "Rund 2.400 Helfer sind z. B. am 3. Oktober im Einsatz.",
        "Dr. Müller sagte das.",
    ]


def test_english_abbreviations_and_quotes():
    text = 'Mr. Smith of the U.S. Army arrived at 5 p.m. on Jan. 5. "Are you sure?" she asked.'
    spans = split_sentences(text, "en")
    assert len(spans) == 2


def test_sentence_ending_inside_closing_guillemets_is_split():
    text = "M. Dupont a dit : « Nous sommes prêts. » Le taux est de 4,25 %."
    assert [text[s:e] for s, e in split_sentences(text, "fr")] == [
        "M. Dupont a dit : « Nous sommes prêts. »",
        "Le taux est de 4,25 %.",
    ]


def test_segments_point_back_into_the_document_text():
    doc = document_from_text("# Titel\n\nErster Satz hier. Zweiter Satz da.\n", "a.md")
    detect_document(doc, lang="de")
    segment_document(doc)
    assert [s.text for s in doc.segments] == ["Titel", "Erster Satz hier.", "Zweiter Satz da."]
    for seg in doc.segments:
        assert doc.text[seg.start : seg.end] == seg.text


def test_language_detection_is_deterministic_and_can_be_restricted():
    text = "Die Stadt hat am Montag den Katastrophenfall ausgerufen."
    first = detect(text)
    assert first.lang == "de"
    assert all(detect(text) == first for _ in range(5))
    restricted = detect(text, candidates=["en", "fr"])
    assert set(restricted.probabilities) <= {"en", "fr"}


def test_paragraph_languages_are_detected_separately():
    doc = document_from_text(
        "The city declared a state of emergency on Monday after days of rain.\n\n"
        "Die Stadt hat am Montag nach tagelangen Regenfällen den Katastrophenfall ausgerufen.\n",
        "a.txt",
    )
    detect_document(doc)
    assert [p.lang for p in doc.paragraphs] == ["en", "de"]


def test_sentences_choose_among_the_languages_the_paragraphs_contain():
    from translator.ingest.detect import detect_segments

    doc = document_from_text(
        "The city declared a state of emergency on Monday after days of rain. "
        "Die Stadt hat am Montag den Katastrophenfall ausgerufen.\n\n"
        "Die Behörden haben in drei Schulen Notunterkünfte eingerichtet und warnen die Anwohner.\n",
        "a.txt",
    )
    detect_document(doc)
    segment_document(doc)
    detect_segments(doc)
    assert [s.lang for s in doc.segments] == ["en", "de", "de"]


def test_single_language_documents_inherit_paragraph_languages():
    from translator.ingest.detect import detect_segments

    doc = document_from_text("One short line. Another short line here.\n", "a.txt")
    detect_document(doc, lang="en")
    segment_document(doc)
    detect_segments(doc)
    assert {s.lang for s in doc.segments} == {doc.paragraphs[0].lang}


def test_langdetect_runs_once_per_distinct_text_and_callers_get_their_own_copy():
    from translator.ingest import langid

    text = "Die Arbeiten an der Brücke über die Elbe beginnen im Mai und enden 2026."
    langid._langdetect_cached.cache_clear()
    first = langid.detect(text)
    second = langid.detect(text)
    assert langid._langdetect_cached.cache_info().hits == 1
    assert (first.lang, first.confidence, first.probabilities) == (
        second.lang,
        second.confidence,
        second.probabilities,
    )
    first.probabilities.clear()
    assert langid.detect(text).probabilities == second.probabilities


def test_cached_detection_equals_a_fresh_langdetect_run():
    from translator.ingest import langid

    paragraph = "The council voted 31 to 12. Mayor Anna Weber said she was pleased with the result."
    fresh = langid._langdetect(paragraph, True)
    assert langid._langdetect_cached(paragraph, True) == fresh
    assert langid._langdetect_cached(paragraph, True) == langid._langdetect(paragraph, True)


def test_a_paragraph_shared_by_two_versions_is_split_once_with_the_same_spans():
    from translator.ingest import segment

    text = "Dr. Weber spoke first. The vote was 31 to 12! Work starts in May."
    segment._pysbd_spans_cached.cache_clear()
    first = split_sentences(text, "en")
    second = split_sentences(text, "en")
    assert first == second == segment._pysbd_spans_uncached(text, "en")
    assert segment._pysbd_spans_cached.cache_info().hits == 1
    assert [text[s:e] for s, e in first] == [
        "Dr. Weber spoke first.",
        "The vote was 31 to 12!",
        "Work starts in May.",
    ]


TRICKY_PARAGRAPHS = [
    "Er sagte: «Nein.» Dann ging er. Er sagte: «Nein.» Dann ging er.",  # a sentence twice
    "Preis (ca. 3.50 $) + 20 % [sic]? Ja! Preis (ca. 3.50 $) + 20 % [sic]? Ja!",  # regex metacharacters
    "Dr. Müller kam am 3. Okt. 2024 an.\u00a0Er blieb bis Mo. 7. Okt.\u2003Dann fuhr er. \n Weiter.",
    'Mr. Smith went to Washington D.C. on Jan. 5. He said "I\'m here..." and left.  Then: nothing.',
    "Il a dit : « Non. » Puis il est parti… Vraiment ? Oui.   ",
    "a. a. a. a.",
]


def test_sentences_are_found_back_without_a_regex_per_sentence_exactly_as_pysbd_does():
    # pysbd compiles one regular expression per sentence to find it back in
    # the text; the str.find replacement must give the very same pieces,
    # including the whitespace after each, for every language's rules
    from pathlib import Path

    from translator.ingest.segment import _segmenter, pysbd_sentences

    root = Path(__file__).resolve().parent.parent / "examples"
    texts = TRICKY_PARAGRAPHS + [p for f in sorted(root.glob("*/*.md")) for p in f.read_text().split("\n\n")]
    assert len(texts) > 20
    for lang in ("de", "en", "fr"):
        segmenter = _segmenter(lang)
        for text in texts:
            assert pysbd_sentences(segmenter, text) == segmenter.segment(text), (lang, text)
