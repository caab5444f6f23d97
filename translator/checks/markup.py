"""Inline markup that must survive translation.

A lost link or bold, a changed ``href`` or ``mailto:``, an image whose
``src`` changed or whose ``alt`` text was left in the source language, a
code span whose content was translated: each breaks the page, not only the
prose. Inside an aligned pair the markup of both sides is compared as a
multiset of tokens: HTML inline tags with the attributes that matter
(``href``, ``src``; absolute URLs compared as the links check compares
them, so ``/de/`` → ``/en/`` is a localised page, not a change), Markdown
links (their URL), images (their ``src``),
code spans (their content, which is never translated) and emphasis.

What a segment carries is read by :func:`segment_markup`, the one place that
knows where markup lives: the inline elements the loader kept in the model
(localisation files; HTML blocks), else the original file text behind the
sentence (``Document.source`` through the source map, plus markup glued to
its edges: Markdown, an HTML block the extractor rewrote), for plain text
the sentence itself.

Block tags (``<p>``, ``<li>``, ``<div>``…) belong to paragraphs, not
sentences, and are not compared. Options: ``emphasis`` (compare bold and
italics, default true), ``alt`` (flag an ``alt`` text identical to the
source's in a translation, default true), ``locale_paths`` (as in links).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import Any

from ..model import Document, Finding, Segment, Severity
from .base import CheckContext
from .links import comparable, pair_languages

_BLOCK = frozenset(
    "address article aside blockquote body dd details div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 head header hr html li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_ATTRS = ("href", "src")
_EMPHASIS = frozenset({"<strong>", "<em>", "<b>", "<i>", "</b>", "</i>", "</strong>", "</em>"})
#: markup glued to the start / end of a sentence's source text
_BEFORE = re.compile(r"(?:<[^<>\n]+>|\*{1,3}|_{1,3}|!?\[|`)+$")
_AFTER = re.compile(r"^(?:</[^<>\n]+>|<br\s*/?>|\*{1,3}|_{1,3}|`|\]\([^()\s]*(?:\s+\"[^\"]*\")?\))+")


@dataclass(frozen=True)
class Markup:
    """One inline markup element: its token (what is compared), the address
    it points at (``href``/``src``, compared as the links check compares
    addresses) and, for images, the alt text (checked for translation)."""

    token: str
    alt: str = ""
    url: str = ""

    def key(self, langs: set[str]) -> str:
        if not self.url:
            return self.token
        return self.token.replace(self.url, comparable(self.url, langs)) if "://" in self.url else self.token


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Markup] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closing=False)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _BLOCK:
            self.found.append(Markup(f"</{tag}>"))

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closing: bool) -> None:
        if tag in _BLOCK:
            return
        values = dict(attrs)
        kept = "".join(f' {a}="{values[a]}"' for a in _ATTRS if values.get(a) is not None)
        url = values.get("href") or values.get("src") or ""
        self.found.append(Markup(f"<{tag}{kept}>", values.get("alt") or "", url))


@cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _html(fragment: str) -> list[Markup]:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser.found


def markup_of(text: str) -> list[Markup]:
    """The inline markup of a piece of Markdown, HTML or plain text."""
    if not re.search(r"[<\[`*_]", text):
        return []
    out: list[Markup] = []
    for block in _markdown().parseInline(text):
        for tok in block.children or []:
            if tok.type == "link_open":
                href = str(tok.attrs.get("href", ""))
                out.append(Markup(f"[link]({href})", url=href))
            elif tok.type == "image":
                src = str(tok.attrs.get("src", ""))
                out.append(Markup(f"![image]({src})", tok.content, src))
            elif tok.type == "code_inline":
                out.append(Markup(f"`{tok.content}`"))
            elif tok.type in ("strong_open", "em_open"):
                out.append(Markup(f"<{tok.tag}>"))
            elif tok.type == "html_inline":
                out.extend(_html(tok.content))
    return out


#: formats whose markup is read from the file around the segment
_FILE_MARKUP = frozenset({"html", "markdown"})


def segment_markup(doc: Document, segment: Segment) -> list[Markup]:
    """The inline markup a segment carries (see the module docstring)."""
    if doc.format == "text" or not doc.source:
        return markup_of(segment.text)
    paragraph = doc.paragraphs[segment.paragraph]
    if doc.format not in _FILE_MARKUP or (doc.format == "html" and paragraph.inline):
        # the loader kept the inline elements (XLIFF <x/>, <g>, <ph>..., an
        # HTML block's tags) in the model with their original text; around a
        # localisation unit the file is the format's own syntax, not markup
        # (a segment lies inside one paragraph: only its elements can fall
        # in the segment, and scanning every unit per segment is quadratic)
        inline = [
            element["original"]
            for element in paragraph.inline
            if segment.start <= element["start"] <= segment.end
        ]
        return [m for original in inline for m in markup_of(original)] or markup_of(segment.text)
    start, end = doc.source_range(segment.start, segment.end)
    source = doc.source
    before = _BEFORE.search(source, max(0, start - 200), start)
    after = _AFTER.match(source[end : end + 300])
    start = before.start() if before else start
    end = end + (after.end() if after else 0)
    return markup_of(source[start:end])


def _pair_markup(doc: Document, ids: list[int]) -> list[Markup]:
    return [m for i in ids for m in segment_markup(doc, doc.segments[i])]


class MarkupCheck:
    name = "markup"
    severity = Severity.ERROR
    description = "Inline markup (a tag, link, image, code span or emphasis) was lost, added or changed."
    options = {"emphasis": True, "alt": True, "locale_paths": True}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        emphasis = ctx.option(self.name, "emphasis", True)
        check_alt = ctx.option(self.name, "alt", True)
        locale_paths = ctx.option(self.name, "locale_paths", True)
        for pair in ctx.aligned_pairs():
            doc_a = ctx.documents[pair.alignment.source]
            doc_b = ctx.documents[pair.alignment.target]
            ma = _pair_markup(doc_a, pair.link.src)
            mb = _pair_markup(doc_b, pair.link.tgt)
            if not ma and not mb:
                continue
            skip = frozenset() if emphasis else _EMPHASIS
            langs = pair_languages(ctx, pair) if locale_paths else set()
            ca = Counter(m.key(langs) for m in ma if m.token not in skip)
            cb = Counter(m.key(langs) for m in mb if m.token not in skip)
            if ca != cb:
                only_a, only_b = ca - cb, cb - ca
                missing = sorted({m.token for m in ma if only_a[m.key(langs)]})
                extra = sorted({m.token for m in mb if only_b[m.key(langs)]})
                yield ctx.pair_finding(
                    self.name,
                    self.severity,
                    f"Markup differs: {ctx.only_in(pair, missing, extra)}.",
                    pair,
                    evidence={"source": missing, "target": extra},
                )
            if check_alt and doc_a.lang != doc_b.lang:
                alts = {m.alt for m in ma if re.search(r"[^\W\d_]{2}", m.alt)}
                for m in mb:
                    if m.alt in alts:
                        yield ctx.pair_finding(
                            self.name,
                            self.severity,
                            f"The alt text “{m.alt}” is the source's, untranslated.",
                            pair,
                            evidence={"alt": m.alt},
                        )
