"""Which weak 1-1 links the judge takes apart (translator/align/confidence.py).

The judge sees, for every node of the search grid, the cost of a 1-1 link
there (lower fits better); these tests build that table directly: genuine
links on the diagonal, unrelated pairings off it, and one link whose cost
sits among its unrelated pairings' at a chosen rank.
"""

from __future__ import annotations

import numpy as np

from translator.align.confidence import judge
from translator.align.grid import Grid

N = 24
#: the link under test
PLANTED = 11


def _judged(planted_rank: float, weak_links: int, outliers: bool = True) -> list[tuple[int, int, int, int]]:
    """Spans after judging a diagonal of ``N`` 1-1 links.

    Unrelated pairings cost 1..2 (spread evenly); genuine links cost less
    than all of them, except ``weak_links`` links that fit better than only
    80 % of their unrelated pairings (a free translation), and the planted
    link, which fits better than ``planted_rank`` of them.
    """
    grid = Grid.full(N, N)
    rows, cols = grid.cells()
    cost = np.full(grid.size, np.inf)
    inner = (rows >= 1) & (cols >= 1)
    rng = np.random.default_rng(3)
    cost[inner] = 1.0 + rng.random(int(inner.sum()))
    spans = [(i, i + 1, i, i + 1) for i in range(N)]
    for i in range(N):
        idx, _ = grid.flat(np.array([i + 1]), np.array([i + 1]))
        cost[idx] = 0.2
    for i in [PLANTED] + list(range(2, 2 + 3 * weak_links, 3)):
        node, _ = grid.flat(np.array([i + 1]), np.array([i + 1]))
        share = planted_rank if i == PLANTED else 0.8
        # the value that leaves ``share`` of the link's unrelated pairings above it
        far = np.abs(np.arange(1, N + 1) - (i + 1)) >= 2
        row, _ = grid.flat(np.full(far.sum(), i + 1), np.arange(1, N + 1)[far])
        col, _ = grid.flat(np.arange(1, N + 1)[far], np.full(far.sum(), i + 1))
        null = np.sort(np.concatenate([cost[row], cost[col]]))
        cost[node] = np.quantile(null, 1.0 - share)
    zeros = np.zeros(grid.size)
    out, _, _ = judge(spans, [0.0] * N, grid, (cost, zeros, zeros), outliers=outliers)
    return out


def test_a_link_fitting_little_better_than_chance_is_taken_apart_where_every_other_link_stands_out():
    # a sentence of another story that a common word ties to the original
    # by accident: better than 55 % of unrelated pairings, but every other
    # translation of the pair is better than all of them
    out = _judged(0.55, weak_links=0)
    assert (PLANTED, PLANTED + 1, PLANTED, PLANTED) in out
    assert (PLANTED + 1, PLANTED + 1, PLANTED, PLANTED + 1) in out
    assert sum(1 for i0, i1, j0, j1 in out if i1 > i0 and j1 > j0) == N - 1


def test_the_same_link_stays_one_where_several_translations_of_the_pair_fit_weakly():
    # four of 23 other links fit only moderately (a free translation, few
    # shared words): there, 55 % is what a genuine link can look like
    out = _judged(0.55, weak_links=4)
    assert (PLANTED, PLANTED + 1, PLANTED, PLANTED + 1) in out
    assert len(out) == N


def test_a_link_just_below_chance_stays_one_where_a_quarter_of_the_pairs_translations_fit_weakly():
    # six of 23 other links fit only moderately: a free translation, whose
    # genuine links fall below chance as well (English-German news without
    # a dictionary)
    out = _judged(0.4, weak_links=7)
    assert out == [(i, i + 1, i, i + 1) for i in range(N)]


def test_a_link_far_below_chance_is_taken_apart_even_where_the_translation_is_free():
    out = _judged(0.1, weak_links=7)
    assert (PLANTED, PLANTED + 1, PLANTED, PLANTED) in out
    assert (PLANTED + 1, PLANTED + 1, PLANTED, PLANTED + 1) in out


def test_a_link_fitting_clearly_better_than_chance_stays_one_where_every_other_link_stands_out():
    out = _judged(0.7, weak_links=0)
    assert out == [(i, i + 1, i, i + 1) for i in range(N)]


