"""The detection stage: language of the document, paragraphs and segments.

Paragraphs are decided by two detectors. langdetect (open set, ~55
languages, about 2.5 ms a paragraph) is the reference; the project's fast
restricted detector (:func:`translator.ingest.langid.identify`, word-list
look-ups cached per word, under a millisecond) *confirms* a paragraph in the
document's own language when it is sure, and langdetect decides every other
paragraph: one the fast detector would call foreign, one it is unsure of, and
every paragraph of a short document. See :func:`detect_document` for what
"sure" means and why the result is langdetect's wherever langdetect is
reliable.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import accumulate

from ..lexicon.wordlists import function_words
from ..model import Document
from .langid import LangGuess, combine, detect, identifier, identify, tokens

#: languages whose running text can pass for each other's at the level of
#: common words (mutually intelligible, or nearly: a detector that knows only
#: one of them claims the other's text, function words and all). langdetect
#: tells them apart; the fast detector confirms a language only when it was
#: also offered that language's relatives, so a Portuguese paragraph in a
#: Spanish document must out-score Portuguese, not merely French.
CONFUSABLE: tuple[frozenset[str], ...] = (
    frozenset({"es", "pt", "ca"}),
    frozenset({"de", "nl"}),
    frozenset({"nl", "af"}),
    frozenset({"da", "no", "sv"}),
    frozenset({"cs", "sk"}),
    frozenset({"ru", "uk", "bg", "mk"}),
    frozenset({"hr", "sl"}),
    frozenset({"fi", "et"}),
    frozenset({"lt", "lv"}),
    frozenset({"hi", "mr", "ne"}),
    frozenset({"ar", "fa", "ur"}),
    frozenset({"zh", "ja"}),
)

#: the fast detector confirms a paragraph only with at least this many words:
#: on fewer (a heading, a caption, a credit line) langdetect's open set is
#: the better judge, and the residue check's markers carry such lines anyway
CONFIRM_WORDS = 8
#: ... when its posterior for the document's language reaches this (odds of
#: 1,000 to 1 against every other candidate) ...
CONFIRM_POSTERIOR = 0.999
#: ... and when that language's 100 most frequent words make up at least
#: this share of the paragraph's words. Running prose in any language is
#: about 40 % its top hundred words (langid sentences, textberg, WMT: medians
#: 0.39-0.48, 5th percentiles 0.18-0.33); text in a language the fast
#: detector was not offered shares few of them (Polish scored as a Latin-
#: script candidate: median 0.00, Russian 0.00), so the restricted posterior
#: is trusted only for text its own function words explain. Without this
#: test the fast detector disagreed with langdetect on 329 langid paragraphs
#: (ten languages, each also placed in the nine others' documents); at 0.1
#: and at 0.2 on none (``benchmarks/paragraph_langid.py --sweep``).
CONFIRM_FUNCTION_SHARE = 0.2
#: the fast detector loads a word list per candidate (56-80 ms for the six
#: or so, from the disk cache) and saves 1.5-2 ms a paragraph against
#: langdetect: it pays off from 35-41 paragraphs (WMT21 German and English,
#: ``benchmarks/paragraph_langid.py --part time``, load 6-7). With fewer
#: paragraphs of :data:`CONFIRM_WORDS` words than this, langdetect decides
#: them all
FAST_MIN_PARAGRAPHS = 40


def detect_document(doc: Document, *, lang: str | None = None) -> Document:
    """Set ``doc.lang`` and each paragraph's language.

    ``lang`` forces the document language (``--lang-a``); paragraphs are still
    detected, because a paragraph in another language is exactly what the
    residue check looks for.

    A paragraph the fast detector confirms in the document's language
    (:func:`confirmer`) gets that language and, as ``lang_confidence``, the
    fast detector's posterior (restricted to :func:`paragraph_candidates`);
    every other paragraph gets langdetect's language and probability. The
    model stores what the detector that decided said, so a paragraph's
    confidence is comparable only between paragraphs one detector decided.
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
    texts = [doc.text[para.start : para.end] for para in doc.paragraphs]
    confirm = confirmer(doc.lang) if _worth_confirming(texts) else None
    for para, text in zip(doc.paragraphs, texts, strict=True):
        guess = confirm(text) if confirm is not None else None
        if guess is None:
            guess = detect(text)
        para.lang, para.lang_confidence = guess.lang or doc.lang, guess.confidence
    return doc


