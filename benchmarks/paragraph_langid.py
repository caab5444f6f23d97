#!/usr/bin/env python3
"""Paragraph languages: the fast restricted detector confirming the
document's language, langdetect deciding the rest (issue #18), against
langdetect on every paragraph.

Three parts, each against its baseline in the same run:

1. **Agreement** (``--part agreement``): every paragraph of each set is
   decided both ways, langdetect alone (the old path) and the new path
   (:func:`translator.ingest.detect.confirmer`, then langdetect where it
   returns nothing). Printed per set: paragraphs, how many the fast detector
   decided, how many of those got langdetect's language, and every
   disagreement with langdetect's probability (the judge of who is right is
   the reader: the paragraph is printed). Sets:

   - Text+Berg dev (German, French) and the six WMT21 news files, four
     lines a paragraph, in a document of their own language;
   - the langid sentences of ten languages, three to a paragraph, each set
     placed in a document of every one of the ten languages (a Polish
     paragraph in a German document, a Portuguese one in a Spanish
     document: the foreign paragraphs the residue check looks for, and the
     close relatives the fast detector must not claim);
   - mixed paragraphs: three WMT21 sentences of the document's language
     with one of the other language's inserted, and one of each; German
     captions ("Foto: ...", a German sentence) as paragraphs of an English
     document;
   - the langid word pairs and single words, each an item in a document
     of its language (all too short to confirm: langdetect's);
   - every prose file of ``examples/`` as the pipeline loads it.

   ``--sweep`` repeats the count with each threshold changed on its own
   (posterior, function-word share, words, the foreign-stretch test).

2. **Detection time per paragraph** (``--part time``): ``detect_document``
   on a long document of distinct paragraphs (the WMT21 English and German
   sides, four lines a paragraph), each mode in a fresh process with
   langdetect's profiles loaded first (both modes pay that); the new mode
   includes loading its word lists. CPU milliseconds per paragraph.

3. **Whole compare** (``--part compare``): ``translator compare --format
   json --no-mt`` of a long German-English pair (WMT21: German original
   plus German reference against their English counterparts, about 2,000
   sentences a side, no paragraph repeated) and of identical.py's long case
   (Text+Berg's dev stretch repeated to ``--textberg-lines`` German lines)
   with ``--baseline`` (a git ref, exported as :mod:`long_compare` does)
   and with this checkout, in fresh processes, CPU seconds and peak RSS;
   then whether the two JSON reports are identical apart from paragraphs'
   and segments' ``lang_confidence`` (the one field the new path may
   change) and how many of those differ, or else every paragraph language,
   segment count and finding that changed.

Load average is printed with every timing. Without the benchmark data the
data-dependent sets are skipped (``examples/`` always runs).

    python benchmarks/paragraph_langid.py                    # all parts, baseline = main
    python benchmarks/paragraph_langid.py --part agreement --show 20 --sweep
    python benchmarks/paragraph_langid.py --part compare --baseline a580819 --repeat 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import bench_dir  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LANGID = ("de", "en", "es", "fr", "it", "nl", "pl", "pt", "ru", "uk")
WMT = {
    "wmt21 de-en.src.de": ("newstest2021.de-en.src.de", "de"),
    "wmt21 de-en.ref.A.en": ("newstest2021.de-en.ref.A.en", "en"),
    "wmt21 de-en.ref.B.en": ("newstest2021.de-en.ref.B.en", "en"),
    "wmt21 en-de.src.en": ("newstest2021.en-de.src.en", "en"),
    "wmt21 en-de.ref.A.de": ("newstest2021.en-de.ref.A.de", "de"),
    "wmt21 en-de.ref.C.de": ("newstest2021.en-de.ref.C.de", "de"),
}


#: langdetect's probability from which its answer counts as reliable
RELIABLE = 0.9


def _lines(path: Path) -> list[str]:
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _groups(lines: list[str], size: int) -> list[str]:
    return [" ".join(lines[i : i + size]) for i in range(0, len(lines), size)]


def loads() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# -- 1. agreement -------------------------------------------------------------


def agreement_sets(root: Path | None) -> Iterator[tuple[str, str, list[str]]]:
    """``(set name, document language, paragraphs)``."""
    if root is not None and (root / "textberg-dev" / "dev.de").is_file():
        for name, lang in (("dev.de", "de"), ("dev.fr", "fr")):
            yield f"textberg {name}", lang, _groups(_lines(root / "textberg-dev" / name), 4)
    wmt = root / "wmt21-news" if root is not None else None
    if wmt is not None and all((wmt / f).is_file() for f, _ in WMT.values()):
        for name, (file, lang) in WMT.items():
            yield name, lang, _groups(_lines(wmt / file), 4)
        de, en = _lines(wmt / WMT["wmt21 de-en.src.de"][0]), _lines(wmt / WMT["wmt21 de-en.ref.A.en"][0])
        n = min(len(de), len(en), 800)
        fours, twos = range(0, n - 3, 4), range(0, n - 1, 2)
        yield "mixed: 3 en + 1 de sentence", "en", [" ".join([*en[i : i + 3], de[i + 3]]) for i in fours]
        yield "mixed: 3 de + 1 en sentence", "de", [" ".join([*de[i : i + 3], en[i + 3]]) for i in fours]
        yield "mixed: 1 en + 1 de sentence", "en", [f"{en[i]} {de[i + 1]}" for i in twos]
        yield "captions: de sentence in en doc", "en", de[: n // 2]
        yield "captions: 'Foto:' + de in en doc", "en", [f"Foto: {x}" for x in de[n // 2 : 3 * n // 4]]
    langid = root / "langid" / "sentences" if root is not None else None
    if langid is not None and all((langid / f"{lang}.txt").is_file() for lang in LANGID):
        for lang in LANGID:
            paragraphs = _groups(_lines(langid / f"{lang}.txt"), 3)
            for doc_lang in LANGID:
                yield f"langid {lang} in {doc_lang} doc", doc_lang, paragraphs
    for granularity in ("word-pairs", "single-words"):
        folder = root / "langid" / granularity if root is not None else None
        if folder is not None and all((folder / f"{lang}.txt").is_file() for lang in LANGID):
            for lang in LANGID:
                yield f"{granularity} {lang}", lang, _lines(folder / f"{lang}.txt")
    yield from examples()


def examples() -> Iterator[tuple[str, str, list[str]]]:
    from translator.ingest.langid import detect
    from translator.ingest.load import load_document

    for path in sorted((ROOT / "examples").rglob("*")):
        if path.suffix not in {".md", ".txt", ".html"} or path.name == "EXPECTED.md":
            continue
        doc = load_document(str(path))
        if not doc.paragraphs or doc.paragraphs[0].unit is not None:
            continue
        lang = doc.declared_lang or detect(doc.text).lang
        if lang:
            yield (
                f"examples/{path.relative_to(ROOT / 'examples')}",
                lang,
                [doc.text[p.start : p.end] for p in doc.paragraphs],
            )


def agreement(root: Path | None, show: int, sweep: bool) -> None:
    from translator.ingest.langid import detect

    sets = list(agreement_sets(root))
    memo: dict[str, tuple[str | None, float]] = {}

    def reference(text: str) -> tuple[str | None, float]:
        if text not in memo:
            guess = detect(text)
            memo[text] = (guess.lang, guess.confidence)
        return memo[text]

    print("== agreement: the new path against langdetect on every paragraph ==")
    print(f"{'set':<38} {'doc':>3} {'paras':>6} {'fast':>6} {'agree':>6} {'differ':>6}")
    rows, differ = decide(sets, reference)
    shown: dict[str, list[int]] = {}
    for (name, lang, paragraphs), (fast, agree) in zip(sets, rows, strict=True):
        if name.startswith("langid ") and not name.endswith(f" in {name.split()[1]} doc"):
            # a language's paragraphs in the nine other languages' documents: one row
            key = f"{name.split(' in ')[0]} in other docs"
            total = shown.setdefault(key, [0, 0, 0])
            total[0] += len(paragraphs)
            total[1] += fast
            total[2] += agree
            continue
        print(f"{name:<38} {lang:>3} {len(paragraphs):>6} {fast:>6} {agree:>6} {fast - agree:>6}", flush=True)
    for key, (paras, fast, agree) in shown.items():
        print(f"{key:<38} {'*':>3} {paras:>6} {fast:>6} {agree:>6} {fast - agree:>6}")
    paras = sum(len(p) for _, _, p in sets)
    fast = sum(f for f, _ in rows)
    agree = sum(a for _, a in rows)
    print(f"{'all':<38} {'':>3} {paras:>6} {fast:>6} {agree:>6} {fast - agree:>6}")
    reliable = sum(1 for *_, old_p, _, _ in differ if old_p >= RELIABLE)
    print(f"disagreements where langdetect is reliable (probability >= {RELIABLE}): {reliable}")
    for name, new, old, old_p, new_p, text in differ[:show]:
        print(f"  differs in {name}: new {new} ({new_p:.4f}), langdetect {old} ({old_p:.4f}): {text[:160]!r}")
    if len(differ) > show:
        print(f"  ... {len(differ) - show} more (--show N)")
    if sweep:
        threshold_sweep(sets, reference)


def decide(
    sets: list[tuple[str, str, list[str]]], reference: Callable[[str], tuple[str | None, float]]
) -> tuple[list[tuple[int, int]], list[tuple[str, str, str, float, float, str]]]:
    """Per set, how many paragraphs the fast detector decided and how many of
    those got langdetect's language; and every disagreement."""
    from translator.ingest.detect import confirmer

    rows = []
    differ = []
    for name, lang, paragraphs in sets:
        confirm = confirmer(lang)
        fast = agree = 0
        for text in paragraphs:
            guess = confirm(text) if confirm is not None else None
            if guess is None:
                continue
            fast += 1
            old, old_p = reference(text)
            if (old or lang) == guess.lang:
                agree += 1
            else:
                differ.append((name, guess.lang or "", old or "", old_p, guess.confidence, text))
        rows.append((fast, agree))
    return rows, differ


