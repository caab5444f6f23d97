#!/usr/bin/env python3
"""Before/after equality: the same commands with two versions of the code,
outputs compared byte for byte.

A speed change must not change a single finding, link, score or report. This
runs a fixed set of commands once with ``--baseline`` (a git ref, exported
with ``git archive`` as :mod:`long_compare` does and put first on
``PYTHONPATH``) and once with this checkout (or ``--code``), each in a fresh
process, and compares every output file:

- ``compare`` (JSON and HTML) and ``check --source`` (JSON) on the bundled
  news examples;
- ``check`` (JSON) on every bundled localisation example (XLIFF, PO, TMX,
  resource pairs, subtitles);
- ``check`` (JSON, SARIF, text, JUnit, GitHub annotations) and ``compare``
  (JSON, HTML, text) on the 10,000-unit XLIFF benchmark's file, cut to
  ``--units`` units (:func:`xliff_check.generate`);
- ``align --manifest`` (JSON) on ``--docs`` rotated Text+Berg documents
  (:func:`align_textberg.rotated_corpus`) and ``compare`` (JSON) of the
  Text+Berg dev pair as paragraphs (:func:`long_compare.textberg_pair`,
  ``--lines`` German lines), when the benchmark data is there.

- the start-up pair (:data:`startup.PAIR`, and a third version for a
  three-way ``compare``) through ``compare`` in JSON and text, ``align`` and
  ``detect``, with spelling on: start-up work (tables memoised on disk,
  dictionaries loaded on first need) must not change a result either.

The new code runs twice in the same fresh cache folder, cold (every on-disk
table built) and warm (every table read back); the baseline runs in a cache
folder of its own. Prints one line per output (``same``/``DIFFERS``, naming
the runs that differ) and exits 1 if any differs. Spelling is off except for
the start-up rows (it depends on the dictionaries installed).

    python benchmarks/identical.py                      # baseline = main
    python benchmarks/identical.py --baseline 9aa567d --docs 2 --units 2000
    python benchmarks/identical.py --only news --only textberg --docs 1
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_textberg import rotated_corpus  # noqa: E402
from corpora import bench_dir  # noqa: E402
from long_compare import export_code, textberg_pair  # noqa: E402
from startup import PAIR  # noqa: E402
from xliff_check import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
#: a third version in English, for the three-way comparison
THIRD = (
    "The Federal Council approved 12 million francs on Monday. The city of Zurich welcomes the decision.\n"
)


def commands(
    work: Path, out: Path, data: Path | None, args: argparse.Namespace
) -> list[tuple[str, list[str]]]:
    """``(output name, translator arguments)`` for every case; inputs are
    written to ``work`` once, outputs go to ``out``."""
    news, l10n = EXAMPLES / "de-en-news", EXAMPLES / "l10n"
    quiet = ["--disable", "spelling"]
    cases: list[tuple[str, list[str]]] = [
        ("news.json", ["compare", str(news / "de.md"), str(news / "en.md"), "--no-mt", "--format", "json"]),
        ("news.html", ["compare", str(news / "de.md"), str(news / "en.md"), "--no-mt", "--format", "html"]),
        (
            "news-check.json",
            ["check", str(news / "en.md"), "--source", str(news / "de.md"), "--format", "json"],
        ),
    ]
    wire = EXAMPLES / "wire-story"
    cases.append(
        (
            "wire.json",
            [
                "compare",
                str(wire / "outlet-a.txt"),
                str(wire / "outlet-b.txt"),
                "--no-mt",
                "--format",
                "json",
            ],
        )
    )
    for name in ("app.de.xlf", "messages.de.po", "qa.de.po", "memory.tmx"):
        cases.append((f"l10n-{name}.json", ["check", str(l10n / name), "--format", "json"]))
    for name, target, source in (
        ("json", l10n / "de.json", l10n / "en.json"),
        ("yaml", l10n / "yaml" / "de.yml", l10n / "yaml" / "en.yml"),
        (
            "properties",
            l10n / "properties" / "messages_de.properties",
            l10n / "properties" / "messages_en.properties",
        ),
        ("strings", l10n / "apple" / "de.strings", l10n / "apple" / "en.strings"),
        ("srt", l10n / "subtitles" / "de.srt", l10n / "subtitles" / "en.srt"),
        ("vtt", l10n / "subtitles" / "de.vtt", l10n / "subtitles" / "en.vtt"),
    ):
        cases.append(
            (f"l10n-{name}.json", ["check", str(target), "--source", str(source), "--format", "json"])
        )
    if args.units:
        xliff, _, _ = generate(args.units)
        bench = str(work / "bench.xlf")
        (work / "bench.xlf").write_text(xliff, encoding="utf-8")
        # every output of 'check' (the CI gate) and of 'compare' (the report)
        for fmt, suffix in (("json", "json"), ("sarif", "sarif"), ("text", "txt"), ("junit", "xml")):
            cases.append((f"xliff-bench.{suffix}", ["check", bench, "--format", fmt]))
        cases.append(("xliff-bench-github.txt", ["check", bench, "--format", "github"]))
        for fmt, suffix in (("json", "json"), ("html", "html"), ("text", "txt")):
            cases.append((f"xliff-bench-compare.{suffix}", ["compare", bench, "--no-mt", "--format", fmt]))
    if data is not None and args.docs:
        folder = data / "textberg-dev"
        docs = rotated_corpus(folder / "dev.de", folder / "dev.fr", folder / "dev.defr", args.docs, work)
        (work / "corpus.csv").write_text(
            "id,a,b,lang_a,lang_b\n" + "".join(f"{a.stem},{a.name},{b.name},de,fr\n" for a, b in docs),
            encoding="utf-8",
        )
        cases.append(
            (
                "textberg-aligned",
                [
                    "align",
                    "--presplit",
                    "--no-mt",
                    "--format",
                    "json",
                    "--manifest",
                    str(work / "corpus.csv"),
                ],
            )
        )
    if data is not None and args.lines:
        pair = textberg_pair(data, args.lines)
        if pair is not None:
            (work / "long-de.txt").write_text(pair[0], encoding="utf-8")
            (work / "long-fr.txt").write_text(pair[1], encoding="utf-8")
            cases.append(
                (
                    "long.json",
                    [
                        "compare",
                        str(work / "long-de.txt"),
                        str(work / "long-fr.txt"),
                        "--no-mt",
                        "--format",
                        "json",
                    ],
                )
            )
    for name, text in {**PAIR, "c.txt": THIRD}.items():
        (work / name).write_text(text, encoding="utf-8")
    a, b, c = (str(work / name) for name in ("a.txt", "b.txt", "c.txt"))
    startup = [
        ("startup-pair.json", ["compare", a, b, "--format", "json"]),
        ("startup-pair.txt", ["compare", a, b, "--format", "text"]),
        ("startup-three.json", ["compare", a, b, c, "--format", "json"]),
        ("startup-align.tsv", ["align", a, b]),
        ("startup-detect.json", ["detect", str(news / "de.md"), str(news / "en.md"), a, "--format", "json"]),
    ]
    cases.extend(startup)
    if args.only:
        cases = [(name, cmd) for name, cmd in cases if name.startswith(tuple(args.only))]
    out_cases = []
    for name, cmd in cases:
        extra = quiet if cmd[0] in {"compare", "check"} and not name.startswith("startup") else []
        if cmd[0] == "check":
            extra = [*extra, "--no-config"]
        out_cases.append((name, [*cmd, *extra, "-o", str(out / name)]))
    return out_cases


def run_all(
    code: str | None, work: Path, keep: Path, cache: Path, data: Path | None, args: argparse.Namespace
) -> None:
    """Run every case with the on-disk tables in ``cache``; the outputs end
    up in ``keep`` (written to the same path in every run, since messages
    name it)."""
    out = work / "out"
    out.mkdir()
    # string hashing fixed: the order of a set of words can reach the
    # aligner's float sums (a dictionary word's senses come out of a set),
    # so two runs of the same code can differ in a last bit, and a link,
    # under different hash seeds; the comparison is between code versions
    env = dict(
        os.environ,
        PYTHONSAFEPATH="1",
        PYTHONHASHSEED="0",
        XDG_CACHE_HOME=str(cache),
        TRANSLATOR_CACHE_DIR=str(cache / "mt"),
    )
    if code:
        env["PYTHONPATH"] = code + os.pathsep + env.get("PYTHONPATH", "")
    for name, cmd in commands(work, out, data, args):
        done = subprocess.run(
            [sys.executable, "-m", "translator", *cmd], env=env, capture_output=True, text=True, cwd=work
        )
        (out / f"{name}.exit").write_text(f"{done.returncode}\n{done.stderr}", encoding="utf-8")
    out.rename(keep)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git ref of the code to compare with")
    parser.add_argument("--code", help="git ref of the new code (default: this checkout as it is)")
    parser.add_argument(
        "--data", help="benchmark data folder (default: TRANSLATOR_BENCH_DATA or ../shared/bench)"
    )
    parser.add_argument("--docs", type=int, default=7, help="rotated Text+Berg documents to align (0: skip)")
    parser.add_argument(
        "--units", type=int, default=10_000, help="units of the XLIFF benchmark file (0: skip)"
    )
    parser.add_argument("--lines", type=int, default=2_000, help="German lines of the long compare (0: skip)")
    parser.add_argument(
        "--only",
        action="append",
        metavar="PREFIX",
        help="only the outputs named so (repeatable: news, l10n, ...)",
    )
    args = parser.parse_args()
    data = bench_dir(args.data)
    tmp = Path(tempfile.mkdtemp(prefix="translator-identical-"))
    try:
        (tmp / "work").mkdir()
        base = export_code(args.baseline, tmp / "baseline")
        new_code = None
        label = "this checkout"
        if args.code:
            label = export_code(args.code, tmp / "new")
            new_code = str(tmp / "new")
        print(
            f"baseline {args.baseline} ({base}) vs {label}; load average {os.getloadavg()[0]:.2f}", flush=True
        )
        run_all(str(tmp / "baseline"), tmp / "work", tmp / "before", tmp / "cache-baseline", data, args)
        runs = {}
        for label, cache in (("cold", "cache-new"), ("warm", "cache-new")):
            run_all(new_code, tmp / "work", tmp / label, tmp / cache, data, args)
            runs[label] = files(tmp / label)
        before = files(tmp / "before")
        differ = 0
        for name in sorted(set(before).union(*runs.values())):
            diffs = [label for label, outs in runs.items() if outs.get(name) != before.get(name)]
            differ += bool(diffs)
            print(
                f"{'same' if not diffs else 'DIFFERS':8} {name}" + (f" ({', '.join(diffs)})" if diffs else "")
            )
        print(
            f"{len(before)} outputs, {differ} differ (new code cold and warm cache against the baseline);"
            f" load average {os.getloadavg()[0]:.2f}"
        )
        return 1 if differ else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