def test_with_a_machine_translation_the_judge_keeps_its_plain_bar():
    # the outlier bar was measured on model-free alignments only: the MT
    # path (outliers off) takes apart only links below chance
    assert _judged(0.55, weak_links=0, outliers=False) == [(i, i + 1, i, i + 1) for i in range(N)]
    out = _judged(0.3, weak_links=0, outliers=False)
    assert (PLANTED, PLANTED + 1, PLANTED, PLANTED) in out


# -- with a dictionary: the word test -----------------------------------------

#: a mountain tour in German and English, and a small German-English
#: dictionary of its words (function words included, as FreeDict has them)
_TOUR_DE = [
    "Am Morgen verliessen die Bergsteiger das Lager im Tal.",
    "Der Weg zum Gletscher war steil und voller Steine.",
    "Mittags erreichten sie die Hütte unter dem Gipfel.",
    "Der Wind am Gipfel war kalt, aber der Himmel blieb klar.",
    "Vorwärts!",
    "Am nächsten Tag stiegen sie über den Grat zum Gipfel.",
    "Der Schnee auf dem Grat war hart und glatt.",
    "Der Führer sicherte die Gruppe mit einem langen Seil.",
    "Nach fünf langen Stunden stand die müde Gruppe mit Führer und Seil auf dem Gipfel über dem Gletscher.",
    "Die Aussicht über die Berge und Täler war herrlich.",
    "Beim Abstieg zog ein Gewitter über dem Tal auf.",
    "Die Gruppe wartete in der Hütte auf besseres Wetter.",
    "Am Abend kehrten alle müde ins Lager zurück.",
    "Der Führer schrieb einen Bericht über die Tour.",
]
_TOUR_EN = [
    "In the morning the climbers left the camp in the valley.",
    "The path to the glacier was steep and full of stones.",
    "At noon they reached the hut below the summit.",
    "The wind at the summit was cold, but the sky stayed clear.",
    "Onward!",
    "The next day they climbed over the ridge to the summit.",
    "The snow on the ridge was hard and smooth.",
    "The guide secured the group with a long rope.",
    "After five long hours the tired group with guide and rope stood on the summit above the glacier.",
    "The view over the mountains and valleys was splendid.",
    "During the descent a thunderstorm gathered over the valley.",
    "The group waited in the hut for better weather.",
    "In the evening everyone returned tired to the camp.",
    "The guide wrote a report about the tour.",
]
_TOUR_WORDS = {
    "Morgen": "morning", "Bergsteiger": "climber", "Lager": "camp", "Tal": "valley", "Weg": "path",
    "Gletscher": "glacier", "steil": "steep", "Stein": "stone", "Mittag": "noon", "erreichen": "reach",
    "Hütte": "hut", "Gipfel": "summit", "Wind": "wind", "kalt": "cold", "Himmel": "sky", "klar": "clear",
    "Tag": "day", "steigen": "climb", "Grat": "ridge", "Schnee": "snow", "hart": "hard", "glatt": "smooth",
    "Führer": "guide", "sichern": "secure", "Gruppe": "group", "lang": "long", "Seil": "rope",
    "Stunde": "hour", "stehen": "stand", "Aussicht": "view", "Berg": "mountain", "herrlich": "splendid",
    "Abstieg": "descent", "Gewitter": "thunderstorm", "warten": "wait", "Wetter": "weather",
    "Abend": "evening", "müde": "tired", "schreiben": "write", "Bericht": "report", "Tour": "tour",
    "fünf": "five", "besser": "better", "voll": "full", "verlassen": "leave", "nächst": "next",
    "der": "the", "die": "the", "das": "the", "dem": "the", "und": "and", "mit": "with", "auf": "on",
    "über": "over", "nach": "after",
}  # fmt: skip


def _tour_links(tmp_path, english: list[str]) -> list[str]:
    from dictdkit import write_dictd

    from translator.align import AlignOptions, align_texts

    write_dictd(tmp_path, "deu-eng", [(de, f"{de} /x/ <n>\n{en}\n") for de, en in _TOUR_WORDS.items()])
    links, method = align_texts(
        _TOUR_DE, english, src_lang="de", tgt_lang="en", options=AlignOptions(dict_dir=str(tmp_path))
    )
    assert "dictionary" in method.split("+")
    return [link.ladder() for link in links]


