"""Source-language leftovers in a version written in another language.

The classic newsroom slip: a German photo credit ("Bild: dpa/Kay Nietfeld")
or the German spelling "Selenskyj" left in English copy. Three signals, from
the most to the least certain:

1. **markers** (``glossaries/markers/<lang>.txt``): credit and source labels
   and phrases of a source language. They carry the short lines (captions,
   credits, bylines) on which language identification alone fails.
2. **transliterations** (``glossaries/names/transliterations.tsv``): a
   spelling of a name that only the source language uses.
3. **language identification** per line and per segment with
   :func:`translator.ingest.langid.identify`, restricted to the languages in play,
   with context: the version's own language is the prior, and a neighbour
   that is clearly foreign weakens that prior (residue comes in blocks — a
   pasted paragraph, a caption under a credit). Capitalised words no word
   list knows are names and count for no language.

"Source" languages are the other versions' languages in ``compare`` and
``CheckContext.source_langs`` in single-file ``check``. The original (the
comparison's pivot, the ``--source`` of ``check``) is not checked: it is
what it is, and a German quote in an English original is not a leftover
(check option ``originals = true`` checks it too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..ingest.langid import Identifier, LangGuess, combine, identifier
from ..lexicon.markers import find_markers
from ..lexicon.names import name_variants
from ..model import Document, Finding, Severity, Span
from .base import CheckContext, probability
from .names import NOUN_CAPITALISING


@dataclass
class _Unit:
    """A line (or a whole one-line segment) that is checked on its own."""

    segment: int
    start: int
    end: int
    text: str
    logits: list[float] | None = None
    words: int = 0


def _units(doc: Document) -> list[_Unit]:
    """Each segment's lines: captions and credits often share a segment
    with the sentence above when the source had only single line breaks."""
    units = []
    for seg in doc.segments:
        offset = seg.start
        for line in seg.text.split("\n"):
            stripped = line.strip()
            if stripped:
                lead = len(line) - len(line.lstrip())
                units.append(_Unit(seg.index, offset + lead, offset + lead + len(stripped), stripped))
            offset += len(line) + 1
    return units


#: a foreign spelling the own language uses this often is its own word too
#: (English sports pages write "Bayern" for the club): a name, not a leftover
_OWN_USE = 1e-6


def _variant_patterns(own: str, foreign: set[str]) -> list[tuple[re.Pattern[str], str, str, str]]:
    """(pattern, foreign spelling, its language, the own-language spelling)."""
    from ..ingest.langid import _frequencies

    own_freq = _frequencies(own) or {}
    out = []
    for row in name_variants():
        mine = row.get(own)
        if not mine:
            continue
        own_folded = {v.casefold() for v in mine}
        for lang in sorted(foreign):
            for spelling in row.get(lang, ()):
                if spelling.casefold() in own_folded or own_freq.get(spelling.casefold(), 0.0) >= _OWN_USE:
                    continue
                suffix = "s?" if lang == "de" else ""
                words = r"\s+".join(re.escape(w) for w in spelling.split())
                pattern = re.compile(rf"(?<![\w-]){words}{suffix}(?![\w-])")
                out.append((pattern, spelling, lang, mine[0]))
    return out


def _glossary_forbidden(ctx: CheckContext, own: str, foreign: set[str]) -> set[str]:
    from .glossary import glossary_terms

    return {v.casefold() for lang in foreign for t in glossary_terms(ctx, lang, own) for v in t.forbidden}


#: words that join a foreign name's parts ("National Theater of Greece",
#: "Verkehrsclub Deutschland", "Institut für Deutschland-Studien")
_NAME_JOINERS = {"en": {"of", "the", "for"}, "de": {"für", "von", "der", "des"}, "fr": {"de", "du", "des"}}
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\s+$")


def _inside_a_name(text: str, start: int, own: str, lang: str) -> bool:
    """Whether the spelling at ``start`` is the last word of a multi-word
    proper name quoted in its own language: after a capitalised word the
    copy's language does not use ("Verkehrsclub Deutschland"), or after
    such a name's joining word of the spelling's language ("National
    Theater of Greece"). Such a name is kept whole, not translated word by
    word: no leftover. A title of the copy's language ("President
    Selenskyj", "Kanzlerin Merkel") does not make a name of it."""
    from ..ingest.langid import _frequencies

    m = _WORD_BEFORE.search(text, 0, start)
    joined = bool(m) and m.group(1).casefold() in _NAME_JOINERS.get(lang, set()) - _NAME_JOINERS.get(
        own, set()
    )
    if m and joined:
        m = _WORD_BEFORE.search(text, 0, m.start())
    if not m or not m.group(1)[:1].isupper() or text[: m.start()].rstrip()[-1:] in ("", ".", "!", "?"):
        return False
    own_freq = _frequencies(own) or {}
    # a joining word of the name's own language says whose name it is
    return joined or own_freq.get(m.group(1).casefold(), 0.0) < _OWN_USE


class ResidueCheck:
    name = "residue"
    severity = Severity.ERROR
    description = "Text in the source language was left in a version in another language."
    options = {
        "min_words": 2,
        "min_confidence": probability(0.9),
        "prior": probability(0.9),
        "originals": False,
    }

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        docs = ctx.documents
        for v, doc in enumerate(docs):
            if not doc.lang or (ctx.is_original(v) and not ctx.option(self.name, "originals", False)):
                continue
            foreign = {d.lang for d in docs if d.lang and d.lang != doc.lang}
            foreign.update(lang for lang in ctx.source_langs if lang and lang != doc.lang)
            if not foreign:
                continue
            yield from self._check_document(ctx, v, doc, foreign)

    def _check_document(
        self, ctx: CheckContext, v: int, doc: Document, foreign: set[str]
    ) -> Iterator[Finding]:
        assert doc.lang is not None
        min_words = ctx.option(self.name, "min_words", 2)
        min_conf = ctx.option(self.name, "min_confidence", 0.9)
        prior_own = ctx.option(self.name, "prior", 0.9)
        units = _units(doc)
        flagged: set[int] = set()
        # 1. markers
        for i, unit in enumerate(units):
            for lang in sorted(foreign):
                found = find_markers(unit.text, lang, doc.lang)
                if found:
                    marker = found[0]
                    what = "label" if marker.is_label else "phrase"
                    yield self._finding(
                        ctx,
                        v,
                        unit,
                        unit.start,
                        unit.end,
                        f"“{marker.text}” is a {lang} {what} in {doc.lang} copy; translate or localise it.",
                        {"lang": lang, "signal": "marker", "marker": marker.text},
                    )
                    flagged.add(i)
                    break
        # 3. language identification with context
        candidates = tuple(sorted({doc.lang, *foreign}))
        ident = identifier(candidates)
        for unit in units:
            unit.logits, unit.words = (None, 0) if ident.unsupported else _scores(ident, unit.text, doc.lang)
        own_k = candidates.index(doc.lang)
        raw = [_raw_guess(candidates, u) for u in units]
        for i, unit in enumerate(units):
            if i in flagged or unit.logits is None or unit.words < min_words:
                continue
            if find_markers(unit.text, doc.lang):
                continue  # an own-language label ("Foto:" in Spanish) says whose line it is
            if not _has_prose(unit.text):
                continue  # a list of names or a title: no language to judge
            neighbour_foreign = any(
                0 <= j < len(units) and _clearly_foreign(raw[j], units[j], doc.lang, min_conf, min_words)
                for j in (i - 1, i + 1)
            )
            own_p = 0.5 if neighbour_foreign else prior_own
            others = (1 - own_p) / (len(candidates) - 1)
            prior = {lang: (own_p if k == own_k else others) for k, lang in enumerate(candidates)}
            guess = combine(candidates, unit.logits, prior)
            if guess.lang in foreign and guess.confidence >= min_conf:
                flagged.add(i)
                yield self._finding(
                    ctx,
                    v,
                    unit,
                    unit.start,
                    unit.end,
                    f"This text looks {guess.lang}, not {doc.lang} ({guess.confidence:.0%} sure).",
                    {"lang": guess.lang, "signal": "langid"},
                )
        # 2. transliterations, in lines not already flagged as a whole
        patterns = _variant_patterns(doc.lang, foreign)
        if "glossary" in ctx.enabled:  # the glossary reports its own forbidden variants
            forbidden = _glossary_forbidden(ctx, doc.lang, foreign)
            patterns = [p for p in patterns if p[1].casefold() not in forbidden]
        # a spelling's first word, which every match contains as it is written:
        # most lines contain none of the hundreds of spellings, and a
        # substring test is much cheaper than the pattern's search
        firsts = [spelling.split()[0] for _, spelling, _, _ in patterns]
        for i, unit in enumerate(units):
            if i in flagged:
                continue
            for (pattern, _spelling, lang, preferred), first in zip(patterns, firsts, strict=True):
                if first not in unit.text:
                    continue
                for match in pattern.finditer(unit.text):
                    if _inside_a_name(unit.text, match.start(), doc.lang, lang):
                        continue
                    start = unit.start + match.start()
                    yield self._finding(
                        ctx,
                        v,
                        unit,
                        start,
                        start + len(match.group(0)),
                        f"“{match.group(0)}” is the {lang} spelling; {doc.lang} copy writes “{preferred}”.",
                        {
                            "lang": lang,
                            "signal": "transliteration",
                            "found": match.group(0),
                            "expected": preferred,
                        },
                    )

    def _finding(
        self,
        ctx: CheckContext,
        v: int,
        unit: _Unit,
        start: int,
        end: int,
        message: str,
        evidence: dict[str, object],
    ) -> Finding:
        finding = ctx.finding(self.name, self.severity, message, v, [unit.segment], evidence=evidence)
        finding.span = Span(version=v, start=start, end=end)
        finding.fingerprint = ""
        finding.ensure_fingerprint(unit.text)
        return finding


_NAME_LIKE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _scores(ident: Identifier, text: str, own: str | None = None) -> tuple[list[float] | None, int]:
    """Summed word scores of ``text`` and the number of words that counted.

    A capitalised word that no candidate's word list knows is taken for a
    name (Laubegast, Nietfeld) and ignored: names are not evidence of the
    language around them. In copy whose language capitalises only names
    (not German), a capitalised word inside the line that the own
    language's list knows is a name or a title word too (Hidden Peak,
    Hans) — only capitalised words foreign to it (Feuerwehr) count.
    """
    total = [0.0] * len(ident.candidates)
    counted = 0
    own_k = ident.candidates.index(own) if own in ident.candidates else None
    for position, word in enumerate(_NAME_LIKE.findall(text)):
        folded = word.casefold()
        if word[0].isupper():
            freqs = ident.frequencies(folded)
            if freqs is None:
                continue
            if position > 0 and own_k is not None and own not in NOUN_CAPITALISING and freqs[own_k] > 0:
                continue
        for k, s in enumerate(ident.word_scores(folded)):
            total[k] += s
        counted += 1
    return (total if counted else None), counted


def _has_prose(text: str) -> bool:
    """At least a third of the words are lowercase (function words, verbs):
    a line of capitalised names ("Ernst Schmid Hans Rudolf von Gunten") or
    a title-cased label carries no evidence of a language around it."""
    words = _NAME_LIKE.findall(text)
    lower = sum(1 for w in words if len(w) >= 2 and w.islower())
    return bool(words) and 3 * lower >= len(words)


def _raw_guess(candidates: tuple[str, ...], unit: _Unit) -> LangGuess | None:
    """The unit's language on its own evidence, without any prior."""
    return combine(candidates, unit.logits) if unit.logits is not None else None


def _clearly_foreign(guess: LangGuess | None, unit: _Unit, own: str, min_conf: float, min_words: int) -> bool:
    return (
        guess is not None and guess.lang != own and guess.confidence >= min_conf and unit.words >= min_words
    )
