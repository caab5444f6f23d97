"""The HTML report: self-contained, escaped, N columns, flags, gaps, MT, header."""

from __future__ import annotations

import base64
import hashlib
import html.parser
import re
from pathlib import Path

from reportkit import finding, links, make_doc, three_versions

from translator.ingest.load import document_from_text
from translator.model import Alignment, Comparison
from translator.pipeline import compare_documents, compare_paths, prepare_document
from translator.renderers import get_renderer
from translator.renderers.view import build_report

ROOT = Path(__file__).resolve().parent.parent


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)


def parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def render(comparison: Comparison) -> str:
    return get_renderer("html").render(comparison)


def row_elements(parsed: _Collector) -> list[dict]:
    return [a for t, a in parsed.tags if t == "div" and a.get("id", "").startswith("row-")]


def test_report_is_self_contained_and_loads_nothing_from_anywhere():
    c = compare_paths([str(ROOT / "examples/de-en-news/de.md"), str(ROOT / "examples/de-en-news/en.md")])
    page = render(c)
    parsed = parse(page)
    for tag, attrs in parsed.tags:
        assert tag not in {"link", "iframe", "img", "object", "embed"}, tag
        assert not (tag == "script" and "src" in attrs), "no external scripts"
        href = attrs.get("href")
        assert href is None or href.startswith("#"), f"only in-page links: {href}"
    assert "@import" not in page and "url(" not in page
    assert len(parsed.scripts) == 2


def test_content_security_policy_admits_only_the_reports_own_scripts():
    page = render(three_versions())
    parsed = parse(page)
    csp = next(
        a["content"]
        for t, a in parsed.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    actual = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in parsed.scripts}
    assert actual == allowed and len(allowed) == 2
    # no inline event handlers (the policy would block them anyway)
    assert not [a for _, a in parsed.tags for k in a if k.startswith("on")]


def test_example_report_has_legend_rows_gaps_flags_and_mode():
    c = compare_paths([str(ROOT / "examples/de-en-news/de.md"), str(ROOT / "examples/de-en-news/en.md")])
    parsed = parse(render(c))
    text = " ".join(parsed.text)
    assert "Legend" in text
    assert "omitted" in text and "no counterpart" in text
    assert "Numbers differ" in text
    assert "model-free" in text
    assert len(row_elements(parsed)) == len(build_report(c).rows)
    flagged = [a for a in row_elements(parsed) if "flagged" in a.get("class", "")]
    assert len(flagged) == len({f.link for f in c.findings if f.link is not None} | {"residue"})


def test_article_text_is_escaped_everywhere():
    evil = (
        '<script>window.__xss=1</script> <img src=x onerror="window.__xss=1"> '
        '<a href="javascript:alert(1)">x</a> </textarea> {{7*7}} {% raw %} ${7*7} </script> ends here.'
    )
    docs = [
        prepare_document(document_from_text(f"Intro text here. {evil}", "a<b>.txt"), "en"),
        prepare_document(document_from_text("Intro text here. Something else entirely.", "b.txt"), "en"),
    ]
    page = render(compare_documents(docs))
    parsed = parse(page)
    assert [t for t, _ in parsed.tags].count("script") == 2
    assert not [t for t, _ in parsed.tags if t in {"img", "textarea"}]
    assert not [a for t, a in parsed.tags if t == "a" and not a.get("href", "").startswith("#")]
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    assert "{{7*7}}" in page and "{% raw %}" in page and "49" not in page
    assert "a&lt;b&gt;.txt" in page


def test_three_versions_give_three_columns_and_aligned_rows():
    c = three_versions()
    parsed = parse(render(c))
    heads = [a for t, a in parsed.tags if a.get("role") == "columnheader"]
    assert len(heads) == 1 + 3
    rows = row_elements(parsed)
    assert [r["id"] for r in rows] == [f"row-{n}" for n in range(1, 6)]
    cells = [a for t, a in parsed.tags if a.get("role") == "cell"]
    assert len(cells) == 5 * 3
    assert "addition" in rows[3]["class"]
    text = " ".join(parsed.text)
    assert text.index("P3 three.") < text.index("C5 added.") < text.index("P4 four.")


def test_machine_translation_is_shown_under_the_original_with_a_toggle():
    a = make_doc("de.txt", ["Das Haus ist rot.", "Es regnet."], lang="de")
    b = make_doc("en.txt", ["The house is red.", "It rains."], lang="en")
    a.segments[0].translation = "The house is red."
    a.segments[1].translation = "It is raining."
    c = Comparison(
        documents=[b, a],
        alignments=[Alignment(0, 1, links(([0], [0]), ([1], [1])))],
        mode="machine-translation",
        packages={1: "translate-de_en-1_9"},
    )
    page = render(c)
    parsed = parse(page)
    assert any(t == "input" and a.get("id") == "show-mt" for t, a in parsed.tags)
    mt = [a for t, a in parsed.tags if "mt" in a.get("class", "").split()]
    assert len(mt) == 2 and all(a["lang"] == "en" for a in mt)
    assert re.search(r'<p class="s">Es regnet\.<span class="mt"[^>]*>It is raining\.</span></p>', page)
    text = " ".join(parsed.text)
    assert "machine translation" in text and "translate-de_en-1_9" in text


