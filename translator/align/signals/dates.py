"""Dates: month and weekday names mapped to language-independent ids.

The numbers of a date ("12", "2024") are already anchors; the month name is
translated ("März" / "March" / "mars"), so it would otherwise be lost. Names
come from the CLDR data that Babel ships, for any language Babel knows;
numeric dates are left to the numbers signal.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import chain

from ..bag import BagSignal, Features
from ..context import PairContext
from ..text import fold_word


class DatesSignal(BagSignal):
    name = "dates"
    weight = 1.5
    pivot = 0.3
    saturation = 1.0

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        src_names, tgt_names = _calendar(ctx.src_lang), _calendar(ctx.tgt_lang)
        return _bags(ctx.src_words, src_names), _bags(ctx.tgt_words, tgt_names)


def _bags(sentences: list[list[str]], names: dict[str, str]) -> list[Features]:
    """Each sentence's month and weekday ids, in reading order. Which words
    name one is worked out once per distinct word of the document, and the
    many sentences without any are passed over whole."""
    ids = {w: names[f] for w in set(chain.from_iterable(sentences)) if (f := fold_word(w)) in names}
    if not ids:
        return [{} for _ in sentences]
    return [{} if ids.keys().isdisjoint(ws) else _bag(ws, ids) for ws in sentences]


def _bag(words: list[str], ids: dict[str, str]) -> Features:
    return dict(Counter(ids[w] for w in words if w in ids))


@lru_cache(maxsize=16)
def _calendar(lang: str | None) -> dict[str, str]:
    """Folded month and weekday names (wide and abbreviated) -> ``m3``/``d1``."""
    if not lang:
        return {}
    from ...lexicon import cldr

    code = lang.replace("-", "_")
    out: dict[str, str] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in cldr.months(code, width, context).items():
                key = fold_word(name.rstrip("."))
                if len(key) >= 3:
                    out.setdefault(key, f"m{number}")
            if width == "wide":
                for number, name in cldr.days(code, width, context).items():
                    key = fold_word(name)
                    if len(key) >= 4:
                        out.setdefault(key, f"d{number}")
    # "Mai"/"mai"/"may" abbreviations collide with common words in some
    # languages; only keep names of four letters or more unless wide
    return out
