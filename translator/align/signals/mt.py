"""MT-assisted similarity: compare a machine translation with the other side.

With a translation of the source into the target language (``--translation
FILE``, Bleualign's interface) or of the target into the source language
(segments' ``.translation`` from the Argos engine), the cross-language
problem becomes a same-language one. Three measures judge a link:

- the block similarity of :mod:`.fuzzy` (character n-grams and edit
  similarity), once per link: how well the two blocks read as the same
  text, which is what picks a sentence's partner;
- the words the two blocks have *in the same order* (the longest common
  subsequence of their word sequences, words cut to their first five
  letters so that inflection does not count, as BLEU counts n-grams in
  order), counted per word: each shared word earns, each word of the
  link costs :attr:`MtSignal.pivot_words`. Summed over words, the
  evidence of a link grows with the text it covers, so a 2-2 link whose
  translator moved a clause across the sentence boundary earns what its
  two halves would plus the words that crossed, and a sentence that
  nothing on the other side translates costs its words whichever link it
  joins. The first measure alone gives every link one reward whatever
  its size, which splits translators' n-m links into 1-1 pieces; a
  per-link score on merged blocks cannot be scaled by size instead,
  because character n-gram sets of longer blocks overlap more by chance
  (Text+Berg dev, Google MT: a wrong 2-1 loses 0.15 of n-gram similarity,
  but a right 2-2 gains 0.02-0.03 over its halves by chance alone; word
  order gains 0.002);
- the content words (four letters or more) the two blocks share *out of*
  order, at :attr:`MtSignal.reordered` of an in-order word each. A
  translator who merges or splits sentences also moves their parts: the
  leader's name taken from the list of members to the head of the
  sentence before it, a place name from a book's title to its publisher.
  Such a word crosses the boundary between two 1-1 links in the other
  direction, so neither link nor their in-order count sees it, and only
  the n-m link that contains both of its occurrences earns it. Function
  words are left out because a short sentence and any block share some
  *de*, *la* and *et* in some order by chance.

The model-free signals still run beside it: MT output garbles names and
numbers now and then; the length model and the dictionary count for less
(:data:`..engine.MT_DISCOUNT`).
"""

from __future__ import annotations

import numpy as np

from ..bag import Features
from ..context import PairContext
from .fuzzy import FuzzySignal, block_ratio

#: words are compared by their first letters only (*alpinistes* /
#: *alpiniste*, *grimpé* / *grimper*); 4 and 6 give the same Text+Berg
#: figures as 5
PREFIX = 5
#: a word of at least this many letters is a content word (for the words
#: shared out of order; see :class:`MtSignal`): the articles, pronouns and
#: conjunctions of the languages we align have fewer (Text+Berg dev, Google
#: MT, FreeDict / none, at ``reordered`` 0.5: 3 gives 0.930 / 0.928, 4 and
#: 5 give 0.932 / 0.930)
CONTENT_LETTERS = 4
#: first code point of the one-character stand-ins for words (past the
#: scripts, so a stand-in is never a real letter; see :func:`word_codes`)
_CODE_BASE = 0x20000
_CODE_SPAN = 0x10FFFF - _CODE_BASE


