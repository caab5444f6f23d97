"""Word ties: how many content words of a sentence pair a dictionary ties.

The judge (:mod:`.confidence`) ranks a link's cost among what unrelated
pairings of the same sentences cost. With a dictionary that misses half of
the ties it could see: a sentence of another story standing where the
deleted one stood can rank above most unrelated pairings (a shared common
word, a length that fits), while nothing of its *vocabulary* is the
translation of its partner's. What separates it is absolute: of a
translation's content words, the document's own links tie a large share
(FreeDict: about 0.3-0.7 per word, depending on the language pair and
the translator), of an unrelated sentence's a few per cent.

For each pair ``(p, q)`` this module counts, on each side, the content
words (stems of three letters or more outside the language's 100 most
frequent words) and those tied to the other sentence: a source word whose
dictionary senses (:func:`.signals.dictionary.narrowed_senses`, the ones
the aligner's bags hold) include a stem of ``q``; a target word that some
word of ``p`` translates to; plus, on both sides, the numbers and look-alike
words (:mod:`.signals.numbers`, :mod:`.signals.cognates`) the two share.
Everything is read from the signals of the alignment (no dictionary is read
again), and pairs are counted a whole array at a time (numpy look-ups of
``sentence × vocabulary`` keys, no Python loop per pair).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from .text import stemmer

if TYPE_CHECKING:
    from .signals.dictionary import DictionarySignal

#: the language's most frequent words are function words: a tie through
#: them says nothing about what a sentence is about
FUNCTION_WORDS = 100
#: shortest stem counted as a content word
MIN_STEM = 3
#: signals whose shared features tie a pair on both sides
SHARED = ("numbers", "cognates")


class Ties:
    """The content words of both documents of an alignment and what ties
    them, ready to count any array of sentence pairs (:meth:`count`)."""

    def __init__(self, dictionary: DictionarySignal, others: Sequence = ()) -> None:
        src_stems, tgt_stems = dictionary.stems
        senses = dictionary.senses
        src_lang, tgt_lang = dictionary.langs
        common_s, common_t = _function_stems(src_lang), _function_stems(tgt_lang)
        # each distinct stem is examined once (a document repeats its words)
        vocab: dict[str, int] = {}
        key = vocab.setdefault
        for t in set(chain.from_iterable(tgt_stems)):
            if _content(t, common_t):
                key(t, len(vocab))
        content_t = vocab.copy()
        content_s = {s for s in set(chain.from_iterable(src_stems)) if _content(s, common_s)}
        sense_ids = {s: [key(t, len(vocab)) for t in senses[s][0]] for s in content_s if s in senses}
        # target side: each sentence's distinct content stems
        tgt = [
            list(map(content_t.__getitem__, filter(content_t.__contains__, dict.fromkeys(ws))))
            for ws in tgt_stems
        ]
        # source side: each distinct content stem, and the senses of those with some
        mine = [list(filter(content_s.__contains__, dict.fromkeys(ws))) for ws in src_stems]
        words_s = [len(ws) for ws in mine]
        opts_s = [list(filter(None, map(sense_ids.get, ws))) for ws in mine]
        self.size = max(len(vocab), 1)
        self.n_src = np.array(words_s, dtype=np.int64)
        self.n_tgt = np.array([len(ids) for ids in tgt], dtype=np.int64)
        # each source word with senses: its sentence and its senses (CSR)
        with_senses = [(p, o) for p, words in enumerate(opts_s) for o in words]
        self.word_sent = np.array([p for p, _ in with_senses], dtype=np.int64)
        self.word_ptr = np.zeros(len(with_senses) + 1, dtype=np.int64)
        np.cumsum([len(o) for _, o in with_senses], out=self.word_ptr[1:])
        self.word_opts = np.array([t for _, o in with_senses for t in o], dtype=np.int64)
        # each sentence's first source word with senses
        self.first_word = np.searchsorted(self.word_sent, np.arange(len(src_stems) + 1))
        # target stems and source senses as sorted sentence × vocabulary keys
        self.tgt_sent = np.repeat(np.arange(len(tgt)), self.n_tgt)
        self.tgt_ids = np.array([t for ids in tgt for t in ids], dtype=np.int64)
        self.tgt_keys = np.unique(self.tgt_sent * self.size + self.tgt_ids)
        self.first_tgt = np.concatenate([[0], np.cumsum(self.n_tgt)])
        self.src_keys = np.unique(self.word_sent[_owners(self.word_ptr)] * self.size + self.word_opts)
        self.shared = [_shared_rows(s) for s in others if getattr(s, "active", False)]

    def count(self, p: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Tied and content words of source sentences ``p`` and target
        sentences ``q`` (0-based, pair by pair): ``(tied_src, n_src,
        tied_tgt, n_tgt)``, the tied counts capped at the content counts."""
        p = np.asarray(p, dtype=np.int64)
        q = np.asarray(q, dtype=np.int64)
        # source words: expand each pair over its sentence's words with
        # senses, then each word over its senses
        pair_w, word = _expand(self.first_word[p], self.first_word[p + 1])
        pair_o, opt = _expand(self.word_ptr[word], self.word_ptr[word + 1])
        hit = _member(q[pair_w[pair_o]] * self.size + self.word_opts[opt], self.tgt_keys)
        word_hit = np.bincount(pair_o, hit, minlength=len(word)) > 0
        tied_s = np.bincount(pair_w, word_hit, minlength=len(p))
        # target words: each pair over its target sentence's content stems
        pair_t, stem = _expand(self.first_tgt[q], self.first_tgt[q + 1])
        hit = _member(p[pair_t] * self.size + self.tgt_ids[stem], self.src_keys)
        tied_t = np.bincount(pair_t, hit, minlength=len(p))
        both = np.zeros(len(p))
        for indptr_u, indices_u, width, keys_v in self.shared:
            pair_f, f = _expand(indptr_u[p], indptr_u[p + 1])
            both += np.bincount(pair_f, _member(q[pair_f] * width + indices_u[f], keys_v), minlength=len(p))
        n_src, n_tgt = self.n_src[p], self.n_tgt[q]
        return np.minimum(tied_s + both, n_src), n_src, np.minimum(tied_t + both, n_tgt), n_tgt


