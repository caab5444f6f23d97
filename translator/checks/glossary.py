"""Glossary terms (``glossaries/*.tsv``, format in ``docs/glossaries.md``).

Violations in both directions:

- **required term missing**: an aligned pair whose source side uses a
  glossary source term while the target side lacks the required target term
  (this also covers do-not-translate terms such as agency names);
- **forbidden variant present**: a version in a glossary's target language
  uses a forbidden variant (the German spelling "Selenskyj" in English
  copy), checked in every sentence — also in single-file ``check`` with
  ``--source-lang``, where no source side exists.

Terms match whole words, case-insensitively, with an optional genitive or
plural ``s``; a term's accepted ``variants`` satisfy it like its target.
Glossary files or folders come from the check option ``glossaries``
(``check --glossary``, the config's ``glossaries``) or ``files``.

House style is the user's: the glossaries bundled with translator (a news
glossary) are used only when asked for, by name (``--glossary
de-en-news``) or with the check option ``bundled = true``. Both rules look
at the translations only: a required term is looked for in a version
translated from the original (the pivot), and forbidden variants in every
version but the original, which is what it is (check option ``originals =
true`` checks it too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from ..lexicon.terms import Term, load_terms
from ..model import Finding, Severity, Span
from .base import CheckContext


@cache
def _pattern(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"(?<![\w-]){words}(?:s|'s|’s|es)?(?![\w-])", re.IGNORECASE)


def glossary_terms(ctx: CheckContext, source: str | None, target: str | None) -> list[Term]:
    """The bundled terms plus those of the glossaries given in the options."""
    extra = (*ctx.option("glossary", "glossaries", ()), *ctx.option("glossary", "files", ()))
    return load_terms(source, target, extra, bundled=ctx.option("glossary", "bundled", False))


class GlossaryCheck:
    name = "glossary"
    severity = Severity.ERROR
    description = "A glossary term is not translated as required, or a forbidden variant is used."
    options = {"glossaries": (), "files": (), "bundled": False, "originals": False}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._required(ctx)
        yield from self._forbidden(ctx)

    def _required(self, ctx: CheckContext) -> Iterator[Finding]:
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            for src_v, tgt_v in ((alignment.source, alignment.target), (alignment.target, alignment.source)):
                if ctx.is_original(tgt_v) and not ctx.option(self.name, "originals", False):
                    continue
                src_doc, tgt_doc = ctx.documents[src_v], ctx.documents[tgt_v]
                if not src_doc.lang or not tgt_doc.lang or src_doc.lang == tgt_doc.lang:
                    continue
                terms = glossary_terms(ctx, src_doc.lang, tgt_doc.lang)
                if not terms:
                    continue
                for l_index, link in alignment.pairs():
                    src_ids = link.src if src_v == alignment.source else link.tgt
                    tgt_ids = link.tgt if src_v == alignment.source else link.src
                    src_text, tgt_text = ctx.text(src_v, src_ids), ctx.text(tgt_v, tgt_ids)
                    for term in terms:
                        if not _pattern(term.source).search(src_text) or any(
                            _pattern(t).search(tgt_text) for t in term.accepted
                        ):
                            continue
                        if any(_pattern(v).search(tgt_text) for v in term.forbidden):
                            continue  # reported once, at the word, as a forbidden variant
                        note = f" ({term.notes})" if term.notes else ""
                        yield ctx.finding(
                            self.name,
                            self.severity,
                            f"“{term.source}” should be translated as “{term.target}”{note}.",
                            tgt_v,
                            tgt_ids,
                            alignment=a_index,
                            link=l_index,
                            related=(src_v, src_ids),
                            evidence={
                                "rule": "required",
                                "source": term.source,
                                "target": term.target,
                                "glossary": f"{Path(term.origin).name}:{term.line}",
                            },
                        )

    def _forbidden(self, ctx: CheckContext) -> Iterator[Finding]:
        for v, doc in enumerate(ctx.documents):
            if not doc.lang or (ctx.is_original(v) and not ctx.option(self.name, "originals", False)):
                continue
            sources = {d.lang for d in ctx.documents if d.lang and d.lang != doc.lang}
            sources.update(lang for lang in ctx.source_langs if lang != doc.lang)
            terms = [t for src in sorted(sources) for t in glossary_terms(ctx, src, doc.lang) if t.forbidden]
            for seg in doc.segments:
                for term in terms:
                    for variant in term.forbidden:
                        for m in _pattern(variant).finditer(seg.text):
                            note = f" ({term.notes})" if term.notes else ""
                            finding = ctx.finding(
                                self.name,
                                self.severity,
                                f"“{m.group(0)}” is a forbidden variant; write “{term.target}”{note}.",
                                v,
                                [seg.index],
                                evidence={
                                    "rule": "forbidden",
                                    "found": m.group(0),
                                    "target": term.target,
                                    "glossary": f"{Path(term.origin).name}:{term.line}",
                                },
                            )
                            finding.span = Span(v, seg.start + m.start(), seg.start + m.end())
                            yield finding
