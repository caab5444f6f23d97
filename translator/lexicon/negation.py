"""Words that say "not" outright, per language, and a sentence read without them.

One table serves two readers with opposite needs. The wording check
(:mod:`translator.checks.wording`) looks for these words: a negation added
or dropped turns what a sentence says round. The aligner ignores them when
it pairs two versions in one language (:func:`without_negations`): which
sentence of one version is the counterpart of which in the other is a
question of what they are about, and a sentence and its negation are about
the same thing. Pairing a negated sentence with its counterpart is what
lets the wording check see the negation at all; were the added word
counted as a difference, it could be the difference that leaves the pair
unpaired (a free rewording barely paired before) and the negation would
be reported as a replaced sentence, not named.
"""

from __future__ import annotations

import re
from functools import cache

from ..ingest.languages import primary_language

#: words that say "not" outright, per language
NEGATIONS = {
    "en": "not n't no never nobody nothing none neither nor without cannot nowhere",
    "de": "nicht kein keine keinen keinem keiner keines nie niemals niemand nichts ohne weder "
    "nirgends nirgendwo keinerlei keinesfalls",
    "fr": "ne pas jamais aucun aucune rien personne sans ni",
    "es": "no nunca jamás ningún ninguno ninguna nada nadie sin ni",
    "it": "non mai nessuno nessuna niente nulla senza né",
    "nl": "niet geen nooit niemand niets zonder noch",
    "pt": "não nunca jamais nenhum nenhuma nada ninguém sem nem",
}

_LETTER = re.compile(r"[^\W\d_]")
_SPACES = re.compile(r"\s{2,}")


@cache
def _pattern(lang: str) -> re.Pattern[str] | None:
    table = NEGATIONS.get(primary_language(lang))
    if table is None:
        return None
    words = sorted((w for w in table.split() if w != "n't"), key=len, reverse=True)
    # a whole word, not part of a hyphenated compound ("Nicht-Raucher",
    # "no-go": a negated thing is another thing); English "n't" at a
    # word's end ("didn't")
    alternatives = rf"(?<![\w-])(?:{'|'.join(map(re.escape, words))})(?![\w-])"
    if "n't" in table.split():
        alternatives += r"|(?<=\w)n['’]t(?!\w)"
    return re.compile(alternatives, re.IGNORECASE)


def without_negations(text: str, lang: str | None) -> str:
    """``text`` without its outright negation words ("was not injured" ->
    "was injured"); unchanged in a language without a table, and where
    nothing else would be left ("No.")."""
    pattern = _pattern(lang or "")
    if pattern is None:
        return text
    out = _SPACES.sub(" ", pattern.sub("", text)).strip()
    return out if _LETTER.search(out) else text
