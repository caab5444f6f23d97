#!/usr/bin/env python3
"""Divergence benchmark: are planted edits reported, at the right place, and nothing else?

The report is only as honest as the alignment under it. This benchmark takes
real parallel documents (:mod:`corpora`: Text+Berg German–French, WMT21
German–English both ways, 15–40 sentences each), plants *one* edit in the
translation of each case and runs the whole ``compare`` pipeline in-process
(load -> segment -> detect -> align -> checks; no machine translation), then
counts:

- per edit type, **recall at the right place**: a finding of the expected
  kind whose span (or counterpart span) overlaps the edited sentences. For a
  translator's split or merge the "right" outcome is the absence of any
  omission/addition/replacement finding on it;
- per 100 source sentences, **findings touching no planted edit** (every
  kind, and the omission/addition/replaced subset), over the edited cases
  and over unedited controls;
- the runtime.

Edit types: omission, addition (a sentence of another document),
replacement (one sentence swapped for one of another document), split (a
sentence cut in two at a comma), merge (two sentences joined by a
semicolon), move, changed number, duplicated sentence, untranslated source
sentence, caption/credit label left in the source language, and controls.

A second part compares the two independent professional translations of
WMT21 (reference A against the other, same language, unedited): every
omission/addition/replaced finding there is false.

``--dict on|off|both`` runs with the installed FreeDict dictionaries or with
an empty dictionary folder (``TRANSLATOR_DICTD_DIR``), so both columns can
be reported. The faithful-translation part (``divergence_faithful.py``,
when present) runs with ``--part faithful`` or ``all``. The seed is fixed;
the table is printed and the figures written as JSON. Without the shared
data the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from corpora import ParallelDoc, all_documents, bench_dir, wmt21_documents  # noqa: E402

EDITS = (
    "omission",
    "addition",
    "replacement",
    "split",
    "merge",
    "move",
    "number",
    "duplicate",
    "untranslated",
    "caption",
    "control",
)
#: finding kinds that count as reporting each edit (split, merge and the
#: controls are scored by the *absence* of divergence findings instead)
EXPECTED = {
    "omission": {"omission"},
    "addition": {"addition"},
    "replacement": {"replaced"},
    "move": {"moved"},
    "number": {"numbers"},
    "duplicate": {"duplicates", "addition"},
    "untranslated": {"residue", "untranslated"},
    "caption": {"residue", "untranslated"},
}
#: the findings a wrong alignment produces
DIVERGENCE = {"omission", "addition", "replaced"}

#: caption and credit labels of each source language: left untranslated in
#: the other language's copy, they are residue
CAPTIONS = {
    "de": ("Foto: {name}", "Bild: {name} / Keystone", "Quelle: {name}", "Grafik: {name} / Archiv"),
    "en": ("Photo: {name}", "Picture: {name} / Reuters", "Source: {name}", "Graphic: {name} / Archive"),
    "fr": ("Photo : {name}", "Image : {name} / Keystone", "Source : {name}", "Graphique : {name}"),
}
NAMES = ("Anna Keller", "Martin Brunner", "Sophie Laurent", "David Meier", "Laura Fischer", "Peter Huber")

_NUMBER = re.compile(r"(?<![\w.,])\d{2,4}(?![\w.,]\d)")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Case:
    """One document pair with one planted edit.

    ``marks`` are the edited sentences per side (``"src"``/``"tgt"``, line
    numbers); ``expect`` says where the expected finding must land.
    """

    doc: str
    edit: str
    source_lang: str
    target_lang: str
    source: list[str]
    target: list[str]
    marks: dict[str, list[int]] = field(default_factory=dict)
    expect: dict[str, list[int]] = field(default_factory=dict)
    #: sentences the gold itself leaves unaligned (Text+Berg has a few
    #: untranslated notes): a finding on them is right, not a false alarm
    known: dict[str, list[int]] = field(default_factory=dict)


# -- planting edits ---------------------------------------------------------


def one_to_one(doc: ParallelDoc) -> list[tuple[int, int]]:
    """Gold 1-1 links of sentences with letters in them (the edit sites)."""
    return [
        (src[0], tgt[0])
        for src, tgt in doc.gold
        if len(src) == 1 and len(tgt) == 1 and _LETTER.search(doc.target[tgt[0]])
    ]


def _foreign(pool: list[ParallelDoc], doc: ParallelDoc, rng: random.Random) -> str | None:
    """A body sentence of another story in the same target language (None:
    there is none).

    Not merely another cut document: a cut may end inside an article, and a
    sentence of the same article is not unrelated (it shares names, numbers
    and topic words with the sentences around the edit), so documents that
    share a story with ``doc`` are left out (:attr:`ParallelDoc.stories`).
    """
    others = [
        d
        for d in pool
        if d.target_lang == doc.target_lang and d.name != doc.name and not (d.stories & doc.stories)
    ]
    lines = [line for other in others for line in other.target if len(line.split()) >= 6]
    return rng.choice(lines) if lines else None


def plant(edit: str, doc: ParallelDoc, pool: list[ParallelDoc], rng: random.Random) -> Case | None:
    """``doc`` with one ``edit`` planted in its translation (None: no site)."""
    case = _plant(edit, doc, pool, rng)
    if case is not None:
        lone_src = {doc.source[i] for src, tgt in doc.gold if not tgt for i in src}
        lone_tgt = {doc.target[j] for src, tgt in doc.gold if not src for j in tgt}
        case.known = {
            "src": [k for k, line in enumerate(case.source) if line in lone_src],
            "tgt": [k for k, line in enumerate(case.target) if line in lone_tgt],
        }
    return case


def _plant(edit: str, doc: ParallelDoc, pool: list[ParallelDoc], rng: random.Random) -> Case | None:
    src, tgt = list(doc.source), list(doc.target)
    case = Case(doc.name, edit, doc.source_lang, doc.target_lang, src, tgt)
    sites = one_to_one(doc)
    if edit == "control":
        return case
    if edit == "omission":
        i, j = rng.choice(sites)
        del tgt[j]
        case.marks = case.expect = {"src": [i]}
    elif edit == "addition":
        j = rng.randrange(1, len(tgt))
        line = _foreign(pool, doc, rng)
        if line is None:
            return None
        tgt.insert(j, line)
        case.marks = case.expect = {"tgt": [j]}
    elif edit == "replacement":
        i, j = rng.choice(sites)
        line = _foreign(pool, doc, rng)
        if line is None:
            return None
        tgt[j] = line
        case.marks = {"src": [i], "tgt": [j]}
        case.expect = {"tgt": [j]}
    elif edit == "split":
        cut = [(i, j, k) for i, j in sites for k in _split_points(tgt[j])]
        if not cut:
            return None
        i, j, k = rng.choice(cut)
        head, tail = tgt[j][:k].rstrip(" ,;"), tgt[j][k:].lstrip(" ,;")
        tgt[j : j + 1] = [head + ".", tail[:1].upper() + tail[1:]]
        case.marks = {"src": [i], "tgt": [j, j + 1]}
    elif edit == "merge":
        pairs = [(a, b) for a, b in zip(sites, sites[1:], strict=False) if b == (a[0] + 1, a[1] + 1)]
        if not pairs:
            return None
        (i, j), _ = rng.choice(pairs)
        tgt[j : j + 2] = [re.sub(r"\s*[.!?]+\s*$", "", tgt[j]) + "; " + tgt[j + 1]]
        case.marks = {"src": [i, i + 1], "tgt": [j]}
    elif edit == "move":
        i, j = rng.choice([s for s in sites if len(tgt[s[1]].split()) >= 6] or sites)
        line = tgt.pop(j)
        spots = [k for k in range(len(tgt) + 1) if abs(k - j) >= 3]
        k = rng.choice(spots)
        tgt.insert(k, line)
        case.marks = {"src": [i], "tgt": [k]}
        case.expect = {"tgt": [k]}
    elif edit == "number":
        hits = [
            (i, j, m)
            for i, j in sites
            for m in _NUMBER.finditer(tgt[j])
            if re.search(rf"(?<![\w.,]){m.group()}(?![\w])", src[i])
        ]
        if not hits:
            return None
        i, j, m = rng.choice(hits)
        value = m.group()
        changed = str(int(value) + rng.choice((1, 2, 3, 7, 10)))
        tgt[j] = tgt[j][: m.start()] + changed + tgt[j][m.end() :]
        case.marks = case.expect = {"src": [i], "tgt": [j]}
    elif edit == "duplicate":
        long = [(i, j) for i, j in sites if len(tgt[j].split()) >= 8]
        if not long:
            return None
        i, j = rng.choice(long)
        tgt.insert(j + 1, tgt[j])
        case.marks = case.expect = {"tgt": [j + 1]}
    elif edit == "untranslated":
        i, j = rng.choice([s for s in sites if len(src[s[0]].split()) >= 6] or sites)
        tgt[j] = src[i]
        case.marks = {"src": [i], "tgt": [j]}
        case.expect = {"tgt": [j]}
    elif edit == "caption":
        # a credit line stands in both versions between two sentences the
        # gold aligns 1-1; the translation kept the source language's label
        i, j = rng.choice(sites)
        label = rng.choice(CAPTIONS[doc.source_lang]).format(name=rng.choice(NAMES))
        src.insert(i + 1, label)
        tgt.insert(j + 1, label)
        case.marks = {"src": [i + 1], "tgt": [j + 1]}
        case.expect = {"tgt": [j + 1]}
    else:
        raise ValueError(f"unknown edit {edit}")
    return case


def _split_points(sentence: str) -> list[int]:
    """Comma positions that leave at least four words on either side."""
    out = []
    for m in re.finditer(r",\s", sentence):
        if len(sentence[: m.start()].split()) >= 4 and len(sentence[m.end() :].split()) >= 4:
            out.append(m.start())
    return out


def cases(docs: list[ParallelDoc], per_edit: int, seed: int) -> Iterator[Case]:
    """``per_edit`` cases of every edit type, documents taken round robin
    over the corpora (Text+Berg, WMT21 de-en, en-de) in a seeded order."""
    by_corpus: dict[str, list[ParallelDoc]] = {}
    for doc in docs:
        by_corpus.setdefault(doc.name.rsplit("-", 1)[0], []).append(doc)
    for edit in EDITS:
        rng = random.Random(f"{seed}-{edit}")
        queues = {name: rng.sample(group, len(group)) for name, group in sorted(by_corpus.items())}
        made, tries = 0, 0
        names = sorted(queues)
        while made < per_edit and tries < per_edit * 20:
            corpus = names[tries % len(names)]
            queue = queues[corpus]
            doc = queue[(tries // len(names)) % len(queue)]
            tries += 1
            if not one_to_one(doc):
                continue
            case = plant(edit, doc, docs, rng)
            if case is not None:
                made += 1
                yield case


# -- running the pipeline ------------------------------------------------------


def _document(lines: list[str], name: str, lang: str):
    """A plain-text version, one sentence per paragraph, and each line's
    character range (findings point at character spans)."""
    from translator.ingest.load import document_from_text
    from translator.pipeline import prepare_document

    ranges, pos = [], 0
    for line in lines:
        ranges.append((pos, pos + len(line)))
        pos += len(line) + 2
    doc = document_from_text("\n\n".join(lines) + "\n", name)
    return prepare_document(doc, lang), ranges


def compare(source: list[str], target: list[str], source_lang: str, target_lang: str):
    """The ``compare`` pipeline in-process, model-free; returns the
    comparison and each line's character range per version."""
    from translator.pipeline import CompareOptions, compare_documents

    a, ranges_a = _document(source, "source.txt", source_lang)
    b, ranges_b = _document(target, "target.txt", target_lang)
    comparison = compare_documents([a, b], CompareOptions(machine_translation=False, mt_cache=False))
    return comparison, {0: ranges_a, 1: ranges_b}


