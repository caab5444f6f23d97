"""Playwright fixtures driving Debian's Chromium (never a downloaded browser).

The browser tests skip only when ``/usr/bin/chromium`` is missing (CI
installs it through ``scripts/test.sh``). Each test gets a fresh browser
context that records console messages, page errors, dialogs and every
request, so tests can assert that a report makes no network requests and
runs no injected script.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from translator.devtools.chromium import CHROMIUM, launch


@dataclass
class Opened:
    """A report open in a page, with everything the page did recorded."""

    page: object
    url: str
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind in {"error", "warning"}] + self.errors


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def open_report(browser, tmp_path) -> Iterator:
    """``open_report(html, hash="", **context_options) -> Opened``."""
    contexts = []

    def _open(page_html: str, *, fragment: str = "", name: str = "report.html", **options) -> Opened:
        path = tmp_path / name
        path.write_text(page_html, encoding="utf-8")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page, path.as_uri())
        page.on("console", lambda m: opened.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        context.on("request", lambda r: opened.requests.append(r.url))

        def _dialog(dialog):
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", _dialog)
        # anything that is not the report file itself is refused (and recorded above)
        context.route(
            "**/*", lambda route: route.abort() if route.request.url != opened.url else route.continue_()
        )
        page.goto(opened.url + fragment)
        page.wait_for_load_state("load")
        return opened

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts_dir(tmp_path_factory) -> Path:
    """Where screenshots go: $TRANSLATOR_ARTIFACTS when set (CI), else a tmp dir."""
    target = os.environ.get("TRANSLATOR_ARTIFACTS")
    if target:
        path = Path(target)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")
