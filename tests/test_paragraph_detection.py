"""Paragraph languages: the fast restricted detector confirms paragraphs in
the document's language; langdetect decides every other paragraph."""

from __future__ import annotations

import pytest

from translator.ingest import detect as stage
from translator.ingest.detect import (
    FAST_MIN_PARAGRAPHS,
    confirmer,
    detect_document,
    paragraph_candidates,
)
from translator.ingest.langid import detect, identify
from translator.ingest.load import document_from_text
from translator.pipeline import compare_documents, prepare_document

ENGLISH = [
    "The city council met on Tuesday evening to discuss the new budget.",
    "Several residents complained about the noise from the construction site near the station.",
    "The mayor said that the work would be finished before the end of the year.",
    "According to the police, nobody was injured in the accident on the motorway.",
    "The museum will open a new exhibition about the history of the region in spring.",
    "Many farmers are worried because it has not rained for several weeks.",
    "The school wants to buy new computers for all of its pupils.",
    "The train to the capital was delayed by more than an hour because of a technical problem.",
    "The local football club won its third match in a row on Saturday.",
    "Experts expect that prices for energy will continue to rise this winter.",
    "The hospital is looking for more nurses and has raised their salaries.",
    "A new bridge over the river is to be built within the next five years.",
]
GERMAN = [
    "Der Stadtrat traf sich am Dienstagabend, um über den neuen Haushalt zu beraten.",
    "Mehrere Anwohner beschwerten sich über den Lärm der Baustelle in der Nähe des Bahnhofs.",
    "Der Bürgermeister sagte, dass die Arbeiten vor dem Ende des Jahres abgeschlossen sein würden.",
    "Nach Angaben der Polizei wurde bei dem Unfall auf der Autobahn niemand verletzt.",
    "Das Museum wird im Frühling eine neue Ausstellung über die Geschichte der Region eröffnen.",
    "Viele Bauern sind besorgt, weil es seit mehreren Wochen nicht geregnet hat.",
    "Die Schule möchte neue Computer für alle ihre Schüler kaufen.",
    "Der Zug in die Hauptstadt hatte wegen eines technischen Problems mehr als eine Stunde Verspätung.",
    "Der örtliche Fußballverein hat am Samstag sein drittes Spiel in Folge gewonnen.",
    "Experten erwarten, dass die Preise für Energie in diesem Winter weiter steigen werden.",
    "Das Krankenhaus sucht mehr Pflegekräfte und hat ihre Gehälter erhöht.",
    "Innerhalb der nächsten fünf Jahre soll eine neue Brücke über den Fluss gebaut werden.",
]
#: paragraphs in a long document: enough for the fast detector to pay off
LONG = FAST_MIN_PARAGRAPHS + 5


def paragraphs(sentences: list[str], count: int = LONG) -> list[str]:
    return [" ".join(sentences[(k + step) % len(sentences)] for step in (0, 5, 7)) for k in range(count)]


def document(paras: list[str]):
    return document_from_text("\n\n".join(paras) + "\n", "a.txt")


