"""MT-assisted alignment: a machine translation as the strong evidence it is.

The documents here are short German articles with a French translation and
a literal "machine" translation of the German into French, written for
these tests. No dictionary is installed (the ``isolated_machine`` fixture),
so the translation is the only word-level evidence across the languages.
"""

from __future__ import annotations

import numpy as np

from translator.align import align_texts
from translator.align.context import PairContext
from translator.align.grid import Grid, PairWindows
from translator.align.signals.mt import MtSignal, word_codes

DE = [
    "Die Expedition erreichte am 3. Mai das Basislager am Fuss des Gletschers.",
    "Das Wetter war schlecht, und die Träger wollten nicht weitergehen.",
    "Nach zwei Tagen des Wartens brach die Mannschaft trotzdem auf.",
    "Der Aufstieg über den Eisbruch dauerte eine ganze Woche, weil der Schnee sehr tief war.",
    "Oberhalb des Eisbruchs errichteten sie das zweite Lager.",
    "Von dort aus sahen sie zum ersten Mal den Gipfel.",
    "Am 20. Mai standen zwei Bergsteiger auf dem Gipfel.",
    "Sie kehrten am selben Abend ins Lager zurück.",
]
#: the translator moved "the snow was very deep" into the next sentence
FR = [
    "L'expédition atteignit le camp de base au pied du glacier le 3 mai.",
    "Le temps était mauvais et les porteurs ne voulaient pas continuer.",
    "Après deux jours d'attente, l'équipe partit malgré tout.",
    "La montée par la chute de séracs dura une semaine entière.",
    "La neige était très profonde ; au-dessus de la chute de séracs, ils installèrent le deuxième camp.",
    "De là, ils virent le sommet pour la première fois.",
    "Le 20 mai, deux alpinistes se tenaient au sommet.",
    "Ils revinrent au camp le soir même.",
]
MT = [
    "L'expédition a atteint le 3 mai le camp de base au pied du glacier.",
    "Le temps était mauvais, et les porteurs ne voulaient pas continuer.",
    "Après deux jours d'attente, l'équipe est partie malgré tout.",
    "La montée par la chute de séracs a duré une semaine entière, parce que la neige était très profonde.",
    "Au-dessus de la chute de séracs, ils ont installé le deuxième camp.",
    "De là, ils ont vu le sommet pour la première fois.",
    "Le 20 mai, deux alpinistes étaient au sommet.",
    "Ils sont retournés au camp le même soir.",
]


def ladder(links):
    return [(link.src, link.tgt) for link in links]


def test_a_clause_the_translator_moved_into_the_next_sentence_keeps_both_sentences_one_link():
    """Split 1-1, each half would pair well enough, and the per-link
    similarity rewarded two links over one; counted per word, the words
    that crossed the boundary are found only in the 2-2 link."""
    links, method = align_texts(DE, FR, src_lang="de", tgt_lang="fr", src_translation=MT)
    assert "mt" in method.split("+")
    assert ladder(links) == [
        ([0], [0]),
        ([1], [1]),
        ([2], [2]),
        ([3, 4], [3, 4]),
        ([5], [5]),
        ([6], [6]),
        ([7], [7]),
    ]


def test_a_translation_replaces_the_lexicon_learned_from_the_pairs_own_links():
    _, with_mt = align_texts(DE, FR, src_lang="de", tgt_lang="fr", src_translation=MT)
    _, without = align_texts(DE, FR, src_lang="de", tgt_lang="fr")
    assert "bootstrap" in without.split("+")
    assert "bootstrap" not in with_mt.split("+")


def _word_costs(
    src_mt: list[str], tgt: list[str], moves: list[tuple[int, int, int, int]], reordered: float | None = None
) -> list[float]:
    """``MtSignal.word_cost`` of links ``(a, b, end row, end column)``
    (with another weight of the words shared out of order, when given)."""
    signal = MtSignal()
    if reordered is not None:
        signal.reordered = reordered
    signal.prepare(PairContext(["x"] * len(src_mt), tgt, "de", "fr", src_mt=src_mt))
    signal.bind(PairWindows.for_grid(Grid.full(len(src_mt), len(tgt)), 2, 2), 2, 2)
    return [float(signal.word_cost(a, b, np.array([r]), np.array([c]))[0]) for a, b, r, c in moves]


