"""Bilingual dictionary: words whose FreeDict translation is on the other side.

Both directions of a language pair are used when installed (``deu-fra``
and, inverted, ``fra-deu``). Headwords and translations are stemmed like
the sentences, so inflected forms match; German (Dutch, Scandinavian)
compounds the dictionary lacks are split into parts it has
(:mod:`..compounds`). Words with many translations
spread their weight over them, and inverse document frequency keeps
function words from dominating.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from functools import lru_cache
from itertools import chain

from ..bag import BagSignal, Features
from ..compounds import expand, splitter
from ..context import PairContext
from ..dictd import cached, dictionary_path, read_pairs
from ..text import ISO3, stemmer


class DictionarySignal(BagSignal):
    name = "dictionary"
    weight = 2.0
    pivot = 0.15
    saturation = 3.0
    idf = True

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        lexicon = load_lexicon(ctx.src_lang, ctx.tgt_lang, ctx.dict_dir)
        if not lexicon or ctx.same_language:
            return [{} for _ in ctx.src], [{} for _ in ctx.tgt]
        # a compound the dictionary lacks stands for its parts (on the side
        # whose language writes compounds as one word)
        if isinstance(lexicon, Lexicon):
            split_src, split_tgt = lexicon.splitters(ctx.src_lang, ctx.tgt_lang)
        else:
            split_src = splitter(ctx.src_lang, lexicon)
            split_tgt = splitter(ctx.tgt_lang, reachable_stems(lexicon))
        src_stems = expand(ctx.src_stems, split_src)
        tgt_stems = expand(ctx.tgt_stems, split_tgt)
        #: the stems the bags were made of, and each source stem's senses,
        #: for the judge's word-by-word test (:mod:`..confidence`)
        self.stems = (src_stems, tgt_stems)
        self.senses = narrowed_senses(src_stems, tgt_stems, lexicon)
        self.langs = (ctx.src_lang, ctx.tgt_lang)
        return translate_bags(src_stems, tgt_stems, lexicon, self.senses)


def translate_bags(
    src_stems: list[list[str]],
    tgt_stems: list[list[str]],
    lexicon: Mapping[str, frozenset[str]],
    senses: dict[str, tuple[tuple[str, ...], float]] | None = None,
) -> tuple[list[Features], list[Features]]:
    """Source bags of translations, target bags of stems that some source
    word translates to (other target words cannot match, so they are left
    out of the vector).

    A word's senses are narrowed to those the target document uses: a word
    with four dictionary translations of which the document has one would
    otherwise spread its weight over three stems no sentence has, and a
    perfect match would cover only half of it. A word none of whose
    translations occurs keeps them all — its translation is missing, which
    is what an omitted sentence looks like, so it must stay visible (Text+Berg
    dev: word-level accuracy of the dictionary alone 0.878 -> 0.886, strict
    F1 +0.003 at ``--max-link`` 3 and 4).
    """
    reachable = reachable_stems(lexicon) if lexicon else set()
    if senses is None:
        senses = narrowed_senses(src_stems, tgt_stems, lexicon)
    src_bags: list[Features] = []
    for stems in src_stems:
        bag: Features = {}
        for options, share in filter(None, map(senses.get, stems)):
            for t in options:
                bag[t] = bag.get(t, 0.0) + share
        src_bags.append(bag)
    keep = reachable.__contains__
    tgt_bags = [dict(Counter(filter(keep, stems))) for stems in tgt_stems]
    return src_bags, tgt_bags


def narrowed_senses(
    src_stems: list[list[str]], tgt_stems: list[list[str]], lexicon: Mapping[str, frozenset[str]]
) -> dict[str, tuple[tuple[str, ...], float]]:
    """Each source stem's translations, narrowed to those the target
    document uses (all of them when it uses none, see :func:`translate_bags`),
    and the share of its weight each one gets."""
    present = {t for stems in tgt_stems for t in stems}
    used = {s for stems in src_stems for s in stems if s in lexicon}
    # each stem's senses and their share, worked out once per stem
    senses = {}
    for s in used:
        options = (lexicon[s] & present) or lexicon[s]
        if options:
            # sorted: a set's order follows the hash seed, and the order of a
            # bag's entries reaches the float sums of the sparse products
            senses[s] = (tuple(sorted(options)), 1.0 / len(options) ** 0.5)
    return senses


class Lexicon(Mapping[str, frozenset[str]]):
    """Stem -> translation stems, each set built the first time it is asked
    for.

    A pair's table has tens of thousands of entries and a document uses a
    few hundred of them: building every frozenset when the table is read
    cost a short de-en comparison about 0.1 CPU-s. The sets are the ones
    the eager table held (same members); :meth:`reachable` is the union of
    all of them, built once from the lists."""

    def __init__(self, lists: dict[str, list[str]]) -> None:
        self._lists = lists
        self._sets: dict[str, frozenset[str]] = {}
        self._reachable: set[str] | None = None
        self._splitters: dict[tuple[str | None, str | None], tuple] = {}

    def __getitem__(self, stem: str) -> frozenset[str]:
        try:
            return self._sets[stem]
        except KeyError:
            found = self._sets[stem] = frozenset(self._lists[stem])
            return found

    def __contains__(self, stem: object) -> bool:
        return stem in self._lists

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)

    def lists(self) -> dict[str, list[str]]:
        """Stem -> sorted translation stems (the cached JSON's layout)."""
        return self._lists

    def reachable(self) -> set[str]:
        """Every translation stem of the table."""
        if self._reachable is None:
            self._reachable = set().union(*self._lists.values())
        return self._reachable

    def splitters(self, src_lang: str | None, tgt_lang: str | None) -> tuple:
        """The compound splitters of both sides (:func:`..compounds.splitter`
        against the headwords and against :meth:`reachable`), made once per
        table: each keeps the splits it worked out, so the documents of a
        corpus share them instead of splitting the same words again."""
        key = (src_lang, tgt_lang)
        if key not in self._splitters:
            self._splitters[key] = (splitter(src_lang, self), splitter(tgt_lang, self.reachable()))
        return self._splitters[key]


def reachable_stems(lexicon: Mapping[str, frozenset[str]]) -> set[str]:
    """Every translation stem of ``lexicon`` (one union, kept, for a :class:`Lexicon`)."""
    if isinstance(lexicon, Lexicon):
        return lexicon.reachable()
    return set().union(*lexicon.values())


@lru_cache(maxsize=8)
def load_lexicon(
    src_lang: str | None, tgt_lang: str | None, folder: str | None
) -> Mapping[str, frozenset[str]]:
    """Stem -> translation stems for a language pair, from every installed
    FreeDict direction; empty when none is installed. The stemmed table is
    cached on disk next to the parsed dictionaries."""
    src3, tgt3 = ISO3.get(src_lang or ""), ISO3.get(tgt_lang or "")
    if not src3 or not tgt3 or src3 == tgt3:
        return {}
    forward = dictionary_path(src3, tgt3, folder)
    backward = dictionary_path(tgt3, src3, folder)
    paths = [p for p in (forward, backward) if p]
    if not paths:
        return {}

    def build() -> Lexicon:
        stem_s, stem_t = stemmer(src_lang), stemmer(tgt_lang)
        table: dict[str, set[str]] = defaultdict(set)
        if forward:
            for head, trans in read_pairs(forward):
                s, t = stem_s(head), stem_t(trans)
                if len(s) > 2 and len(t) > 2:
                    table[s].add(t)
        if backward:
            for head, trans in read_pairs(backward):
                s, t = stem_s(trans), stem_t(head)
                if len(s) > 2 and len(t) > 2:
                    table[s].add(t)
        # words with dozens of "translations" are noise (idioms, slang senses)
        return Lexicon({s: sorted(ts) for s, ts in table.items() if len(ts) <= 12})

    return cached(paths, f"lexicon-{src_lang}-{tgt_lang}", build, dump=Lexicon.lists, load=_load_lexicon)


def _load_lexicon(data: object) -> Lexicon:
    """The cached table back from JSON; ``ValueError`` when it is not one.

    Checked in bulk (``map``, not a generator per entry): every process that
    aligns the pair reads it."""
    if not isinstance(data, dict):
        raise ValueError("not a lexicon")
    lists = data.values()
    if not set(map(type, lists)) <= {list} or not set(map(type, chain.from_iterable(lists))) <= {str}:
        raise ValueError("not a lexicon")
    return Lexicon(data)
