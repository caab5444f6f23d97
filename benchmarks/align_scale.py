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
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(n: int) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    from alignkit import make_pair

    from translator.align import align_texts

    src, tgt, gold = make_pair(n, seed=n)
    # warm the imports so that the timing is the alignment's
    align_texts(src[:20], tgt[:20], src_lang="xx", tgt_lang="yy")
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    links, _ = align_texts(src, tgt, src_lang="xx", tgt_lang="yy")
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    found = {(tuple(link.src), tuple(link.tgt)) for link in links}
    hits = sum((tuple(s), tuple(t)) in found for s, t in gold)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "n": n,
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
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    rows = []
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(n)], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    import os

    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{'sentences':>16} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'gold links found':>17} {'growth k':>9}"
    )
    prev = None
    for r in rows:
        growth = ""
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
