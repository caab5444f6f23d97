"""Benchmark: a 5,000-link HTML report — size, Python render time, browser load.

Prints, for our report and for difflib's ``HtmlDiff`` of the same sentences
(the baseline, measured in the same run):

* file size and Python render time (median of several runs);
* in headless Chromium (Debian's ``/usr/bin/chromium`` through Playwright):
  first contentful paint, DOMContentLoaded and load event, the time one
  ``j`` keypress and one filter change take until the next frame, and the
  longest frame while scrolling from top to bottom in 40 steps.

The browser part is skipped (with a message, exit 0) when chromium is not
installed. Usage::

    python benchmarks/report_large.py [--links 5000] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic comparison is shared with the tests

from reportkit import large_comparison  # noqa: E402

from translator.devtools.chromium import CHROMIUM, launch  # noqa: E402
from translator.renderers import get_renderer  # noqa: E402
from translator.renderers.view import build_report  # noqa: E402

LOAD_TIMING = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {fcp: fcp ? fcp.startTime : null, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
}"""

NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

TIME_ACTION = """async (action) => {
  const t0 = performance.now();
  if (action === 'j') document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j', bubbles: true}));
  else { const box = document.getElementById('only-changes'); box.checked = !box.checked;
         box.dispatchEvent(new Event('change', {bubbles: true})); }
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
}"""

SCROLL = """async () => {
  const steps = 40, gaps = [];
  const height = document.documentElement.scrollHeight;
  let last = performance.now();
  for (let i = 1; i <= steps; i++) {
    window.scrollTo(0, height * i / steps);
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const now = performance.now(); gaps.push(now - last); last = now;
  }
  return {max: Math.max(...gaps), mean: gaps.reduce((a, b) => a + b, 0) / gaps.length};
}"""


def median_time(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def browser_figures(paths: dict[str, Path], interactive: set[str]) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, float]] = {}
    with sync_playwright() as p:
        browser = launch(p)
        for name, path in paths.items():
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            wall = (time.perf_counter() - t0) * 1000
            figures = {k: v for k, v in page.evaluate(LOAD_TIMING).items() if v is not None}
            figures["goto_wall"] = wall
            page.evaluate(NEXT_FRAME)
            if name in interactive:
                figures["j_key"] = page.evaluate(TIME_ACTION, "j")
                figures["filter"] = page.evaluate(TIME_ACTION, "filter")
                page.evaluate(TIME_ACTION, "filter")  # back to all rows
            page.evaluate("window.scrollTo(0, 0)")
            scroll = page.evaluate(SCROLL)
            figures["scroll_max_frame"] = scroll["max"]
            figures["scroll_mean_frame"] = scroll["mean"]
            out[name] = figures
            context.close()
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the generated reports to this folder")
    args = parser.parse_args()

    comparison = large_comparison(args.links)
    a, b = comparison.documents
    rows = len(build_report(comparison).rows)
    print(
        f"comparison: {len(comparison.alignments[0].links)} links, {rows} rows, "
        f"{len(comparison.findings)} findings, {len(a.segments)} + {len(b.segments)} sentences"
    )
    html = get_renderer("html")
    t_view, _ = median_time(lambda: build_report(comparison), args.runs)
    t_ours, page = median_time(lambda: html.render(comparison), args.runs)
    t_json, _ = median_time(lambda: get_renderer("json").render(comparison), args.runs)
    differ = difflib.HtmlDiff(wrapcolumn=70)
    src, tgt = [s.text for s in a.segments], [s.text for s in b.segments]
    t_diff, baseline = median_time(lambda: differ.make_file(src, tgt, "long-a.txt", "long-b.txt"), args.runs)

    size_ours, size_diff = len(page.encode("utf-8")), len(baseline.encode("utf-8"))
    print(f"\n== Python (median of {args.runs} runs) ==")
    print(f"{'':34}{'time':>10}{'size':>12}")
    print(f"{'view.build_report (rows only)':34}{t_view:>9.2f}s")
    print(f"{'our HTML report':34}{t_ours:>9.2f}s{size_ours / 1e6:>10.2f} MB")
    print(f"{'JSON renderer (same model)':34}{t_json:>9.2f}s")
    print(f"{'baseline: difflib.HtmlDiff':34}{t_diff:>9.2f}s{size_diff / 1e6:>10.2f} MB")
    print(f"ratio ours/difflib: time {t_ours / t_diff:.2f}x, size {size_ours / size_diff:.2f}x")

    folder = args.keep or Path(tempfile.mkdtemp(prefix="report-large-"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"ours": folder / "report-5000.html", "difflib": folder / "difflib-5000.html"}
    paths["ours"].write_text(page, encoding="utf-8")
    paths["difflib"].write_text(baseline, encoding="utf-8")

    print("\n== Headless Chromium ==")
    if not CHROMIUM.exists():
        print(f"skipped: {CHROMIUM} is not installed (apt-get install chromium)")
        return 0
    figures = browser_figures(paths, interactive={"ours"})
    labels = [
        ("fcp", "first contentful paint"),
        ("dcl", "DOMContentLoaded"),
        ("load", "load event"),
        ("goto_wall", "page.goto wall time"),
        ("j_key", "'j' to next frame"),
        ("filter", "filter toggle to next frame"),
        ("scroll_max_frame", "scroll: longest frame"),
        ("scroll_mean_frame", "scroll: mean frame"),
    ]
    print(f"{'':34}{'ours':>10}{'difflib':>10}{'ratio':>8}")
    for key, label in labels:
        ours, base = figures["ours"].get(key), figures["difflib"].get(key)
        cells = f"{ours:>8.0f}ms" if ours is not None else f"{'-':>10}"
        cells += f"{base:>8.0f}ms" if base is not None else f"{'-':>10}"
        ratio = f"{ours / base:>7.2f}x" if ours is not None and base else ""
        print(f"{label:34}{cells}{ratio}")
    print(f"\nreports: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
