"""Sentence alignment between two versions.

:func:`align_texts` aligns lists of sentences; :func:`align_documents` wraps
it for :class:`~translator.model.Document` objects. Same-language pairs are
scored by fuzzy string similarity; cross-language pairs without a translation
by sentence length plus shared anchors (numbers, names, punctuation).
"""

from __future__ import annotations

from ..model import Alignment, Document, Link
from .dp import align_dp
from .signals import AnchorSignal, FuzzySignal, LengthSignal


def align_texts(
    src: list[str],
    tgt: list[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    same_language: bool | None = None,
) -> tuple[list[Link], str]:
    """Align two sentence lists; return the links and the method used."""
    if same_language is None:
        same_language = src_lang is not None and src_lang == tgt_lang
    if same_language:
        fuzzy = FuzzySignal()
        fuzzy.prepare(src, tgt, src_lang, tgt_lang)
        return (
            align_dp(
                len(src),
                len(tgt),
                fuzzy.score,
                skip_cost=0.3,
                pair_weight=2.0,
                move_penalty={(1, 1): 0.0, (1, 2): 0.25, (2, 1): 0.25},
            ),
            "fuzzy",
        )
    length, anchors = LengthSignal(), AnchorSignal()
    length.prepare(src, tgt, src_lang, tgt_lang)
    anchors.prepare(src, tgt, src_lang, tgt_lang)

    def combined(i0: int, i1: int, j0: int, j1: int) -> float:
        return 0.55 * length.score(i0, i1, j0, j1) + 0.45 * anchors.score(i0, i1, j0, j1)

    return align_dp(len(src), len(tgt), combined, skip_cost=0.45), "length+anchors"


def align_documents(
    docs: list[Document], source: int, target: int, *, use_translation: bool = False
) -> Alignment:
    """Align ``docs[target]`` against ``docs[source]`` (the pivot)."""
    a, b = docs[source], docs[target]
    src_texts = [s.text for s in a.segments]
    if use_translation:
        tgt_texts = [s.translation or s.text for s in b.segments]
        links, method = align_texts(src_texts, tgt_texts, src_lang=a.lang, tgt_lang=a.lang)
        method = f"mt+{method}"
        comparable = True
    else:
        tgt_texts = [s.text for s in b.segments]
        links, method = align_texts(src_texts, tgt_texts, src_lang=a.lang, tgt_lang=b.lang)
        comparable = a.lang == b.lang
    moves = find_moves(src_texts, tgt_texts, links) if comparable else []
    return Alignment(source=source, target=target, links=links, method=method, moves=moves)


def find_moves(src: list[str], tgt: list[str], links: list[Link], *, threshold: float = 0.8) -> list[Link]:
    """Pair omitted source sentences with added target sentences they match.

    A monotone alignment cannot cross, so a sentence that moved shows up as
    an omission in one place and an addition in another. Pairing those back
    (same language only: the text must match closely) turns two false alarms
    into one "moved" link on which the other checks still run.
    """
    from rapidfuzz import fuzz

    from ..anchors import fold

    omitted = [link.src[0] for link in links if link.src and not link.tgt]
    added = [link.tgt[0] for link in links if link.tgt and not link.src]
    moves: list[Link] = []
    used: set[int] = set()
    for i in omitted:
        best, best_j = 0.0, None
        for j in added:
            if j in used:
                continue
            score = fuzz.ratio(fold(src[i]), fold(tgt[j])) / 100.0
            if score > best:
                best, best_j = score, j
        if best_j is not None and best >= threshold:
            used.add(best_j)
            moves.append(Link(src=[i], tgt=[best_j], score=round(best, 4)))
    return moves
