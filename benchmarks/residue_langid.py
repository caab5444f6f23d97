"""Benchmark: German-vs-English language ID on word pairs and single words.

Compares three detectors in one run — plain langdetect (all 55 languages),
langdetect restricted to the two candidates, and the project's detector
(``translator.ingest.langid.identify``, reported as ``"translator"``) — on the
items of ``<data>/<granularity>/{de,en}.txt``. Prints accuracy (percent of
items whose language is guessed right) and throughput (items/s), with the
project detector's speed-up over restricted langdetect measured in the same
run. Targets: >= 97 % on word pairs, >= 90 % on single words, >= 5,000
items/s.

Usage: python benchmarks/residue_langid.py [--data DIR] [--json]

Skips cleanly (message, exit 0) when the data folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "langid"
GRANULARITIES = ("word-pairs", "single-words")
LANGS = ("de", "en")


def load_items(data: Path, granularity: str) -> list[tuple[str, str]]:
    items = []
    for lang in LANGS:
        path = data / granularity / f"{lang}.txt"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.append((line.strip(), lang))
    return items


def detectors() -> dict[str, Callable[[str], str | None]]:
    from translator.ingest.langid import _ensure_loaded, detect, identify, normalise_code

    _ensure_loaded()

    def plain(text: str) -> str | None:
        return detect(text).lang

    def restricted(text: str) -> str | None:
        return detect(text, candidates=LANGS).lang

    def project(text: str) -> str | None:
        return identify(text, LANGS).lang

    assert normalise_code("de") == "de"
    return {"langdetect": plain, "langdetect-restricted": restricted, "translator": project}


def measure(fn: Callable[[str], str | None], items: list[tuple[str, str]]) -> dict[str, float]:
    from translator.ingest.langid import identifier

    identifier.cache_clear()  # start every run with a cold word cache
    fn(items[0][0])  # warm-up: loading profiles and word lists is not per-item cost
    start = time.perf_counter()
    right = sum(1 for text, lang in items if fn(text) == lang)
    elapsed = time.perf_counter() - start
    return {
        "accuracy": round(100.0 * right / len(items), 2),
        "items_per_s": round(len(items) / elapsed, 1),
        "items": len(items),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not all((args.data / g / f"{lang}.txt").is_file() for g in GRANULARITIES for lang in LANGS):
        print(f"skipping: benchmark data not found under {args.data}")
        return 0
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, fn in detectors().items():
        results[name] = {g: measure(fn, load_items(args.data, g)) for g in GRANULARITIES}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'detector':<24}{'granularity':<15}{'accuracy %':>11}{'items/s':>12}")
    for name, by_granularity in results.items():
        for g, r in by_granularity.items():
            print(f"{name:<24}{g:<15}{r['accuracy']:>11.2f}{r['items_per_s']:>12,.0f}")
    for g in GRANULARITIES:
        ratio = results["translator"][g]["items_per_s"] / results["langdetect-restricted"][g]["items_per_s"]
        print(f"translator vs langdetect-restricted on {g}: {ratio:.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
