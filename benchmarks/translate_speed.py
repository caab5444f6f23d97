#!/usr/bin/env python3
"""Translation speed: argostranslate (default and tuned) against our engine.

One run, one machine, one random-weight Transformer-base package (6+6
layers, d_model 512, 8 heads, 32k pieces) built on the spot with
``translator.devtools.build_model`` (no pretrained model can be downloaded
where the project is built). The same news-length German sentences (every
single-sentence line of 15-40 words of ``textberg-dev/dev.de`` in
``--data``/``TRANSLATOR_BENCH_DATA``/``../shared/bench``, 183 of them, else
the project's own text) go through:

1. ``argostranslate.translate.translate`` with its default settings, one
   call per sentence (how it is used);
2. argostranslate tuned with its own environment variables
   (``ARGOS_INTER_THREADS``, ``ARGOS_INTRA_THREADS``, ``ARGOS_BATCH_SIZE``),
   one call per sentence and the whole text in one call (paragraphs of ten
   sentences, so its sentence splitter hands it batches), including its
   strongest layout: the whole text, 700-token batches, 2x1 threads; the
   fastest is reported as "tuned";
3. our engine (``translator.translate.engine``), cache off, with each
   batching policy: ``padded`` (length-sorted batches of 16) and ``exact``
   (batches of one token length only); then again with a warm cache.

Random weights loop until the length limit, so the output length is capped
at ``--max-length`` tokens for all engines alike (argostranslate's
CTranslate2 translator is wrapped to pass the same ``max_decoding_length``).
argostranslate runs in subprocesses because it reads its settings once at
import. Model loading and imports are excluded from the figures (a warm-up
sentence first) and reported separately.

Each row gives wall and CPU seconds (process time of all the engine's
threads) with the load average at its end, sentences/s, decoded output
tokens/s, the average decoded length and how many outputs hit the cap (so a
speed-up from shorter outputs would show), and how many sentences are
identical to default argostranslate. The last lines are the verdict: which
batching policy is identical on every sentence, and how fast each is. Run it
on an idle machine; on a loaded one the CPU seconds are the comparable
figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import bench_dir  # noqa: E402

ARGOS_CHILD = r"""
import json, sys, time
cap, layout = int(sys.argv[1]), sys.argv[2]
sentences = json.load(sys.stdin)
t0 = time.perf_counter()
import ctranslate2
import argostranslate.translate as at
from argostranslate import settings

lengths = []

class Capped:
    def __init__(self, inner):
        self.inner = inner
    def translate_batch(self, *args, **kwargs):
        kwargs["max_decoding_length"] = cap
        results = self.inner.translate_batch(*args, **kwargs)
        lengths.extend(len(r.hypotheses[0]) for r in results)
        return results

translation = at.get_translation_from_codes("de", "en")
package_translation = translation.underlying
package_translation.translator = Capped(ctranslate2.Translator(
    str(package_translation.pkg.package_path / "model"), device=settings.device,
    inter_threads=settings.inter_threads, intra_threads=settings.intra_threads,
    compute_type=settings.compute_type))
at.translate("Warm up the sentence splitter.", "de", "en")
startup = time.perf_counter() - t0
del lengths[:]
start, cpu = time.perf_counter(), time.process_time()
if layout == "sentence":
    out = [at.translate(s, "de", "en") for s in sentences]
