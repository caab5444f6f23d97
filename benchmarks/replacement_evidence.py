#!/usr/bin/env python3
"""Can *any* aligner tell a replaced sentence from a free translation without a dictionary?

``divergence_oracle.py`` bounds what a threshold on the *judge's* evidence
can reach. This script asks the question one level down, for every
model-free aligner at once: what surface evidence does a pair of sentences
carry at all, and how often does a genuine translation carry none?

For every gold 1-1 pair of the development documents (:mod:`corpora`) and
every planted replacement of ``divergence.py`` (same documents, same seed),
a pair is put in the **blind zone** when nothing ties the two sentences and
nothing sets them apart:

- no shared number (:func:`anchors.numbers`), and no pair of look-alike
  words (four letters or more, or capitalised tokens of two or more:
  names, acronyms, cognates such as Präsident / president), compared
  folded with rapidfuzz at a ratio of 75, more leniently than the
  aligner's own cognate signal;
- with a dictionary: no source word (stemmed, compounds split, as the
  aligner's dictionary signal does) whose translations include a word of
  the other sentence;
- the same sentence-final mark (``.``, ``?``, ``!``, ``:``), the same
  presence of quotation marks and brackets;
- a length ratio inside the central 90 % of the genuine pairs'.

Inside that zone the two kinds of pair look alike to every signal a
model-free aligner has (length, position, anchors, cognates, punctuation,
dictionary) except the sentences' own length, so the zone is cut into
strata by the translation's word count (a replacement is a sentence of six
words or more, so a rule may well treat short and long pairs apart) and by
whether the length ratio lies in the central half of the genuine pairs'. If
genuine pairs fall in stratum ``k`` of the zone ``Z_k`` times per 100
source sentences and a share ``s_k`` of planted replacements does, a rule
allowed ``B`` false alarms per 100 sentences that flags a fraction ``f_k``
of each stratum needs ``sum Z_k f_k <= B`` and finds ``sum s_k f_k`` of the
zone's replacements; the best choice fills the budget stratum by stratum,
most replacements per false alarm first. Everything outside the zone is
counted as found, so the printed **ceiling** is an upper bound on the
replacement recall of any model-free rule, per corpus and dictionary
setting.

``--dict off`` uses no dictionary, ``on`` the installed FreeDict ones,
``both`` (default) each in turn. Without the shared data the script says so
and exits 0.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import divergence  # noqa: E402
from corpora import all_documents, bench_dir  # noqa: E402

_TOKEN = re.compile(r"\w+", re.UNICODE)
_QUOTES = re.compile(r"[\"«»„“”‚‘’]")
_BRACKETS = re.compile(r"[()\[\]]")
#: rapidfuzz ratio from which two folded words count as look-alikes
COGNATE_RATIO = 75.0


class Evidence:
    """What ties two sentences, without and (optionally) with a dictionary."""

    def __init__(self, dictionary: bool) -> None:
        self.dictionary = dictionary
        self._lexicons: dict[tuple[str, str], object] = {}

    def strings(self, text: str) -> tuple[set[float], set[str]]:
        """Numbers, and words of four letters or more or capitalised tokens of
        two or more (names, acronyms, cognates), folded."""
        from translator.align.text import fold_word
        from translator.lexicon import anchors

        words = [w for w in _TOKEN.findall(text) if not w.isdigit()]
        folded = {fold_word(w) for w in words if len(w) >= 4 or (len(w) >= 2 and w[0].isupper())}
        return set(anchors.numbers(text)), folded

    def _lexicon(self, src: str, tgt: str):  # noqa: ANN202 - the aligner's own table
        from translator.align.dictd import search_dirs
        from translator.align.signals.dictionary import load_lexicon

        key = (src, tgt)
        if key not in self._lexicons:
            folder = os.environ.get("TRANSLATOR_DICTD_DIR")
            self._lexicons[key] = load_lexicon(src, tgt, folder) if search_dirs(folder) else {}
        return self._lexicons[key]

    def dictionary_ties(self, a: str, b: str, src: str, tgt: str) -> int:
        from translator.align.compounds import expand, splitter
        from translator.align.signals.dictionary import reachable_stems
        from translator.align.text import stemmer, words

        lexicon = self._lexicon(src, tgt)
        if not lexicon:
            return 0
        stem_a, stem_b = stemmer(src), stemmer(tgt)
        (sa,) = expand([[stem_a(w) for w in words(a)]], splitter(src, lexicon))
        (sb,) = expand([[stem_b(w) for w in words(b)]], splitter(tgt, reachable_stems(lexicon)))
        other = set(sb)
        return sum(1 for s in sa if s in lexicon and lexicon[s] & other)

    def ties(self, a: str, b: str, src: str, tgt: str) -> int:
        from rapidfuzz import fuzz

        na, wa = self.strings(a)
        nb, wb = self.strings(b)
        # look-alikes more leniently than the aligner's cognate signal (ratio
        # 80 within the same first letter), so the zone holds no pair that
        # signal would tie
        count = len(na & nb) + sum(1 for x in wa for y in wb if fuzz.ratio(x, y) >= COGNATE_RATIO)
        if self.dictionary and not count:
            count = self.dictionary_ties(a, b, src, tgt)
        return count


def _marks(text: str) -> tuple[str, bool, bool]:
    end = text.rstrip(" \"'»«“”)")[-1:] if text.strip() else ""
    return (end if end in "?!:" else "."), bool(_QUOTES.search(text)), bool(_BRACKETS.search(text))


def _ratio(a: str, b: str) -> float:
    return math.log((len(b) + 1) / (len(a) + 1))


def measure(docs: list, replacements: list, evidence: Evidence, budget: float) -> list[tuple]:
    genuine = [
        (doc.name.rsplit("-", 1)[0], doc.source[src[0]], doc.target[tgt[0]], doc.source_lang, doc.target_lang)
        for doc in docs
        for src, tgt in doc.gold
        if len(src) == 1 and len(tgt) == 1
    ]
    ratios = sorted(_ratio(a, b) for _, a, b, _, _ in genuine)
    low, high = ratios[int(0.05 * len(ratios))], ratios[int(0.95 * len(ratios)) - 1]
    inner = (ratios[int(0.25 * len(ratios))], ratios[int(0.75 * len(ratios)) - 1])

    def stratum(a: str, b: str) -> tuple[int, bool]:
        return _stratum(b), inner[0] <= _ratio(a, b) <= inner[1]

    def blind(a: str, b: str, src: str, tgt: str) -> bool:
        return low <= _ratio(a, b) <= high and _marks(a) == _marks(b) and not evidence.ties(a, b, src, tgt)

    sentences: Counter = Counter()
    for doc in docs:
        sentences[doc.name.rsplit("-", 1)[0]] += len(doc.source)
    zone: Counter = Counter(
        (corpus, stratum(a, b)) for corpus, a, b, src, tgt in genuine if blind(a, b, src, tgt)
    )
    planted: Counter = Counter()
    caught: Counter = Counter()
    for case in replacements:
        corpus = case.doc.rsplit("-", 1)[0]
        planted[corpus] += 1
        a, b = case.source[case.marks["src"][0]], case.target[case.marks["tgt"][0]]
        if blind(a, b, case.source_lang, case.target_lang):
            caught[(corpus, stratum(a, b))] += 1
    rows = []
    for corpus in [*sorted(sentences), "all"]:
        pick = (lambda c: True) if corpus == "all" else (lambda c, k=corpus: c == k)
        n = sum(v for k, v in sentences.items() if pick(k))
        p = sum(v for k, v in planted.items() if pick(k))
        strata = [
            (
                100 * sum(v for (c, k), v in zone.items() if pick(c) and k == stratum) / n,
                sum(v for (c, k), v in caught.items() if pick(c) and k == stratum) / max(p, 1),
            )
            for stratum in itertools.product(STRATA, (False, True))
        ]
        z = sum(zk for zk, _ in strata)
        s = sum(sk for _, sk in strata)
        rows.append((corpus, n, z, p, s, _ceiling(strata, budget)))
    return rows


#: strata of the blind zone: the translation's word count from these bounds up
STRATA = (0, 6, 10, 15, 25)


def _stratum(sentence: str) -> int:
    count = len(sentence.split())
    return max(bound for bound in STRATA if count >= bound)


def _ceiling(strata: list[tuple[float, float]], budget: float) -> float:
    """Best recall: every replacement outside the zone, plus the zone's strata
    flagged in order of replacements per false alarm until the budget is spent."""
    recall = 1 - sum(s for _, s in strata)
    for z, s in sorted(strata, key=lambda zs: -zs[1] / zs[0] if zs[0] else -math.inf):
        if not s:
            continue
        share = 1.0 if z <= budget else budget / z
        recall += s * share
        budget -= z * share
        if budget <= 0:
            break
    return recall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", help="benchmark data folder (default: TRANSLATOR_BENCH_DATA or ../shared/bench)"
    )
    parser.add_argument("--cases", type=int, default=200, help="planted replacements (default 200)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--budget", type=float, default=0.5, help="false alarms allowed per 100 sentences")
    parser.add_argument("--dict", choices=("on", "off", "both"), default="both")
    args = parser.parse_args(argv)
    data = bench_dir(args.data)
    if data is None:
        print("benchmark data not found (../shared/bench or --data); skipping")
        return 0
    started, cpu0, load = time.time(), time.process_time(), os.getloadavg()
    docs = list(all_documents(data, seed=args.seed))
    replacements = [c for c in divergence.cases(docs, args.cases, args.seed) if c.edit == "replacement"]
    settings = {"off": [False], "on": [True], "both": [False, True]}[args.dict]
    print(f"blind zone of model-free evidence, seed {args.seed}, {len(replacements)} planted replacements")
    print("corpus        sentences  genuine in zone /100  replacements  share in zone  recall ceiling")
    results = defaultdict(list)
    for dictionary in settings:
        label = "FreeDict" if dictionary else "no dictionary"
        print(f"-- {label}")
        for corpus, n, z, p, s, ceiling in measure(docs, replacements, Evidence(dictionary), args.budget):
            results[label].append(
                {
                    "corpus": corpus,
                    "sentences": n,
                    "zone_per_100": z,
                    "planted": p,
                    "share_in_zone": s,
                    "ceiling": ceiling,
                }
            )
            print(f"{corpus:<14}{n:>9}  {z:>20.2f}  {p:>12}  {s:>13.2f}  {ceiling:>14.2f}")
    print(
        f"ceiling: best replacement recall of any rule allowed {args.budget} false alarms per 100 sentences;"
        f" wall {time.time() - started:.1f} s, CPU {time.process_time() - cpu0:.1f} s,"
        f" load average {' '.join(f'{x:.2f}' for x in load)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