@cache
def _function_stems(lang: str | None) -> frozenset[str]:
    """The stems of ``lang``'s most frequent words (wordfreq)."""
    from ..lexicon.wordlists import function_words

    if not lang:
        return frozenset()
    stem = stemmer(lang)
    return frozenset(map(stem, function_words(lang, FUNCTION_WORDS)))


def _content(stem: str, common: frozenset[str]) -> bool:
    return len(stem) >= MIN_STEM and stem not in common and not stem.isdigit()


def _shared_rows(signal) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """A bag signal's source rows as ``(indptr, indices)`` of their
    features, the width of its vocabulary, and its target rows as sorted
    ``sentence × vocabulary`` keys."""
    u_ptr, u_idx = _positive(signal.U)
    v_ptr, v_idx = _positive(signal.V)
    width = max(int(signal.U.shape[1]), 1)
    return u_ptr, u_idx, width, np.unique(_owners(v_ptr) * width + v_idx)


def _positive(M) -> tuple[np.ndarray, np.ndarray]:
    """The ``(indptr, indices)`` of a CSR matrix's positive entries."""
    indptr, indices, data = np.asarray(M.indptr), np.asarray(M.indices), np.asarray(M.data)
    keep = data > 0
    counts = np.bincount(_owners(indptr)[keep], minlength=len(indptr) - 1)
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64), indices[keep].astype(np.int64)


def _owners(indptr: np.ndarray) -> np.ndarray:
    """The row of every entry of a CSR layout."""
    return np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))


def _expand(start: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every ``(k, i)`` with ``start[k] <= i < stop[k]``, as two arrays."""
    counts = np.maximum(stop - start, 0)
    owner = np.repeat(np.arange(len(start)), counts)
    offset = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, np.repeat(start, counts) + offset


def _member(keys: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Which ``keys`` are in the sorted ``table``."""
    if not len(table):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(table, keys), len(table) - 1)
    return table[at] == keys
