"""Proper nouns and cognates, matched across the two vocabularies by
character similarity (rapidfuzz).

*Kretschmer* is *Kretschmer* in any language, *Himalaya* becomes
*himalayens*, *Expedition* becomes *expédition*: words that look alike on
both sides are the commonest anchor between related languages. We match the
two documents' vocabularies once (words of four letters or more, compared
only within the same first letter, so the work stays near-linear), then a
sentence's features are the source words it contains that found a partner.

German capitalises every noun, so "capitalised" alone says little; a word
capitalised inside a sentence on *both* sides (a name) weighs double, and
inverse document frequency keeps frequent look-alikes (*dans*/*dann*) weak.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain

from ..bag import BagSignal, Features
from ..context import PairContext
from ..text import fold_word

MIN_LENGTH = 4
_ALPHA = re.compile(r"[^\W\d_]")
THRESHOLD = 80.0


class CognatesSignal(BagSignal):
    name = "cognates"
    weight = 2.5
    pivot = 0.2
    saturation = 2.0
    idf = True

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        src_words, tgt_words = ctx.src_words, ctx.tgt_words
        if not ctx.same_language:
            # (within one language a compound is spelled alike on both sides)
            src_words, tgt_words = _parts(src_words), _parts(tgt_words)
        src_info, tgt_info = _infos(src_words), _infos(tgt_words)
        src_vocab = {f for f, _ in src_info.values() if f}
        tgt_vocab = {f for f, _ in tgt_info.values() if f}
        partners = match_vocabularies(src_vocab, tgt_vocab)
        reverse: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for w, options in partners.items():
            for t, sim in options:
                reverse[t].append((w, sim))
        # only words with a look-alike on the other side make features, and
        # in most documents they are a small part of the text: the others
        # are dropped before the per-token work
        src_tokens = _tokens(src_words, src_info, partners.keys())
        tgt_tokens = _tokens(tgt_words, tgt_info, reverse.keys())
        src_caps = _capitalised(src_tokens)
        tgt_caps = _capitalised(tgt_tokens)
        src_bags: list[Features] = []
        for toks in src_tokens:
            bag: Counter = Counter()
            for w, _ in toks:
                for t, sim in partners.get(w, ()):
                    bag[w] += sim * (2.0 if w in src_caps and t in tgt_caps else 1.0)
                    break  # the best partner stands for the word
            src_bags.append(dict(bag))
        tgt_bags: list[Features] = []
        for toks in tgt_tokens:
            bag = Counter()
            for t, _ in toks:
                for w, sim in reverse.get(t, ()):
                    bag[w] += sim * (2.0 if w in src_caps and t in tgt_caps else 1.0)
            tgt_bags.append(dict(bag))
        return src_bags, tgt_bags


def _parts(sentences: list[list[str]]) -> list[list[str]]:
    """Hyphenated words as their parts: German joins a name or a loanword to
    a word of its own with a hyphen (*Marketing-Bildmaterial*,
    *Knowsley-Safaripark*, *Instagram-Konto*) where English writes them
    apart, French names join theirs (*Saint-Gervais*, *Haut-Baltoro*)
    where German writes one word or two, and the whole compound looks like
    neither; the parts are matched as words of their own (a part too short
    to match is dropped like any short word). Splitting only the languages
    that write compounds as one word: Text+Berg dev strict F1 0.881 /
    0.887 (FreeDict / none) instead of 0.892 / 0.894."""
    if not any("-" in w for ws in sentences for w in ws):
        return sentences
    return [[p for w in ws for p in (w.split("-") if "-" in w else (w,)) if p] for ws in sentences]


def _infos(sentences: list[list[str]]) -> dict[str, tuple[str, bool]]:
    """:func:`_word_info` of every distinct word of a document."""
    return {w: _INFO.get(w) or _word_info(w) for w in set(chain.from_iterable(sentences))}


def _tokens(
    sentences: list[list[str]], info: dict[str, tuple[str, bool]], keep: Iterable[str]
) -> list[list[tuple[str, bool]]]:
    """Per sentence, the folded words in ``keep`` with "capitalised inside
    the sentence"; other words (too short, not a word, or not kept) are
    left out."""
    kept = {w for w, (folded, _) in info.items() if folded and folded in keep}
    out: list[list[tuple[str, bool]]] = []
    for words in sentences:
        if kept.isdisjoint(words):
            out.append([])
            continue
        out.append([(info[w][0], k > 0 and info[w][1]) for k, w in enumerate(words) if w in kept])
    return out


#: word -> (folded form or "" when too short / not a word, capitalised);
#: words repeat, so each distinct word is examined once per process
_INFO: dict[str, tuple[str, bool]] = {}


def _word_info(word: str) -> tuple[str, bool]:
    ok = len(word) >= MIN_LENGTH and not word.isdigit() and _ALPHA.search(word)
    info = (fold_word(word) if ok else "", word[0].isupper() and not word.isupper())
    if len(_INFO) < 500_000:
        _INFO[word] = info
    return info


def _capitalised(sentences: list[list[tuple[str, bool]]]) -> set[str]:
    """Words that are capitalised mid-sentence in most of their occurrences."""
    seen: Counter = Counter()
    caps: Counter = Counter()
    for toks in sentences:
        for w, cap in toks:
            seen[w] += 1
            caps[w] += cap
    return {w for w, n in seen.items() if caps[w] * 2 > n}


def match_vocabularies(src: set[str], tgt: set[str]) -> dict[str, list[tuple[str, float]]]:
    """Source word -> target look-alikes with similarity in [0, 1], best first.

    Identical words match at 1.0; others need a rapidfuzz ratio of at least
    ``THRESHOLD`` and a shared first letter (cognates rarely differ there,
    and bucketing by it keeps the comparison near-linear).
    """
    from rapidfuzz import fuzz, process

    out: dict[str, list[tuple[str, float]]] = {}
    buckets_t: dict[str, list[str]] = defaultdict(list)
    for t in tgt:
        buckets_t[t[:1]].append(t)
    buckets_s: dict[str, list[str]] = defaultdict(list)
    for s in src:
        buckets_s[s[:1]].append(s)
    for first, words_s in buckets_s.items():
        words_t = buckets_t.get(first)
        if not words_t:
            continue
        words_s = sorted(words_s)
        words_t = sorted(words_t)
        # one thread: a bucket is a few hundred words a side, and starting
        # a thread per core for it cost more CPU time than the comparisons
        # (a Text+Berg document: 9 -> 5 CPU-ms, the same scores)
        scores = process.cdist(
            words_s, words_t, scorer=fuzz.ratio, score_cutoff=THRESHOLD, dtype="uint8", workers=1
        )
        rows, cols = scores.nonzero()
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            s, t = words_s[r], words_t[c]
            if s != t and (len(s) < 5 or len(t) < 5):
                continue  # short look-alikes are chance, only identity counts
            out.setdefault(s, []).append((t, scores[r, c] / 100.0))
    for s in out:
        out[s].sort(key=lambda item: -item[1])
    return out
