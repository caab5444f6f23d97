"""Loading: formats, encodings and the refusals for unusable input."""

from __future__ import annotations

import codecs

import pytest

from translator.errors import InputError
from translator.ingest.load import decode, document_from_text, load_document


def test_plain_text_keeps_exact_offsets_of_paragraphs():
    text = "First paragraph.\n\n  Second one here.\n"
    doc = document_from_text(text, "a.txt")
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == ["First paragraph.", "Second one here."]
    assert doc.paragraphs[1].line == 3


def test_markdown_is_parsed_not_regexed_and_front_matter_dropped():
    source = "---\ntitle: x\n---\n# Title *here*\n\nSome [linked](http://x) text.\n\n```\ncode()\n```\n"
    doc = document_from_text(source, "a.md")
    texts = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert texts == ["Title here", "Some linked text."]
    assert doc.paragraphs[0].kind == "heading"
    assert doc.paragraphs[0].line == 4


def test_html_extraction_drops_navigation_and_scripts():
    html = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<script>alert(1)</script><article><h1>Floods in Saxony</h1>"
        + "".join(
            f"<p>Paragraph number {i} tells the long story of the flood in Dresden.</p>" for i in range(6)
        )
        + "</article><footer>Copyright 2026 Example Media</footer></body></html>"
    )
    doc = document_from_text(html, "a.html")
    assert doc.format == "html"
    assert "alert" not in doc.text
    assert "Home" not in doc.text
    assert "Paragraph number 3" in doc.text


@pytest.mark.parametrize(
    "data,expected",
    [
        (codecs.BOM_UTF8 + "Grüße".encode(), "Grüße"),
        ("Grüße aus Köln".encode("utf-16"), "Grüße aus Köln"),
        ("Grüße aus Köln".encode("utf-16-le"), "Grüße aus Köln"),
        ("Grüße aus Köln, schöne Straße".encode("latin-1"), "Grüße aus Köln, schöne Straße"),
    ],
)
def test_decoding_handles_boms_utf16_and_legacy_encodings(data, expected):
    assert decode(data)[0] == expected


def test_binary_input_is_refused(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        load_document(str(path))


@pytest.mark.parametrize("content", ["", "   \n\n \t\n"])
def test_empty_input_is_refused(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_text(content)
    with pytest.raises(InputError, match="empty"):
        load_document(str(path))


def test_missing_file_and_directory_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_document(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="directory"):
        load_document(str(tmp_path))
