"""The duplicates check's pairwise search keeps, for each repeated
sentence, exactly the pair a plain loop over every similar pair would keep.

The search picks each sentence's best pair in numpy from cdist's exact
scores (a localisation file of similar strings has millions of similar
pairs); the oracle here is the straightforward loop it replaced, run on
corpora of near-identical strings where ties between equal scores decide.
"""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from translator.checks.duplicates import repeats
from translator.lexicon.anchors import fold


def loop_oracle(
    texts: list[str], threshold: float = 90.0, min_words: int = 6
) -> dict[int, tuple[int, float]]:
    """Every pair of first occurrences in the length order, one at a time."""
    folded = [fold(t) if len(t.split()) >= min_words else "" for t in texts]
    found: dict[int, tuple[int, float]] = {}
    first_of: dict[str, int] = {}
    for i, key in enumerate(folded):
        if key:
            if key in first_of:
                found[i] = (first_of[key], 100.0)
            else:
                first_of[key] = i
    order = sorted(first_of.values(), key=lambda i: len(folded[i]))
    window = (threshold / 100) / (2 - threshold / 100)
    for r in range(len(order)):
        for c in range(r + 1, len(order)):
            short, long_ = folded[order[r]], folded[order[c]]
            if len(long_) * window > len(short):
                continue
            score = float(fuzz.ratio(short, long_))
            if score < threshold:
                continue
            first, later = min(order[r], order[c]), max(order[r], order[c])
            if later not in found or found[later][1] < score:
                found[later] = (first, score)
    for later, (first, score) in list(found.items()):
        while first in found:
            first = found[first][0]
        found[later] = (first, score)
    return found


def templated(rng: random.Random, n: int) -> list[str]:
    """UI-like strings: a few templates with numbers, as XLIFF units are."""
    templates = [
        "The museum opens at {} in the morning.",
        "Tickets for {} people are booked today, said the clerk.",
        "The train leaves from platform {} tonight at nine.",
    ]
    return [rng.choice(templates).format(rng.randint(1, 99_999)) for _ in range(n)]


def mutated(rng: random.Random, n: int) -> list[str]:
    words = "the museum opens at in morning tickets for people are booked train leaves from".split()
    base = [" ".join(rng.choice(words) for _ in range(rng.randint(6, 12))) for _ in range(max(3, n // 20))]
    out = []
    for _ in range(n):
        sentence = rng.choice(base).split()
        for _ in range(rng.randint(0, 2)):
            sentence[rng.randrange(len(sentence))] = rng.choice([*words, str(rng.randint(1, 999))])
        out.append(" ".join(sentence))
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("corpus", [templated, mutated])
def test_the_block_search_keeps_the_pair_the_plain_loop_keeps(corpus, seed):
    texts = corpus(random.Random(seed), 400 if seed % 2 else 120)
    found = repeats(texts)
    assert found == loop_oracle(texts)
    assert found  # the corpora do repeat themselves