def threshold_sweep(
    sets: list[tuple[str, str, list[str]]], reference: Callable[[str], tuple[str | None, float]]
) -> None:
    """The chosen thresholds against one change at a time: paragraphs the
    fast detector decides and disagreements, on the langid sentences (the
    general-purpose data the thresholds are argued from) and on the rest."""
    from translator.ingest import detect as stage

    chosen = {
        "CONFIRM_POSTERIOR": stage.CONFIRM_POSTERIOR,
        "CONFIRM_FUNCTION_SHARE": stage.CONFIRM_FUNCTION_SHARE,
        "CONFIRM_WORDS": stage.CONFIRM_WORDS,
    }
    stretch = stage._foreign_stretch
    variants: list[tuple[str, dict[str, float], bool]] = [
        ("chosen", {}, True),
        ("posterior 0.99", {"CONFIRM_POSTERIOR": 0.99}, True),
        ("posterior 0.9999", {"CONFIRM_POSTERIOR": 0.9999}, True),
        ("function share 0.1", {"CONFIRM_FUNCTION_SHARE": 0.1}, True),
        ("function share 0.0", {"CONFIRM_FUNCTION_SHARE": 0.0}, True),
        ("function share 0.3", {"CONFIRM_FUNCTION_SHARE": 0.3}, True),
        ("words 5", {"CONFIRM_WORDS": 5}, True),
        ("words 12", {"CONFIRM_WORDS": 12}, True),
        ("no stretch test", {}, False),
    ]
    langid = [i for i, (name, _, _) in enumerate(sets) if name.startswith("langid ")]
    print("== thresholds, one change at a time (fast-decided / differing paragraphs) ==")
    print(f"{'variant':<22} {'langid fast':>12} {'differ':>7} {'other fast':>11} {'differ':>7}")
    try:
        for label, values, with_stretch in variants:
            for key, value in {**chosen, **values}.items():
                setattr(stage, key, value)
            stage._foreign_stretch = stretch if with_stretch else (lambda rows, own: False)
            rows, _ = decide(sets, reference)
            lf = sum(rows[i][0] for i in langid)
            ld = sum(rows[i][0] - rows[i][1] for i in langid)
            of = sum(f for f, _ in rows) - lf
            od = sum(f - a for f, a in rows) - ld
            print(f"{label:<22} {lf:>12} {ld:>7} {of:>11} {od:>7}", flush=True)
    finally:
        for key, value in chosen.items():
            setattr(stage, key, value)
        stage._foreign_stretch = stretch