class MtSignal(FuzzySignal):
    name = "mt"
    weight = 6.0
    pivot = 0.35
    #: weight of the in-order word evidence, per average sentence of text:
    #: twice the per-link measure's, because it also has to carry the
    #: decisions between one n-m link and several smaller ones (Text+Berg
    #: dev strict F1, Google / statistical MT, FreeDict / none: 9 gives
    #: 0.928/0.925, 0.913/0.916; 12 gives 0.928/0.927, 0.913/0.920; 15 gives
    #: 0.930/0.927, 0.913/0.920; 20 gives 0.926/0.916, 0.907/0.909)
    weight_words = 12.0
    #: what each word of a link costs, against 1 for each word shared in
    #: order: between what unrelated sentence pairs share (0.14 of their
    #: words for nine pairs in ten on the Text+Berg dev set, Google or
    #: statistical MT) and what nine in ten genuine 1-1 links share (0.20
    #: with statistical MT, 0.22 with Google's). Between links that cover
    #: the same sentences it cancels out; it decides what a link is worth
    #: against leaving its sentences unaligned
    pivot_words = 0.18
    #: what a content word shared out of order earns, against 1 for a word
    #: in order: less, because a word that recurs in a document (a place, a
    #: name, *expédition*) is also found out of order in blocks that merely
    #: neighbour its partner. Text+Berg dev strict F1, Google / statistical
    #: MT, FreeDict / none: 0 gives 0.932/0.927, 0.917/0.920; 0.2 gives
    #: 0.932/0.930, 0.921/0.917; 0.3 gives 0.932/0.930, 0.924/0.924; 0.5
    #: gives 0.932/0.930, 0.920/0.920; 0.7 gives 0.928/0.926, 0.920/0.920
    reordered = 0.3

    def texts(self, ctx: PairContext) -> tuple[list[str], list[str]]:
        if ctx.same_language:
            return [], []
        if ctx.src_mt is not None and len(ctx.src_mt) == len(ctx.src):
            return [t or "" for t in ctx.src_mt], ctx.tgt
        if ctx.tgt_mt is not None and len(ctx.tgt_mt) == len(ctx.tgt):
            return ctx.src, [t or "" for t in ctx.tgt_mt]
        return [], []

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        bags = super().features(ctx)
        src, tgt = getattr(self, "_src", []), getattr(self, "_tgt", [])
        codes = word_codes(src + tgt)
        self._src_words, self._tgt_words = codes[: len(src)], codes[len(src) :]
        content = word_codes(src + tgt, min_letters=CONTENT_LETTERS)
        self._src_content, self._tgt_content = content[: len(src)], content[len(src) :]
        ls, self._words_s = _counts(self._src_words)
        lt, self._words_t = _counts(self._tgt_words)
        self._content_s = _counts(self._src_content)[1]
        self._content_t = _counts(self._tgt_content)[1]
        # the average sentence's words on both sides: a typical 1-1 link's
        # word evidence weighs ``weight_words``
        self._unit = max(2.0 * (ls.sum() + lt.sum()) / max(len(ls) + len(lt), 1), 1.0)
        return bags

    def cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return super().cost(a, b, rows, cols) + self.word_cost(a, b, rows, cols)

    def word_cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``weight_words * (pivot_words * words - shared) / unit``: the
        block pair's words in order, plus :attr:`reordered` of each content
        word they share out of order (``shared`` counts both sides' copies,
        as the Indel similarity ``2 * LCS / words`` does)."""
        words = self._words_s[rows] - self._words_s[rows - a] + self._words_t[cols] - self._words_t[cols - b]
        shared = words * block_ratio(self._src_words, self._tgt_words, a, b, rows, cols, sep="")
        shared += self.reordered * self.out_of_order(a, b, rows, cols)
        return self.weight_words / self._unit * (self.pivot_words * words - shared)

    def out_of_order(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Both sides' copies of the content words the blocks share beyond
        their longest common subsequence: the shared multiset (the common
        subsequence of the blocks' words sorted) less the words in order."""
        src, tgt = self._src_content, self._tgt_content
        words = (
            self._content_s[rows]
            - self._content_s[rows - a]
            + self._content_t[cols]
            - self._content_t[cols - b]
        )
        as_bags = block_ratio(src, tgt, a, b, rows, cols, sep="", processor=_sorted)
        in_order = block_ratio(src, tgt, a, b, rows, cols, sep="")
        return words * np.maximum(as_bags - in_order, 0.0)


def word_codes(texts: list[str], prefix: int = PREFIX, min_letters: int = 0) -> list[str]:
    """Each folded text as a string of one character per word (its first
    ``prefix`` letters), so that rapidfuzz's edit measures, which work on
    characters, compare word sequences: the Indel similarity of two such
    strings is ``2 * LCS / (words + words)`` over words. Words shorter than
    ``min_letters`` are left out."""
    codes: dict[str, str] = {}
    out = []
    for text in texts:
        chars = []
        for word in text.split():
            if len(word) < min_letters:
                continue
            key = word[:prefix]
            code = codes.get(key)
            if code is None:
                code = codes[key] = chr(_CODE_BASE + len(codes) % _CODE_SPAN)
            chars.append(code)
        out.append("".join(chars))
    return out


def _counts(codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Words per text, and their running total from 0 (block sums)."""
    counts = np.fromiter(map(len, codes), dtype=np.float64, count=len(codes))
    return counts, np.concatenate([[0.0], np.cumsum(counts)])


def _sorted(code: str) -> str:
    """A block's words in a fixed order: two sorted blocks' longest common
    subsequence is their shared multiset of words."""
    return "".join(sorted(code))
