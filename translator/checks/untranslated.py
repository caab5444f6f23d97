"""Short units left untranslated.

Residue (source-language text left in a translation) needs two words to
judge a line by its language; a button label, a one-word heading or a
menu entry ("Abbrechen" in English copy) slips under it. This check looks
at aligned pairs across languages and flags:

- a translation **equal to its source** (case and spacing aside) that holds
  a word of the source language: a word far more frequent in the source
  language than in the target's (wordfreq Zipf frequencies, by ``margin``,
  default 2). Names, numbers and international words (*Berlin*, *Hotel*,
  *OK*) are as frequent on both sides and never count;
- a translation of at most ``max_words`` words (default 1) made only of
  such source-language words;
- (sentences of prose only under residue's ``min_words`` while residue
  runs: it judges longer lines itself, and a problem is reported once);
- a whole unit of a bilingual file (XLIFF, PO, TMX… once those formats are
  loaded) identified as the source language at any length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Finding, Severity
from .base import AlignedPair, CheckContext

#: formats whose segments are whole translation units, not prose sentences
BILINGUAL_FORMATS = frozenset(
    {"xliff", "po", "tmx", "strings", "properties", "json", "yaml", "android", "srt", "vtt"}
)
_WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except LookupError:
        return 0.0


def source_words(text: str, source_lang: str, target_lang: str, margin: float = 2.0) -> tuple[list[str], int]:
    """The words of ``text`` that belong to the source language rather than
    the target's, and the number of words."""
    words = _WORDS.findall(text)
    found = [
        w
        for w in words
        if _zipf(w.casefold(), source_lang) >= 2.5
        and _zipf(w.casefold(), source_lang) - _zipf(w.casefold(), target_lang) >= margin
    ]
    return found, len(words)


def _base(code: str | None) -> str:
    return (code or "").split("-")[0].casefold()


class UntranslatedCheck:
    name = "untranslated"
    severity = Severity.ERROR
    description = "A unit is equal to its source or still in the source language."
    options = {"max_words": 1, "margin": 2.0, "min_confidence": 0.9}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        max_words = ctx.option(self.name, "max_words", 1)
        margin = ctx.option(self.name, "margin", 2.0)
        min_conf = ctx.option(self.name, "min_confidence", 0.9)
        # residue judges prose lines of its min_words and more: report those once
        residue_words = ctx.option("residue", "min_words", 2) if "residue" in ctx.enabled else 1 << 30
        for pair in ctx.aligned_pairs():
            doc_a = ctx.documents[pair.alignment.source]
            doc_b = ctx.documents[pair.alignment.target]
            src_lang, tgt_lang = _base(doc_a.lang), _base(doc_b.lang)
            if not src_lang or not tgt_lang or src_lang == tgt_lang:
                continue
            found = self._judge(
                pair, src_lang, tgt_lang, max_words, margin, min_conf, doc_b.format, residue_words
            )
            if found:
                yield ctx.pair_finding(self.name, self.severity, found[0], pair, evidence=found[1])

    def _judge(
        self,
        pair: AlignedPair,
        src_lang: str,
        tgt_lang: str,
        max_words: int,
        margin: float,
        min_conf: float,
        fmt: str,
        residue_words: int,
    ) -> tuple[str, dict[str, object]] | None:
        src, tgt = pair.source_text, pair.target_text
        words, count = source_words(tgt, src_lang, tgt_lang, margin)
        if not count or (count >= residue_words and fmt not in BILINGUAL_FORMATS):
            return None
        if " ".join(src.casefold().split()) == " ".join(tgt.casefold().split()):
            if words:
                return (
                    f"Left untranslated: identical to the source ({', '.join(words[:3])} is {src_lang}).",
                    {"reason": "equal", "words": words},
                )
            return None
        if count <= max_words and len(words) == count:
            return (
                f"Left untranslated: “{tgt.strip()}” is {src_lang}, not {tgt_lang}.",
                {"reason": "source-language", "words": words},
            )
        if fmt in BILINGUAL_FORMATS:
            from ..langid import identify

            guess = identify(tgt, [src_lang, tgt_lang])
            if guess.lang == src_lang and guess.confidence >= min_conf:
                return (
                    f"Left untranslated: the unit is {src_lang} ({guess.confidence:.0%}), not {tgt_lang}.",
                    {"reason": "source-language", "confidence": round(guess.confidence, 2)},
                )
        return None