# -- 2. detection time per paragraph ----------------------------------------


def long_document(root: Path) -> tuple[str, str] | None:
    """English and German WMT21 sides (original + reference each), four
    lines a paragraph: about 500 distinct paragraphs a side."""
    wmt = root / "wmt21-news"
    files = [WMT[k][0] for k in WMT]
    if not all((wmt / f).is_file() for f in files):
        return None
    de = _lines(wmt / WMT["wmt21 de-en.src.de"][0]) + _lines(wmt / WMT["wmt21 en-de.ref.A.de"][0])
    en = _lines(wmt / WMT["wmt21 de-en.ref.A.en"][0]) + _lines(wmt / WMT["wmt21 en-de.src.en"][0])
    return "\n\n".join(_groups(de, 4)) + "\n", "\n\n".join(_groups(en, 4)) + "\n"


def _child_time(text_path: str, mode: str) -> None:
    """In a fresh process: CPU time of ``detect_document`` (``mode`` old:
    langdetect on every paragraph; new: this checkout's path)."""
    import time

    from translator.ingest import detect as stage
    from translator.ingest.langid import _ensure_loaded
    from translator.ingest.load import document_from_text

    _ensure_loaded()
    doc = document_from_text(Path(text_path).read_text(encoding="utf-8"), name="long.txt")
    if mode == "old":
        stage.confirmer = lambda lang: None  # type: ignore[assignment]
    calls = 0
    reference = stage.detect

    def counted(text: str, candidates: object = None) -> object:
        nonlocal calls
        calls += 1
        return reference(text) if candidates is None else reference(text, candidates)  # type: ignore[arg-type]

    stage.detect = counted  # type: ignore[assignment]
    start = time.process_time()
    stage.detect_document(doc)
    cpu = time.process_time() - start
    langs = [p.lang for p in doc.paragraphs]
    # the fast path's fixed cost (word lists from their disk cache, the
    # detector), measured apart after the run with the in-process caches
    # emptied
    setup = 0.0
    if mode == "new" and doc.lang:
        from translator.ingest.langid import identifier
        from translator.lexicon import wordlists

        wordlists.frequencies.cache_clear()
        wordlists.top_words.cache_clear()
        identifier.cache_clear()
        stage.function_words.cache_clear()
        start = time.process_time()
        stage.confirmer(doc.lang)
        setup = time.process_time() - start
    print(
        json.dumps(
            {
                "cpu": cpu,
                "setup": setup,
                "paragraphs": len(doc.paragraphs),
                "langdetect_calls": calls,
                "langs": langs,
            }
        )
    )


