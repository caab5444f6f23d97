"""Long documents: ``compare`` of a 10k-sentence German–French pair and of
two files of 100,000 one-character paragraphs, against a baseline checkout
measured in the same run.

1. **10k pair** (issue #18): Text+Berg's dev stretch (``dev.de`` /
   ``dev.fr``, read where it lies in the benchmark data), four lines a
   paragraph, repeated until the German side has ``--lines`` lines (about
   10,000 sentences). The repetition is not realistic prose, but it is the
   same input for both versions of the code, and a real document repeats
   boilerplate too.
2. **Degenerate pair** (issue #16 row 12): ``--paragraphs`` one-character
   paragraphs on each side (random letters, seeded).

Each case runs ``translator compare --format json --no-mt`` (spelling off
unless ``--disable`` says otherwise: it runs only where a Hunspell
dictionary is installed, and then its suggestions dominate) in a fresh
process, once with this checkout and once with ``--baseline`` (a git ref,
exported with ``git archive`` into a temporary folder and put first on
``PYTHONPATH``; the same interpreter and installed libraries). Printed per
run: CPU seconds (user + system, ``getrusage`` of the child), wall seconds,
peak RSS and the 1-minute load average after the run; then the CPU and
memory ratios and whether the two JSON reports are byte-identical (findings,
links, scores, everything). On a machine shared with other work the CPU
ratio is the figure to read; wall time is shown for completeness.

    python benchmarks/long_compare.py                       # both cases, baseline = main
    python benchmarks/long_compare.py --baseline 7490a71 --paragraphs 0
    python benchmarks/long_compare.py --data /path/to/bench --repeat 3

Without the benchmark data the 10k case is skipped; the degenerate case
needs none.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import bench_dir  # noqa: E402
from scale import measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def textberg_pair(root: Path, lines: int) -> tuple[str, str] | None:
    """The German and French dev stretch, repeated to ``lines`` German lines."""
    folder = root / "textberg-dev"
    if not (folder / "dev.de").is_file() or not (folder / "dev.fr").is_file():
        return None
    de = [x.strip() for x in (folder / "dev.de").read_text(encoding="utf-8").splitlines() if x.strip()]
    fr = [x.strip() for x in (folder / "dev.fr").read_text(encoding="utf-8").splitlines() if x.strip()]
    copies = max(1, -(-lines // len(de)))
    return _paragraphs(de * copies), _paragraphs(fr * copies)


def _paragraphs(lines: list[str], size: int = 4) -> str:
    return "\n\n".join(" ".join(lines[i : i + size]) for i in range(0, len(lines), size)) + "\n"


def one_character_pair(paragraphs: int, seed: int = 12) -> tuple[str, str]:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return tuple(  # type: ignore[return-value]
        "\n\n".join(rng.choice(letters) for _ in range(paragraphs)) + "\n" for _ in range(2)
    )


def export_code(ref: str, into: Path) -> str:
    """``git archive`` of ``ref``'s package and the data it reads from the
    checkout (templates, bundled glossaries) into ``into``; returns the
    commit."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", ref], capture_output=True, text=True, check=True
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "translator", "templates", "glossaries"],
        capture_output=True,
        check=True,
    ).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return commit


def run(a: Path, b: Path, out: Path, pythonpath: str | None, disable: list[str]) -> dict[str, float]:
    cmd = [sys.executable, "-m", "translator", "compare", str(a), str(b), "--no-mt", "--format", "json"]
    cmd += [flag for name in disable for flag in ("--disable", name)]
    # ``-m`` puts the working directory first on sys.path, ahead of
    # PYTHONPATH: run from a checkout, the baseline would import the
    # checkout's package (both rows measured the same code)
    env = dict(os.environ, PYTHONSAFEPATH="1")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    m = measure([*cmd, "-o", str(out)], env=env)
    m["load"] = os.getloadavg()[0]
    return m


