"""The HTML report in a real browser (Debian's Chromium through Playwright).

Each test opens a report from a ``file://`` URL in a fresh context that
records console messages, page errors, dialogs and requests.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from reportkit import large_comparison, links, make_doc, three_versions

from translator.ingest.load import document_from_text
from translator.model import Alignment, Comparison
from translator.pipeline import compare_documents, compare_paths, prepare_document
from translator.renderers import get_renderer

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {
    "de-en-news": ("de.md", "en.md"),
    "wire-story": ("outlet-a.txt", "outlet-b.txt"),
}


_EXAMPLE_HTML: dict[str, str] = {}


def example_html(name: str) -> str:
    """The example's report, rendered once per test session."""
    if name not in _EXAMPLE_HTML:
        a, b = EXAMPLES[name]
        folder = ROOT / "examples" / name
        _EXAMPLE_HTML[name] = get_renderer("html").render(compare_paths([str(folder / a), str(folder / b)]))
    return _EXAMPLE_HTML[name]


@pytest.fixture
def wire_html() -> str:
    return example_html("wire-story")


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        ".row", "els => els.filter(e => e.getClientRects().length > 0).map(e => e.id)"
    )


def flagged_ids(page) -> list[str]:
    return page.eval_on_selector_all(".row.flagged", "els => els.map(e => e.id)")


def current_row(page) -> str | None:
    return page.evaluate("(document.querySelector('.row.current') || {}).id || null")