@pytest.fixture
def langdetect_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts langdetect is asked about by the detection stage."""
    calls: list[str] = []

    def counted(text: str, candidates=None):  # noqa: ANN001, ANN202 - the wrapped signature
        calls.append(text)
        return detect(text, candidates)

    monkeypatch.setattr(stage, "detect", counted)
    return calls


def test_a_confident_paragraph_does_not_call_langdetect(langdetect_calls):
    paras = paragraphs(ENGLISH)
    doc = detect_document(document(paras))
    assert doc.lang == "en"
    assert [p.lang for p in doc.paragraphs] == ["en"] * LONG
    # one call for the whole document's language, none for any paragraph
    assert langdetect_calls == [doc.text]


def test_a_confirmed_paragraph_keeps_the_fast_detectors_own_posterior(langdetect_calls):
    paras = paragraphs(ENGLISH)
    doc = detect_document(document(paras))
    candidates = paragraph_candidates("en")
    assert candidates is not None and {"en", "de"} <= set(candidates)
    for para, text in zip(doc.paragraphs, paras, strict=True):
        assert para.lang_confidence == identify(text, candidates).confidence
    assert langdetect_calls == [doc.text]


def test_a_german_paragraph_inside_an_english_document_is_still_found(langdetect_calls):
    paras = paragraphs(ENGLISH)
    german = paragraphs(GERMAN)[20]
    paras[20] = german
    doc = detect_document(document(paras))
    assert doc.paragraphs[20].lang == "de"
    assert doc.paragraphs[20].lang_confidence == detect(german).confidence
    assert german in langdetect_calls  # langdetect, the reference, decided it
    assert [p.lang for i, p in enumerate(doc.paragraphs) if i != 20] == ["en"] * (LONG - 1)


def test_a_german_paragraph_left_in_english_copy_is_still_residue():
    english = paragraphs(ENGLISH)
    english[20] = paragraphs(GERMAN)[20]
    docs = [
        prepare_document(document_from_text("\n\n".join(paragraphs(GERMAN)) + "\n", "de.txt")),
        prepare_document(document_from_text("\n\n".join(english) + "\n", "en.txt")),
    ]
    comparison = compare_documents(docs)
    start, end = docs[1].paragraphs[20].start, docs[1].paragraphs[20].end
    residue = [f for f in comparison.findings if f.kind == "residue" and f.span.version == 1]
    assert residue and all(start <= f.span.start < end for f in residue)


def test_a_short_ambiguous_paragraph_still_goes_to_langdetect(langdetect_calls):
    paras = paragraphs(ENGLISH)
    paras[10] = "Kevin Müller, Zürich"
    paras[30] = "Foto: Keystone"
    doc = detect_document(document(paras))
    assert langdetect_calls == [doc.text, "Kevin Müller, Zürich", "Foto: Keystone"]
    for index in (10, 30):
        guess = detect(paras[index])
        assert (doc.paragraphs[index].lang, doc.paragraphs[index].lang_confidence) == (
            guess.lang or "en",
            guess.confidence,
        )


def test_a_paragraph_with_a_sentence_in_another_language_goes_to_langdetect(langdetect_calls):
    paras = paragraphs(ENGLISH)
    mixed = f"{ENGLISH[0]} {ENGLISH[1]} {ENGLISH[2]} {GERMAN[3]}"
    paras[5] = mixed
    doc = detect_document(document(paras))
    assert mixed in langdetect_calls
    assert doc.paragraphs[5].lang == detect(mixed).lang


def test_a_close_relative_of_the_document_language_is_not_claimed_for_it():
    spanish = (
        "El ayuntamiento se reunió el martes por la noche para discutir el nuevo presupuesto. "
        "Varios vecinos se quejaron del ruido de las obras cerca de la estación."
    )
    portuguese = (
        "A câmara municipal reuniu-se na terça-feira à noite para discutir o novo orçamento. "
        "Vários moradores queixaram-se do barulho das obras perto da estação."
    )
    confirm = confirmer("es")
    assert confirm is not None
    assert confirm(spanish) is not None and confirm(spanish).lang == "es"
    assert confirm(portuguese) is None
    assert detect(portuguese).lang == "pt"


def test_a_language_whose_relative_has_no_word_list_is_left_to_langdetect():
    # Dutch's relative Afrikaans has a langdetect profile but no word list:
    # the fast detector could not tell Afrikaans text from Dutch
    assert paragraph_candidates("nl") is None
    assert confirmer("nl") is None


def test_a_short_document_is_decided_by_langdetect_alone(langdetect_calls):
    paras = paragraphs(ENGLISH, FAST_MIN_PARAGRAPHS - 1)
    doc = detect_document(document(paras))
    assert langdetect_calls == [doc.text, *paras]
    assert [p.lang_confidence for p in doc.paragraphs] == [detect(text).confidence for text in paras]
