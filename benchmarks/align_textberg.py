#!/usr/bin/env python3
"""Sentence alignment quality on the Text+Berg German–French set.

Aligns ``dev.de`` with ``dev.fr`` (or every ``X.de``/``X.fr``/``X.defr``
triple in ``--data``), scores with the shared ``score_alignments.py``
(strict and lax P/R/F1, Sennrich & Volk 2011) and prints, for comparison
in the same run:

- a plain Gale–Church baseline implemented here (fixed ratio 1, the
  published priors, moves 1-1, 1-0, 0-1, 2-1, 1-2, 2-2);
- the model-free engine with every signal (default ``--max-link``, then 3
  and 4 for comparison);
- the engine with each signal switched off (the ablation table);
- with ``--corpus N``: throughput on a corpus of N test-set-sized documents
  (the dev set rotated at N gold-link boundaries: same size and text, other
  order), as ``translator align --presplit --manifest`` in one process
  against one ``translator align`` process per document and against the
  Gale–Church baseline, in sentences per CPU-second (CPU time of the child
  processes, so a loaded machine does not change the figure much), with the
  load average.

Published figures for the test set (other articles): Gale–Church 0.681,
Bleualign 0.807, Vecalign/LASER 0.902, Bertalign/LaBSE 0.936 strict F1.

Skips cleanly (message, exit 0) when the shared benchmark data is absent.
"""

from __future__ import annotations

import argparse
import ast
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import bench_dir  # noqa: E402


def triples(folder: Path) -> list[tuple[Path, Path, Path]]:
    out = []
    for gold in sorted(folder.glob("*.defr")):
        de, fr = gold.with_suffix(".de"), gold.with_suffix(".fr")
        if de.is_file() and fr.is_file():
            out.append((de, fr, gold))
    return out


def read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def gale_church(src: list[str], tgt: list[str]) -> list[tuple[list[int], list[int]]]:
    """Gale & Church (1993): length-only DP, c = 1, s² = 6.8, their priors."""
    priors = {
        (1, 1): 0.89,
        (1, 0): 0.0099 / 2,
        (0, 1): 0.0099 / 2,
        (2, 1): 0.089 / 2,
        (1, 2): 0.089 / 2,
        (2, 2): 0.011,
    }
    penalty = {k: -math.log(v) for k, v in priors.items()}
    ls = [len(s) for s in src]
    lt = [len(t) for t in tgt]
    n, m = len(src), len(tgt)

    def match(a: int, b: int) -> float:
        if a == 0 and b == 0:
            return 0.0
        mean = (a + b) / 2
        z = (b - a) / math.sqrt(6.8 * max(mean, 1))
        pd = max(2 * (1 - 0.5 * (1 + math.erf(abs(z) / math.sqrt(2)))), 1e-12)
        return -math.log(pd)

    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, arg = inf, None
            for (a, b), pen in penalty.items():
                if i < a or j < b:
                    continue
                prev = cost[i - a][j - b]
                if prev == inf:
                    continue
                c = prev + pen + match(sum(ls[i - a : i]), sum(lt[j - b : j]))
                if c < best:
                    best, arg = c, (a, b)
            cost[i][j], back[i][j] = best, arg
    out = []
    i, j = n, m
    while i or j:
        a, b = back[i][j]
        out.append((list(range(i - a, i)), list(range(j - b, j))))
        i, j = i - a, j - b
    return out[::-1]


def engine(disabled: tuple[str, ...] = (), max_link: int | None = None, translation: str | None = None):
    """The engine with its defaults, ``disabled`` signals off and, when given,
    another ``max_link`` or a machine translation of the German (the file
    next to ``X.de`` named ``X.de<translation>``, e.g. ``.google-fr``: what
    ``translator align --translation`` reads)."""
    from translator.align import AlignOptions, align_texts

    def run(src, tgt, de: Path):
        options = AlignOptions(disabled=disabled)
        if max_link is not None:
            options.max_link = max_link
        mt = read(de.with_name(de.name + translation)) if translation else None
        links, _ = align_texts(src, tgt, src_lang="de", tgt_lang="fr", src_translation=mt, options=options)
        return [(link.src, link.tgt) for link in links]

    run.needs_path = True  # type: ignore[attr-defined]
    return run