else:
    paragraphs = ["  ".join(sentences[i:i + 10]) for i in range(0, len(sentences), 10)]
    out = at.translate("\n".join(paragraphs), "de", "en").split("\n")
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
json.dump({"seconds": seconds, "cpu": cpu, "startup": startup, "out": out, "lengths": lengths}, sys.stdout)
"""


def news_sentences(n: int, data: str | None = None) -> tuple[list[str], str]:
    """``n`` distinct sentences of 15-40 words (news length)."""
    bench = bench_dir(data)
    dev = bench / "textberg-dev" / "dev.de" if bench else None
    if dev is not None and dev.is_file():
        lines = dev.read_text(encoding="utf-8").splitlines()
        source = str(dev)
    else:
        from translator.devtools.build_model import project_lines

        lines = project_lines()
        source = "project text (../shared/bench not found)"
    import spacy

    # argostranslate's splitter (the package's blank spaCy pipeline plus the
    # rule-based sentencizer): a line it cuts in two is not one sentence
    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    picked = []
    for line in lines:
        line = " ".join(line.split())
        if not 15 <= len(line.split()) <= 40 or line in picked:
            continue
        if len(list(nlp(line).sents)) == 1:
            picked.append(line)
        if len(picked) == n:
            break
    return picked, source


def run_argos(env: dict[str, str], sentences: list[str], cap: int, layout: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", ARGOS_CHILD, str(cap), layout],
        input=json.dumps(sentences),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"argostranslate run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="translate-speed-"))
    try:
        return benchmark(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def benchmark(work: Path) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="sentences (default 200)")
    parser.add_argument("--max-length", type=int, default=64, help="output token cap for all engines")
    parser.add_argument("--size", default="base", help="model size (base; tiny for a smoke run)")
    parser.add_argument(
        "--data",
        help="benchmark folder holding textberg-dev (default: TRANSLATOR_BENCH_DATA or ../shared/bench)",
    )
    parser.add_argument(
        "--record",
        help="append this run (verdict, figures, load) to a JSON-lines file and say how many"
        " consecutive recorded runs of the same settings gave the same verdict",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from translator.devtools.build_model import build_package

    sentences, source = news_sentences(args.n, args.data)
    env = dict(
        os.environ,
        ARGOS_PACKAGES_DIR=str(work / "packages"),
        XDG_DATA_HOME=str(work / "data"),
        XDG_CACHE_HOME=str(work / "cache"),
        XDG_CONFIG_HOME=str(work / "config"),
        TRANSLATOR_CACHE_DIR=str(work / "mt-cache"),
        HOME=str(work / "home"),
        ARGOS_CHUNK_TYPE="SPACY",
        ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/",
    )
    os.environ.update(env)
    (work / "cache" / "argos-translate" / "spacy" / "senter" / "model").mkdir(parents=True)
    start = time.perf_counter()
    package = build_package(work / "bench.argosmodel", size=args.size)
    built = time.perf_counter() - start
    from translator.translate.packages import install_from_file

    install_from_file(package)
    words = sum(len(s.split()) for s in sentences) / len(sentences)
    print(f"sentences: {len(sentences)} from {source}, {words:.1f} words on average")
    print(
        f"model: random {args.size} Transformer, built in {built:.1f} s; output capped at {args.max_length} tokens"
    )
    load_before = os.getloadavg()
    print(f"cores: {len(os.sched_getaffinity(0))}; load average before: {_load()}")

    results: dict[str, Run] = {}
    default = run_argos(dict(env), sentences, args.max_length, "sentence")
    results["argostranslate default"] = Run.of(default, "sentence")
    print(f"argostranslate import + first sentence: {default['startup']:.2f} s")

    from translator.translate.engine import DecodeOptions, Engine, LoadedPackage, thread_plan

    tuned: list[tuple[Run, str]] = []
    inter, intra = thread_plan()
    configs = [((inter, intra), "32", "sentence"), ((inter, intra), "32", "text")]
    configs += [((inter, intra), "1024", "text"), ((1, inter * intra), "1024", "text")]
    # argostranslate's strongest layout: the whole text in one call,
    # 700-token batches, two batches side by side on one thread each
    configs += [((2, 1), "700", "text")]
    for threads, batch, layout in configs:
        tuned_env = dict(
            env,
            ARGOS_INTER_THREADS=str(threads[0]),
            ARGOS_INTRA_THREADS=str(threads[1]),
            ARGOS_BATCH_SIZE=batch,
        )
        run = Run.of(run_argos(tuned_env, sentences, args.max_length, layout), layout)
        label = f"inter {threads[0]}, intra {threads[1]}, batch {batch} tokens, {layout} calls"
        tuned.append((run, label))
        print(
            f"  tuned argostranslate ({label}): {len(sentences) / run.seconds:.2f} sentences/s,"
            f" {run.cpu:.1f} CPU-s, load {run.load:.2f}"
        )
    best, best_label = min(tuned, key=lambda item: item[0].seconds)
    results["argostranslate tuned"] = best
    # the verdict compares CPU seconds, so against the tuned configuration
    # that needs the fewest (the fastest by wall time varies with the load)
    leanest, leanest_label = min(tuned, key=lambda item: item[0].cpu)

    # our engine's decoded lengths: every hypothesis goes through decode()
    lengths: list[int] = []
    plain_decode = LoadedPackage.decode

    def counting_decode(self: LoadedPackage, tokens: list[str]) -> str:
        lengths.append(len(tokens))
        return plain_decode(self, tokens)

    LoadedPackage.decode = counting_decode  # type: ignore[method-assign]
    t0 = time.perf_counter()
    engine = Engine(cache=False, options=DecodeOptions.from_env(max_decoding_length=args.max_length))
    engine.translate_texts(["Warm up."], "de", "en", terms=[])
    our_startup = time.perf_counter() - t0
    print(f"our engine load + first sentence: {our_startup:.2f} s (threads {inter} x {intra})")
    for batching in ("padded", "exact"):
        options = DecodeOptions.from_env(max_decoding_length=args.max_length, batching=batching)
        engine = Engine(cache=False, options=options)
        lengths.clear()
        start, cpu = time.perf_counter(), time.process_time()
        ours = engine.translate_texts(sentences, "de", "en", terms=[])
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        results[f"our engine, {batching}"] = Run(
            seconds, cpu, ours, list(lengths), "sentence", os.getloadavg()[0]
        )
    LoadedPackage.decode = plain_decode  # type: ignore[method-assign]

    options = DecodeOptions.from_env(max_decoding_length=args.max_length)
    Engine(options=options).translate_texts(sentences, "de", "en", terms=[])
    again = Engine(options=options)
    start = time.perf_counter()
    repeat = again.translate_texts(sentences, "de", "en", terms=[])
    cached_seconds = time.perf_counter() - start

    n = len(sentences)
    reference = results["argostranslate default"].out
    base = n / results["argostranslate default"].seconds
    tuned_seconds = results["argostranslate tuned"].seconds
    default_cpu = results["argostranslate default"].cpu
    print()
    print(
        f"{'':26s} {'seconds':>7s} {'CPU s':>6s} {'load':>5s} {'sent/s':>6s} {'tok/s':>6s} {'avg len':>7s}"
        f" {'at cap':>7s} {'x default':>9s} {'x tuned':>7s} {'CPU x def':>9s}  identical to default"
    )
    for name, run in results.items():
        rate = n / run.seconds
        print(
            f"{name:26s} {run.seconds:7.2f} {run.cpu:6.1f} {run.load:5.2f} {rate:6.2f}"
            f" {sum(run.lengths) / run.seconds:6.0f} {run.average_length:7.1f}"
            f" {run.at_cap(args.max_length):>3d}/{len(run.lengths):<3d} {rate / base:9.2f}"
            f" {tuned_seconds / run.seconds:7.2f} {default_cpu / run.cpu if run.cpu else 0.0:9.2f}"
            f"  {run.identity(reference)}"
        )
    print(f"  (best tuned configuration: {best_label})")
    print(
        "  tok/s, avg len, at cap: decoded target tokens per sentence (argostranslate's text layout: per chunk)"
    )
    print(
        f"cached re-run (our engine, warm SQLite cache): {cached_seconds:.3f} s, {again.stats.decoded} decoded"
    )
    padded, exact = results["our engine, padded"], results["our engine, exact"]
    same_padded = sum(a == b for a, b in zip(padded.out, reference, strict=True))
    exact_same = exact.out == reference
    print(f"exact batching output identical to default argostranslate: {exact_same} ({n} sentences)")
    print(f"cached re-run output identical: {repeat == padded.out}")
    tuned_cpu = results["argostranslate tuned"].cpu
    decided = verdict(n, same_padded, exact_same, padded.cpu, exact.cpu, leanest.cpu)
    print(
        f"  (tuned configuration with the least CPU, the verdict's reference: {leanest_label}, {leanest.cpu:.1f} CPU-s)"
    )
    print(
        f"figures: padded {exact.cpu / padded.cpu if padded.cpu else 0.0:.2f}x exact's sentences per CPU-second,"
        f" {leanest.cpu / padded.cpu if padded.cpu else 0.0:.2f}x tuned argostranslate's; exact"
        f" {leanest.cpu / exact.cpu if exact.cpu else 0.0:.2f}x tuned's; wall: padded"
        f" {exact.seconds / padded.seconds:.2f}x exact, {tuned_seconds / padded.seconds:.2f}x tuned"
    )
    print(decided)
    print(
        f"CPU seconds (comparable on a loaded machine): default argostranslate {default_cpu:.1f}, tuned"
        f" {tuned_cpu:.1f}, padded {padded.cpu:.1f}, exact {exact.cpu:.1f}; padded decodes"
        f" {n / padded.cpu if padded.cpu else 0.0:.2f} sentences and"
        f" {sum(padded.lengths) / padded.cpu if padded.cpu else 0.0:.0f} tokens per CPU-second"
    )
    print(f"load average after: {_load()}")
    if args.record:
        record(
            Path(args.record),
            {
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "settings": {"n": n, "max_length": args.max_length, "size": args.size, "source": source},
                "verdict": decided,
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in os.getloadavg()],
                "runs": {
                    name: {
                        "seconds": round(run.seconds, 3),
                        "cpu": round(run.cpu, 3),
                        "load": round(run.load, 2),
                        "identical": run.identity(reference),
                    }
                    for name, run in results.items()
                },
            },
        )
    return 0 if exact_same and repeat == padded.out else 1


def record(path: Path, entry: dict) -> None:
    """Append ``entry`` to the JSON-lines file ``path`` and print how many
    consecutive runs with the same settings, ending with this one, gave
    the same verdict (the issue asks for three in a row on an idle
    machine)."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    runs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    same = [r for r in runs if r.get("settings") == entry["settings"]]
    streak = 0
    for run in reversed(same):
        if run.get("verdict") != entry["verdict"]:
            break
        streak += 1
    loads = ", ".join(f"{r['load_before'][0]:.2f}" for r in same[-streak:])
    print(
        f"recorded in {path}: {streak} consecutive run(s) of these settings give this verdict"
        f" (load before each: {loads}); {'holds' if streak >= 3 else 'not yet'} in three consecutive runs"
    )


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