def test_with_a_dictionary_a_replacement_whose_many_content_words_have_no_tie_is_taken_apart(tmp_path):
    # the sentence of another story shares "the" and "and" with the German
    # sentence it replaces, as many unrelated pairings do, so it fits
    # better than most of them (the rank alone keeps it); but not one of
    # its ten content words is the translation of one of the ten of its
    # partner, where the pair's other translations tie most of theirs
    english = list(_TOUR_EN)
    english[8] = (
        "The government and its ministers signed controversial steel tariffs during difficult negotiations in Brussels."
    )
    ladders = _tour_links(tmp_path, english)
    assert "[8]:[]" in ladders and "[]:[8]" in ladders
    # the short free translation shares no word either, but two words
    # without a tie are what chance gives a genuine pair: it stays linked
    assert "[4]:[4]" in ladders
    assert sum(1 for ladder in ladders if "[]" not in ladder) == len(_TOUR_DE) - 1


def test_with_a_dictionary_the_faithful_tour_keeps_every_link(tmp_path):
    assert _tour_links(tmp_path, _TOUR_EN) == [f"[{i}]:[{i}]" for i in range(len(_TOUR_DE))]


def test_word_ties_count_content_words_and_those_a_sense_or_a_number_ties(tmp_path):
    from dictdkit import write_dictd

    from translator.align.context import PairContext
    from translator.align.signals.dictionary import DictionarySignal
    from translator.align.signals.numbers import NumbersSignal
    from translator.align.ties import Ties

    write_dictd(
        tmp_path,
        "deu-eng",
        [
            (de, f"{de} /x/ <n>\n{en}\n")
            for de, en in {"Gipfel": "summit", "Seil": "rope", "der": "the"}.items()
        ],
    )
    ctx = PairContext(
        ["Der Gipfel und das Seil lagen 300 Meter höher.", "Regen."],
        ["The summit lay 300 metres higher than the camp.", "Rain."],
        "de",
        "en",
        dict_dir=str(tmp_path),
    )
    signals = [DictionarySignal(), NumbersSignal()]
    for signal in signals:
        signal.prepare(ctx)
    tied_s, n_s, tied_t, n_t = Ties(signals[0], signals[1:]).count([0, 0, 1], [0, 1, 0])
    # German content words: Gipfel, Seil, lagen, Meter, höher ("der", "und",
    # "das" are among the 100 most frequent); Gipfel is tied by its sense,
    # and the shared 300 ties one word on each side; Seil's "rope" is absent
    assert n_s.tolist() == [5, 5, 1] and tied_s.tolist() == [2, 0, 0]
    # English: summit, lay, metres, higher, camp ("the", "than" are frequent)
    assert n_t.tolist() == [5, 1, 5] and tied_t.tolist() == [2, 0, 0]


def test_the_word_tests_log_beta_is_scipys_betaln_on_word_counts():
    import numpy as np
    from scipy.special import betaln

    from translator.align.confidence import _betaln

    rng = np.random.default_rng(7)
    n = rng.integers(0, 80, 20000).astype(np.float64)
    k = np.floor(rng.random(20000) * (n + 1))
    a, b = rng.random(20000) * 4 + 1e-3, rng.random(20000) * 4 + 1e-3
    ours = _betaln(k + a, n - k + b) - _betaln(a, b)
    theirs = betaln(k + a, n - k + b) - betaln(a, b)
    assert ours.dtype == np.float64
    assert np.max(np.abs(ours - theirs)) < 1e-9


def test_the_word_test_runs_without_importing_scipy_special(tmp_path):
    # every process that aligns with a dictionary runs the word test;
    # importing scipy.special for one function cost it 0.2 CPU-s (a fresh
    # interpreter, so earlier tests' imports do not count)
    import pathlib
    import subprocess
    import sys

    english = list(_TOUR_EN)
    english[8] = (
        "The government and its ministers signed controversial steel tariffs during difficult negotiations."
    )
    code = (
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from pathlib import Path\n"
        "import test_link_confidence as t\n"
        "ladders = t._tour_links(Path(sys.argv[2]), t._TOUR_EN[:8] + [sys.argv[3]] + t._TOUR_EN[9:])\n"
        "print('[8]:[]' in ladders, 'scipy.special' in sys.modules)\n"
    )
    here = str(pathlib.Path(__file__).resolve().parent)
    out = subprocess.run(
        [sys.executable, "-c", code, here, str(tmp_path), english[8]],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["True", "False"]