def _touches(span, ranges: dict[int, list[tuple[int, int]]], lines: dict[int, list[int]]) -> bool:
    if span is None:
        return False
    for line in lines.get(span.version, []):
        start, end = ranges[span.version][line]
        if span.start < end and start < span.end:
            return True
    return False


def score_case(case: Case) -> dict:
    started = time.process_time()
    comparison, ranges = compare(case.source, case.target, case.source_lang, case.target_lang)
    cpu = time.process_time() - started
    marked = {0: case.marks.get("src", []), 1: case.marks.get("tgt", [])}
    expect = {0: case.expect.get("src", []), 1: case.expect.get("tgt", [])}
    kinds = EXPECTED.get(case.edit, set())
    found = any(
        f.kind in kinds and (_touches(f.span, ranges, expect) or _touches(f.related, ranges, expect))
        for f in comparison.findings
    )
    on_edit = [
        f
        for f in comparison.findings
        if _touches(f.span, ranges, marked) or _touches(f.related, ranges, marked)
    ]
    known = {0: case.known.get("src", []), 1: case.known.get("tgt", [])}
    elsewhere = [
        f
        for f in comparison.findings
        if f not in on_edit
        and not (
            f.kind in DIVERGENCE and (_touches(f.span, ranges, known) or _touches(f.related, ranges, known))
        )
    ]
    if case.edit in {"split", "merge", "control"}:
        found = not any(f.kind in DIVERGENCE for f in on_edit)
    return {
        "doc": case.doc,
        "edit": case.edit,
        "sentences": len(case.source),
        "found": found,
        "elsewhere": Counter(f.kind for f in elsewhere),
        "on_edit": sorted(f.kind for f in on_edit),
        "cpu": cpu,
    }


