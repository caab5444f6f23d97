"""Alignment moves: 1-1, merges, omissions, additions, moved sentences."""

from __future__ import annotations

from translator.align import align_texts, find_moves


def ladder(links):
    return [(l.src, l.tgt) for l in links]  # noqa: E741


def test_identical_texts_align_one_to_one():
    sents = ["Alpha is first.", "Beta comes next.", "Gamma ends it."]
    links, _ = align_texts(sents, sents, src_lang="en", tgt_lang="en")
    assert ladder(links) == [([0], [0]), ([1], [1]), ([2], [2])]


def test_merge_omission_and_addition_are_recognised():
    src = [
        "The bank raised rates on Thursday.",
        "It was the third rise.",
        "Markets were calm.",
        "Builders report fewer orders.",
        "The next meeting is in September.",
    ]
    tgt = [
        "The bank raised rates on Thursday, its third rise.",
        "Markets were calm.",
        "The next meeting is in September.",
        "Analysts expect a pause.",
    ]
    links, _ = align_texts(src, tgt, src_lang="en", tgt_lang="en")
    assert ladder(links) == [([0, 1], [0]), ([2], [1]), ([3], []), ([4], [2]), ([], [3])]


def test_swapped_sentences_are_paired_as_moves():
    src = ["One two three four.", "Alpha beta gamma delta.", "Five six seven eight."]
    tgt = ["Alpha beta gamma delta.", "One two three four.", "Five six seven eight."]
    links, _ = align_texts(src, tgt, src_lang="en", tgt_lang="en")
    moves = find_moves(src, tgt, links)
    assert len(moves) == 1
    covered_src = sorted(i for l in links for i in l.src)  # noqa: E741
    assert covered_src == [0, 1, 2]
