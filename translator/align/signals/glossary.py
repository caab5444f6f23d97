"""Glossary terms: the project's term lists (``glossaries/*.tsv``) as a lexicon.

A term's source form in one block and its required target form in the
other is strong evidence: glossaries hold names and fixed translations
(*Kiew*/*Kyiv*) that neither cognates nor general dictionaries know.
Glossaries written for the opposite direction are used reversed.
"""

from __future__ import annotations

import re
from collections import Counter

from ..bag import BagSignal, Features
from ..context import PairContext


class GlossarySignal(BagSignal):
    name = "glossary"
    weight = 2.0
    pivot = 0.3
    saturation = 1.0

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        pairs = _term_pairs(ctx)
        if not pairs:
            return [{} for _ in ctx.src], [{} for _ in ctx.tgt]
        src_pats = [(k, _pattern(s)) for k, (s, _) in enumerate(pairs)]
        tgt_pats = [(k, _pattern(t)) for k, (_, t) in enumerate(pairs)]
        return [_bag(s, src_pats) for s in ctx.src], [_bag(t, tgt_pats) for t in ctx.tgt]


def _term_pairs(ctx: PairContext) -> list[tuple[str, str]]:
    from ...lexicon.terms import load_terms

    if ctx.same_language or not ctx.src_lang or not ctx.tgt_lang:
        return []
    pairs = [(t.source, t.target) for t in load_terms(ctx.src_lang, ctx.tgt_lang, ctx.glossaries)]
    pairs += [(t.target, t.source) for t in load_terms(ctx.tgt_lang, ctx.src_lang, ctx.glossaries)]
    return sorted(set(pairs))


def _pattern(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(term.casefold()) + r"\w{0,3}(?!\w)")


def _bag(text: str, patterns: list[tuple[int, re.Pattern[str]]]) -> Features:
    low = text.casefold()
    counts = Counter({k: len(p.findall(low)) for k, p in patterns})
    return {k: v for k, v in counts.items() if v}