def time_per_paragraph(root: Path, repeat: int) -> None:
    pair = long_document(root)
    if pair is None:
        print("(time part skipped: no wmt21-news in the benchmark data)")
        return
    print("== detection time per paragraph (detect_document, fresh process each) ==")
    print(f"{'document':<10} {'mode':<5} {'paras':>6} {'langdetect':>10} {'CPU ms/para':>12} {'load':>16}")
    with tempfile.TemporaryDirectory(prefix="translator-paralang-") as tmp:
        for side, text in zip(("German", "English"), pair, strict=True):
            path = Path(tmp, f"{side}.txt")
            path.write_text(text, encoding="utf-8")
            best: dict[str, dict] = {}
            for _ in range(repeat):
                for mode in ("old", "new"):
                    out = subprocess.run(
                        [sys.executable, __file__, "--child-time", str(path), mode],
                        capture_output=True,
                        text=True,
                        check=True,
                        env=dict(os.environ, PYTHONSAFEPATH="1"),
                    ).stdout
                    m = json.loads(out)
                    print(
                        f"{side:<10} {mode:<5} {m['paragraphs']:>6} {m['langdetect_calls']:>10}"
                        f" {1000 * m['cpu'] / m['paragraphs']:>12.3f} {loads():>16}",
                        flush=True,
                    )
                    if mode not in best or m["cpu"] < best[mode]["cpu"]:
                        best[mode] = m
            same = best["old"]["langs"] == best["new"]["langs"]
            old, new = best["old"], best["new"]
            saving = (old["cpu"] - (new["cpu"] - new["setup"])) / new["paragraphs"]
            print(
                f"{side:<10} new/old CPU {new['cpu'] / old['cpu']:.2f}x;"
                f" paragraph languages identical: {'yes' if same else 'NO'};"
                f" fast path's fixed cost {1000 * new['setup']:.0f} ms (word lists),"
                f" saving {1000 * saving:.2f} ms a paragraph: pays off from"
                f" {new['setup'] / saving if saving > 0 else float('inf'):.0f} paragraphs"
            )


# -- 3. whole compare -------------------------------------------------------


def _without_paragraph_confidence(report: dict) -> tuple[dict, int]:
    """The report with paragraphs' and segments' ``lang_confidence`` removed,
    and how many there were."""
    removed = 0
    for doc in report.get("documents", []):
        for key in ("paragraphs", "segments"):
            for item in doc.get(key, []):
                if "lang_confidence" in item:
                    item.pop("lang_confidence")
                    removed += 1
    return report, removed