def summarise(rows: list[dict]) -> dict:
    out = {}
    for edit in EDITS:
        mine = [r for r in rows if r["edit"] == edit]
        if not mine:
            continue
        sentences = sum(r["sentences"] for r in mine)
        elsewhere: Counter = Counter()
        for r in mine:
            elsewhere.update(r["elsewhere"])
        out[edit] = {
            "cases": len(mine),
            "found": sum(r["found"] for r in mine),
            "recall": sum(r["found"] for r in mine) / len(mine),
            "sentences": sentences,
            "divergence_elsewhere_per_100": 100 * sum(elsewhere[k] for k in DIVERGENCE) / sentences,
            "all_elsewhere_per_100": 100 * sum(elsewhere.values()) / sentences,
            "elsewhere_by_kind": dict(sorted(elsewhere.items())),
            "cpu_seconds": sum(r["cpu"] for r in mine),
            "missed": [r["doc"] for r in mine if not r["found"]],
        }
    return out


def same_language(data: Path, seed: int, limit: int) -> dict:
    """WMT21 reference A against the other reference (same language, both
    faithful): every omission/addition/replaced finding is a false one."""
    sentences, cpu = 0, 0.0
    kinds: Counter = Counter()
    docs = 0
    for direction in ("de-en", "en-de"):
        for doc in wmt21_documents(data, direction, seed=seed)[:limit]:
            (name, other), *_ = doc.alternatives.items()
            started = time.process_time()
            comparison, _ = compare(doc.target, other, doc.target_lang, doc.target_lang)
            cpu += time.process_time() - started
            sentences += len(doc.target)
            docs += 1
            kinds.update(f.kind for f in comparison.findings)
    return {
        "documents": docs,
        "sentences": sentences,
        "divergence_per_100": 100 * sum(kinds[k] for k in DIVERGENCE) / max(sentences, 1),
        "by_kind": dict(sorted(kinds.items())),
        "cpu_seconds": cpu,
    }