def test_the_word_evidence_of_a_merged_link_is_what_its_sentences_earn_apart():
    """Nothing crossed the boundary: a 2-2 link earns exactly what its two
    1-1 links earn (so merge costs decide, and a faithful pair stays 1-1);
    something crossed: the 2-2 link earns more than the two halves."""
    mt = ["le glacier était couvert de neige fraîche", "les porteurs refusèrent de continuer"]
    apart = ["le glacier était couvert de neige", "fraîche les porteurs refusèrent de continuer"]
    one, two, both = _word_costs(mt, mt, [(1, 1, 1, 1), (1, 1, 2, 2), (2, 2, 2, 2)])
    assert abs(both - (one + two)) < 1e-9
    one, two, both = _word_costs(mt, apart, [(1, 1, 1, 1), (1, 1, 2, 2), (2, 2, 2, 2)])
    assert both < one + two - 0.1


def test_a_line_without_words_adds_no_word_evidence_to_a_link():
    """A row of dots merged into a link is neither evidence for it nor
    against it (the length of a link's text is what its words weigh)."""
    mt = ["le glacier était couvert de neige fraîche"]
    one, with_dots = _word_costs(mt, [mt[0], "....."], [(1, 1, 1, 1), (1, 2, 1, 2)])
    assert with_dots == one


def test_words_are_compared_by_their_first_five_letters():
    """Inflected forms (*alpinistes* / *alpiniste*, *grimpèrent* /
    *grimper*) are one word for the in-order comparison; other words not."""
    a, b = word_codes(["alpinistes grimperent", "alpiniste grimper sommet"])
    assert b.startswith(a)
    assert len(b) == 3 and b[2] not in a


def test_with_a_translation_the_dictionary_and_the_length_model_become_tie_breakers(tmp_path, monkeypatch):
    """They say indirectly what the translation says directly, with their
    own errors (every sense of a word at once; a free rendering's length):
    with a translation they weigh half, without one in full."""
    from dictdkit import write_dictd

    from translator.align import AlignOptions
    from translator.align.signals.dictionary import DictionarySignal
    from translator.align.signals.length import LengthSignal

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    write_dictd(tmp_path, "deu-fra", [("Gipfel", "Gipfel /x/ <n>\nsommet\n"), ("Lager", "Lager <n>\ncamp\n")])
    seen: dict[str, set[float]] = {}
    for cls in (DictionarySignal, LengthSignal):
        real = cls.bind

        def spy(self, *args, _real=real):
            seen.setdefault(self.name, set()).add(self.weight)
            return _real(self, *args)

        monkeypatch.setattr(cls, "bind", spy)
    options = AlignOptions(dict_dir=str(tmp_path))
    _, method = align_texts(DE, FR, src_lang="de", tgt_lang="fr", options=options)
    assert "dictionary" in method.split("+")
    assert seen == {"dictionary": {DictionarySignal.weight}, "length": {LengthSignal.weight}}
    seen.clear()
    align_texts(DE, FR, src_lang="de", tgt_lang="fr", src_translation=MT, options=options)
    assert seen == {"dictionary": {DictionarySignal.weight / 2}, "length": {LengthSignal.weight / 2}}


def test_content_words_moved_across_the_boundary_out_of_order_count_only_for_the_merged_link():
    """The translator took the leader's name from the list of members to
    the head of the sentence before it: in order, the 2-2 link finds no
    more than its two 1-1 halves (the name and the rest of the sentence
    cannot both be matched in order), but the name is shared out of order
    in the 2-2 link alone, so it earns more than the halves."""
    mt = ["l'équipe comprenait six alpinistes et deux chercheurs", "Fritz Morawec dirigeait l'expédition"]
    fr = [
        "sous Fritz Morawec l'équipe comprenait six alpinistes et deux chercheurs",
        "il dirigeait l'expédition",
    ]
    one, two, both = _word_costs(mt, fr, [(1, 1, 1, 1), (1, 1, 2, 2), (2, 2, 2, 2)])
    assert both < one + two - 0.1
    in_order = _word_costs(mt, fr, [(1, 1, 1, 1), (1, 1, 2, 2), (2, 2, 2, 2)], reordered=0.0)
    assert abs(in_order[2] - (in_order[0] + in_order[1])) < 0.05


def test_short_words_shared_out_of_order_are_not_evidence():
    """Articles and conjunctions (fewer than four letters) turn up in any
    order in any two blocks: only content words count out of order."""
    signal = MtSignal()
    mt, fr = ["le camp et la neige du col"], ["du col la neige et le camp"]
    signal.prepare(PairContext(["x"], fr, "de", "fr", src_mt=mt))
    signal.bind(PairWindows.for_grid(Grid.full(1, 1), 1, 1), 1, 1)
    moved = float(signal.out_of_order(1, 1, np.array([1]), np.array([1]))[0])
    # "camp" and "neige" are shared in an order the in-order count cannot
    # follow: one of them counts (both copies), the short words never
    assert moved == 2.0
