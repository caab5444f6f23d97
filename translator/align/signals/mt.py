"""MT-assisted similarity: compare a machine translation with the other side.

With a translation of the source into the target language (``--translation
FILE``, Bleualign's interface) or of the target into the source language
(segments' ``.translation`` from the Argos engine), the cross-language
problem becomes a same-language one, scored like :mod:`.fuzzy`. The
model-free signals still run beside it: MT output garbles names and numbers
now and then, and the length model does not care about wording.
"""

from __future__ import annotations

from ..context import PairContext
from .fuzzy import FuzzySignal


class MtSignal(FuzzySignal):
    name = "mt"
    weight = 6.0
    pivot = 0.35

    def texts(self, ctx: PairContext) -> tuple[list[str], list[str]]:
        if ctx.same_language:
            return [], []
        if ctx.src_mt is not None and len(ctx.src_mt) == len(ctx.src):
            return [t or "" for t in ctx.src_mt], ctx.tgt
        if ctx.tgt_mt is not None and len(ctx.tgt_mt) == len(ctx.tgt):
            return ctx.src, [t or "" for t in ctx.tgt_mt]
        return [], []
