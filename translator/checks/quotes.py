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
- in same-language versions, a quote whose words differ at all is an error,
  with the word-level difference as evidence;
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
from .wording import word_diff

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
    # ‘…’ only at word boundaries: the same closing mark is the apostrophe
    + r"|(?<!\w)‘(?P<qs>[^‘’\n]+?)’(?!\w)"
)


_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\"(?=[^\W\d_])")
_PARENTHESIS = re.compile(r"\(([^()]+)\)")


def extract_quotes(text: str, min_words: int = 3) -> list[str]:
    """The quoted passages in ``text`` (marks stripped), in order."""
    out = []
    for m in _QUOTE.finditer(_APOSTROPHE.sub("'", text)):
        inner = next(g for g in m.groups() if g is not None).strip()
        inner = inner.strip(" ,.;:")
        if len(inner.split()) >= min_words:
            out.append(inner)
    return out


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

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        min_words = ctx.option(self.name, "min_words", 3)
        min_sim = ctx.option(self.name, "min_similarity", 70)
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            doc_a, doc_b = ctx.documents[alignment.source], ctx.documents[alignment.target]
            same = doc_a.lang == doc_b.lang
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
                    target: int = alignment.target,
                    ids: list[int] = link.tgt,
                    common: dict[str, object] = common,
                ) -> Finding:
                    return ctx.finding(
                        self.name,
                        self.severity,
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
                        if not same or fuzz.partial_ratio(fold(q), fold(other)) >= min_sim:
                            yield ctx.finding(
                                self.name,
                                Severity.WARNING,
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
                        if fold(q) != fold(r):
                            ops = word_diff(q, r)
                            changed = "; ".join(f"“{o['a']}” → “{o['b']}”" for o in ops[:3])
                            yield found(
                                f"Quote wording differs: {changed or 'punctuation'}.",
                                {"source": q, "target": r, "diff": ops},
                            )
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
