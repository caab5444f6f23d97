"""How compare and batch scale: time and peak memory.

1. ``compare`` on a synthetic 100-sentence article pair (an English original
   and an edited English version: sentences dropped, added, reworded, numbers
   changed) repeated 1x, 10x and 100x; prints time, peak RSS and the growth
   exponent k of time ~ size^k (least squares over the sizes run; 1 = linear).
2. ``translator batch`` of N pairs (default 1,000 pairs of 10-sentence
   articles) on the local pool (``--jobs N``) and on a Dask cluster
   (``--cluster local:N``, when the ``cluster`` extra is installed) at equal
   workers (1 and 2), interleaved: pool, Dask, pool, Dask ... with the order
   swapped every repetition (``--reps``, default 3), so a change of the
   machine's load hits both alike. Each full run is followed by a 2-item run
   of the same executor, the start-up (processes, imports, warm-up, a
   cluster's scheduler and workers), which is taken off to give the cost per
   item, in wall time and in CPU time (the batch process and its workers
   apart). The medians and the ratios against the targets of issue #21
   (Dask overhead per item within 10 % of the pool; two Dask workers at
   least 1.4x one) close the section.

Every measurement runs in a fresh process (``--measure`` mode of this script
wraps the command and reports its wall time, the CPU time of the whole
process tree (the wrapper is the tree's child subreaper, so even a pool's
orphaned fork server and workers are counted) and the largest RSS of any
process of it). On a shared, loaded machine CPU time per item is the
steadier figure: other processes stretch wall time, while CPU time counts
the work done for an item wherever it ran. Inputs are generated in a
temporary folder and removed afterwards.

    python benchmarks/scale.py                 # full run (~20 minutes idle)
    python benchmarks/scale.py --scales 1 10 --pairs 100   # quick look
    python benchmarks/scale.py --scales --pairs 1000        # batch rows only
    python benchmarks/scale.py --scales --pairs 200 --reps 3  # the #21 targets, ~4 min idle
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
import statistics
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
    """Run ``cmd`` in a fresh wrapper process (see :func:`_measure_child`;
    with ``env``, default: this one's)."""
    wrapper = [sys.executable, __file__, "--measure", "--", *cmd]
    proc = subprocess.run(wrapper, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _measure_child(cmd: list[str]) -> None:
    """Wall time, CPU time and peak RSS of ``cmd`` and every process it starts.

    ``getrusage(RUSAGE_CHILDREN)`` counts a process only once it has been
    waited for, and only through parents that wait: a pool's fork server and
    its workers are orphaned when the batch process exits. This wrapper makes
    itself their "child subreaper" (Linux), so every orphaned descendant is
    re-parented to it and reaped here: the CPU total is the whole tree's.
    The main process's own CPU (the batch client; for ``--cluster local:N``
    also the in-process scheduler) is read from its ``/proc`` entry while it
    is a zombie, before it is reaped; the rest is the worker processes'.
    """
    subreaper = _become_subreaper()
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped
        seconds = time.perf_counter() - start
        main_cpu = _own_cpu(proc.pid)
        code = proc.wait()
        unreaped = _reap_descendants(deadline=time.monotonic() + 60)
        if code != 0:
            err.seek(0)
            sys.stderr.write(err.read().decode(errors="replace"))
            raise SystemExit(code)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    result = {
        "seconds": seconds,
        "cpu": cpu,
        "main_cpu": main_cpu if main_cpu is not None else cpu,
        "peak_mb": usage.ru_maxrss / 1024,
        "load": load,
        "complete": subreaper and main_cpu is not None and not unreaped,
    }
    print(json.dumps(result))


def _become_subreaper() -> bool:
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _own_cpu(pid: int) -> float | None:
    """utime + stime of a (zombie) process, its waited-for children excluded."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _reap_descendants(deadline: float) -> int:
    """Wait for every remaining (re-parented) descendant; how many outlived the deadline."""
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return 0
        if pid == 0:
            time.sleep(0.05)
    return len([p for p in Path("/proc").glob("[0-9]*") if _parent(p) == os.getpid()])


def _parent(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def exponent(sizes: list[float], times: list[float]) -> float:
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


#: targets of issue #21 for the Dask rows
OVERHEAD_TARGET = 0.10
SPEEDUP_TARGET = 1.4


def batch_rows(
    exe: str, tmp: Path, manifest: Path, small: Path, pairs: int, workers: list[int], reps: int, dask: bool
) -> None:
    """The local pool and Dask at equal workers, interleaved (ABAB) ``reps`` times.

    Each run of the whole manifest is followed by a 2-item run of the same
    executor: its time is the start-up (processes, imports, warm-up, a
    cluster's scheduler and workers, the index), and the difference over
    ``pairs - 2`` items is the cost per item a long batch pays. The pool and
    Dask runs of one worker count follow each other (their order swapped
    every repetition), so a change of the machine's load hits both alike;
    the ratios are the median of these adjacent pairs.
    """
    configs: list[tuple[str, int, list[str]]] = []
    for n in workers:
        configs.append(("pool", n, ["--jobs", str(n)]))
        if dask:
            configs.append(("dask", n, ["--cluster", f"local:{n}"]))
    background = os.getloadavg()
    print(
        f"(load average {' '.join(f'{x:.2f}' for x in background)} before the batch runs, {os.cpu_count()} CPUs;"
        f" {reps} repetitions, pool and Dask interleaved)"
    )
    print(
        f"{'rep':>3} {'executor':>8} {'workers':>7} {'load':>5} {'seconds':>8} {'start s':>7}"
        f" {'ms/item':>8} {'CPU ms/item':>11} {'main':>6} {'workers':>7} {'start CPU':>9}"
    )
    runs: dict[tuple[str, int], list[dict[str, float]]] = {}
    complete = True
    for rep in range(reps):
        for n in workers:
            pair = [c for c in configs if c[1] == n]
            for name, _, flags in pair if rep % 2 == 0 else pair[::-1]:
                out = tmp / f"out-{name}{n}-{rep}"
                big = measure([exe, "batch", str(manifest), "-o", str(out), *flags, "--quiet"])
                fixed = measure(
                    [exe, "batch", str(small), "-o", str(tmp / f"small-{name}{n}-{rep}"), *flags, "--quiet"]
                )
                shutil.rmtree(out, ignore_errors=True)
                complete = complete and bool(big["complete"]) and bool(fixed["complete"])
                per = max(1, pairs - 2)
                row = {
                    "load": big["load"],
                    "seconds": big["seconds"],
                    "startup": fixed["seconds"],
                    "item": (big["seconds"] - fixed["seconds"]) / per,
                    "cpu_item": (big["cpu"] - fixed["cpu"]) / per,
                    "main_item": (big["main_cpu"] - fixed["main_cpu"]) / per,
                    "startup_cpu": fixed["cpu"],
                }
                row["worker_item"] = row["cpu_item"] - row["main_item"]
                runs.setdefault((name, n), []).append(row)
                print(
                    f"{rep + 1:>3} {name:>8} {n:>7} {row['load']:>5.2f} {row['seconds']:>8.2f} {row['startup']:>7.2f}"
                    f" {1000 * row['item']:>8.1f} {1000 * row['cpu_item']:>11.1f} {1000 * row['main_item']:>6.1f}"
                    f" {1000 * row['worker_item']:>7.1f} {row['startup_cpu']:>9.2f}"
                )
    print(
        f"\nmedians of {reps} (items/s over the whole run; ms/item and CPU ms/item with the start-up taken off)"
    )
    print(
        f"{'executor':>8} {'workers':>7} {'load':>5} {'seconds':>8} {'items/s':>7} {'start s':>7}"
        f" {'ms/item':>8} {'CPU ms/item':>11} {'main':>6} {'workers':>7} {'start CPU':>9}"
    )
    med: dict[tuple[str, int], dict[str, float]] = {
        key: {k: statistics.median(r[k] for r in rows) for k in rows[0]} for key, rows in runs.items()
    }
    for (name, n), m in med.items():
        print(
            f"{name:>8} {n:>7} {m['load']:>5.2f} {m['seconds']:>8.2f} {pairs / m['seconds']:>7.1f} {m['startup']:>7.2f}"
            f" {1000 * m['item']:>8.1f} {1000 * m['cpu_item']:>11.1f} {1000 * m['main_item']:>6.1f}"
            f" {1000 * m['worker_item']:>7.1f} {m['startup_cpu']:>9.2f}"
        )
    print("(main: the batch process, with a local:N cluster's scheduler; workers: every process it started")
    if not complete:
        print(" -- not all descendants could be reaped: CPU figures are incomplete on this system")
    print(")")
    for n in workers:
        if ("dask", n) not in runs:
            continue
        paired = list(zip(runs["pool", n], runs["dask", n], strict=True))
        wall = statistics.median(d["item"] / p["item"] - 1 for p, d in paired)
        cpu = statistics.median(d["cpu_item"] / p["cpu_item"] - 1 for p, d in paired)
        verdict = "met" if wall <= OVERHEAD_TARGET else "NOT met"
        print(
            f"Dask overhead per item at {n} worker(s): {100 * wall:+.1f} % wall (target <= +{100 * OVERHEAD_TARGET:.0f} %:"
            f" {verdict}), {100 * cpu:+.1f} % CPU; start-up {med['dask', n]['startup']:.2f} s"
            f" vs {med['pool', n]['startup']:.2f} s"
        )
    if len(workers) >= 2:
        one, more = workers[0], workers[-1]
        for name in ("pool", "dask"):
            if (name, one) in runs and (name, more) in runs:
                paired = list(zip(runs[name, one], runs[name, more], strict=True))
                item = statistics.median(a["item"] / b["item"] for a, b in paired)
                whole = statistics.median(a["seconds"] / b["seconds"] for a, b in paired)
                target = f" (target >= {SPEEDUP_TARGET}x: {'met' if item >= SPEEDUP_TARGET else 'NOT met'})"
                print(
                    f"{name} speed-up {more} vs {one} worker(s): {item:.2f}x per item, {whole:.2f}x whole run"
                    f"{target if name == 'dask' else ' (what this machine gives the local pool right now)'}"
                )
    if background[0] >= 0.5:
        print(
            f"CAUTION: load average {background[0]:.1f} before the runs: other processes took CPU time, so wall-time"
            " ratios are not decisive; CPU ms/item (work done per item, wherever it ran) is the steadier figure"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scales", type=int, nargs="*", default=[1, 10, 100])
    parser.add_argument("--sentences", type=int, default=100, help="sentences of the 1x article")
    parser.add_argument("--pairs", type=int, default=1000, help="items in the batch")
    parser.add_argument("--batch-sentences", type=int, default=10, help="sentences per batch article")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="pool --jobs N and Dask --cluster local:N"
    )
    parser.add_argument("--reps", type=int, default=3, help="repetitions of the interleaved batch runs")
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
        small = manifest.with_name("small.csv")
        small.write_text("\n".join(rows[:3]) + "\n", encoding="utf-8")
        dask = importlib.util.find_spec("distributed") is not None
        print(f"\nbatch: {args.pairs} pairs of {args.batch_sentences}-sentence articles")
        if not dask:
            print("(no Dask rows: install the cluster extra, pip install 'translator[cluster]')")
        batch_rows(exe, tmp, manifest, small, args.pairs, args.workers, args.reps, dask)
        out = tmp / f"out-pool{args.workers[0]}-0"
        m = measure([exe, "batch", str(manifest), "-o", str(out), "--jobs", str(args.workers[0]), "--quiet"])
        print(f"re-run with nothing changed (all items skipped): {m['seconds']:.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
