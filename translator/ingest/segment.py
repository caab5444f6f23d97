"""Sentence segmentation with pysbd, keeping offsets into the document.

pysbd (rule-based, "Golden Rules" tested) handles abbreviations, ordinals
and quotes for de, en, fr, es and about twenty more languages. We chose it
over syntok after running both on the examples: syntok split German
ordinals ("am 3. Oktober") and Spanish "EE. UU.", and only covers a few
languages. One known pysbd gap is repaired here: a sentence that ends inside
closing quotes (« … prêts. » Le …) is not split from the next one.

pysbd's regular expressions are superlinear in the length of their input
(a 50 kB paragraph takes ~10 s, a 1 MB line without punctuation would take
hours), so long paragraphs are fed to it in bounded windows: every sentence
of a window but the last is kept and the next window starts at that last
sentence, which gives exactly pysbd's answer as long as no sentence is longer
than a window. A stretch in which pysbd cannot split at all (no sentence
punctuation, no line break) never reaches pysbd, and a "sentence" longer
than :data:`MAX_SENTENCE_CHARS` — a CMS export that lost its punctuation —
is cut at a space so alignment and checks still get sentence-sized units.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..model import Document, Segment

#: languages pysbd has rules for; others fall back to English rules, which
#: only know generic punctuation and are a safe default for Latin script.
PYSBD_LANGS = {
    "am",
    "ar",
    "bg",
    "da",
    "de",
    "el",
    "en",
    "es",
    "fa",
    "fr",
    "hi",
    "hy",
    "it",
    "ja",
    "kk",
    "mr",
    "my",
    "nl",
    "pl",
    "ru",
    "sk",
    "ur",
    "zh",
}

_QUOTE_BREAK = re.compile(r"""(?<=[.!?…])\s*([»“"”’])\s+(?=[A-ZÄÖÜÀ-ÞА-Я„«“"])""")


@lru_cache(maxsize=32)
def _segmenter(lang: str):
    import pysbd

    return pysbd.Segmenter(language=lang if lang in PYSBD_LANGS else "en", clean=False)


#: no real sentence is this long; longer runs are cut at a space
MAX_SENTENCE_CHARS = 2000
#: the most text handed to pysbd in one call (its cost grows faster than
#: linearly); must exceed MAX_SENTENCE_CHARS so a window holds a full sentence
WINDOW_CHARS = 2 * MAX_SENTENCE_CHARS


@lru_cache(maxsize=1)
def _breakers() -> frozenset[str]:
    """Every character at which pysbd may end a sentence, in any language."""
    from pysbd.languages import LANGUAGE_CODES

    chars = {"\n", "\r"}
    for language in LANGUAGE_CODES.values():
        chars.update(getattr(language, "Punctuations", []))
    return frozenset(chars)


def split_sentences(text: str, lang: str | None = "en") -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in ``text``.

    Spans are exact offsets into ``text`` with surrounding whitespace
    trimmed, so ``text[start:end]`` is the sentence as written. Spans are
    in order, do not overlap, and none is longer than
    :data:`MAX_SENTENCE_CHARS`.
    """
    if not text.strip():
        return []
    spans: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while pos < n:
        end = min(n, pos + WINDOW_CHARS)
        window = text[pos:end]
        pieces = _pysbd_spans(window, lang) if _can_split(window) else _whole(window)
        if end < n and len(pieces) > 1:
            # the window's last sentence may run on past it: keep the rest
            # and start the next window where that sentence starts
            spans.extend((pos + s, pos + e) for s, e in pieces[:-1])
            pos += pieces[-1][0]
        elif end < n:
            # no sentence boundary in a whole window: a run-on "sentence"
            cut = _cut_point(text, pos, pos + MAX_SENTENCE_CHARS)
            spans.append(_trim(text, pos, cut))
            pos = cut
        else:
            spans.extend((pos + s, pos + e) for s, e in pieces)
            pos = n
    out: list[tuple[int, int]] = []
    for span in spans:
        if span[1] <= span[0]:
            continue
        for piece in _split_after_quotes(text, span):
            out.extend(_cap_length(text, piece))
    return out


