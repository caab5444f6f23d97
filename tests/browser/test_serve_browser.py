"""``translator serve`` in a real browser (Debian's Chromium through Playwright).

The server runs as its own process (``python -m translator serve``) on a
free 127.0.0.1 port; URL versions come from the local fixture server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pageserver import serving
from playwright.sync_api import expect
from test_report_browser import XSS

ROOT = Path(__file__).resolve().parents[2]
WIRE = ROOT / "examples" / "wire-story"
A = (WIRE / "outlet-a.txt").read_text(encoding="utf-8")
B = (WIRE / "outlet-b.txt").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def page_server(monkeypatch):
    yield from serving(monkeypatch)


@pytest.fixture
def app_url(tmp_path, page_server) -> Iterator[str]:
    """A running ``translator serve``; its temporary folder must be gone after."""
    port = _free_port()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_PROXY": "*", "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "translator", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stderr.read().decode()) from None
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(timeout=30)
    assert proc.returncode == 0
    assert list(tmp_path.glob("translator-serve-*")) == []


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs, page.errors = [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def compare(page, app_url: str, versions: list[dict[str, str]]) -> None:
    """Fill the form (adding slots as needed), submit, wait for the report."""
    page.goto(app_url)
    for _ in range(len(versions) - 2):
        page.click("#add-version")
    for n, version in enumerate(versions, start=1):
        if "text" in version:
            page.fill(f"textarea[name=text_{n}]", version["text"])
        if "url" in version:
            page.fill(f"input[name=url_{n}]", version["url"])
        if "file" in version:
            page.set_input_files(f"input[name=file_{n}]", version["file"])
        if "lang" in version:
            page.fill(f"input[name=lang_{n}]", version["lang"])
    page.click("#submit")
    page.wait_for_selector("#job[data-state=done], #job[data-state=failed]", timeout=120_000)


def test_paste_two_versions_and_see_rows_and_findings(page, app_url):
    compare(page, app_url, [{"text": A}, {"text": B}])
    assert "/jobs/" in page.url
    assert page.inner_text("#finding-count") == "12 findings"
    report = page.frame_locator("#report")
    report.locator(".row").first.wait_for()
    assert report.locator(".row").count() >= 14
    assert report.locator(".flag .badge.error").count() >= 4
    assert (
        "Numbers differ: 1.1 only in pasted text 1; 1.12 only in pasted text 2."
        in report.locator("main").text_content()
    )
    with page.expect_download() as download:
        page.click("#download-json")
    assert download.value.suggested_filename == "pasted_text_1-vs-pasted_text_2.json"
    assert page.errors == [] and page.dialogs == []


def test_upload_files_and_add_a_third_version(page, app_url, tmp_path):
    third = tmp_path / "outlet-c.txt"
    third.write_text(B.replace("1.12", "1.13"), encoding="utf-8")
    compare(
        page,
        app_url,
        [{"file": str(WIRE / "outlet-a.txt")}, {"file": str(WIRE / "outlet-b.txt")}, {"file": str(third)}],
    )
    report = page.frame_locator("#report")
    heads = report.locator(".colheads [role=columnheader]").all_inner_texts()
    assert [h.split()[0] for h in heads if h.strip()][-3:] == ["outlet-a.txt", "outlet-b.txt", "outlet-c.txt"]
    assert "1.13 only in outlet-c.txt" in report.locator("main").text_content()


def test_a_url_version_is_fetched_with_progress_shown_while_it_works(page, app_url, page_server):
    slow = page_server.url("/slow")  # answers after 3 s
    page.goto(app_url)
    page.fill("input[name=url_1]", slow)
    page.fill("textarea[name=text_2]", B)
    page.click("#submit")
    page.wait_for_selector("#job-progress")
    expect(page.locator("#job-stage")).to_contain_text(
        f"Fetching version 1 of 2: 127.0.0.1:{page_server.port}/slow"
    )
    assert page.is_visible("#job-progress")
    page.wait_for_selector("#job[data-state=done]", timeout=120_000)
    report = page.frame_locator("#report")
    assert f"fetched from {slow}" in " ".join(report.locator(".origin").first.inner_text().split())
    assert "1.12 only in pasted text 2" in report.locator("main").text_content()


def test_a_failing_url_is_one_line_on_the_page(page, app_url, page_server):
    gone = page_server.url("/gone")
    compare(page, app_url, [{"url": gone}, {"text": B}])
    assert page.inner_text(".error") == f"{gone}: the server answered HTTP 404 Not Found"


def test_an_xss_corpus_pasted_in_runs_no_script(page, app_url):
    a = "\n\n".join(f"Line {i} says {payload} and ends here." for i, payload in enumerate(XSS))
    b = "\n\n".join(f"Line {i} reads {payload} and ends there." for i, payload in enumerate(XSS))
    compare(page, app_url, [{"text": a, "lang": "en"}, {"text": b, "lang": "en"}])
    report = page.frame_locator("#report")
    report.locator(".row").first.wait_for()
    text = report.locator("main").text_content()
    for payload in XSS[:5]:
        assert payload in text
    frame = page.frames[1]
    assert frame.evaluate("window.__xss === undefined")
    assert page.evaluate("window.__xss === undefined")
    assert report.locator("main img, main svg, main iframe, main textarea").count() == 0
    # the form page, refilled after an error, shows the corpus as text too
    page.goto(app_url)
    page.fill("textarea[name=text_1]", a)
    page.click("#submit")
    page.wait_for_selector(".error")
    assert page.input_value("textarea[name=text_1]") == a
    assert page.evaluate("window.__xss === undefined")
    assert page.dialogs == [] and page.errors == []
