"""Punctuation and bracket structure.

Questions stay questions, exclamations stay exclamations, and brackets,
colons, percent signs and dashes mostly survive translation. Counts are
compared as vectors, so "( … )" in both blocks supports a link and a
question mark on one side only speaks (mildly) against it.
"""

from __future__ import annotations

import re
from collections import Counter

from ..bag import BagSignal, Features
from ..context import PairContext

_MARKS = {
    "?": "?",
    "¿": "?",
    "!": "!",
    "¡": "!",
    ":": ":",
    ";": ";",
    "(": "(",
    ")": ")",
    "[": "[",
    "]": "]",
    "%": "%",
    "…": "…",
    "–": "–",
    "—": "–",
    "/": "/",
    "&": "&",
    "§": "§",
    "€": "€",
    "$": "$",
    "£": "£",
}


class PunctuationSignal(BagSignal):
    name = "punctuation"
    weight = 0.6
    pivot = 0.35
    saturation = 2.0

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        return [_bag(s) for s in ctx.src], [_bag(t) for t in ctx.tgt]


#: every mark in one character class: the regex engine scans the text, not
#: a Python loop over its characters
_MARK_RE = re.compile("[" + re.escape("".join(_MARKS)) + "]")


def _bag(text: str) -> Features:
    found = _MARK_RE.findall(text)
    counts: Features = dict(Counter(map(_MARKS.__getitem__, found))) if found else {}
    end = text.rstrip()[-1:]
    if end in "?!:;":  # also "" (an empty line): kept as it always was
        counts["end" + end] = counts.get("end" + end, 0) + 1
    return counts