def in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                    return r.top < innerHeight && r.bottom > 0; }""",
        selector,
    )


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_report_loads_with_no_console_errors_and_no_requests(open_report, name):
    opened = open_report(example_html(name))
    assert opened.console_errors() == []
    assert opened.requests == [opened.url], "the report must load nothing but itself"
    assert opened.page.locator(".row").count() > 10


def test_j_and_k_and_the_buttons_step_through_flagged_rows(open_report, wire_html):
    opened = open_report(wire_html)
    page = opened.page
    flagged = flagged_ids(page)
    assert len(flagged) >= 4
    page.keyboard.press("j")
    assert current_row(page) == flagged[0]
    page.keyboard.press("j")
    assert current_row(page) == flagged[1]
    page.keyboard.press("k")
    assert current_row(page) == flagged[0]
    page.click("#next")
    page.click("#next")
    assert current_row(page) == flagged[2]
    assert page.evaluate("location.hash") == f"#{flagged[2]}"
    assert in_viewport(page, f"#{flagged[2]}")
    page.click("#prev")
    assert current_row(page) == flagged[1]
    assert "of" in page.inner_text("#nav-pos")
    for _ in range(len(flagged) + 2):  # stops at the last one
        page.keyboard.press("j")
    assert current_row(page) == flagged[-1]
    assert opened.console_errors() == []


def test_navigation_from_a_scrolled_position_goes_to_the_next_finding_below(open_report):
    page = open_report(get_renderer("html").render(large_comparison(600))).page
    page.evaluate("document.getElementById('row-300').scrollIntoView({block: 'start'})")
    page.keyboard.press("j")
    number = int(current_row(page).split("-")[1])
    assert 300 <= number < 330
    assert in_viewport(page, f"#row-{number}")


def test_severity_filter_and_only_changes_change_what_is_visible(open_report, wire_html):
    page = open_report(wire_html).page
    total = page.locator(".row").count()
    assert len(visible_rows(page)) == total
    page.check("#only-changes")
    assert visible_rows(page) == flagged_ids(page)
    warning_only = page.eval_on_selector_all(
        ".row.flagged", "els => els.filter(e => !/error|info/.test(e.dataset.f)).map(e => e.id)"
    )
    assert warning_only
    page.uncheck("input[data-sev=warning]")
    shown = visible_rows(page)
    assert not set(warning_only) & set(shown)
    assert shown, "rows with errors stay"
    assert page.locator(".flag[data-f^='warning:']:visible").count() == 0
    assert page.locator(".change[data-f^='warning:']:visible").count() == 0
    assert page.locator(".flag[data-f^='error:']:visible").count() > 0
    # navigation skips what the filter hides (j works with focus on the checkbox too)
    page.keyboard.press("j")
    assert current_row(page) is not None and current_row(page) not in warning_only
    page.check("input[data-sev=warning]")
    page.uncheck("#only-changes")
    assert len(visible_rows(page)) == total


def test_kind_filter_hides_that_kind_only(open_report, wire_html):
    page = open_report(wire_html).page
    assert page.locator(".flag[data-f$=':wording']:visible").count() > 0
    page.uncheck("input[data-kind=wording]")
    assert page.locator(".flag[data-f$=':wording']:visible").count() == 0
    assert page.locator(".flag[data-f$=':numbers']:visible").count() == 1
    assert page.locator(".overview a:visible").count() < page.locator(".overview a").count()


@pytest.mark.parametrize("width", [1280, 640])
def test_permalink_opens_the_report_at_that_row(open_report, wire_html, width):
    page = open_report(wire_html, fragment="#row-12", viewport={"width": width, "height": 800}).page
    assert current_row(page) == "row-12"
    assert in_viewport(page, "#row-12")
    # the sticky header does not cover the target row
    header_bottom = page.evaluate("document.querySelector('.sticky').getBoundingClientRect().bottom")
    row_top = page.evaluate("document.getElementById('row-12').getBoundingClientRect().top")
    assert row_top >= header_bottom - 1


def test_change_list_and_overview_marks_select_their_rows(open_report, wire_html):
    page = open_report(wire_html).page
    entry = page.locator(".changes li a").nth(3)
    target = entry.get_attribute("href")
    entry.click()
    assert current_row(page) == target[1:]
    mark = page.locator(".overview a").last
    target = mark.get_attribute("href")
    mark.click()
    assert current_row(page) == target[1:]
    assert in_viewport(page, target)


def test_column_headers_stay_visible_and_the_overview_tracks_the_scroll(open_report):
    page = open_report(get_renderer("html").render(large_comparison(300))).page
    before = page.evaluate("document.getElementById('overview-view').getBoundingClientRect().top")
    page.mouse.wheel(0, 6000)
    page.wait_for_function("scrollY > 3000")
    top = page.evaluate("document.querySelector('.colheads').getBoundingClientRect().top")
    assert 0 <= top < 200
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    after = page.evaluate("document.getElementById('overview-view').getBoundingClientRect().top")
    assert after > before


def test_three_versions_show_three_columns_whose_rows_line_up(open_report):
    page = open_report(get_renderer("html").render(three_versions())).page
    assert page.locator(".colheads [role=columnheader]").count() == 4
    tops = page.eval_on_selector_all(
        ".row",
        "rows => rows.map(r => [...r.querySelectorAll('.cell')].map(c => c.getBoundingClientRect().top))",
    )
    assert len(tops) == 5 and all(len(set(row)) == 1 and len(row) == 3 for row in tops)
    assert "C5 added." in page.inner_text("#row-4")


def _mt_comparison() -> Comparison:
    a = make_doc("de.txt", ["Das Haus ist rot.", "Es regnet."], lang="de")
    b = make_doc("en.txt", ["The house is red.", "It rains."], lang="en")
    for seg, text in zip(a.segments, ["The house is red.", "It is raining."], strict=True):
        seg.translation = text
    return Comparison(
        documents=[b, a],
        alignments=[Alignment(0, 1, links(([0], [0]), ([1], [1])))],
        mode="machine-translation",
        packages={1: "translate-de_en-1_9"},
    )


def test_translation_toggle_hides_and_shows_the_machine_translation(open_report):
    page = open_report(get_renderer("html").render(_mt_comparison())).page
    assert page.locator(".mt:visible").count() == 2
    assert "It is raining." in page.inner_text("#row-2")
    page.uncheck("#show-mt")
    assert page.locator(".mt:visible").count() == 0
    assert "Es regnet." in page.inner_text("#row-2")
    page.check("#show-mt")
    assert page.locator(".mt:visible").count() == 2


XSS = [
    "<script>window.__xss = 1</script>",
    '<img src="x" onerror="window.__xss = 2">',
    '<a href="javascript:window.__xss=3">click me</a>',
    '</textarea><svg onload="window.__xss=4"></svg>',
    "{{7*7}} {{ config }} ${7*7} #{7*7}",
    "{% raw %}{% endraw %} {% include 'x' %}",
    "</script><script>alert(5)</script>",
    '"\'><iframe src="http://example.invalid/"></iframe>',
    "<style>body{display:none}</style>",
]


def test_xss_corpus_in_article_text_is_shown_literally_and_runs_nothing(open_report):
    a_text = "\n\n".join(f"Line {i} says {payload} and ends here." for i, payload in enumerate(XSS))
    b_text = "\n\n".join(f"Line {i} reads {payload} and ends there." for i, payload in enumerate(XSS))
    docs = [
        prepare_document(document_from_text(a_text, '<img src=x onerror="window.__xss=9">.txt'), "en"),
        prepare_document(document_from_text(b_text, "b.txt"), "en"),
    ]
    opened = open_report(get_renderer("html").render(compare_documents(docs)))
    page = opened.page
    page.keyboard.press("j")
    for link in page.locator(".flag a, .changes a").all()[:5]:
        link.click()
    assert page.evaluate("window.__xss === undefined")
    assert opened.dialogs == []
    assert opened.requests == [opened.url]
    body = page.inner_text("main")
    for payload in (
        "<script>window.__xss = 1</script>",
        "{{7*7}}",
        "{% raw %}",
        "</textarea>",
        "javascript:",
    ):
        assert payload in body
    assert (
        page.locator(
            "body img, body iframe, body svg, body textarea, body style, body script:not([src])"
        ).count()
        == 1
    )
    assert page.locator("body script").count() == 1  # ours, at the end
    assert page.locator("a[href^='javascript']").count() == 0
    assert opened.console_errors() == []


def _dark(page) -> bool:
    rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
    r, g, b = (int(x) for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])
    return (0.299 * r + 0.587 * g + 0.114 * b) < 80


def test_dark_mode_follows_the_system_and_the_toggle(open_report, wire_html):
    opened = open_report(wire_html, color_scheme="dark")
    page = opened.page
    assert _dark(page)
    assert len(visible_rows(page)) == page.locator(".row").count()
    page.click("#theme")
    assert not _dark(page)
    page.click("#theme")
    assert _dark(page)
    page.emulate_media(color_scheme="light")
    assert _dark(page), "an explicit choice wins over the system setting"
    page.reload()
    assert _dark(page), "the choice is remembered"
    assert page.inner_text("#theme") == "Theme: dark"
    assert opened.console_errors() == []


def test_print_shows_every_row_and_flag_even_when_filtered(open_report, wire_html):
    page = open_report(wire_html).page
    total = page.locator(".row").count()
    flags = page.locator(".flag").count()
    page.check("#only-changes")
    page.uncheck("input[data-sev=warning]")
    page.uncheck("#show-mt") if page.locator("#show-mt").count() else None
    assert len(visible_rows(page)) < total
    page.emulate_media(media="print")
    assert len(visible_rows(page)) == total
    assert page.locator(".flag:visible").count() == flags
    assert page.locator("#toolbar:visible, .overview:visible").count() == 0
    assert not _dark(page)
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_dark_system_setting_still_prints_light(open_report, wire_html):
    page = open_report(wire_html, color_scheme="dark").page
    page.emulate_media(media="print")
    assert not _dark(page)


def test_core_content_is_readable_with_javascript_off(open_report, wire_html):
    opened = open_report(wire_html, java_script_enabled=False)
    page = opened.page
    assert page.locator("#toolbar").is_visible() is False
    assert len(visible_rows(page)) == page.locator(".row").count()
    assert page.locator(".flag:visible").count() == page.locator(".flag").count() > 0
    assert "Wording differs" in page.inner_text("main")
    assert page.locator(".changes li").count() > 0


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_screenshot_of_each_example_report(open_report, artifacts_dir, name):
    page = open_report(example_html(name), viewport={"width": 1400, "height": 1000}).page
    path = artifacts_dir / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000
    # decoded by Chromium itself (a blank page without the report's CSP):
    # the viewport's size, and a rendered report, not an empty canvas
    blank = page.context.new_page()
    stats = blank.evaluate(
        """async (src) => {
            const img = new Image(); img.src = src; await img.decode();
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            const d = g.getImageData(0, 0, c.width, c.height).data;
            const colours = new Set(); let dark = 0;
            for (let i = 0; i < d.length; i += 4 * 7) {
                colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
                if (d[i] + d[i + 1] + d[i + 2] < 200) dark++;
            }
            return {width: img.width, height: img.height, colours: colours.size, dark: dark};
        }""",
        "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii"),
    )
    blank.close()
    assert (stats["width"], stats["height"]) == (1400, 1000)
    assert stats["colours"] > 50 and stats["dark"] > 1000, stats  # text, badges, hatching
    assert page.locator(".row").first.is_visible() and page.locator(".flag").first.is_visible()
    print(f"screenshot: {path}")


@pytest.mark.slow
def test_a_5000_link_report_opens_navigates_and_filters(open_report):
    opened = open_report(get_renderer("html").render(large_comparison(5000)))
    page = opened.page
    assert page.locator(".row").count() > 4900  # a replaced sentence shares its row with the one it replaces
    page.keyboard.press("j")
    first = current_row(page)
    assert first == flagged_ids(page)[0]
    page.locator(".overview a").last.click()
    last = current_row(page)
    assert int(last.split("-")[1]) > 4900
    assert in_viewport(page, f"#{last}")
    page.check("#only-changes")
    assert len(visible_rows(page)) == len(flagged_ids(page))
    assert opened.console_errors() == []
