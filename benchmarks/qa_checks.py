"""Benchmark: false alarms of the QA checks on faithful professional translations.

Reads the WMT21 news test sets (``<data>/newstest2021.*``: line N of a
reference translates line N of its source), cuts them into documents of
15-40 consecutive lines (a seeded generator, so every run cuts the same
documents), links line N to line N (the gold alignment: this measures the
checks, not the aligner) and runs the QA checks of issue #20 —
placeholders, markup, links, mechanics, consistency, untranslated, length,
spelling, custom — on every source/reference pair (de->en A and B, en->de A
and C). Prints findings per 100 sentences for each check and in total,
next to the target (0.5), with the load average and CPU time. Spelling
runs only when Hunspell dictionaries are installed (``/usr/share/hunspell``,
or ``TRANSLATOR_HUNSPELL_PATH``); the script says whether it did.

Usage: python benchmarks/qa_checks.py [--data DIR] [--json] [--show N]

Skips cleanly (message, exit 0) when the data folder is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("TRANSLATOR_BENCH_DATA", ROOT.parent / "shared" / "bench")) / "wmt21-news"
QA_CHECKS = (
    "placeholders",
    "markup",
    "links",
    "mechanics",
    "consistency",
    "untranslated",
    "length",
    "spelling",
    "custom",
)
PAIRS = (
    ("newstest2021.de-en.src.de", "newstest2021.de-en.ref.A.en", "de", "en"),
    ("newstest2021.de-en.src.de", "newstest2021.de-en.ref.B.en", "de", "en"),
    ("newstest2021.en-de.src.en", "newstest2021.en-de.ref.A.de", "en", "de"),
    ("newstest2021.en-de.src.en", "newstest2021.en-de.ref.C.de", "en", "de"),
)
TARGET = 0.5


def cut(n: int, seed: int = 20) -> list[tuple[int, int]]:
    """Consecutive runs of 15-40 lines covering ``n`` lines."""
    rng = random.Random(seed)
    out, start = [], 0
    while start < n:
        end = min(n, start + rng.randint(15, 40))
        out.append((start, end))
        start = end
    return out


def document(lines: list[str], name: str, lang: str):  # noqa: ANN201 - translator.model.Document
    """One segment per line: the benchmark's gold sentence split."""
    from translator.model import Document, Paragraph, Segment

    text, paragraphs, segments, pos = [], [], [], 0
    for i, line in enumerate(lines):
        if text:
            text.append("\n")
            pos += 1
        text.append(line)
        paragraphs.append(Paragraph(index=i, start=pos, end=pos + len(line), line=i + 1))
        segments.append(Segment(index=i, text=line, start=pos, end=pos + len(line), paragraph=i, lang=lang))
        pos += len(line)
    return Document(name=name, text="".join(text), lang=lang, paragraphs=paragraphs, segments=segments)


def run(data: Path, show: int) -> dict[str, object]:
    from translator.checks import run_checks
    from translator.checks.spelling import installed_dictionaries
    from translator.model import Alignment, Comparison, Link

    counts: Counter[str] = Counter()
    sentences = 0
    examples: list[str] = []
    for src_name, ref_name, src_lang, tgt_lang in PAIRS:
        src = (data / src_name).read_text(encoding="utf-8").splitlines()
        ref = (data / ref_name).read_text(encoding="utf-8").splitlines()
        assert len(src) == len(ref), (src_name, ref_name)
        for start, end in cut(len(src)):
            a = document(src[start:end], f"{src_name}:{start + 1}", src_lang)
            b = document(ref[start:end], f"{ref_name}:{start + 1}", tgt_lang)
            links = [Link([i], [i]) for i in range(end - start)]
            comparison = Comparison(documents=[a, b], alignments=[Alignment(0, 1, links)], mode="gold")
            findings = run_checks(comparison, enabled=QA_CHECKS)
            sentences += end - start
            for f in findings:
                counts[f.kind] += 1
                if len(examples) < show:
                    doc = comparison.documents[f.span.version]
                    examples.append(f"{f.kind}: {f.message} | {doc.text[f.span.start : f.span.end][:160]}")
    total = sum(counts.values())
    return {
        "sentences": sentences,
        "per_100": {k: round(100 * counts[k] / sentences, 3) for k in QA_CHECKS},
        "findings": dict(counts),
        "total_per_100": round(100 * total / sentences, 3),
        "target_per_100": TARGET,
        "spelling_dictionaries": sorted(installed_dictionaries()),
        "examples": examples,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="print the first N findings")
    args = parser.parse_args()
    data = (
        args.data
        if args.data.name == "wmt21-news" or not (args.data / "wmt21-news").is_dir()
        else args.data / "wmt21-news"
    )
    if not (data / PAIRS[0][0]).is_file():
        print(f"skipped: no WMT21 news data in {data}")
        return 0
    sys.path.insert(0, str(ROOT))
    load = os.getloadavg()
    t0, c0 = time.perf_counter(), time.process_time()
    result = run(data, args.show)
    result["wall_s"] = round(time.perf_counter() - t0, 2)
    result["cpu_s"] = round(time.process_time() - c0, 2)
    result["loadavg"] = [round(x, 2) for x in load]
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"{result['sentences']} sentence pairs (de->en A, B; en->de A, C), gold 1-1 alignment")
    print(f"spelling dictionaries: {', '.join(result['spelling_dictionaries']) or 'none (spelling off)'}")
    for name in QA_CHECKS:
        print(f"  {name:13} {result['per_100'][name]:6.3f} findings / 100 sentences")  # type: ignore[index]
    verdict = "meets" if result["total_per_100"] <= TARGET else "misses"  # type: ignore[operator]
    print(f"  {'all':13} {result['total_per_100']:6.3f} / 100 (target <= {TARGET}: {verdict})")
    print(
        f"wall {result['wall_s']} s, CPU {result['cpu_s']} s, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    for line in result["examples"]:  # type: ignore[attr-defined]
        print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