def test_without_translations_there_is_no_translation_toggle():
    parsed = parse(render(three_versions()))
    assert not any(a.get("id") == "show-mt" for _, a in parsed.tags)


def test_header_lists_versions_languages_counts_and_similarity():
    c = three_versions()
    text = " ".join(parse(render(c)).text)
    squashed = " ".join(text.split())
    for name in ("a.txt", "b.txt", "c.txt"):
        assert name in squashed
    assert "Pivot 1: a.txt — language en" in squashed
    assert "2 findings" in squashed
    assert "overall similarity 90%" in squashed
    assert re.search(r"omission ?: 1", squashed) and re.search(r"addition ?: 1", squashed)


def test_flags_are_badges_with_reason_text_and_a_change_list_entry():
    c = three_versions()
    page = render(c)
    parsed = parse(page)
    flags = [a for t, a in parsed.tags if t == "li" and "flag" in a.get("class", "").split()]
    changes = [a for t, a in parsed.tags if t == "li" and "change" in a.get("class", "").split()]
    assert [f["data-f"] for f in flags] == ["error:addition", "error:omission"]
    assert [f["data-f"] for f in changes] == ["error:addition", "error:omission"]
    assert "This sentence has no counterpart in b.txt." in page
    # the change list links to the rows
    assert (
        '<a href="#row-5"><span class="badge error">error</span> <span class="kind">omission</span>' in page
    )
    marks = [a for t, a in parsed.tags if t == "a" and a.get("class") in {"error", "warning", "info"}]
    assert [m["href"] for m in marks] == ["#row-4", "#row-5"]


def test_word_highlights_render_as_del_and_ins():
    a = make_doc("a.txt", ["Rates rose to 4 percent."])
    b = make_doc("b.txt", ["Rates climbed to 4 percent."])
    c = Comparison(documents=[a, b], alignments=[Alignment(0, 1, links(([0], [0])))])
    diff = [
        {"op": "replace", "a_start": 6, "a_end": 10, "b_start": 6, "b_end": 13, "a": "rose", "b": "climbed"}
    ]
    c.findings = [finding("wording", "warning", b, 1, 0, link=0, evidence={"diff": diff})]
    page = render(c)
    assert '<p class="s">Rates <del class="mark-del">rose</del> to 4 percent.</p>' in page
    assert '<p class="s">Rates <ins class="mark-ins">climbed</ins> to 4 percent.</p>' in page


def test_every_row_has_a_permalink_anchor():
    parsed = parse(render(three_versions()))
    ids = [a["id"] for a in row_elements(parsed)]
    hrefs = {a.get("href") for t, a in parsed.tags if t == "a"}
    assert all(f"#{i}" in hrefs for i in ids)


def test_code_points_html_cannot_carry_become_replacement_characters():
    import html5lib

    bad = "Null\x00 bell\x07 vt\x0b del\x7f c1\x85 nonchar\ufdd0\ufffe\U0010ffff end."
    a = make_doc("a\x01.txt", [f"Start {bad}", "Same."])
    b = make_doc("b.txt", ["Start plain text.", "Same."])
    c = Comparison(documents=[a, b], alignments=[Alignment(0, 1, links(([0], [0]), ([1], [1])))])
    c.findings = [finding("residue", "error", a, 0, 0, alignment=None, message=f"Message with {bad}")]
    page = render(c)
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), strict=False)
    parser.parse(page)
    assert parser.errors == []
    assert "Null\ufffd bell\ufffd vt\ufffd del\ufffd c1\ufffd nonchar\ufffd\ufffd\ufffd end." in page
    assert "a\ufffd.txt" in page


def test_each_linked_cell_carries_its_link_confidence_and_weak_links_say_so():
    c = three_versions()
    c.alignments[0].links[0].score = 0.97
    c.alignments[0].links[1].score = 0.31
    parsed = parse(render(c))
    cells = [attrs for tag, attrs in parsed.tags if tag == "div" and "data-confidence" in attrs]
    assert {"0.97", "0.31"} <= {attrs["data-confidence"] for attrs in cells}
    assert "weak link: 31 % confidence" in "".join(parsed.text)
    assert "weak link: 97 %" not in "".join(parsed.text)
