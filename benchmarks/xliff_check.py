"""``translator check`` on a 10,000-unit XLIFF file (target: under 10 s).

Generates an XLIFF 1.2 file of N trans-units (English source, German
target, a number changed in every 50th unit, every 100th left untranslated,
one unit in ten of three sentences) and runs ``translator check`` on it in
a fresh process. The baseline, measured in the same run, is the same
sentences as two plain-text files checked with ``--source``: the free
sentence alignment that unit-level alignment replaces. With ``--baseline
REF`` the XLIFF file is also checked with a git ref's code (exported as
:mod:`long_compare` does, first on ``PYTHONPATH``), the runs interleaved, so
a change's before and after share the machine's minute; ``--runs N``
repeats each row and prints the median; ``--one-core`` adds a row of
this checkout pinned to one core, where ``check`` shares no work with a
forked child (:mod:`translator.forked`). Prints wall and CPU time
(children's user + system, forked grandchildren included) and the load
average before each run: the
target is what a user waits (wall) on an idle machine; on a shared one the
CPU time is the comparable figure.

    python benchmarks/xliff_check.py [--units 10000] [--keep DIR]
    python benchmarks/xliff_check.py --baseline main --runs 3 --skip-text
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

SOURCES = [
    "The museum opens at {n} in the morning.",
    "Tickets for {n} people are booked.",
    "The train leaves from platform {n}.",
    "Your order {n} has been shipped.",
    "We saved {n} euros on the hotel.",
]
TARGETS = [
    "Das Museum öffnet um {n} Uhr morgens.",
    "Tickets für {n} Personen sind gebucht.",
    "Der Zug fährt von Gleis {n} ab.",
    "Ihre Bestellung {n} wurde versandt.",
    "Wir haben {n} Euro beim Hotel gespart.",
]


def generate(units: int) -> tuple[str, list[str], list[str]]:
    """The XLIFF text and the source and target sentences, one line each."""
    rows = []
    src_lines: list[str] = []
    tgt_lines: list[str] = []
    for i in range(units):
        k = i % len(SOURCES)
        count = 1 + (3 if i % 10 == 0 else 0)
        src = " ".join(SOURCES[(k + j) % len(SOURCES)].format(n=i + j) for j in range(0, count, 1) if j != 1)
        changed = i + 1 if i % 50 == 7 else i
        tgt = " ".join(
            TARGETS[(k + j) % len(TARGETS)].format(n=(changed if j == 0 else i + j))
            for j in range(0, count, 1)
            if j != 1
        )
        if i % 100 == 99:
            target = '<target state="new"/>'
        else:
            target = f'<target state="translated">{escape(tgt)}</target>'
            tgt_lines.append(tgt)
        src_lines.append(src)
        rows.append(
            f'      <trans-unit id="u{i}">\n        <source>{escape(src)}</source>\n        {target}\n      </trans-unit>'
        )
    xliff = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file source-language="en" target-language="de" datatype="plaintext" original="app">\n    <body>\n'
        + "\n".join(rows)
        + "\n    </body>\n  </file>\n</xliff>\n"
    )
    return xliff, src_lines, tgt_lines


def timed(
    cmd: list[str], env: dict[str, str] | None = None, one_core: bool = False
) -> tuple[float, float, float, int]:
    """(wall s, CPU s of the child and its children, 1-minute load average
    before, exit code); ``one_core`` pins the child to one core (so it
    shares no work with a forked child of its own)."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    pin = (lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})) if one_core else None
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, preexec_fn=pin)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, load, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--keep", help="write the generated files here instead of a temporary folder")
    parser.add_argument("--baseline", help="git ref whose code checks the XLIFF file in the same run")
    parser.add_argument("--runs", type=int, default=1, help="runs of each row (the median is printed)")
    parser.add_argument("--skip-text", action="store_true", help="leave out the plain-text pair row")
    parser.add_argument(
        "--one-core",
        action="store_true",
        help="add a row of this checkout pinned to one core (no second process to share work with)",
    )
    args = parser.parse_args()
    exe = shutil.which("translator") or str(Path(sys.executable).with_name("translator"))
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="xliff-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    xliff, src, tgt = generate(args.units)
    (folder / "app.de.xlf").write_text(xliff, encoding="utf-8")
    (folder / "en.txt").write_text("\n\n".join(src) + "\n", encoding="utf-8")
    (folder / "de.txt").write_text("\n\n".join(tgt) + "\n", encoding="utf-8")
    env_cmd = [exe, "check", "--no-config", "--format", "json", "-o", str(folder / "out.json")]
    print(f"{args.units} units, {len(xliff) / 1e6:.1f} MB of XLIFF, {os.cpu_count()} cores")
    #: label -> (command, environment); None: this process's
    rows: dict[str, tuple[list[str], dict[str, str] | None]] = {}
    if not args.skip_text:
        txt = [*env_cmd[:-2], "-o", str(folder / "txt.json"), str(folder / "de.txt")]
        rows["plain-text pair (baseline)"] = ([*txt, "--source", str(folder / "en.txt")], None)
    if args.baseline:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from long_compare import export_code

        commit = export_code(args.baseline, folder / "baseline-code")
        # ``-m`` from a folder that is no checkout, the package first on
        # PYTHONPATH: the baseline's code, not the installed one
        env = dict(os.environ, PYTHONSAFEPATH="1")
        env["PYTHONPATH"] = str(folder / "baseline-code") + os.pathsep + env.get("PYTHONPATH", "")
        module = [sys.executable, "-m", "translator", *env_cmd[1:-1], str(folder / "base.json")]
        rows[f"XLIFF, baseline {commit}"] = ([*module, str(folder / "app.de.xlf")], env)
    rows["XLIFF, unit alignment"] = ([*env_cmd, str(folder / "app.de.xlf")], None)
    if args.one_core:
        one = [*env_cmd[:-1], str(folder / "one.json"), str(folder / "app.de.xlf")]
        rows["XLIFF, pinned to one core"] = (one, None)
    measured: dict[str, list[tuple[float, float, float, int]]] = {label: [] for label in rows}
    for _ in range(args.runs):
        for label, (cmd, env) in rows.items():
            measured[label].append(timed(cmd, env, one_core=label == "XLIFF, pinned to one core"))
    for label, runs in measured.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        loads = ", ".join(f"{r[2]:.2f}" for r in runs)
        codes = sorted({r[3] for r in runs})
        print(
            f"{label:28s} wall {wall:6.2f} s  CPU {cpu:6.2f} s  load average before {loads}"
            f"  exit {', '.join(map(str, codes))}"
        )
    if args.baseline and (folder / "base.json").is_file():
        same = (folder / "base.json").read_bytes() == (folder / "out.json").read_bytes()
        print(f"JSON reports identical: {'yes' if same else 'NO'}")
    if args.one_core and (folder / "one.json").is_file():
        same = (folder / "one.json").read_bytes() == (folder / "out.json").read_bytes()
        print(f"JSON report on one core identical: {'yes' if same else 'NO'}")
    print(f"load average after {os.getloadavg()[0]:.2f}")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
