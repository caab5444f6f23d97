"""Synthetic parallel texts with a known gold alignment, for the aligner tests.

A made-up "source language" of random words and a "target language" that
spells each word differently (vowels shifted, an ending added): look-alike
words like real cognates, lengths roughly proportional, numbers kept. The
generator then merges, splits, drops and adds sentences and records the
gold links.
"""

from __future__ import annotations

import random

_VOWELS = str.maketrans("aeiou", "eioua")


def translate_word(word: str) -> str:
    return word.translate(_VOWELS) + ("en" if len(word) > 5 else "")


def make_sentence(rng: random.Random, vocab: list[str]) -> str:
    words = [rng.choice(vocab) for _ in range(rng.randint(5, 18))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 99999)))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(vocab).capitalize() + "berg")
    return words[0].capitalize() + " " + " ".join(words[1:]) + rng.choice([".", ".", ".", "?", "!"])


def translate(sentence: str) -> str:
    out = []
    for token in sentence[:-1].split():
        out.append(token if token.isdigit() else translate_word(token))
    return " ".join(out) + sentence[-1]


def vocabulary(rng: random.Random, size: int = 400) -> list[str]:
    letters = "bcdfghklmnprstvz"
    vowels = "aeiou"
    out = set()
    while len(out) < size:
        n = rng.randint(2, 5)
        out.add("".join(rng.choice(letters) + rng.choice(vowels) for _ in range(n)))
    return sorted(out)


def make_pair(
    n: int, seed: int = 0, *, edits: float = 0.15
) -> tuple[list[str], list[str], list[tuple[list[int], list[int]]]]:
    """``n`` source sentences, their translation with merges (2-1), splits
    (1-2), omissions (1-0) and additions (0-1), and the gold links."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    src = [make_sentence(rng, vocab) for _ in range(n)]
    tgt: list[str] = []
    gold: list[tuple[list[int], list[int]]] = []
    i = 0
    while i < n:
        r = rng.random()
        if r < edits / 4 and i + 1 < n:  # merge two source sentences
            tgt.append(
                translate(src[i])[:-1] + ", " + translate(src[i + 1])[0].lower() + translate(src[i + 1])[1:]
            )
            gold.append(([i, i + 1], [len(tgt) - 1]))
            i += 2
        elif r < edits / 2:  # split one sentence in two
            words = translate(src[i])[:-1].split()
            cut = max(1, len(words) // 2)
            tgt.append(" ".join(words[:cut]) + ".")
            tgt.append(words[cut].capitalize() + " " + " ".join(words[cut + 1 :]) + src[i][-1])
            gold.append(([i], [len(tgt) - 2, len(tgt) - 1]))
            i += 1
        elif r < 3 * edits / 4:  # omission
            gold.append(([i], []))
            i += 1
        elif r < edits:  # addition
            tgt.append(translate(make_sentence(rng, vocab)))
            gold.append(([], [len(tgt) - 1]))
        else:
            tgt.append(translate(src[i]))
            gold.append(([i], [len(tgt) - 1]))
            i += 1
    return src, tgt, gold


def reword(tgt: list[str], share: float, seed: int) -> list[str]:
    """A freer translation: about ``share`` of each sentence's words (not
    its numbers) replaced by words of an unrelated vocabulary, as a
    translator who rephrases instead of rendering word for word; genuine
    links then fit well short of perfectly, as in real documents."""
    rng = random.Random(seed)
    other = vocabulary(random.Random(seed + 1000))
    out = []
    for sentence in tgt:
        words = [
            w if w.isdigit() or rng.random() > share else translate_word(rng.choice(other))
            for w in sentence[:-1].split()
        ]
        out.append(" ".join(words) + sentence[-1])
    return out
