"""One parser per markup language: the Markdown and HTML formats give the
comments (where suppression directives stand) from the same parse they
extract text with, so a comment shown inside code is never a comment."""

from __future__ import annotations

from translator.formats import by_name

MARKDOWN = (
    "---\ntitle: <!-- not a comment: front matter -->\n---\n\n"
    "Text <!-- inline --> here.\n\n"
    "<!-- block -->\n\n"
    "    <!-- indented code -->\n\n"
    "```\n<!-- fenced code -->\n```\n\n"
    "`<!-- code span -->`\n"
)
HTML = (
    "<!-- before -->\n<html><body><p>Text <!-- inside --> here.</p>"
    "<script>var s = '<!-- in a script -->';</script>"
    '<p title="<!-- in an attribute -->">x</p></body></html>\n<!-- after -->\n'
)


def _texts(fmt: str, source: str) -> list[str]:
    return [source[c.start : c.end] for c in by_name(fmt).comments(source)]


def test_markdown_comments_are_those_of_html_blocks_and_inline_html_only():
    assert _texts("markdown", MARKDOWN) == ["<!-- inline -->", "<!-- block -->"]


def test_html_comments_are_those_the_parser_sees_with_their_source_offsets():
    assert _texts("html", HTML) == ["<!-- before -->", "<!-- inside -->", "<!-- after -->"]


def test_document_translation_reads_the_same_markdown_parse_as_extraction(monkeypatch):
    from translator.formats import markdown
    from translator.translate import document

    seen: list[str] = []
    real = markdown.parse

    def counting(source: str):
        seen.append(source)
        return real(source)

    monkeypatch.setattr(markdown, "parse", counting)
    by_name("markdown").blocks("# Title\n\nBody text.\n")
    document._markdown_units("# Title\n\nBody text.\n", document._Units("en"))
    assert seen == ["# Title\n\nBody text.\n"] * 2