def measure_cases(
    cases: list[tuple[str, tuple[str, str]]], tmp: Path, new_path: str | None, repeat: int, disable: list[str]
) -> Iterator[tuple[str, str, dict[str, dict[str, float]]]]:
    """Run every case with the baseline exported to ``tmp / "baseline"``
    and with ``new_path`` (None: this checkout), ``repeat`` times
    interleaved, printing a row per run; yields ``(name, slug, best)``
    after each case, where the reports are ``tmp / f"{slug}-{code}.json"``
    and ``best`` holds the lowest-CPU run of each code."""
    print(f"{'case':<28} {'code':<9} {'CPU s':>7} {'wall s':>7} {'peak MB':>8} {'load':>5}")
    for name, (text_a, text_b) in cases:
        slug = name.replace(" ", "-")
        pa, pb = tmp / f"{slug}-a.txt", tmp / f"{slug}-b.txt"
        pa.write_text(text_a, encoding="utf-8")
        pb.write_text(text_b, encoding="utf-8")
        best: dict[str, dict[str, float]] = {}
        for _ in range(repeat):
            for code, path in (("baseline", str(tmp / "baseline")), ("new", new_path)):
                m = run(pa, pb, tmp / f"{slug}-{code}.json", path, disable)
                print(
                    f"{name:<28} {code:<9} {m['cpu']:>7.2f} {m['seconds']:>7.2f}"
                    f" {m['peak_mb']:>8.0f} {m['load']:>5.1f}",
                    flush=True,
                )
                if code not in best or m["cpu"] < best[code]["cpu"]:
                    best[code] = m
        yield name, slug, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="benchmark data folder (default: ../shared/bench)")
    parser.add_argument("--baseline", default="main", help="git ref of the code to compare with")
    parser.add_argument("--code", help="git ref of the new code (default: this checkout as it is)")
    parser.add_argument("--lines", type=int, default=10_000, help="German lines of the 10k pair (0: skip)")
    parser.add_argument("--paragraphs", type=int, default=100_000, help="degenerate pair size (0: skip)")
    parser.add_argument(
        "--disable",
        nargs="*",
        default=["spelling"],
        help="checks switched off in every run (default: spelling, which runs only where a Hunspell"
        " dictionary is installed and then dominates; none: '--disable')",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per version (interleaved; best CPU kept)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="translator-long-"))
    try:
        commit = export_code(args.baseline, tmp / "baseline")
        new_path = None
        if args.code:
            head = export_code(args.code, tmp / "new")
            new_path = str(tmp / "new")
        else:
            head = subprocess.run(
                ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
            ).stdout.strip()
            head += ", with uncommitted changes"
        cases: list[tuple[str, tuple[str, str]]] = []
        if args.lines:
            root = bench_dir(args.data)
            pair = textberg_pair(root, args.lines) if root else None
            if pair is None:
                print("(10k pair skipped: no textberg-dev in the benchmark data)")
            else:
                cases.append((f"de-fr {args.lines} lines", pair))
        if args.paragraphs:
            cases.append((f"{args.paragraphs} one-char paragraphs", one_character_pair(args.paragraphs)))
        loads = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"baseline {args.baseline} ({commit}) vs new ({head})")
        print(
            f"load average at the start: {loads}; {os.cpu_count()} CPUs; checks off: {args.disable or 'none'}"
        )
        for name, slug, best in measure_cases(cases, tmp, new_path, args.repeat, args.disable):
            same = (tmp / f"{slug}-baseline.json").read_bytes() == (tmp / f"{slug}-new.json").read_bytes()
            old, new = best["baseline"], best["new"]
            print(
                f"{name:<28} new/baseline: CPU {new['cpu'] / old['cpu']:.2f}x,"
                f" peak {new['peak_mb'] / old['peak_mb']:.2f}x; JSON reports identical: {'yes' if same else 'NO'}"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
