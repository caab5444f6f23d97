"""Unit-level alignment: versions made of units are matched unit by unit.

Localisation files carry their own alignment. A bilingual file's source and
target stand in the same unit; two resource files share keys; two subtitle
files share a timeline. Aligning their sentences freely would throw that
away (and pair a key's value with its neighbour's), so here:

- units are matched by id or key (the n-th occurrence of a repeated id with
  the n-th), or, for subtitles, by time overlap: cues whose times overlap
  form one group, however the two versions cut the dialogue;
- a unit of the pivot with no counterpart is an omission (1-0 links of its
  sentences), a unit only the other version has an addition;
- inside a matched unit, one sentence on each side is one link; a longer
  unit's sentences are aligned by the sentence aligner, within the unit only.

Untranslated and empty units of a bilingual file are left to the
``unit-state`` check, which reports them by the file's own state.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from ..forked import split_map
from ..model import Alignment, Document, Link

#: states of a unit whose target is not (yet) a translation to compare
NOT_TRANSLATED = frozenset({"untranslated", "empty"})


def unit_documents(docs: list[Document]) -> str | None:
    """How the documents are matched: "time", "key", or None (free alignment).

    Units are used only when every document is made of units of one kind.
    """
    from ..formats import by_name, is_bilingual, is_keyed, is_timed

    kinds = set()
    for doc in docs:
        try:
            fmt = by_name(doc.format)
        except KeyError:
            return None
        if not doc.paragraphs or doc.paragraphs[0].unit is None:
            return None
        if is_timed(fmt):
            kinds.add("time")
        elif is_keyed(fmt) or is_bilingual(fmt):
            kinds.add("key")
        else:
            return None
    return kinds.pop() if len(kinds) == 1 else None


def _sentences_by_paragraph(doc: Document) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for seg in doc.segments:
        out[seg.paragraph].append(seg.index)
    return out


def _key_groups(a: Document, b: Document) -> list[tuple[list[int], list[int]]]:
    """``(paragraphs of a, paragraphs of b)`` per unit, in a's order; units
    only b has follow the unit b has them after."""

    def keys(doc: Document) -> list[tuple[str, int]]:
        seen: dict[str, int] = defaultdict(int)
        out = []
        for p in doc.paragraphs:
            out.append((p.unit or "", seen[p.unit or ""]))
            seen[p.unit or ""] += 1
        return out

    keys_a, keys_b = keys(a), keys(b)
    where_b = {k: j for j, k in enumerate(keys_b)}
    in_a = set(keys_a)
    groups: list[tuple[list[int], list[int]]] = []
    position: dict[int, int] = {}  # paragraph of b -> its group
    for i, key in enumerate(keys_a):
        j = where_b.get(key)
        groups.append(([i], [j] if j is not None else []))
        if j is not None:
            position[j] = len(groups) - 1
    extra: dict[int, list[int]] = defaultdict(list)  # group index -> b-only paragraphs after it
    anchor = -1
    for j, key in enumerate(keys_b):
        if key in in_a:
            anchor = position[j]
        else:
            extra[anchor].append(j)
    out = [([], [j]) for j in extra.get(-1, [])]
    for g, group in enumerate(groups):
        out.append(group)
        out.extend(([], [j]) for j in extra.get(g, []))
    return out


#: share of the shorter cue two cues must overlap to belong together: cues
#: that only touch (one ends 40 ms after the next starts) are not a match
MIN_OVERLAP = 0.25


def _overlap(x: tuple[float, float], y: tuple[float, float]) -> bool:
    shared = min(x[1], y[1]) - max(x[0], y[0])
    shorter = min(x[1] - x[0], y[1] - y[0])
    return shared > 0 and shared >= MIN_OVERLAP * max(shorter, 1e-3)


def _time_groups(a: Document, b: Document) -> list[tuple[list[int], list[int]]]:
    """Cues grouped by time overlap: connected sets of overlapping cues of
    the two versions (a cue split in two in one version joins both halves),
    in time order; a cue that overlaps nothing is a group of its own."""
    times_a = [p.time or (0.0, 0.0) for p in a.paragraphs]
    times_b = [p.time or (0.0, 0.0) for p in b.paragraphs]
    parent = list(range(len(times_a) + len(times_b)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    order_b = sorted(range(len(times_b)), key=lambda j: times_b[j][0])
    starts_b = [times_b[j][0] for j in order_b]

    longest = max((end - begin for begin, end in times_b), default=0.0)
    for i, t in enumerate(times_a):
        lower = bisect.bisect_left(starts_b, t[0] - longest)
        for k in range(lower, bisect.bisect_left(starts_b, t[1])):
            j = order_b[k]
            if _overlap(t, times_b[j]):
                parent[find(i)] = find(len(times_a) + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(times_a)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(times_b)):
        groups.setdefault(find(len(times_a) + j), ([], []))[1].append(j)

    def start(group: tuple[list[int], list[int]]) -> tuple[float, int]:
        first = [times_a[i][0] for i in group[0]] + [times_b[j][0] for j in group[1]]
        return min(first), 0 if group[0] else 1

    return sorted(groups.values(), key=start)


#: below this share of cues with a time-overlapping counterpart, two
#: subtitle files are not on one timeline (a different cut, a shifted
#: export) and their cues are aligned as text instead
MIN_TIMED_SHARE = 0.5


def align_units(docs: list[Document], source: int, target: int, how: str) -> Alignment | None:
    """The alignment of ``target`` against ``source``, unit by unit.

    Subtitle cues that overlap in time share one link, however each version
    cut the dialogue into cues and sentences. None when two subtitle files
    do not share a timeline: the caller then aligns them as text.
    """
    a, b = docs[source], docs[target]
    if how == "time":
        groups = _time_groups(a, b)
        paired = sum(len(ga) + len(gb) for ga, gb in groups if ga and gb)
        if paired < MIN_TIMED_SHARE * (len(a.paragraphs) + len(b.paragraphs)):
            return None
    else:
        groups = _key_groups(a, b)
    sents_a, sents_b = _sentences_by_paragraph(a), _sentences_by_paragraph(b)
    #: each group's links, or the group's sentences when they are aligned
    #: inside the unit (done together below)
    parts: list[list[Link] | tuple[list[int], list[int]]] = []
    for paras_a, paras_b in groups:
        src = [i for p in paras_a for i in sents_a.get(p, [])]
        tgt = [j for p in paras_b for j in sents_b.get(p, [])]
        if not src and not tgt:
            continue
        if not tgt:
            parts.append([Link([i], []) for i in src])
        elif not src:
            parts.append([Link([], [j]) for j in tgt])
        elif (len(src) == 1 and len(tgt) == 1) or how == "time":
            parts.append([Link(src, tgt, 1.0)])
        else:
            parts.append((src, tgt))
    inside = [part for part in parts if isinstance(part, tuple)]
    aligned = iter(split_map(lambda sents: _inside(a, b, *sents), inside, fork=len(inside) >= FORK_MIN_UNITS))
    links = [link for part in parts for link in (next(aligned) if isinstance(part, tuple) else part)]
    method = {"time": "subtitle cues matched by time overlap", "key": "units matched by id or key"}[how]
    return Alignment(source=source, target=target, links=links, method=method)


#: units aligned inside (a few ms each) from which a second core takes half
#: of them (:func:`~translator.forked.split_map`: a fork costs ~10-30 ms)
FORK_MIN_UNITS = 100

#: signals used inside one unit: anchors and length. The lexical signals
#: (cognates, dictionaries, the bootstrapped lexicon) estimate their models
#: from a whole document, which costs ~50 ms per call; a unit of a few
#: sentences between fixed neighbours needs none of it (4 ms per unit)
INSIDE_UNIT = ("length", "numbers", "dates", "urls", "punctuation", "quotes")


def _inside(a: Document, b: Document, src: list[int], tgt: list[int]) -> list[Link]:
    """Sentence alignment inside one unit (``src``/``tgt``: its sentences)."""
    from . import AlignOptions, align_texts

    translation = _translations(b, tgt)
    signals = None if a.lang == b.lang else INSIDE_UNIT + (("mt",) if translation else ())
    inner, _ = align_texts(
        [a.segments[i].text for i in src],
        [b.segments[j].text for j in tgt],
        src_lang=a.lang,
        tgt_lang=b.lang,
        tgt_translation=translation,
        options=AlignOptions(signals=signals, bootstrap=False),
    )
    return [Link([src[i] for i in link.src], [tgt[j] for j in link.tgt], link.score) for link in inner]


def _translations(doc: Document, ids: list[int]) -> list[str] | None:
    texts = [doc.segments[j].translation for j in ids]
    return [t or "" for t in texts] if all(texts) else None


def untranslated_sentences(doc: Document) -> set[int]:
    """Sentences of a bilingual file's units that are not translated yet:
    the ``unit-state`` check reports those units, not the omission check."""
    states = {p.index for p in doc.paragraphs if p.state in NOT_TRANSLATED}
    return {s.index for s in doc.segments if s.paragraph in states} if states else set()