def compare_reports(old: Path, new: Path) -> str:
    if old.read_bytes() == new.read_bytes():
        return "byte-identical"
    a, _ = _without_paragraph_confidence(json.loads(old.read_text(encoding="utf-8")))
    b, _ = _without_paragraph_confidence(json.loads(new.read_text(encoding="utf-8")))
    if a != b:
        keys = [k for k in a if a.get(k) != b.get(k)]
        lines = [f"DIFFER beyond lang_confidence (in {', '.join(keys)})"]
        for v, (da, db) in enumerate(zip(a["documents"], b["documents"], strict=True)):
            for x, y in zip(da["paragraphs"], db["paragraphs"], strict=True):
                if x != y:
                    text = da["text"][x["start"] : x["end"]]
                    lines.append(
                        f"  version {v + 1} paragraph {x['index']}: {x['lang']} -> {y['lang']}: {text[:120]!r}"
                    )
            if len(da["segments"]) != len(db["segments"]):
                lines.append(f"  version {v + 1}: {len(da['segments'])} -> {len(db['segments'])} segments")
        old_f = {(f["kind"], f["message"]) for f in a["findings"]}
        new_f = {(f["kind"], f["message"]) for f in b["findings"]}
        lines += [
            f"  finding only before: {kind}: {message[:140]}" for kind, message in sorted(old_f - new_f)
        ]
        lines += [f"  finding only after: {kind}: {message[:140]}" for kind, message in sorted(new_f - old_f)]
        return "\n".join(lines)
    old_c = json.loads(old.read_text(encoding="utf-8"))
    new_c = json.loads(new.read_text(encoding="utf-8"))
    changed = total = 0
    for da, db in zip(old_c["documents"], new_c["documents"], strict=True):
        for key in ("paragraphs", "segments"):
            for x, y in zip(da[key], db[key], strict=True):
                total += 1
                changed += x["lang_confidence"] != y["lang_confidence"]
    return f"identical apart from lang_confidence ({changed} of {total} paragraph/segment values changed)"


def whole_compare(root: Path, baseline: str, repeat: int, textberg_lines: int) -> None:
    from long_compare import export_code, measure_cases, textberg_pair

    pairs: list[tuple[str, tuple[str, str]]] = []
    wmt = long_document(root)
    if wmt is None:
        print("(WMT21 pair skipped: no wmt21-news in the benchmark data)")
    else:
        pairs.append(("WMT21 de-en", wmt))
    textberg = textberg_pair(root, textberg_lines) if textberg_lines else None
    if textberg is not None:
        # identical.py's long case: the dev stretch repeated, four lines a paragraph
        pairs.append((f"Text+Berg de-fr {textberg_lines} lines", textberg))
    if not pairs:
        return
    tmp = Path(tempfile.mkdtemp(prefix="translator-paralang-"))
    try:
        commit = export_code(baseline, tmp / "baseline")
        print(f"== whole compare: baseline {baseline} ({commit}) vs this checkout ==")
        print(f"load average at the start: {loads()}; {os.cpu_count()} CPUs")
        for name, slug, best in measure_cases(pairs, tmp, None, repeat, ["spelling"]):
            ratio = best["new"]["cpu"] / best["baseline"]["cpu"]
            print(f"{name:<28} new/baseline CPU {ratio:.2f}x (best of {repeat})")
            reports = compare_reports(tmp / f"{slug}-baseline.json", tmp / f"{slug}-new.json")
            print(f"{name:<28} reports: {reports}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child-time":
        _child_time(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="benchmark data folder (default: ../shared/bench)")
    parser.add_argument("--part", choices=("agreement", "time", "compare", "all"), default="all")
    parser.add_argument("--baseline", default="main", help="git ref of the code for the compare part")
    parser.add_argument(
        "--textberg-lines",
        type=int,
        default=2_000,
        help="German lines of the Text+Berg pair in the compare part (identical.py's long case; 0: skip)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per mode (interleaved; best CPU kept)")
    parser.add_argument("--show", type=int, default=40, help="disagreements printed")
    parser.add_argument("--sweep", action="store_true", help="also each threshold changed one at a time")
    args = parser.parse_args()
    root = bench_dir(args.data)
    start = resource.getrusage(resource.RUSAGE_SELF)
    print(f"load average at the start: {loads()}; {os.cpu_count()} CPUs")
    if args.part in ("agreement", "all"):
        agreement(root, args.show, args.sweep)
    if root is None and args.part != "agreement":
        print("(time and compare parts skipped: no benchmark data)")
        return
    if args.part in ("time", "all") and root is not None:
        time_per_paragraph(root, args.repeat)
    if args.part in ("compare", "all") and root is not None:
        whole_compare(root, args.baseline, args.repeat, args.textberg_lines)
    end = resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"this process: {end.ru_utime + end.ru_stime - start.ru_utime - start.ru_stime:.1f} CPU-s; load {loads()}"
    )


if __name__ == "__main__":
    main()
