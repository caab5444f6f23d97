"""How compare and batch scale: time and peak memory.

1. ``compare`` on a synthetic 100-sentence article pair (an English original
   and an edited English version: sentences dropped, added, reworded, numbers
   changed) repeated 1x, 10x and 100x; prints time, peak RSS and the growth
   exponent k of time ~ size^k (least squares over the sizes run; 1 = linear).
2. ``translator batch`` of N pairs (default 1,000 pairs of 10-sentence
   articles) on the local pool at ``--jobs 1`` and ``--jobs 2`` and on a
   Dask cluster of one and two workers (``--cluster local:N``, when the
   ``cluster`` extra is installed); prints time, items/s, peak RSS, the
   time per item without the fixed start-up, the speed-up of two workers
   over one and the Dask overhead per item against the local pool at equal
   workers (all measured in the same run).

Every measurement runs in a fresh process (``--measure`` mode of this script
wraps the command and reports its wall time, its CPU time and the peak RSS
of the command's process tree as seen by ``getrusage``; on a shared,
loaded machine CPU time is the steadier figure). Inputs are generated in a
temporary folder and removed afterwards.

    python benchmarks/scale.py                 # full run (several minutes)
    python benchmarks/scale.py --scales 1 10 --pairs 100   # quick look
    python benchmarks/scale.py --scales --pairs 1000        # batch rows only
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VOCAB = (
    "the city council river flood water level police officials residents street bridge station "
    "government minister report morning evening week year people town region school hospital "
    "said announced warned confirmed expected reached closed opened rose fell moved visited "
    "new old high low first last local national heavy early late many several few most"
).split()
NAMES = ["Dresden", "Leipzig", "Meissen", "Pirna", "Saxony", "Elbe", "Müller", "Schmidt", "Weber"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(VOCAB) for _ in range(rng.randint(8, 18))]
    words.insert(rng.randrange(len(words)), rng.choice(NAMES))
    words.insert(rng.randrange(len(words)), str(n * 7 + rng.randint(1, 6)))
    return " ".join(words).capitalize() + "."


def article_pair(rng: random.Random, sentences: int, offset: int = 0) -> tuple[str, str]:
    """An original and an edited version; paragraphs of 4 sentences."""
    src = [sentence(rng, offset + i) for i in range(sentences)]
    tgt: list[str] = []
    for i, s in enumerate(src):
        roll = rng.random()
        if roll < 0.03:
            continue  # omitted
        if roll < 0.06:
            tgt.append(s.replace(" the ", " a ", 1))  # reworded
        elif roll < 0.08:
            tgt.append(s.replace(str((offset + i) * 7), str((offset + i) * 7 + 1), 1))  # number changed
        else:
            tgt.append(s)
        if rng.random() < 0.02:
            tgt.append(sentence(rng, offset + i + 100_000))  # added
    return _paragraphs(src), _paragraphs(tgt)


def _paragraphs(sentences: list[str]) -> str:
    return "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)) + "\n"


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``cmd`` in a fresh wrapper process (with ``env``, default: this
    one's); wall seconds, CPU seconds and peak RSS (MB)."""
    wrapper = [sys.executable, __file__, "--measure", "--", *cmd]
    proc = subprocess.run(wrapper, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _measure_child(cmd: list[str]) -> None:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0,):
        sys.stderr.write(proc.stderr)
        raise SystemExit(proc.returncode)
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": usage.ru_maxrss / 1024}))


