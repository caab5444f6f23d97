"""Short units left untranslated.

Residue (source-language text left in a translation) needs two words to
judge a line by its language; a button label, a one-word heading or a
menu entry ("Abbrechen" in English copy) slips under it. This check looks
at aligned pairs across languages and flags:

- a translation **equal to its source** (case and spacing aside);
- a translation of at most ``max_words`` words (default 1) made only of
  source-language words;
- a whole unit of a bilingual file (XLIFF, PO, TMX… once those formats are
  loaded) at any length,

when the project's language identifier (:func:`translator.ingest.langid.identify`,
restricted to the two languages) reads it as the source language with
``min_confidence`` (0.9) and it holds a source-language word: one at least
``margin`` (1.5) higher on wordfreq's Zipf scale in the source language
than in the target's. International words (*Hotel*, *Taxi*, *OK*) are as
frequent on both sides and never count, nor do names the target language
uses often (*Berlin*); names of two or more capitalised
words (*Angela Merkel*) are left alone; a one-word name far more frequent
in the source language (*Bundesliga*) is flagged unless a glossary lists
it as do-not-translate (source = target). Prose sentences of residue's
``min_words`` and more are left to residue while it runs, so a problem is
reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..ingest.languages import primary_language
from ..model import Finding, Severity
from .base import AlignedPair, CheckContext, probability

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


def source_words(text: str, source_lang: str, target_lang: str, margin: float = 1.5) -> tuple[list[str], int]:
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


def _names_only(text: str) -> bool:
    """Two or more words, all capitalised: a name (Angela Merkel, New York)."""
    words = _WORDS.findall(text)
    return len(words) > 1 and all(w[0].isupper() for w in words)


class UntranslatedCheck:
    name = "untranslated"
    severity = Severity.ERROR
    description = "A unit is equal to its source or still in the source language."
    options = {"max_words": 1, "margin": 1.5, "min_confidence": probability(0.9)}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        max_words = ctx.option(self.name, "max_words", 1)
        margin = float(ctx.option(self.name, "margin", 1.5))
        min_conf = ctx.option(self.name, "min_confidence", 0.9)
        # residue judges prose lines of its min_words and more: report those once
        residue_words = ctx.option("residue", "min_words", 2) if "residue" in ctx.enabled else 1 << 30
        kept: dict[tuple[str, str], frozenset[str]] = {}  # per language pair, not per unit
        for pair in ctx.aligned_pairs():
            doc_a = ctx.documents[pair.alignment.source]
            doc_b = ctx.documents[pair.alignment.target]
            src_lang, tgt_lang = primary_language(doc_a.lang), primary_language(doc_b.lang)
            if not src_lang or not tgt_lang or src_lang == tgt_lang:
                continue
            keep = kept.get((src_lang, tgt_lang))
            if keep is None:
                keep = kept[src_lang, tgt_lang] = _kept_terms(ctx, src_lang, tgt_lang)
            if " ".join(pair.target_text.casefold().split()) in keep:
                continue
            found = _judge(pair, src_lang, tgt_lang, max_words, margin, min_conf, doc_b.format, residue_words)
            if found:
                yield ctx.pair_finding(self.name, self.severity, found[0], pair, evidence=found[1])


def _kept_terms(ctx: CheckContext, source: str, target: str) -> frozenset[str]:
    """Glossary terms marked do-not-translate (source = target) for the pair."""
    from .glossary import glossary_terms

    return frozenset(
        " ".join(t.source.casefold().split())
        for t in glossary_terms(ctx, source, target)
        if t.do_not_translate
    )


def _judge(
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
    count = len(_WORDS.findall(tgt))
    whole_unit = fmt in BILINGUAL_FORMATS
    if not count or (count >= residue_words and not whole_unit) or _names_only(tgt):
        return None
    # word frequencies only past the cheap tests: a prose sentence never
    # needs them, and wordfreq's large lists cost 0.4-0.7 s to load. Every
    # whole unit is put to the language identifier anyway, so it goes
    # first there: a file whose units all read as the target language
    # never loads the lists
    if whole_unit and not _reads_as_source(tgt, src_lang, tgt_lang, min_conf):
        return None
    words, count = source_words(tgt, src_lang, tgt_lang, margin)
    equal = " ".join(src.casefold().split()) == " ".join(tgt.casefold().split())
    if not whole_unit and not (
        words
        and (equal or (count <= max_words and len(words) == count))
        and _reads_as_source(tgt, src_lang, tgt_lang, min_conf)
    ):
        return None
    evidence: dict[str, object] = {"reason": "equal" if equal else "source-language", "words": words}
    if equal:
        return f"Left untranslated: identical to the source, and {src_lang}, not {tgt_lang}.", evidence
    return f"Left untranslated: “{tgt.strip()}” is {src_lang}, not {tgt_lang}.", evidence


def _reads_as_source(text: str, src_lang: str, tgt_lang: str, min_conf: float) -> bool:
    """The language identifier, between the two languages, reads ``text``
    as the source language with at least ``min_conf``."""
    from ..ingest.langid import identify

    guess = identify(text, [src_lang, tgt_lang])
    return guess.lang == src_lang and guess.confidence >= min_conf
