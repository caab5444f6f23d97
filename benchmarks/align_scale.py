#!/usr/bin/env python3
"""How alignment time and memory grow with document length.

Synthetic parallel pairs of 1k, 5k and 20k sentences (a made-up language
pair with look-alike words, numbers and names; 15 % of sentences merged,
split, dropped or added — see ``tests/alignkit.py``) are aligned by the
model-free engine, each size in a fresh process so that peak memory is its
own. Prints wall time, peak resident memory, strict accuracy against the
generator's gold links, and the growth exponent ``k`` in ``time ~ n^k``
between consecutive sizes (1 = linear, 2 = the quadratic of a full DP),
computed on CPU time because wall time on a shared machine measures the
neighbours as much as the code.
The issue's target: 20,000 × 20,000 sentences in under 10 s and 1 GB.

``--textberg N`` adds real text: a German–French pair of ``N`` German
sentences made of the Text+Berg dev pair (``X.de``/``X.fr``/``X.defr`` in
``--data``, default TRANSLATOR_BENCH_DATA or ``../shared/bench``) repeated
end to end, gold links shifted with each copy. Real sentences carry many
more features than the synthetic ones (dictionary senses, cognates, names,
punctuation), so the per-pair tables are wider and the memory is larger;
the repeats make every feature common (no rare-feature anchors), so the
search runs in one diagonal band. Issue #18's target: under 500 MB at
20,000 sentences.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def textberg_pair(folder: Path, n: int) -> tuple[list[str], list[str], list[tuple[list[int], list[int]]]]:
    """The Text+Berg pair repeated end to end up to ``n`` German sentences
    (the last copy cut at a gold link), with its gold links."""
    from align_textberg import read, triples

    de, fr, gold = triples(folder)[0]
    src, tgt = read(de), read(fr)
    links = []
    for line in read(gold):
        if line.strip():
            left, right = line.split(":", 1)
            links.append((ast.literal_eval(left), ast.literal_eval(right)))
    out_src: list[str] = []
    out_tgt: list[str] = []
    out_gold: list[tuple[list[int], list[int]]] = []
    while len(out_src) < n:
        ds, dt = len(out_src), len(out_tgt)
        end_s = end_t = 0
        for ids_s, ids_t in links:
            if ds + max(ids_s, default=end_s - 1) + 1 > n:
                break
            out_gold.append(([ds + i for i in ids_s], [dt + j for j in ids_t]))
            end_s = max(ids_s, default=end_s - 1) + 1
            end_t = max(ids_t, default=end_t - 1) + 1
        out_src += src[:end_s]
        out_tgt += tgt[:end_t]
        if end_s < len(src):
            break
    return out_src, out_tgt, out_gold


def child(n: int, folder: Path | None = None) -> None:
    """Align one pair in this process and print its figures as JSON:
    synthetic, or with ``folder`` the repeated Text+Berg pair."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    from translator.align import align_texts

    if folder is None:
        from alignkit import make_pair

        src, tgt, gold = make_pair(n, seed=n)
        langs = ("xx", "yy")
    else:
        src, tgt, gold = textberg_pair(folder, n)
        langs = ("de", "fr")
    # warm the imports so that the timing is the alignment's
    align_texts(src[:20], tgt[:20], src_lang=langs[0], tgt_lang=langs[1])
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    links, _ = align_texts(src, tgt, src_lang=langs[0], tgt_lang=langs[1])
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    found = {(tuple(link.src), tuple(link.tgt)) for link in links}
    hits = sum((tuple(s), tuple(t)) in found for s, t in gold)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "n": len(src),
                "m": len(tgt),
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "peak_mb": rss / 1024,
                "before_mb": base_rss / 1024,
                "gold_recall": hits / len(gold),
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 20000])
    parser.add_argument(
        "--textberg",
        type=int,
        nargs="*",
        metavar="N",
        help="also align the Text+Berg pair repeated up to N German sentences (default 20000)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        help="benchmark folder holding textberg-dev (default: TRANSLATOR_BENCH_DATA or ../shared/bench)",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.child_data)
        return 0
    jobs: list[tuple[int, Path | None]] = [(n, None) for n in args.sizes]
    if args.textberg is not None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from corpora import bench_dir

        bench = bench_dir(args.data)
        folder = bench / "textberg-dev" if bench is not None else None
        if folder is None or not list(folder.glob("*.defr")):
            print(
                f"Text+Berg rows skipped: benchmark data not found ({args.data or 'TRANSLATOR_BENCH_DATA, ../shared/bench'})"
            )
        else:
            jobs += [(n, folder) for n in args.textberg or [20000]]
    rows = []
    for n, folder in jobs:
        extra = ["--child-data", str(folder)] if folder else []
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n), *extra], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]) | {"real": folder is not None})
    import os

    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{'sentences':>16} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'gold links found':>17} {'growth k':>9}"
    )
    prev = None
    for r in rows:
        growth = ""
        if r["real"]:
            print(f"Text+Berg de-fr, repeated: {r['n']} x {r['m']}")
            prev = None
        if prev:
            growth = f"{math.log(r['cpu_seconds'] / prev['cpu_seconds']) / math.log(r['n'] / prev['n']):.2f}"
        print(
            f"{r['n']:>7} x {r['m']:<6} {r['seconds']:8.2f} {r['cpu_seconds']:8.2f} {r['peak_mb']:8.0f}"
            f" {r['gold_recall']:17.3f} {growth:>9}"
        )
        prev = r
    return 0


if __name__ == "__main__":
    sys.exit(main())
