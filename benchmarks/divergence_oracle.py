#!/usr/bin/env python3
"""How many planted replacements could *any* threshold on the judge's evidence find?

``divergence.py`` measures what the aligner reports. This script asks what
the model-free evidence allows at all: it plants the same replacement cases
and unedited controls (same seed, same documents), records for every 1-1
link of the final alignment the evidence that :func:`translator.align.
confidence.judge` had, and then, per feature, sweeps the threshold and
prints the **best replacement recall reachable while the controls keep at
most the allowed false alarms** (``--budget`` per 100 source sentences,
the issue's 0.5 by default). A feature's ceiling is what a better rule on
the same evidence can reach; a target above every ceiling needs new
evidence, not tuning.

Features of a link ``(i, j)`` (each a share of the link's *unrelated
pairings*, i.e. sentence ``i`` against the target sentences two or more
places from ``j`` and sentence ``j`` against the source sentences two or
more places from ``i``, that fit worse than the link itself):

- ``pooled``: the 1-1 cost without the length model, row and column
  together (the judge's link confidence);
- ``row`` / ``column``: the same, each direction on its own, and ``min``
  of the two (a translation must stand out in both);
- ``shared``: what the two sentences share as a share of their evidence
  (:meth:`translator.align.bag.BagBank.support`), row and column together;
- ``words``: with a dictionary, the log-likelihood ratio (genuine against
  unrelated) of the pair's content words' dictionary ties, look-alikes and
  numbers against the document's own links' and unrelated pairings' hit
  rates (:func:`translator.align.confidence.word_evidence`; not a share:
  its threshold is in log-likelihood units), and ``words<rich``, the same
  where ``pooled`` is below the judge's ``RICH`` (the judge's word test
  takes apart links below ``-UNTIED`` of those only).

Replacements the final alignment does not link 1-1 (absorbed into an n-m
link, or already taken apart) are counted apart: no 1-1 judge can change
them. Also printed: how many planted pairs fit better than *every*
unrelated pairing of their row and column (unreachable by any rule that
compares a pair with its document's chance level). Without the shared data
the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from unittest import mock

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import divergence  # noqa: E402
from corpora import all_documents, bench_dir  # noqa: E402

FEATURES = ("pooled", "row", "column", "min", "shared", "words", "words<rich")
#: unrelated pairings closer than this are not unrelated (as in the judge)
NEAR = 2


def _record(case: divergence.Case) -> dict | None:
    """Run ``compare`` on ``case`` and return the judge's inputs with each
    segment's line number (None when the engine never judged)."""
    import translator.align.engine as engine

    seen: dict = {}
    real = engine.judge

    def spy(spans, costs, grid, one_to_one, **kw):
        seen.update(
            spans=list(spans),
            grid=grid,
            one_to_one=tuple(np.array(x) for x in one_to_one),
            lexical=list(kw.get("lexical", ())),
        )
        return real(spans, costs, grid, one_to_one, **kw)

    with mock.patch.object(engine, "judge", spy):
        comparison, ranges = divergence.compare(case.source, case.target, case.source_lang, case.target_lang)
    if not seen:
        return None
    alignment = comparison.alignments[0]
    docs = comparison.documents
    seen["src_line"] = _lines(docs[alignment.source].segments, ranges[0])
    seen["tgt_line"] = _lines(docs[alignment.target].segments, ranges[1])
    return seen


def _lines(segments, ranges) -> list[int]:
    out = []
    for seg in segments:
        out.append(next((k for k, (a, b) in enumerate(ranges) if seg.start < b and a < seg.end), -1))
    return out


def _dense(grid, values: np.ndarray) -> np.ndarray:
    """A band vector as an ``n × m`` matrix (``nan`` outside the band)."""
    out = np.full((grid.n + 1, grid.m + 1), np.nan)
    for r in range(grid.n + 1):
        lo, hi, off = int(grid.lo[r]), int(grid.hi[r]), int(grid.off[r])
        out[r, lo : hi + 1] = values[off : off + hi - lo + 1]
    out[~np.isfinite(out)] = np.nan
    return out[1:, 1:]


def _share_worse(own: float, null: np.ndarray, lower_is_better: bool) -> float:
    null = null[np.isfinite(null)]
    if not len(null) or not np.isfinite(own):
        return float("nan")
    worse = np.count_nonzero(null > own + 1e-6) if lower_is_better else np.count_nonzero(null < own - 1e-6)
    ties = np.count_nonzero(np.abs(null - own) <= 1e-6)
    return (worse + 0.5 * ties) / len(null)


def link_features(rec: dict) -> list[dict]:
    """The features of every 1-1 link of a recorded alignment."""
    evidence, support, capacity = rec["one_to_one"]
    cost = _dense(rec["grid"], evidence)
    shared = _dense(rec["grid"], support / np.maximum(capacity, 0.3))
    shared[_dense(rec["grid"], capacity) < 0.3] = np.nan
    out = []
    for i0, i1, j0, j1 in rec["spans"]:
        if i1 - i0 != 1 or j1 - j0 != 1:
            continue
        i, j = i0, j0
        far_c = np.abs(np.arange(cost.shape[1]) - j) >= NEAR
        far_r = np.abs(np.arange(cost.shape[0]) - i) >= NEAR
        row, col = cost[i, far_c], cost[far_r, j]
        f = {
            "i": i,
            "j": j,
            "row": _share_worse(cost[i, j], row, True),
            "column": _share_worse(cost[i, j], col, True),
            "pooled": _share_worse(cost[i, j], np.concatenate([row, col]), True),
            "shared": _share_worse(shared[i, j], np.concatenate([shared[i, far_c], shared[far_r, j]]), False),
            "best": bool(
                np.all(row[np.isfinite(row)] > cost[i, j]) and np.all(col[np.isfinite(col)] > cost[i, j])
            ),
            "unrelated": int(np.isfinite(row).sum() + np.isfinite(col).sum()),
        }
        f["min"] = min(f["row"], f["column"])
        out.append(f)
    _words(rec, out)
    return out