def run_planted(args: argparse.Namespace, data: Path) -> dict:
    docs = list(all_documents(data, seed=args.seed))
    result: dict = {"seed": args.seed, "cases_per_edit": args.cases, "settings": {}}
    for setting in _dict_settings(args.dict):
        with setting() as label:
            wanted = set(args.edits.split(","))
            rows = [score_case(case) for case in cases(docs, args.cases, args.seed) if case.edit in wanted]
            entry = {"edits": summarise(rows)}
            if args.same_language:
                entry["same_language"] = same_language(data, args.seed, args.same_language)
            result["settings"][label] = entry
    return result


def _dict_settings(choice: str) -> list[Callable]:
    """Context managers for the dictionary columns asked for."""
    from contextlib import contextmanager

    from translator.align.signals.dictionary import load_lexicon

    @contextmanager
    def installed():
        load_lexicon.cache_clear()
        yield "FreeDict" if load_lexicon("de", "fr", None) else "FreeDict (none installed)"
        load_lexicon.cache_clear()

    @contextmanager
    def none():
        old = os.environ.get("TRANSLATOR_DICTD_DIR")
        with tempfile.TemporaryDirectory() as empty:
            os.environ["TRANSLATOR_DICTD_DIR"] = empty
            load_lexicon.cache_clear()
            try:
                yield "no dictionary"
            finally:
                load_lexicon.cache_clear()
                if old is None:
                    os.environ.pop("TRANSLATOR_DICTD_DIR", None)
                else:
                    os.environ["TRANSLATOR_DICTD_DIR"] = old

    return {"on": [installed], "off": [none], "both": [none, installed]}[choice]


