"""The HTML report: self-contained, escaped, shows rows, gaps and flags."""

from __future__ import annotations

import html.parser
from pathlib import Path

from translator.load import document_from_text
from translator.pipeline import compare_documents, compare_paths, prepare_document
from translator.renderers import get_renderer

ROOT = Path(__file__).resolve().parent.parent


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_report_is_self_contained_with_legend_rows_and_gaps():
    c = compare_paths([str(ROOT / "examples/de-en-news/de.md"), str(ROOT / "examples/de-en-news/en.md")])
    page = get_renderer("html").render(c)
    parsed = parse(page)
    for tag, attrs in parsed.tags:
        assert not (tag == "script" and attrs.get("src")), "no external scripts"
        assert not (tag == "link" and "stylesheet" in attrs.get("rel", "")), "no external CSS"
        assert "http" not in attrs.get("src", ""), "nothing loaded from the network"
    text = " ".join(parsed.text)
    assert "Legend" in text
    assert "no counterpart" in text
    assert "Numbers differ" in text
    assert "model-free" in text
    rows = [a for t, a in parsed.tags if t == "tr" and a.get("id", "").startswith("row-")]
    assert len(rows) == len(c.alignments[0].links)


def test_article_text_is_escaped():
    evil = '<script>alert("x")</script> <img src=x onerror=alert(1)> {{7*7}} ends here.'
    docs = [
        prepare_document(document_from_text(f"Intro text here. {evil}", "a.txt"), "en"),
        prepare_document(document_from_text("Intro text here. Something else entirely.", "b.txt"), "en"),
    ]
    page = get_renderer("html").render(compare_documents(docs))
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page
    assert "{{7*7}}" in page and "49" not in page
