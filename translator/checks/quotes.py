"""Quoted speech matched across versions: quotes are where journalism
cannot drift.

Every quote-mark style is normalised („…“ “…” "…" «…» »…« ‚…‘ ‘…’ ‹…›), so
only the words inside count. Inside an aligned pair:

- a quote on one side only: when the other side still says it without
  quotation marks (same language: its words are there; across languages
  without machine translation: the aligned sentence is there and nothing
  tells otherwise) it was turned into reported speech, a warning that says
  so; when its words are gone, an error. A parenthesised passage at the
  place of a quote is the quote with its « » read as ( ) by OCR;
- in same-language versions, an edited quote (most words kept) of an edited
  copy is an error, with the word-level difference as evidence; between
  independent wordings (``wording.independent``: two translations of a
  foreign quote) a quote worded differently is information, or a warning
  when content words changed;
- a title or a name in quotes ("New York Times") is no speech;
- across languages, when machine translation filled ``Segment.translation``,
  the quote is compared with the translation's quote (or the translation
  itself when MT dropped the marks) and flagged when the similarity falls
  under ``min_similarity`` (default 70 %).

Quotes of fewer than ``min_words`` words (default 3) are scare quotes or
titles, not speech, and are not matched. A straight quote between two
letters is an apostrophe (O"Brien typed on a German keyboard), not a mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from ..lexicon.anchors import fold
from ..model import Finding, Severity
from .base import CheckContext, percentage
from .wording import EDITED_SIMILARITY, WEAK_KINDS, content_changes, independent, stems, word_diff

_PAIRS = [
    ("„", '“”"'),
    ("“", "”“"),
    ("”", "”"),
    ('"', '"'),
    ("«", "»"),
    ("»", "«"),
    ("‚", "‘’"),
    ("‹", "›"),
    ("›", "‹"),
]
_QUOTE = re.compile(
    "|".join(
        rf"{re.escape(open_)}\s?(?P<q{i}>[^{re.escape(open_ + close)}\n]+?)\s?[{re.escape(close)}]"
        for i, (open_, close) in enumerate(_PAIRS)
    )
    # ‘…’ and '…' only at word boundaries: the same closing mark is the apostrophe
    + r"|(?<!\w)‘(?P<qs>[^‘’\n]+?)’(?!\w)"
    + r"|(?<![\w'])'(?P<qa>[^'\n]+?)'(?![\w'])"
)


_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\"(?=[^\W\d_])")
#: an apostrophe inside a word (I'm, O'Brien)
_WORD_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")
#: a stand-in for an apostrophe while quotes are paired
_KEPT = "\u02bc"
_MARKS = re.compile("[„“”\"«»‚‘’‹›']")
_PARENTHESIS = re.compile(r"\(([^()]+)\)")


def _protect(text: str) -> str:
    return _WORD_APOSTROPHE.sub(_KEPT, _APOSTROPHE.sub("'", text))


def extract_quotes(text: str, min_words: int = 3) -> list[str]:
    """The quoted passages in ``text`` (marks stripped), in order."""
    out = []
    for m in _QUOTE.finditer(_protect(text)):
        inner = next(g for g in m.groups() if g is not None).strip()
        inner = inner.strip(" ,.;:").replace(_KEPT, "'")
        if len(inner.split()) >= min_words:
            out.append(inner)
    return out


def quoted_passages(text: str) -> int:
    """How many quotations ``text`` holds in any form: paired quotes of any
    length, and a lone mark (a quote that opens or closes in a neighbouring
    sentence, or whose closing mark the writer forgot) counts as one."""
    protected = _protect(text)
    paired = len(_QUOTE.findall(protected))
    return paired + len(_MARKS.findall(_QUOTE.sub(" ", protected)))


#: a title's short words ("Game of Thrones", "Der Herr der Ringe")
_TITLE_SMALL = 3


def is_title(quote: str) -> bool:
    """Whether a quotation is a title or a name rather than speech: every
    word longer than a preposition or an article capitalised ("New York
    Times", "Game of Thrones", "Air Traffic Management"), no clause
    punctuation. One outlet sets a newspaper's or a film's name in quotes,
    another does not; no one was quoted."""
    words = re.findall(r"[^\W\d_][\w'’-]*", quote)
    long_words = [w for w in words if len(w) > _TITLE_SMALL]
    return (
        len(long_words) >= 2 and all(w[0].isupper() for w in long_words) and not re.search(r"[,;:?!]", quote)
    )


def quote_edited(a: str, b: str, lang: str | None) -> bool:
    """Whether quote ``b`` is quote ``a`` edited: most of its words kept, in
    order (at any length: a quote is short and meant to be verbatim)."""
    from rapidfuzz.distance import Levenshtein

    wa, wb = stems(a, lang), stems(b, lang)
    return wa == wb or Levenshtein.normalized_similarity(wa, wb) >= EDITED_SIMILARITY


def _best(quote: str, others: list[str]) -> tuple[int, float]:
    scores = [fuzz.ratio(fold(quote), fold(o)) for o in others]
    if not scores:
        return -1, 0.0
    i = max(range(len(scores)), key=scores.__getitem__)
    return i, scores[i]


class QuotesCheck:
    name = "quotes"
    severity = Severity.ERROR
    description = "A quote is missing on one side or its wording differs."
    options = {"min_words": 3, "min_similarity": percentage(70)}

    def _compare_same(self, ctx, found, qa, qb, short, a_has_more, separate):  # noqa: ANN001, ANN202, PLR0913
        """Same-language quotes counted differently only because one side's
        are short: pair each long quote with its nearest quote of any length."""
        longs, shorts = (qa, short) if a_has_more else (qb, short)
        lang = ctx.documents[0].lang
        for q in longs:
            i, _ = _best(q, shorts)
            if i < 0:
                continue
            r = shorts.pop(i)
            a, b = (q, r) if a_has_more else (r, q)
            yield from self._differs(ctx, found, a, b, lang, separate)

    def _differs(self, ctx, found, q, r, lang, separate=False):  # noqa: ANN001, ANN202, PLR0913
        """One quote in two same-language versions. Quoted words are
        verbatim, so an edit of a quote (most words kept in order) in an
        edited copy is an error; two independent translations of a foreign
        quote (``separate``: see ``wording.independent``) word it
        differently, even where they come out almost the same ("vergangenen"
        / "letzten"), which is information, or a warning when content words
        changed (negation, attribution, modality, quantity, and numbers
        when the numbers check is off)."""
        if fold(q) == fold(r):
            return
        ops = word_diff(q, r)
        changed = "; ".join(f"“{o['a']}” → “{o['b']}”" for o in ops[:3])
        evidence = {"source": q, "target": r, "diff": ops}
        if not separate and quote_edited(q, r, lang):
            yield found(f"Quote wording differs: {changed or 'punctuation'}.", evidence)
            return
        content = content_changes(q, r, lang, numbers="numbers" not in ctx.enabled, independent=separate)
        what = "; ".join(f"{kind} {', '.join(words)}" for kind, words in content.items())
        # the wording check names the sentence's changed content (a
        # negation, a denial) once; the quote's finding only notes it
        told = "wording" in ctx.enabled
        yield found(
            f"Quote reworded ({what}): {changed}."
            if content
            else f"Quote reworded, same content: {changed}.",
            {**evidence, "content": content},
            Severity.WARNING if set(content) - set(WEAK_KINDS) and not told else Severity.INFO,
        )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        min_words = ctx.option(self.name, "min_words", 3)
        min_sim = ctx.option(self.name, "min_similarity", 70)
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            doc_a, doc_b = ctx.documents[alignment.source], ctx.documents[alignment.target]
            same = doc_a.lang == doc_b.lang
            separate = same and independent(ctx, a_index)
            for l_index, link in alignment.pairs():
                text_a = ctx.text(alignment.source, link.src)
                text_b = ctx.text(alignment.target, link.tgt)
                qa, qb = extract_quotes(text_a, min_words), extract_quotes(text_b, min_words)
                if not qa and not qb:
                    continue
                common = dict(alignment=a_index, link=l_index, related=(alignment.source, link.src))

                def found(
                    message: str,
                    evidence: dict[str, object],
                    severity: Severity = self.severity,
                    target: int = alignment.target,
                    ids: list[int] = link.tgt,
                    common: dict[str, object] = common,
                ) -> Finding:
                    return ctx.finding(
                        self.name,
                        severity,
                        message,
                        target,
                        ids,
                        evidence=evidence,
                        **common,  # type: ignore[arg-type]
                    )

                if len(qa) != len(qb):
                    more, fewer, name, other = (
                        (qa, qb, doc_b.name, text_b) if len(qa) > len(qb) else (qb, qa, doc_a.name, text_a)
                    )
                    if quoted_passages(other) >= len(more):
                        # the other side quotes as often, in words too few to
                        # count or across a sentence break: paired by position
                        if same:
                            yield from self._compare_same(
                                ctx, found, qa, qb, extract_quotes(other, 1), more is qa, separate
                            )
                        continue
                    unmatched = list(more)
                    for q in fewer:
                        i, _ = _best(q, unmatched)
                        if i >= 0:
                            unmatched.pop(i)
                    brackets = [p for p in _PARENTHESIS.findall(other) if len(p.split()) >= min_words]
                    for q in unmatched[: len(more) - len(fewer)]:
                        if brackets and (not same or _best(q, brackets)[1] >= min_sim):
                            brackets.pop(_best(q, brackets)[0])
                            continue  # « » read as ( ) by OCR
                        if is_title(q):
                            continue  # a title or a name in quotes ("Game of Thrones"): no speech
                        if not same or separate or fuzz.partial_ratio(fold(q), fold(other)) >= min_sim:
                            # between independent wordings (two translations) quoting or
                            # reporting the same words is a choice that keeps the content
                            yield ctx.finding(
                                self.name,
                                Severity.INFO if separate else Severity.WARNING,
                                f"The quote “{q}” is reported speech in {name} (no quotation marks).",
                                alignment.target,
                                link.tgt,
                                evidence={"quote": q, "missing_in": name, "reported_speech": True},
                                **common,  # type: ignore[arg-type]
                            )
                            continue
                        yield found(
                            f"The quote “{q}” has no quoted counterpart in {name}.",
                            {"quote": q, "missing_in": name},
                        )
                    continue
                comparable = ctx.comparable_text(alignment, link)
                if same:
                    for q, r in zip(qa, qb, strict=True):
                        yield from self._differs(ctx, found, q, r, doc_a.lang, separate)
                elif comparable is not None:
                    translated = comparable[1]
                    tq = extract_quotes(translated, min_words)
                    for q in qa:
                        if tq:  # compare quote with quote
                            _, similarity = _best(q, tq)
                        else:  # MT dropped the marks: look for the words anywhere
                            similarity = fuzz.partial_ratio(fold(q), fold(translated))
                        if similarity < min_sim:
                            yield found(
                                f"Quote wording diverges after translation ({similarity:.0f}% similar).",
                                {"source": q, "translation": tq[0] if tq else translated},
                            )