def link_errors(gold: Path, test: Path) -> tuple[Counter, Counter]:
    """Per link type (``"2-1"``: two German sentences, one French): the
    gold links the test missed, and the test's links that are not gold."""
    from score_alignments import read_alignments

    gold_links, test_links = set(read_alignments(str(gold))), set(read_alignments(str(test)))
    kind = lambda link: f"{len(link[0])}-{len(link[1])}"  # noqa: E731
    return Counter(map(kind, gold_links - test_links)), Counter(map(kind, test_links - gold_links))


def evaluate(name: str, aligner, data, score) -> dict:
    golds, tests = [], []
    missed: Counter = Counter()
    wrong: Counter = Counter()
    sentences = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for k, (de, fr, gold) in enumerate(data):
            src, tgt = read(de), read(fr)
            sentences += len(src) + len(tgt)
            links = aligner(src, tgt, de) if getattr(aligner, "needs_path", False) else aligner(src, tgt)
            out = Path(tmp) / f"{k}.out"
            out.write_text("".join(f"{list(s)}:{list(t)}\n" for s, t in links), encoding="utf-8")
            golds.append(str(gold))
            tests.append(str(out))
        elapsed = time.perf_counter() - start
        result = score(golds, tests)
        for gold, test in zip(golds, tests, strict=True):
            m, w = link_errors(Path(gold), Path(test))
            missed += m
            wrong += w
    result["name"] = name
    result["missed"], result["wrong"] = missed, wrong
    result["seconds"] = elapsed
    result["sentences_per_s"] = sentences / elapsed if elapsed else float("inf")
    return result