@dataclass
class Run:
    """One engine's run: wall and CPU seconds, outputs, decoded lengths."""

    seconds: float
    cpu: float
    out: list[str]
    lengths: list[int]
    layout: str
    load: float

    @classmethod
    def of(cls, child: dict, layout: str) -> Run:
        return cls(child["seconds"], child["cpu"], child["out"], child["lengths"], layout, os.getloadavg()[0])

    @property
    def average_length(self) -> float:
        return sum(self.lengths) / len(self.lengths) if self.lengths else 0.0

    def at_cap(self, cap: int) -> int:
        return sum(1 for k in self.lengths if k >= cap)

    def identity(self, reference: list[str]) -> str:
        """Sentences identical to ``reference``; for the one-call layout
        (joint decoding of each paragraph) whether the whole text is, spaces
        aside."""
        if self.layout == "text":
            same = "".join("".join(self.out).split()) == "".join("".join(reference).split())
            return f"joint decoding; whole text {'identical' if same else 'differs'} (spaces aside)"
        hits = sum(a == b for a, b in zip(self.out, reference, strict=True))
        return f"{hits}/{len(reference)}"


def verdict(n: int, same_padded: int, exact_same: bool, padded: float, exact: float, tuned: float) -> str:
    """The benchmark's decision, in words only (no figures), so that runs
    can be compared: which batching policy is identical to default
    argostranslate on every sentence, and whether it is faster than the
    other policy and than tuned argostranslate. Speed is compared in CPU
    seconds (all threads of each engine's process), the figure a loaded
    machine does not distort; ``padded``, ``exact`` and ``tuned`` are CPU
    seconds for the same sentences (``tuned``: the tuned configuration that
    needs the fewest)."""
    if same_padded == n:
        choice = "padded"
        identity = f"padded identical to default argostranslate on all {n} sentences"
    elif exact_same:
        choice = "exact"
        identity = f"padded differs on {n - same_padded} of {n} sentences, exact identical on all"
    else:
        choice = "none"
        identity = "neither policy identical on every sentence: investigate before choosing"
    faster = {"padded": padded, "exact": exact, "none": padded}[choice]
    other = exact if choice != "exact" else padded
    other_name = "exact" if choice != "exact" else "padded"
    return (
        f"verdict: batching {choice} ({identity}); {choice if choice != 'none' else 'padded'}"
        f" {_speed(faster, other)} {other_name} and {_speed(faster, tuned)} tuned argostranslate"
        f" (CPU seconds; within {NOISE:.0%} counts as on par)"
    )


#: how far apart two CPU-second figures must be to call one engine faster:
#: the same configuration's CPU seconds vary by up to 15 % between three
#: consecutive idle runs here (exact batching 20.0-23.0 s, the leanest tuned 9.9-11.2 s),
#: so a smaller difference is not a finding
NOISE = 0.10


def _speed(mine: float, theirs: float) -> str:
    """``faster than``/``slower than``/``on par with``, by CPU seconds."""
    if mine * (1 + NOISE) <= theirs:
        return "faster than"
    if theirs * (1 + NOISE) <= mine:
        return "slower than"
    return "on par with"


if __name__ == "__main__":
    raise SystemExit(main())
