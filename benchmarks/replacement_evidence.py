#!/usr/bin/env python3
"""Can model-free evidence tell a translation from an unrelated sentence at all?

``divergence_oracle.py`` asks how far a better rule on the judge's evidence
could go. This script asks the question under it: how often does a genuine
1-1 translation pair share *no* content feature that a model-free signal
sees (a number, a date, a URL, a cognate or name, a glossary term, a
dictionary translation), while its lengths fit as a translation's do? Such
a pair looks exactly like an unrelated sentence standing in its place (a
planted replacement keeps the position, and its length is that of a body
sentence of the same kind of text): no rule can take the unrelated one
apart without taking the genuine one apart too.

For every gold 1-1 link of the development documents (:mod:`corpora`) it
prepares the content signals on the whole document pair, as the engine
does, and records whether the two sentences share any feature; then it
pairs the same source sentence with body sentences of other stories in the
same target language (what ``divergence.py`` plants) and records the same.
"Length fits" means the log character ratio lies within the middle 95 % of
the genuine pairs' ratios of the same corpus. Printed per corpus and
dictionary setting:

- genuine pairs sharing nothing with fitting lengths, as a share of the
  genuine pairs and per 100 source sentences (the false findings a rule
  "shares nothing and fits: replaced" would raise on faithful documents);
- unrelated pairs sharing nothing with fitting lengths (indistinguishable
  from those genuine ones);
- the **ceiling**: a rule may take apart at most ``--budget`` faithful
  pairs per 100 sentences, so of the genuine pairs that share nothing it
  flags at most that many, and of the unrelated pairs that share nothing
  at most the same share; every other unrelated pair it may find:
  ``1 - u0 * (1 - min(1, allowed / g0))``. An upper bound: a rule also
  has to find the others.

Two rows of evidence: the content signals alone, and with the lexicon the
engine bootstraps from the pair's own links (``+learned``), learned here
from the document's other gold 1-1 links (leave-one-out: the judged link,
genuine or replaced, never teaches its own words; kinder to the genuine
pairs than the engine's first pass can be). Only learned pairs whose
source stem occurs in at most :data:`RARE` of the document's sentences
count: a lexicon learned from a few dozen links is mostly function words
("die"/"the"), which any two sentences share (counting them, 93 % of
unrelated pairs "share" something). Punctuation, quotes and casing are
left out (any two sentences of a kind share them). Without the shared data the
script says so and exits 0.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import divergence  # noqa: E402
from corpora import all_documents, bench_dir  # noqa: E402

#: the signals whose shared features say "these two sentences are about the
#: same thing" (punctuation, quotes and casing are shared by any two
#: sentences of a kind; length is judged apart)
CONTENT = ("numbers", "dates", "urls", "cognates", "glossary", "dictionary")
#: unrelated partners drawn per genuine link
DRAWS = 10
#: a learned word pair counts as content when its source stem occurs in at
#: most this share of the document's sentences
RARE = 0.1


def _shared(src: list[str], tgt: list[str], source_lang: str, target_lang: str) -> list[list[bool]]:
    """Whether each source sentence shares a content feature with each
    target sentence, the signals prepared on the whole pair."""
    from translator.align.context import PairContext
    from translator.align.signals import SIGNALS

    ctx = PairContext(src=src, tgt=tgt, src_lang=source_lang, tgt_lang=target_lang)
    out = [[False] * len(tgt) for _ in src]
    for name in CONTENT:
        signal = SIGNALS[name]()
        signal.prepare(ctx)
        if not signal.active:
            continue
        hits = ((signal.U > 0).astype(float) @ (signal.V > 0).astype(float).T).toarray()
        for i in range(len(src)):
            for j in range(len(tgt)):
                out[i][j] = out[i][j] or bool(hits[i, j] > 0)
    return out


def _learned(src: list[str], tgt: list[str], source_lang: str, target_lang: str, sites: list):
    """Per gold 1-1 link ``k``: whether a source and a target sentence share
    a pair of the lexicon learned from the other gold 1-1 links."""
    from translator.align.context import PairContext
    from translator.align.signals.bootstrap import learn_lexicon

    ctx = PairContext(src=src, tgt=tgt, src_lang=source_lang, tgt_lang=target_lang)
    # a word pair learned from a few dozen links is mostly function words
    # ("die"/"the"), which any two sentences share: only the source stems in
    # at most :data:`RARE` of the document's sentences count as content
    df: dict[str, int] = {}
    for stems in ctx.src_stems:
        for w in set(stems):
            df[w] = df.get(w, 0) + 1
    common = {w for w, n in df.items() if n > RARE * len(src)}
    out = []
    for k in range(len(sites)):
        ctx.previous = [(i, i + 1, j, j + 1) for n, (i, j) in enumerate(sites) if n != k]
        lexicon = learn_lexicon(ctx)

        def knows(i: int, j: int, lexicon=lexicon) -> bool:
            theirs = set(ctx.tgt_stems[j])
            return any(lexicon.get(w, frozenset()) & theirs for w in ctx.src_stems[i] if w not in common)

        out.append(knows)
    return out


def _ratio(a: str, b: str) -> float:
    return math.log(max(len(b), 1) / max(len(a), 1))


def measure(docs: list, seed: int) -> dict:
    """Per corpus: (shares, ratio) of genuine and of unrelated pairs."""
    rng = random.Random(seed)
    by_corpus: dict[str, dict[str, list]] = {}
    for doc in docs:
        corpus = doc.name.rsplit("-", 1)[0]
        others = [
            line
            for d in docs
            if d.target_lang == doc.target_lang and not (d.stories & doc.stories)
            for line in d.target
            if len(line.split()) >= 6
        ]
        sites = divergence.one_to_one(doc)
        if not sites or not others:
            continue
        foreign = [rng.sample(others, DRAWS) for _ in sites]
        tgt = list(doc.target) + [line for draw in foreign for line in draw]
        shared = _shared(list(doc.source), tgt, doc.source_lang, doc.target_lang)
        learned = _learned(list(doc.source), tgt, doc.source_lang, doc.target_lang, sites)
        entry = by_corpus.setdefault(corpus, {"genuine": [], "unrelated": [], "sentences": 0})
        entry["sentences"] += len(doc.source)
        extra = len(doc.target)
        for k, (i, j) in enumerate(sites):
            knows = learned[k]
            entry["genuine"].append((shared[i][j], knows(i, j), _ratio(doc.source[i], doc.target[j])))
            for d in range(DRAWS):
                j2 = extra + k * DRAWS + d
                entry["unrelated"].append((shared[i][j2], knows(i, j2), _ratio(doc.source[i], tgt[j2])))
    return by_corpus


def ceiling(u0: float, g0: int, allowed: float) -> float:
    """Best replacement recall of any rule allowed ``allowed`` false
    findings, when a share ``u0`` of unrelated pairs look like the ``g0``
    genuine pairs that share nothing (see the module notes)."""
    return 1.0 - u0 * (1.0 - min(1.0, allowed / g0)) if g0 else 1.0


def report(label: str, by_corpus: dict, budget: float) -> list[str]:
    lines = [f"\n{label}"]
    lines.append(
        f"  {'evidence':<9} {'corpus':<12} {'sent':>5} {'1-1':>5} | {'genuine: nothing shared':>24}"
        f" {'per 100':>8} | {'unrelated: nothing shared':>26} {'ceiling':>8}"
    )
    for evidence, learned in (("content", False), ("+learned", True)):
        totals = {"sentences": 0, "genuine": 0, "g0": 0, "unrelated": 0, "u0": 0}
        for corpus, e in sorted(by_corpus.items()):
            ratios = sorted(r for _, _, r in e["genuine"])
            lo = ratios[int(0.025 * (len(ratios) - 1))]
            hi = ratios[int(0.975 * (len(ratios) - 1))]

            def none(rows, lo=lo, hi=hi, learned=learned):
                return sum(1 for c, k, r in rows if not (c or (learned and k)) and lo <= r <= hi)

            g0, u0 = none(e["genuine"]), none(e["unrelated"])
            n_g, n_u = len(e["genuine"]), len(e["unrelated"])
            lines.append(_row(evidence, corpus, e["sentences"], n_g, g0, n_u, u0, budget))
            for key, value in (("sentences", e["sentences"]), ("genuine", n_g), ("g0", g0)):
                totals[key] += value
            totals["unrelated"] += n_u
            totals["u0"] += u0
        t = totals
        lines.append(
            _row(evidence, "all", t["sentences"], t["genuine"], t["g0"], t["unrelated"], t["u0"], budget)
        )
    return lines


def _row(
    evidence: str, corpus: str, sentences: int, n_g: int, g0: int, n_u: int, u0: int, budget: float
) -> str:
    return (
        f"  {evidence:<9} {corpus:<12} {sentences:>5} {n_g:>5} | {g0:>6} = {g0 / max(n_g, 1):>6.1%} of genuine"
        f" {100 * g0 / max(sentences, 1):>8.2f} | {u0 / max(n_u, 1):>16.1%} of {n_u:<6}"
        f" {ceiling(u0 / max(n_u, 1), g0, budget * sentences / 100):>8.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", help="benchmark data folder (default: TRANSLATOR_BENCH_DATA or ../shared/bench)"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--dict", choices=("on", "off", "both"), default="both")
    parser.add_argument(
        "--budget",
        type=float,
        default=0.5,
        help="allowed false findings per 100 sentences (default 0.5, the issue's)",
    )
    args = parser.parse_args(argv)
    data = bench_dir(args.data)
    if data is None:
        print("skipped: benchmark data not found (--data, TRANSLATOR_BENCH_DATA or ../shared/bench)")
        return 0
    load = os.getloadavg()
    started, cpu = time.perf_counter(), time.process_time()
    docs = list(all_documents(data, seed=args.seed))
    print(f"content evidence of genuine 1-1 links against unrelated sentences, seed {args.seed}")
    for setting in divergence._dict_settings(args.dict):
        with setting() as label:
            print("\n".join(report(label, measure(docs, args.seed), args.budget)))
    print(
        "\nnothing shared: no number, date, URL, cognate or name, glossary term, dictionary"
        " translation or learned word pair in common, and a length ratio within the genuine"
        f" pairs' middle 95 %; ceiling: best replacement recall at {args.budget} false per 100"
    )
    print(
        f"wall {time.perf_counter() - started:.1f} s, CPU {time.process_time() - cpu:.1f} s, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