def exponent(sizes: list[float], times: list[float]) -> float:
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scales", type=int, nargs="*", default=[1, 10, 100])
    parser.add_argument("--sentences", type=int, default=100, help="sentences of the 1x article")
    parser.add_argument("--pairs", type=int, default=1000, help="items in the batch")
    parser.add_argument("--batch-sentences", type=int, default=10, help="sentences per batch article")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--dask-workers", type=int, nargs="*", default=[1, 2], help="Dask rows: local:N clusters (none: skip)"
    )
    parser.add_argument("cmd", nargs="*")
    args = parser.parse_args()
    if args.measure:
        _measure_child(args.cmd)
        return
    exe = shutil.which("translator") or str(Path(sys.executable).with_name("translator"))
    tmp = Path(tempfile.mkdtemp(prefix="translator-scale-"))
    try:
        rng = random.Random(8)
        if args.scales:
            print(f"compare: same-language article pair, {args.sentences} sentences at 1x")
            print(f"{'scale':>6} {'sentences':>9} {'KB':>7} {'seconds':>8} {'CPU s':>8} {'peak MB':>8}")
        sizes, times, cpus = [], [], []
        for scale in args.scales:
            a, b = article_pair(rng, args.sentences * scale)
            pa, pb = tmp / f"a{scale}.txt", tmp / f"b{scale}.txt"
            pa.write_text(a, encoding="utf-8")
            pb.write_text(b, encoding="utf-8")
            m = measure(
                [exe, "compare", str(pa), str(pb), "--format", "json", "-o", str(tmp / f"r{scale}.json")]
            )
            sizes.append(scale)
            times.append(m["seconds"])
            cpus.append(m["cpu"])
            kb = (len(a) + len(b)) / 1024
            print(
                f"{scale:>5}x {args.sentences * scale:>9} {kb:>7.0f} {m['seconds']:>8.2f}"
                f" {m['cpu']:>8.2f} {m['peak_mb']:>8.0f}"
            )
        if len(sizes) >= 2:
            k_wall, k_cpu = exponent(sizes, times), exponent(sizes, cpus)
            print(f"growth exponent (time ~ size^k): k = {k_wall:.2f} wall, {k_cpu:.2f} CPU")
            print(f"time ratio {sizes[-1]}x / {sizes[0]}x: {times[-1] / times[0]:.1f}")
            # start-up (imports, templates) dominates the small sizes and pulls the
            # fitted k down; the step between the two largest sizes shows the growth
            # of the work itself
            for k in range(1, len(sizes)):
                (s0, c0), (s1, c1) = (sizes[k - 1], cpus[k - 1]), (sizes[k], cpus[k])
                print(f"  local exponent {s0}x -> {s1}x (CPU): {math.log(c1 / c0) / math.log(s1 / s0):.2f}")

        manifest = tmp / "batch" / "manifest.csv"
        manifest.parent.mkdir()
        rows = ["id,a,b,lang_a,lang_b"]
        for i in range(args.pairs):
            a, b = article_pair(rng, args.batch_sentences, offset=i * 1000)
            (manifest.parent / f"{i}a.txt").write_text(a, encoding="utf-8")
            (manifest.parent / f"{i}b.txt").write_text(b, encoding="utf-8")
            rows.append(f"item{i},{i}a.txt,{i}b.txt,en,en")
        manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
        loads = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\nbatch: {args.pairs} pairs of {args.batch_sentences}-sentence articles")
        print(
            f"(load average {loads} at the start, {os.cpu_count()} CPUs; load column: 1-minute average after each row)"
        )
        print(
            f"{'executor':>9} {'workers':>7} {'seconds':>8} {'CPU s':>8} {'items/s':>8} {'peak MB':>8} {'ms/item':>8} {'load':>5}"
        )
        runs = [("pool", jobs, ["--jobs", str(jobs)]) for jobs in args.jobs]
        if importlib.util.find_spec("distributed") is None:
            print("(no Dask rows: install the cluster extra, pip install 'translator[cluster]')")
        else:
            runs += [
                ("dask", n, ["--cluster", f"local:{n}", "--jobs", str(2 * n)]) for n in args.dask_workers
            ]
        # the fixed cost of a run (start-up, a cluster's processes, the index)
        # is measured on a 2-item manifest and taken off, which leaves the
        # cost per item: what a long batch pays
        small = manifest.with_name("small.csv")
        small.write_text("\n".join(rows[:3]) + "\n", encoding="utf-8")
        results: dict[tuple[str, int], float] = {}
        per_item: dict[tuple[str, int], float] = {}
        for name, workers, flags in runs:
            out = tmp / f"out-{name}{workers}"
            m = measure([exe, "batch", str(manifest), "-o", str(out), *flags, "--quiet"])
            fixed = measure(
                [exe, "batch", str(small), "-o", str(tmp / f"small-{name}{workers}"), *flags, "--quiet"]
            )
            results[name, workers] = m["seconds"]
            per_item[name, workers] = (m["seconds"] - fixed["seconds"]) / max(1, args.pairs - 2)
            print(
                f"{name:>9} {workers:>7} {m['seconds']:>8.1f} {m['cpu']:>8.1f} {args.pairs / m['seconds']:>8.1f}"
                f" {m['peak_mb']:>8.0f} {1000 * per_item[name, workers]:>8.1f} {os.getloadavg()[0]:>5.1f}"
            )
        print("(CPU s of a pool run counts the parent only (forkserver workers are not its children);")
        print(" of a Dask local:N run, client, scheduler and workers: all are its descendants;")
        print(
            " ms/item: wall time per item once the run is going, the fixed start-up of a 2-item run taken off)"
        )
        for name in ("pool", "dask"):
            if (name, 1) in results:
                for (other, workers), seconds in results.items():
                    if other == name and workers != 1:
                        print(f"{name} speed-up {workers} vs 1 worker: {results[name, 1] / seconds:.2f}x")
        for (name, workers), cost in per_item.items():
            if name == "dask" and ("pool", workers) in per_item:
                base = per_item["pool", workers]
                print(
                    f"dask overhead per item at {workers} worker(s): {1000 * (cost - base):+.1f} ms"
                    f" ({100 * (cost / base - 1):+.1f} % of the local pool's {1000 * base:.1f} ms)"
                )
        out = tmp / f"out-pool{args.jobs[0]}"
        m = measure([exe, "batch", str(manifest), "-o", str(out), "--jobs", str(args.jobs[0]), "--quiet"])
        print(f"re-run with nothing changed (all items skipped): {m['seconds']:.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
