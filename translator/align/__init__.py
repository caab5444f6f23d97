"""Sentence alignment between two versions.

:func:`align_texts` aligns two lists of sentences; :func:`align_documents`
wraps it for :class:`~translator.model.Document` objects and is what
``compare`` uses. The engine (:mod:`.engine`) combines independent signals
(:mod:`.signals`) in one cost and searches many-to-many links (1-0, 0-1,
1-1, 1-2, 2-1, 2-2, 1-3, 3-1, and the 1-4, 2-3, 3-2, 4-1 of
``max_link`` 4 by default) with a banded dynamic programme:

- two versions in one language: fuzzy text similarity, numbers, length;
- different languages: length (Gale–Church, ratio estimated per pair),
  numbers, dates, URLs, punctuation, quotes, cognates and names, casing,
  glossary terms, FreeDict dictionaries when installed, and a lexicon
  bootstrapped from the pair itself;
- with a machine translation (segments' ``.translation`` or
  ``translation=``): MT similarity on top of all of those.

:func:`find_moves` then pairs omitted and added sentences that are the same
sentence moved elsewhere (monotone alignment cannot cross).
"""

from __future__ import annotations

from ..model import Alignment, Document, Link
from .context import PairContext
from .engine import AlignOptions, Result, align, moves_for

__all__ = [
    "AlignOptions",
    "PairContext",
    "Result",
    "align",
    "align_documents",
    "align_texts",
    "find_moves",
    "moves_for",
]


def align_texts(
    src: list[str],
    tgt: list[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    same_language: bool | None = None,
    src_translation: list[str] | None = None,
    tgt_translation: list[str] | None = None,
    options: AlignOptions | None = None,
) -> tuple[list[Link], str]:
    """Align two sentence lists; return the links and the method used.

    ``src_translation`` is a machine translation of ``src`` into the target
    language, one line per sentence (Bleualign's interface);
    ``tgt_translation`` one of ``tgt`` into the source language.
    """
    if same_language is not None:
        if same_language and src_lang != tgt_lang:
            tgt_lang = src_lang = src_lang or tgt_lang or "und"
        elif not same_language and src_lang == tgt_lang:
            src_lang, tgt_lang = src_lang or "und-a", (tgt_lang or "und") + "-b"
    ctx = PairContext(
        src=list(src),
        tgt=list(tgt),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        src_mt=src_translation,
        tgt_mt=tgt_translation,
        glossaries=tuple(options.glossaries) if options else (),
        dict_dir=options.dict_dir if options else None,
    )
    result = align(ctx, options)
    return to_links(result), result.method


def to_links(result: Result) -> list[Link]:
    return [
        Link(src=list(range(i0, i1)), tgt=list(range(j0, j1)), score=score)
        for (i0, i1, j0, j1), score in zip(result.spans, result.scores, strict=True)
    ]


def align_documents(
    docs: list[Document],
    source: int,
    target: int,
    *,
    use_translation: bool | None = None,
    options: AlignOptions | None = None,
) -> Alignment:
    """Align ``docs[target]`` against ``docs[source]`` (the pivot).

    Machine translations on the target's segments (``Segment.translation``,
    into the pivot's language) are used automatically when present; pass
    ``use_translation=False`` to ignore them.
    """
    a, b = docs[source], docs[target]
    src_texts = [s.text for s in a.segments]
    tgt_texts = [s.text for s in b.segments]
    translated = [s.translation for s in b.segments]
    has_mt = any(t for t in translated) and a.lang != b.lang
    if use_translation is False:
        has_mt = False
    links, method = align_texts(
        src_texts,
        tgt_texts,
        src_lang=a.lang,
        tgt_lang=b.lang,
        tgt_translation=[t or "" for t in translated] if has_mt else None,
        options=options,
    )
    if has_mt:
        comparable_tgt = [t or s for t, s in zip(translated, tgt_texts, strict=True)]
        moves = find_moves(src_texts, comparable_tgt, links)
    elif a.lang == b.lang:
        moves = find_moves(src_texts, tgt_texts, links)
    else:
        moves = []
    return Alignment(source=source, target=target, links=links, method=method, moves=moves)


def find_moves(src: list[str], tgt: list[str], links: list[Link], *, threshold: float = 0.8) -> list[Link]:
    """Pair omitted source sentences with added target sentences they match.

    A monotone alignment cannot cross, so a sentence that moved shows up as
    an omission in one place and an addition in another. Pairing those back
    (same language, or through a translation: the text must match closely)
    turns two false alarms into one "moved" link on which the other checks
    still run. Pairs are taken best first, so two swapped sentences each
    find their own counterpart.
    """
    from rapidfuzz import fuzz

    from ..anchors import fold

    omitted = [i for link in links if link.src and not link.tgt for i in link.src]
    added = [j for link in links if link.tgt and not link.src for j in link.tgt]
    candidates = []
    for i in omitted:
        a = fold(src[i])
        for j in added:
            score = fuzz.ratio(a, fold(tgt[j])) / 100.0
            if score >= threshold:
                candidates.append((score, i, j))
    moves: list[Link] = []
    used_i: set[int] = set()
    used_j: set[int] = set()
    for score, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        moves.append(Link(src=[i], tgt=[j], score=round(score, 4)))
    moves.sort(key=lambda link: link.src[0])
    return moves
