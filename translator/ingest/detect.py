"""The detection stage: language of the document, paragraphs and segments."""

from __future__ import annotations

from ..model import Document
from .langid import detect, identify


def detect_document(doc: Document, *, lang: str | None = None) -> Document:
    """Set ``doc.lang`` and each paragraph's language.

    ``lang`` forces the document language (``--lang-a``); paragraphs are still
    detected, because a paragraph in another language is exactly what the
    residue check looks for.
    """
    if lang:
        doc.lang, doc.lang_confidence = lang, 1.0
    else:
        guess = detect(doc.text)
        doc.lang, doc.lang_confidence = guess.lang, guess.confidence
    if doc.paragraphs and doc.paragraphs[0].unit is not None:
        # units of a localisation file (UI strings, cues, keys) are too short
        # for open-set detection, and thousands of them made it most of a
        # check's time; the residue check still identifies leftovers per line
        for para in doc.paragraphs:
            para.lang, para.lang_confidence = doc.lang, doc.lang_confidence
        return doc
    for para in doc.paragraphs:
        guess = detect(doc.text[para.start : para.end])
        para.lang, para.lang_confidence = guess.lang or doc.lang, guess.confidence
    return doc


def detect_segments(doc: Document) -> Document:
    """Per-segment language, for reports and checks that work per sentence.

    Open-set detection (langdetect over ~55 languages) already ran per
    paragraph and tells which languages the document contains; a sentence
    only has to choose among those. That choice uses the fast restricted
    detector, because running langdetect on every sentence was most of the
    time of a whole comparison. A document in one language needs no
    per-sentence work at all.
    """
    present = {p.lang for p in doc.paragraphs if p.lang} | ({doc.lang} if doc.lang else set())
    for seg in doc.segments:
        para = doc.paragraphs[seg.paragraph] if seg.paragraph < len(doc.paragraphs) else None
        fallback = (para.lang if para else None) or doc.lang
        if len(present) < 2:
            seg.lang = fallback
            seg.lang_confidence = para.lang_confidence if para else doc.lang_confidence
            continue
        prior = {lang: (0.6 if lang == fallback else 0.4 / (len(present) - 1)) for lang in present}
        guess = identify(seg.text, present, prior)
        seg.lang, seg.lang_confidence = guess.lang or fallback, guess.confidence
    return doc
