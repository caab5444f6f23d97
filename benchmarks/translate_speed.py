#!/usr/bin/env python3
"""Translation speed: argostranslate (default and tuned) against our engine.

One run, one machine, one random-weight Transformer-base package (6+6
layers, d_model 512, 8 heads, 32k pieces) built on the spot with
``translator.devtools.build_model``. The same 200 news-length German
sentences (``../shared/bench/textberg-dev/dev.de`` when present, else the
project's own text) go through:

1. ``argostranslate.translate.translate`` with its default settings, one
   call per sentence (how it is used);
2. argostranslate tuned with its own environment variables
   (``ARGOS_INTER_THREADS``, ``ARGOS_INTRA_THREADS``, ``ARGOS_BATCH_SIZE``),
   both one call per sentence and the whole text in one call (paragraphs of
   ten sentences, so its sentence splitter hands it batches); the best is
   reported;
3. our engine (``translator.translate.engine``), cache off, with each
   batching policy: ``padded`` (length-sorted batches, the default) and
   ``exact`` (batches of one token length only, bit-identical to
   argostranslate's one sentence at a time); then again with a warm cache.

Random weights loop until the length limit, so the output length is capped
at ``--max-length`` tokens for all engines alike (argostranslate's
CTranslate2 translator is wrapped to pass the same ``max_decoding_length``).
argostranslate runs in subprocesses because it reads its settings once at
import. Model loading and imports are excluded from the sentences/s figures
(a warm-up sentence first) and reported separately. Outputs are compared:
one call per sentence must match exactly; the one-call layout decodes each
paragraph's tokens jointly, so it is compared ignoring whitespace. The
table gives, for each engine, how many sentences are identical to default
argostranslate: padding changes the float rounding of CTranslate2's int8
kernels, and a random-weight model's near-tie choices flip with it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "textberg-dev" / "dev.de"

ARGOS_CHILD = r"""
import json, sys, time
cap, layout = int(sys.argv[1]), sys.argv[2]
sentences = json.load(sys.stdin)
t0 = time.perf_counter()
import ctranslate2
import argostranslate.translate as at
from argostranslate import settings

class Capped:
    def __init__(self, inner):
        self.inner = inner
    def translate_batch(self, *args, **kwargs):
        kwargs["max_decoding_length"] = cap
        return self.inner.translate_batch(*args, **kwargs)

translation = at.get_translation_from_codes("de", "en")
package_translation = translation.underlying
package_translation.translator = Capped(ctranslate2.Translator(
    str(package_translation.pkg.package_path / "model"), device=settings.device,
    inter_threads=settings.inter_threads, intra_threads=settings.intra_threads,
    compute_type=settings.compute_type))
at.translate("Warm up the sentence splitter.", "de", "en")
startup = time.perf_counter() - t0
start = time.perf_counter()
if layout == "sentence":
    out = [at.translate(s, "de", "en") for s in sentences]
else:
    paragraphs = ["  ".join(sentences[i:i + 10]) for i in range(0, len(sentences), 10)]
    out = at.translate("\n".join(paragraphs), "de", "en").split("\n")
seconds = time.perf_counter() - start
json.dump({"seconds": seconds, "startup": startup, "out": out}, sys.stdout)
"""


def news_sentences(n: int) -> tuple[list[str], str]:
    """``n`` distinct sentences of 15-40 words (news length)."""
    if BENCH.is_file():
        lines = BENCH.read_text(encoding="utf-8").splitlines()
        source = str(BENCH)
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="sentences (default 200)")
    parser.add_argument("--max-length", type=int, default=64, help="output token cap for all engines")
    parser.add_argument("--size", default="base", help="model size (base; tiny for a smoke run)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from translator.devtools.build_model import build_package

    sentences, source = news_sentences(args.n)
    work = Path(tempfile.mkdtemp(prefix="translate-speed-"))
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
    print(f"cores: {len(os.sched_getaffinity(0))}")

    results: dict[str, tuple[float, list[str]]] = {}
    default = run_argos(dict(env), sentences, args.max_length, "sentence")
    results["argostranslate default"] = (default["seconds"], default["out"])
    print(f"argostranslate import + first sentence: {default['startup']:.2f} s")

    from translator.translate.engine import DecodeOptions, Engine, thread_plan

    tuned_runs = []
    inter, intra = thread_plan()
    configs = [((inter, intra), "32", "sentence"), ((inter, intra), "32", "text")]
    configs += [((inter, intra), "1024", "text"), ((1, inter * intra), "1024", "text")]
    for threads, batch, layout in configs:
        tuned_env = dict(
            env,
            ARGOS_INTER_THREADS=str(threads[0]),
            ARGOS_INTRA_THREADS=str(threads[1]),
            ARGOS_BATCH_SIZE=batch,
        )
        run = run_argos(tuned_env, sentences, args.max_length, layout)
        label = f"inter {threads[0]}, intra {threads[1]}, batch {batch} tokens, {layout} calls"
        tuned_runs.append((run["seconds"], label, run["out"], layout))
        print(f"  tuned argostranslate ({label}): {len(sentences) / run['seconds']:.2f} sentences/s")
    best = min(tuned_runs)
    results["argostranslate tuned"] = (best[0], best[2])

    t0 = time.perf_counter()
    engine = Engine(cache=False, options=DecodeOptions.from_env(max_decoding_length=args.max_length))
    engine.translate_texts(["Warm up."], "de", "en", terms=[])
    our_startup = time.perf_counter() - t0
    print(f"our engine load + first sentence: {our_startup:.2f} s (threads {inter} x {intra})")
    for batching in ("padded", "exact"):
        options = DecodeOptions.from_env(max_decoding_length=args.max_length, batching=batching)
        engine = Engine(cache=False, options=options)
        start = time.perf_counter()
        ours = engine.translate_texts(sentences, "de", "en", terms=[])
        results[f"our engine, {batching}"] = (time.perf_counter() - start, ours)

    options = DecodeOptions.from_env(max_decoding_length=args.max_length)
    Engine(options=options).translate_texts(sentences, "de", "en", terms=[])
    again = Engine(options=options)
    start = time.perf_counter()
    repeat = again.translate_texts(sentences, "de", "en", terms=[])
    cached_seconds = time.perf_counter() - start

    print()
    base = len(sentences) / results["argostranslate default"][0]
    reference = results["argostranslate default"][1]
    tuned_seconds = results["argostranslate tuned"][0]
    print(f"{'':28s} {'seconds':>8s} {'sent/s':>7s} {'x default':>9s} {'x tuned':>7s}  identical to default")
    for name, (seconds, out) in results.items():
        rate = len(sentences) / seconds
        if name == "argostranslate tuned" and best[3] == "text":
            same = "joint decoding: n/a"
        else:
            hits = sum(a == b for a, b in zip(out, reference, strict=True))
            same = f"{hits}/{len(reference)}"
        print(
            f"{name:28s} {seconds:8.2f} {rate:7.2f} {rate / base:9.2f} {tuned_seconds / seconds:7.2f}  {same}"
        )
    print(f"  (best tuned configuration: {best[1]})")
    print(
        f"cached re-run (our engine, warm SQLite cache): {cached_seconds:.3f} s, {again.stats.decoded} decoded"
    )
    exact_same = results["our engine, exact"][1] == reference
    print(f"exact batching output identical to default argostranslate: {exact_same}")
    print(f"cached re-run output identical: {repeat == results['our engine, padded'][1]}")
    return 0 if exact_same and repeat == results["our engine, padded"][1] else 1


if __name__ == "__main__":
    raise SystemExit(main())
