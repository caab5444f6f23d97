"""Sentence alignment between two versions.

:func:`align_texts` aligns two lists of sentences; :func:`align_documents`
wraps it for :class:`~translator.model.Document` objects and is what
``compare`` uses. The engine (:mod:`.engine`) combines independent signals
(:mod:`.signals`) in one cost and searches many-to-many links (1-0, 0-1,
1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 2-3, 3-2, 4-1, and the 1-5, 2-4, 3-3,
4-2, 5-1 of ``max_link`` 5 by default) with a banded dynamic programme:

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
    "align_result",
    "align_texts",
    "attach_contentless",
    "find_moves",
    "untangle_swaps",
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
    result = align_result(
        src,
        tgt,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        same_language=same_language,
        src_translation=src_translation,
        tgt_translation=tgt_translation,
        options=options,
    )
    return to_links(result), result.method


def align_result(
    src: list[str],
    tgt: list[str],
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    same_language: bool | None = None,
    src_translation: list[str] | None = None,
    tgt_translation: list[str] | None = None,
    options: AlignOptions | None = None,
) -> Result:
    """:func:`align_texts`, returning the engine's whole :class:`Result`
    (spans, costs, scores, and the moved sentences it found)."""
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
    return align(ctx, options)


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
    result = align_result(
        src_texts,
        tgt_texts,
        src_lang=a.lang,
        tgt_lang=b.lang,
        tgt_translation=[t or "" for t in translated] if has_mt else None,
        options=options,
    )
    links, method = to_links(result), result.method
    links = attach_contentless(src_texts, tgt_texts, links)
    if has_mt:
        comparable_tgt = [t or s for t, s in zip(translated, tgt_texts, strict=True)]
        links = untangle_swaps(src_texts, comparable_tgt, links)
        moves = find_moves(src_texts, comparable_tgt, links)
    elif a.lang == b.lang:
        links = untangle_swaps(src_texts, tgt_texts, links)
        moves = find_moves(src_texts, tgt_texts, links)
    else:
        # across languages without a translation, the engine's own evidence
        # says which unaligned sentences are one sentence moved
        moves = [Link(src=[i], tgt=[j], score=score) for i, j, score in result.moves]
    return Alignment(source=source, target=target, links=links, method=method, moves=moves)


def attach_contentless(src: list[str], tgt: list[str], links: list[Link]) -> list[Link]:
    """Join unaligned lines without a letter or a digit to a neighbouring link.

    A stray ``"``, ``...`` or ``».`` left on a line of its own by sentence
    splitting says nothing that could be missing or added; as a 1-0 or 0-1
    link it would become an omission or addition finding. It joins the
    link before it (the one after it at the start of the document), which
    keeps its score. Only the comparison does this: ``translator align``
    writes the engine's links, where such lines stay unaligned as in the
    usual gold alignments (Text+Berg's).
    """
    from .engine import has_content

    out: list[Link] = []
    pending: list[Link] = []
    for link in links:
        lines = (
            [src[i] for i in link.src]
            if not link.tgt
            else [tgt[j] for j in link.tgt]
            if not link.src
            else None
        )
        if lines is not None and not any(map(has_content, lines)):
            if out:
                out[-1] = Link(out[-1].src + link.src, out[-1].tgt + link.tgt, score=out[-1].score)
            else:
                pending.append(link)
            continue
        for early in reversed(pending):
            link = Link(early.src + link.src, early.tgt + link.tgt, score=link.score)
        pending = []
        out.append(link)
    return out + pending


def untangle_swaps(
    src: list[str], tgt: list[str], links: list[Link], *, threshold: float = 0.8
) -> list[Link]:
    """Take apart 2-2 links whose sentences match crosswise: two swapped
    sentences, not one passage translated in two.

    Signals that judge a block by the words it shares, whatever their
    order, find two swapped sentences as good a 2-2 link as any; the reader
    wants to hear that a sentence moved. When each sentence matches the
    other side's *other* sentence closely (the text, or its translation)
    and better than the one in its own place, the link becomes an
    omission, a 1-1 and an addition, which :func:`find_moves` pairs back
    into a move.
    """
    from rapidfuzz import fuzz

    from ..lexicon.anchors import fold

    out: list[Link] = []
    for link in links:
        if len(link.src) == 2 and len(link.tgt) == 2:
            (s0, s1), (t0, t1) = link.src, link.tgt
            a0, a1, b0, b1 = fold(src[s0]), fold(src[s1]), fold(tgt[t0]), fold(tgt[t1])
            cross = (fuzz.ratio(a0, b1), fuzz.ratio(a1, b0))
            straight = fuzz.ratio(a0, b0) + fuzz.ratio(a1, b1)
            if min(cross) >= threshold * 100 and sum(cross) > straight:
                # the longer pair stays in place: a short sentence moving
                # past a long one is the natural reading of a swap
                if len(a1) + len(b0) >= len(a0) + len(b1):
                    out += [Link([s0], []), Link([s1], [t0], score=link.score), Link([], [t1])]
                else:
                    out += [Link([], [t0]), Link([s0], [t1], score=link.score), Link([s1], [])]
                continue
        out.append(link)
    return out


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

    from ..lexicon.anchors import fold

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