def rotated_corpus(de: Path, fr: Path, gold: Path, count: int, folder: Path) -> list[tuple[Path, Path]]:
    """``count`` documents of the pair's size: the pair rotated at ``count``
    evenly spaced boundaries between gold links (so every document is a
    consistent parallel text)."""
    src, tgt = read(de), read(fr)
    cuts = [(0, 0)]
    s = t = 0
    for line in read(gold):
        if not line.strip():
            continue
        left, right = line.split(":", 1)
        ids_s, ids_t = ast.literal_eval(left), ast.literal_eval(right)
        s = max(ids_s, default=s - 1) + 1
        t = max(ids_t, default=t - 1) + 1
        cuts.append((s, t))
    out = []
    for k in range(count):
        s, t = cuts[k * (len(cuts) - 1) // count]
        a, b = folder / f"doc{k}.de", folder / f"doc{k}.fr"
        a.write_text("\n".join(src[s:] + src[:s]) + "\n", encoding="utf-8")
        b.write_text("\n".join(tgt[t:] + tgt[:t]) + "\n", encoding="utf-8")
        out.append((a, b))
    return out


def _child_cpu(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def corpus_throughput(data: list[tuple[Path, Path, Path]], count: int) -> None:
    """Sentences per CPU-second on ``count`` test-set-sized documents."""
    de, fr, gold = data[0]
    exe = shutil.which("translator") or str(Path(sys.executable).with_name("translator"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docs = rotated_corpus(de, fr, gold, count, folder)
        sentences = sum(len(read(a)) + len(read(b)) for a, b in docs)
        (folder / "corpus.csv").write_text(
            "id,a,b,lang_a,lang_b\n" + "".join(f"{a.stem},{a.name},{b.name},de,fr\n" for a, b in docs),
            encoding="utf-8",
        )
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        gc_start = time.process_time()
        for a, b in docs:
            gale_church(read(a), read(b))
        gc_cpu = time.process_time() - gc_start
        opts = ["--presplit", "--no-mt"]
        one_wall, one_cpu = _child_cpu(
            [exe, "align", *opts, "--manifest", str(folder / "corpus.csv"), "-o", str(folder / "out")]
        )
        each_wall = each_cpu = 0.0
        for a, b in docs:
            wall, cpu = _child_cpu([exe, "align", *opts, "--lang-a", "de", "--lang-b", "fr", str(a), str(b)])
            each_wall += wall
            each_cpu += cpu
        print(
            f"\ncorpus: {count} documents of {sentences // count} sentences ({sentences} in all); load average {load}"
        )
        print(f"{'run':<46} {'wall s':>7} {'CPU s':>7} {'sent/CPU-s':>10}")
        for name, wall, cpu in (
            ("Gale-Church baseline (in-process)", gc_cpu, gc_cpu),
            ("translator align --manifest (one process)", one_wall, one_cpu),
            (f"translator align, one process per document ({count})", each_wall, each_cpu),
        ):
            print(f"{name:<46} {wall:7.2f} {cpu:7.2f} {sentences / cpu:10.0f}")
        print(
            f"target: one process at >= 2,000 sentences per CPU-second; load average after {os.getloadavg()[0]:.2f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        help="folder of X.de/X.fr/X.defr, or the benchmark folder holding textberg-dev "
        "(default: TRANSLATOR_BENCH_DATA or ../shared/bench)",
    )
    parser.add_argument("--no-ablation", action="store_true", help="skip the ablation rows")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="also print, per aligner and link type, the gold links missed and the wrong links output",
    )
    parser.add_argument(
        "--corpus",
        type=int,
        metavar="N",
        help="also time a corpus of N test-set-sized documents in one process (e.g. 7)",
    )
    parser.add_argument("--corpus-only", action="store_true", help="only the --corpus throughput table")
    parser.add_argument(
        "--translation",
        action="append",
        metavar="SUFFIX",
        help="add a row with the machine translation X.de<SUFFIX> (e.g. .google-fr); "
        "default: every X.de.*-fr file found",
    )
    args = parser.parse_args()
    bench = bench_dir(args.data)
    if bench is not None and not list(bench.glob("*.defr")):
        bench = bench / "textberg-dev"
    scorer = bench.parent / "score_alignments.py" if bench else None
    if bench is None or not bench.is_dir() or scorer is None or not scorer.is_file():
        print(f"skipped: benchmark data not found ({args.data or 'TRANSLATOR_BENCH_DATA, ../shared/bench'})")
        return 0
    args.data = bench
    data = triples(args.data)
    if not data:
        print(f"skipped: no X.de/X.fr/X.defr triples in {args.data}")
        return 0
    sys.path.insert(0, str(ROOT))
    from translator.align.engine import MODEL_FREE
    from translator.align.signals.dictionary import load_lexicon

    dictionary = (
        "installed" if load_lexicon("de", "fr", None) else "not installed (dictionary signal inactive)"
    )
    print(f"data: {args.data} ({len(data)} file pair(s)); FreeDict de-fr: {dictionary}")
    if args.corpus:
        corpus_throughput(data, args.corpus)
        if args.corpus_only:
            return 0
    sys.path.insert(0, str(scorer.parent))
    from score_alignments import score

    rows = [evaluate("Gale-Church baseline", gale_church, data, score)]
    rows.append(evaluate("engine (model-free)", engine(), data, score))
    rows.append(evaluate("engine --max-link 3", engine(max_link=3), data, score))
    rows.append(evaluate("engine --max-link 4", engine(max_link=4), data, score))
    suffixes = args.translation or sorted(
        {p.name[len(de.name) :] for de, _, _ in data for p in de.parent.glob(de.name + ".*-fr")}
    )
    for suffix in suffixes:
        if all(de.with_name(de.name + suffix).is_file() for de, _, _ in data):
            rows.append(
                evaluate(f"engine + MT {suffix.lstrip('.')}", engine(translation=suffix), data, score)
            )
    if not args.no_ablation:
        for signal in MODEL_FREE:
            rows.append(evaluate(f"  without {signal}", engine((signal,)), data, score))
    base = rows[0]["f1_strict"]
    print()
    print(
        f"{'aligner':<26} {'P strict':>8} {'R strict':>8} {'F1 strict':>9} {'P lax':>6} {'R lax':>6} {'F1 lax':>6} {'sent/s':>8} {'ΔF1 vs GC':>9}"
    )
    for r in rows:
        print(
            f"{r['name']:<26} {r['precision_strict']:8.3f} {r['recall_strict']:8.3f} {r['f1_strict']:9.3f}"
            f" {r['precision_lax']:6.3f} {r['recall_lax']:6.3f} {r['f1_lax']:6.3f} {r['sentences_per_s']:8.0f}"
            f" {r['f1_strict'] - base:+9.3f}"
        )
    if args.errors:
        print("\nerrors by link type (German-French sentences): gold links missed / wrong links output")
        for r in rows:
            kinds = sorted(set(r["missed"]) | set(r["wrong"]), key=lambda k: tuple(map(int, k.split("-"))))
            cells = ", ".join(f"{k} {r['missed'][k]}/{r['wrong'][k]}" for k in kinds)
            total = f"{sum(r['missed'].values())}/{sum(r['wrong'].values())}"
            print(f"{r['name']:<26} {total:>7}  {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