def report_planted(result: dict) -> str:
    labels = list(result["settings"])
    lines = [
        f"planted edits, model-free, seed {result['seed']}, {result['cases_per_edit']} cases per edit type"
    ]
    head = f"{'edit':<13}" + "".join(f" | {label[:26]:^26}" for label in labels)
    sub = f"{'':<13}" + " | recall  div/100  all/100  cpu s" * len(labels)
    lines += ["", head, sub]
    for edit in EDITS:
        cells = []
        for label in labels:
            e = result["settings"][label]["edits"].get(edit)
            if e is None:
                cells.append(f" | {'-':^26}")
                continue
            cells.append(
                f" | {e['recall']:6.2f} {e['divergence_elsewhere_per_100']:8.2f}"
                f" {e['all_elsewhere_per_100']:8.2f} {e['cpu_seconds']:6.1f}"
            )
        lines.append(f"{edit:<13}" + "".join(cells))
    lines.append("")
    lines.append(
        "recall: expected finding at the edit (split, merge, control: no omission/addition/replaced on it);"
    )
    lines.append(
        "div/100, all/100: omission+addition+replaced / all findings touching no edit, per 100 source sentences"
        " (divergence findings on sentences the gold leaves unaligned are right, not counted)"
    )
    for label in labels:
        same = result["settings"][label].get("same_language")
        if same:
            lines.append(
                f"same language, WMT21 reference A vs the other ({label}): {same['documents']} documents,"
                f" {same['sentences']} sentences, {same['divergence_per_100']:.2f} omission/addition/replaced"
                f" per 100 sentences; by kind {same['by_kind']}; CPU {same['cpu_seconds']:.1f} s"
            )
    return "\n".join(lines)


def _faithful():
    try:
        import divergence_faithful
    except ImportError:
        return None
    return divergence_faithful


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", help="benchmark data folder (default: TRANSLATOR_BENCH_DATA or ../shared/bench)"
    )
    parser.add_argument("--part", choices=("planted", "faithful", "all"), default="planted")
    parser.add_argument("--cases", type=int, default=30, help="cases per edit type (default 30)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--edits",
        default=",".join(EDITS),
        help="comma-separated edit types to plant (default: all; a quick look at a few)",
    )
    parser.add_argument(
        "--dict",
        choices=("on", "off", "both"),
        default="both",
        help="FreeDict dictionaries: installed, none, or both",
    )
    parser.add_argument(
        "--no-dict", dest="dict", action="store_const", const="off", help="same as --dict off"
    )
    parser.add_argument(
        "--same-language",
        type=int,
        default=12,
        metavar="N",
        help="WMT21 documents per direction for the reference-against-reference part (0: skip)",
    )
    parser.add_argument(
        "--json", type=Path, default=Path("divergence.json"), help="where to write the figures"
    )
    faithful = _faithful()
    if faithful is not None:
        faithful.add_arguments(parser)
    args = parser.parse_args(argv)
    unknown = set(args.edits.split(",")) - set(EDITS)
    if unknown:
        parser.error(f"unknown edit type {', '.join(sorted(unknown))}; known: {', '.join(EDITS)}")
    data = bench_dir(args.data)
    if data is None:
        print("skipped: benchmark data not found (--data, TRANSLATOR_BENCH_DATA or ../shared/bench)")
        return 0
    load = os.getloadavg()
    started, cpu = time.perf_counter(), time.process_time()
    out: dict = {"data": str(data), "load_average": load}
    if args.part in ("planted", "all"):
        out["planted"] = run_planted(args, data)
        print(report_planted(out["planted"]))
    if args.part in ("faithful", "all"):
        if faithful is None:
            print("faithful-translation part not available (benchmarks/divergence_faithful.py missing)")
        else:
            out["faithful"] = faithful.run(args)
            print(faithful.report(out["faithful"]))
    out["wall_seconds"] = time.perf_counter() - started
    out["cpu_seconds"] = time.process_time() - cpu
    print(
        f"\nwall {out['wall_seconds']:.1f} s, CPU {out['cpu_seconds']:.1f} s, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    from translator.atomic import write_atomic

    write_atomic(args.json, json.dumps(out, indent=2, default=dict) + "\n")
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