def _can_split(window: str) -> bool:
    """Whether pysbd could find a boundary: a breaker before the final run
    of punctuation. A one-sentence string (most UI strings and subtitle
    cues) is its own answer, without a ~1 ms pysbd call."""
    breakers = _breakers()
    body = window.rstrip()
    end = len(body)
    while end and (body[end - 1] in breakers or body[end - 1] in "\"'»”’)]"):
        end -= 1
    return any(ch in breakers for ch in body[:end])


def _whole(window: str) -> list[tuple[int, int]]:
    stripped = window.strip()
    if not stripped:
        return []
    start = len(window) - len(window.lstrip())
    return [(start, start + len(stripped))]


def _pysbd_spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """pysbd's sentences of ``text`` as trimmed offsets into it.

    pysbd is a pure function of text and language, and at ~7 ms a paragraph
    the second-largest cost of a big compare: a paragraph that two versions
    (or a batch's articles) share is split once.
    """
    return list(_pysbd_spans_cached(text, lang))


@lru_cache(maxsize=4096)
def _pysbd_spans_cached(text: str, lang: str | None) -> tuple[tuple[int, int], ...]:
    return tuple(_pysbd_spans_uncached(text, lang))


def pysbd_sentences(segmenter, text: str) -> list[str]:  # noqa: ANN001 - pysbd's Segmenter
    """``segmenter.segment(text)`` for a non-cleaning segmenter, without its
    regular expression per sentence.

    pysbd finds each sentence back in the text with ``re.finditer`` on the
    escaped sentence plus ``\\s*``: a pattern compiled per sentence, which
    overflows ``re``'s cache on any long document (half of pysbd's time on a
    10,000-sentence pair). The same search with ``str.find``: the first
    non-overlapping occurrence that ends after the previous sentence, with
    the whitespace after it. An empty sentence (pysbd never makes one) takes
    pysbd's own path.
    """
    if not text:
        return []
    sentences = segmenter.processor(text).process()
    if any(not sentence for sentence in sentences):
        return segmenter.segment(text)
    out: list[str] = []
    prior_end = 0
    for sentence in sentences:
        pos = 0
        while (start := text.find(sentence, pos)) >= 0:
            end = start + len(sentence)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior_end:
                out.append(text[start:end])
                prior_end = end
                break
            pos = end
    return out


def _pysbd_spans_uncached(text: str, lang: str | None) -> list[tuple[int, int]]:
    pieces = pysbd_sentences(_segmenter(lang or "en"), text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:  # pysbd changed the text; resynchronise on the first word
            first = piece.split()[0]
            start = text.find(first, cursor)
            if start < 0:
                continue
            piece = first
        end = start + len(piece)
        spans.append((start, end))
        cursor = end
    if spans:  # anything pysbd dropped at the end stays in the last sentence
        tail = text[spans[-1][1] :].rstrip()
        if tail.strip():
            spans[-1] = (spans[-1][0], spans[-1][1] + len(tail))
    elif text.strip():
        spans = _whole(text)
    return spans


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to cut an overlong run: after the last space before ``limit``
    (in its second half), else at ``limit`` but never inside a combining
    sequence."""
    space = max(text.rfind(" ", start + (limit - start) // 2, limit), text.rfind("\t", start, limit))
    if space > start:
        return space + 1
    cut = limit
    while cut > start + 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return cut


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cap_length(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = span
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut_point(text, start, start + MAX_SENTENCE_CHARS)
        piece = _trim(text, start, cut)
        if piece[1] > piece[0]:
            out.append(piece)
        start = _trim(text, cut, end)[0]
    if end > start:
        out.append((start, end))
    return out


def _split_after_quotes(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = span
    out: list[tuple[int, int]] = []
    for match in _QUOTE_BREAK.finditer(text, start, end):
        cut = match.end(1)
        out.append((start, cut))
        start = match.end()
    out.append((start, end))
    return out


def segment_document(doc: Document) -> Document:
    """Fill ``doc.segments`` from its paragraphs, sentence by sentence."""
    segments: list[Segment] = []
    for para in doc.paragraphs:
        body = doc.text[para.start : para.end]
        for start, end in split_sentences(body, para.lang or doc.lang):
            segments.append(
                Segment(
                    index=len(segments),
                    text=body[start:end],
                    start=para.start + start,
                    end=para.start + end,
                    paragraph=para.index,
                    lang=para.lang,
                    lang_confidence=para.lang_confidence,
                )
            )
    doc.segments = segments
    return doc
