"""The detection stage: language of the document, paragraphs and segments."""

from __future__ import annotations

from .langid import detect
from .model import Document


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
    for para in doc.paragraphs:
        guess = detect(doc.text[para.start : para.end])
        para.lang, para.lang_confidence = guess.lang or doc.lang, guess.confidence
    return doc


def detect_segments(doc: Document) -> Document:
    """Per-segment language, for reports and checks that work per sentence."""
    for seg in doc.segments:
        guess = detect(seg.text)
        seg.lang, seg.lang_confidence = guess.lang or doc.lang, guess.confidence
    return doc
