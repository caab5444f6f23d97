"""Regenerate the report screenshots in ``docs/screenshots/``.

Renders the report of each bundled example and photographs it in headless
Chromium (Debian's ``/usr/bin/chromium`` through Playwright — no browser
download), in light mode and, for the wire story, in dark mode too. Run it
after changing the report's look::

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Exits 0 with a message when chromium is not installed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translator.devtools.chromium import CHROMIUM, launch  # noqa: E402

EXAMPLES = {
    "de-en-news": ("de.md", "en.md"),
    "wire-story": ("outlet-a.txt", "outlet-b.txt"),
}
#: (example, colour scheme, file name)
SHOTS = [
    ("de-en-news", "light", "de-en-news.png"),
    ("wire-story", "light", "wire-story.png"),
    ("wire-story", "dark", "wire-story-dark.png"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description="Regenerate docs/screenshots/*.png")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"skipped: {CHROMIUM} is not installed (apt-get install chromium)")
        return 0
    from playwright.sync_api import sync_playwright

    from translator.pipeline import compare_paths
    from translator.renderers import get_renderer

    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="screenshots-"))
    pages: dict[str, Path] = {}
    os.chdir(ROOT)  # relative names, as a user running from the repository sees them
    for name, (a, b) in EXAMPLES.items():
        comparison = compare_paths([f"examples/{name}/{a}", f"examples/{name}/{b}"])
        pages[name] = work / f"{name}.html"
        pages[name].write_text(get_renderer("html").render(comparison), encoding="utf-8")
    with sync_playwright() as p:
        browser = launch(p)
        for name, scheme, file in SHOTS:
            context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            page.goto(pages[name].as_uri(), wait_until="load")
            page.keyboard.press("j")  # show a selected finding, as a reader would
            page.evaluate("window.scrollTo(0, 0)")
            target = args.out / file
            page.screenshot(path=str(target))
            print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
            context.close()
        shoot_serve(browser, args.out)
        browser.close()
    return 0


def shoot_serve(browser, out: Path) -> None:
    """``translator serve``: the form with the wire story's two files chosen
    (serve-form.png) and the result page with the report (serve.png)."""
    import socket
    import threading
    import time

    import uvicorn

    from translator.webapp import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        folder = ROOT / "examples" / "wire-story"
        page.set_input_files("input[name=file_1]", str(folder / "outlet-a.txt"))
        page.set_input_files("input[name=file_2]", str(folder / "outlet-b.txt"))
        page.fill("input[name=lang_1]", "en")
        page.screenshot(path=str(out / "serve-form.png"))
        print(f"wrote {out / 'serve-form.png'}")
        page.click("#submit")
        page.wait_for_selector("#job[data-state=done]", timeout=120_000)
        page.frame_locator("#report").locator(".row").first.wait_for()
        page.wait_for_timeout(1000)  # let the frame paint
        page.screenshot(path=str(out / "serve.png"))
        print(f"wrote {out / 'serve.png'}")
        context.close()
    finally:
        server.should_exit = True
        thread.join(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