def _words(rec: dict, links: list[dict]) -> None:
    """Add each judged link's ``words`` evidence (``nan`` without a dictionary)."""
    from translator.align.confidence import RICH, word_evidence

    p = np.array([f["i"] for f in links], dtype=np.int64)
    q = np.array([f["j"] for f in links], dtype=np.int64)
    judged = np.array([f["unrelated"] >= 8 for f in links], dtype=bool)
    evidence = word_evidence(rec.get("lexical", ()), p, q, judged)
    for f, value in zip(links, evidence.tolist(), strict=True):
        f["words"] = value
        f["words<rich"] = value if f["pooled"] < RICH else float("nan")


def measure(docs, cases: int, seed: int) -> dict:
    """Per dictionary setting: planted-link features and control links."""
    result = {}
    for setting in divergence._dict_settings("both"):
        with setting() as label:
            planted, controls, sentences = [], [], 0
            other = {"apart": 0, "in n-m": 0}
            for case in divergence.cases(docs, cases, seed):
                if case.edit not in ("replacement", "control"):
                    continue
                rec = _record(case)
                if rec is None:
                    continue
                feats = [f for f in link_features(rec) if f["unrelated"] >= 8]
                if case.edit == "control":
                    known_s, known_t = set(case.known.get("src", [])), set(case.known.get("tgt", []))
                    controls += [
                        f
                        for f in feats
                        if rec["src_line"][f["i"]] not in known_s and rec["tgt_line"][f["j"]] not in known_t
                    ]
                    sentences += len(case.source)
                    continue
                mine = [f for f in feats if rec["tgt_line"][f["j"]] in case.marks["tgt"]]
                if mine:
                    planted.append(mine[0])
                else:
                    other[_placed(rec, case.marks["tgt"])] += 1
            result[label] = {"planted": planted, "controls": controls, "sentences": sentences, **other}
    return result


def _placed(rec: dict, lines: list[int]) -> str:
    """Where the search put a planted target sentence that no 1-1 link
    holds: ``apart`` (an addition, the search's own verdict) or ``in n-m``
    (inside a larger link, or a 1-1 link with too few unrelated pairings
    to judge)."""
    for i0, i1, j0, j1 in rec["spans"]:
        if any(rec["tgt_line"][j] in lines for j in range(j0, j1)):
            return "apart" if i0 == i1 else "in n-m"
    return "in n-m"


def ceiling(planted: list[dict], controls: list[dict], feature: str, allowed: int) -> tuple[int, float]:
    """Most planted links below a threshold that leaves at most ``allowed``
    control links below it (a link is taken apart when its feature is
    below the threshold); returns the count and the threshold."""
    values = sorted({f[feature] for f in planted + controls if np.isfinite(f[feature])} | {1.01})
    best = (0, 0.0)
    for t in values:
        false = sum(1 for f in controls if np.isfinite(f[feature]) and f[feature] < t)
        if false > allowed:
            break
        hits = sum(1 for f in planted if np.isfinite(f[feature]) and f[feature] < t)
        if hits > best[0]:
            best = (hits, t)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", help="benchmark data folder (default: TRANSLATOR_BENCH_DATA or ../shared/bench)"
    )
    parser.add_argument("--cases", type=int, default=20, help="cases per edit type (default 20)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--budget",
        type=float,
        default=0.5,
        help="allowed false alarms per 100 control sentences (default 0.5)",
    )
    args = parser.parse_args(argv)
    data = bench_dir(args.data)
    if data is None:
        print("skipped: benchmark data not found (--data, TRANSLATOR_BENCH_DATA or ../shared/bench)")
        return 0
    load = os.getloadavg()
    started, cpu = time.perf_counter(), time.process_time()
    docs = list(all_documents(data, seed=args.seed))
    result = measure(docs, args.cases, args.seed)
    print(f"replacement ceilings, model-free, seed {args.seed}, {args.cases} cases per edit type")
    for label, r in result.items():
        allowed = int(args.budget * r["sentences"] / 100)
        total = len(r["planted"]) + r["apart"] + r["in n-m"]
        print(
            f"\n{label}: {total} replacements: {len(r['planted'])} linked 1-1 (judgeable), {r['apart']}"
            f" left apart by the search, {r['in n-m']} inside larger links; controls {r['sentences']}"
            f" sentences, {len(r['controls'])} judged 1-1 links, {allowed} false alarms allowed"
            f" ({args.budget} per 100)"
        )
        best = sum(f["best"] for f in r["planted"])
        print(f"  planted pairs fitting better than every unrelated pairing of their row and column: {best}")
        print(f"  {'feature':<8} {'judged':>7} {'ceiling':>8} {'recall':>7} {'threshold':>10}")
        for feature in FEATURES:
            hits, t = ceiling(r["planted"], r["controls"], feature, allowed)
            reach = hits + r["apart"]
            print(f"  {feature:<8} {hits:>7} {reach:>5}/{total:<2} {reach / max(total, 1):>7.2f} {t:>10.3f}")
        print("  (ceiling: taken apart by the threshold plus left apart by the search)")
    print(
        f"\nwall {time.perf_counter() - started:.1f} s, CPU {time.process_time() - cpu:.1f} s, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