def paragraph_candidates(lang: str) -> tuple[str, ...] | None:
    """The languages the fast detector weighs a paragraph of a ``lang``
    document against, or None when it cannot confirm ``lang`` at all.

    The set is ``lang``, the languages :data:`CONFUSABLE` with it (the only
    text that could pass for ``lang``'s must out-score them), and the
    languages the residue check has source markers for (the leftovers it
    looks for: a German caption in English copy must out-score German,
    which sends it to langdetect). It is None when ``lang`` or a relative
    has no word list or no langdetect profile (Dutch, whose relative
    Afrikaans has no word list; Danish and Swedish, with Norwegian): without
    the relative to compete, the fast detector would confirm its text as
    ``lang``, and only langdetect tells them apart.
    """
    from ..lexicon.markers import marker_languages
    from ..lexicon.wordlists import list_file
    from .langid import profile_languages

    own = {lang}.union(*(group for group in CONFUSABLE if lang in group))
    known = profile_languages()
    if not all(code in known and list_file(code) is not None for code in own):
        return None
    others = (code for code in marker_languages() if code in known and list_file(code) is not None)
    return tuple(sorted(own.union(others)))


def _worth_confirming(texts: Sequence[str]) -> bool:
    """Whether at least :data:`FAST_MIN_PARAGRAPHS` of ``texts`` are long
    enough to confirm (else langdetect alone is cheaper)."""
    return sum(1 for text in texts if len(tokens(text)) >= CONFIRM_WORDS) >= FAST_MIN_PARAGRAPHS


def confirmer(lang: str | None) -> Callable[[str], LangGuess | None] | None:
    """The fast detector's check that a paragraph is in ``lang``, or None
    when langdetect is to decide every paragraph (no language, or no
    candidate set: :func:`paragraph_candidates`).

    The check returns the fast detector's guess, whose confidence is its own
    posterior for ``lang``, when the paragraph has at least
    :data:`CONFIRM_WORDS` words, ``lang``'s function words make up at least
    :data:`CONFIRM_FUNCTION_SHARE` of them, the posterior reaches
    :data:`CONFIRM_POSTERIOR` and no stretch of the paragraph reads as
    another candidate (:func:`_foreign_stretch`); else None ("unsure":
    langdetect decides).
    It never returns another language: a paragraph the fast detector takes
    for foreign is exactly what the residue check looks for, and langdetect,
    the reference, decides it.
    """
    if not lang:
        return None
    candidates = paragraph_candidates(lang)
    if candidates is None:
        return None
    ident = identifier(candidates)
    own = function_words(lang)

    def confirm(text: str) -> LangGuess | None:
        words = [word.casefold() for word in tokens(text)]
        if len(words) < CONFIRM_WORDS:
            return None
        if sum(1 for word in words if word in own) < CONFIRM_FUNCTION_SHARE * len(words):
            return None
        rows = [ident.word_scores(word) for word in words]
        guess = combine(ident.candidates, [sum(column) for column in zip(*rows, strict=True)])
        if guess.lang != lang or guess.confidence < CONFIRM_POSTERIOR:
            return None
        if _foreign_stretch(rows, ident.candidates.index(lang)):
            return None
        return guess

    return confirm


def _foreign_stretch(rows: Sequence[Sequence[float]], own: int) -> bool:
    """Whether some :data:`CONFIRM_WORDS` consecutive words favour another
    candidate over language ``own`` by the odds :data:`CONFIRM_POSTERIOR`
    asks for: a sentence in another language inside the paragraph. The
    paragraph's sum would drown it (three English sentences outweigh one
    German one), and which language langdetect's sampling then picks is a
    matter of chance, so such a paragraph is langdetect's to decide."""
    margin = math.log(CONFIRM_POSTERIOR / (1 - CONFIRM_POSTERIOR))
    for k in range(len(rows[0])):
        if k == own:
            continue
        # running sums of the other language's lead, word by word: a
        # window's lead is the difference of two of them
        lead = list(accumulate((row[k] - row[own] for row in rows), initial=0.0))
        if any(end - start >= margin for start, end in zip(lead, lead[CONFIRM_WORDS:], strict=False)):
            return True
    return False


def detect_segments(doc: Document) -> Document:
    """Per-segment language, for reports and checks that work per sentence.

    Paragraph detection (langdetect over ~55 languages for every paragraph
    the fast detector did not confirm in the document's language) already
    tells which languages the document contains; a sentence
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
