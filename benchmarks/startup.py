"""Start-up: the one-shot commands against the bare interpreter, in one run.

Each command runs ``--runs`` times in fresh processes, interleaved (so a
change in machine load hits every row alike). Printed per row: median and
best wall time, median CPU time of the process (user + system, from
``getrusage`` of children: on a loaded machine CPU time is the figure that
does not depend on the neighbours) and the median's multiple of
``python -c pass`` measured in the same run. Rows:

- ``python -c pass``, the interpreter's floor;
- ``python -c "import translator"``, the package's own import;
- ``translator --help``, which must stay instant;
- ``translator compare`` of a two-sentence German/French pair (JSON report)
  — the issue's target is under 0.5 s wall on an idle machine, at most 50x
  ``python -c pass``;
- ``translator align`` of the same pair;
- with ``--baseline REF``: ``compare`` and ``align`` again with the code of
  a git ref (``git archive`` into a temporary folder, first on
  ``PYTHONPATH``), interleaved with the others, so a change's before and
  after come from the same minute. Those four rows run as
  ``python -m translator`` (the same launcher for both codes).

Children may write bytecode (as an installed package has it), whatever
``PYTHONDONTWRITEBYTECODE`` says. The machine as it is (installed FreeDict dictionaries, Hunspell
dictionaries, Argos models) changes what a comparison loads, so the script
says what it found; ``--bare`` runs with empty dictionary, data, cache and
model folders, as the test suite does. Load average is printed before and
after.

    python benchmarks/startup.py [--runs 10] [--bare] [--baseline main]
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

PAIR = {
    "a.txt": "Der Bundesrat hat am Montag 12 Millionen Franken bewilligt. Die Gemeinde Zürich begrüsst den Entscheid.\n",
    "b.txt": "Le Conseil fédéral a approuvé lundi 12 millions de francs. La commune de Zurich salue la décision.\n",
}


def run_once(
    cmd: list[str], cwd: Path, env: dict[str, str], pythonpath: str | None = None
) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process running ``cmd``."""
    if pythonpath is not None:
        # -m puts the working folder first on sys.path; PYTHONSAFEPATH keeps
        # it off, so the code on PYTHONPATH (or the installed one) is run
        env = dict(env, PYTHONSAFEPATH="1")
        if pythonpath:
            env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def bare_env(root: Path) -> dict[str, str]:
    """Empty dictionary, data, cache and model folders (as the tests use)."""
    env = dict(os.environ)
    for var, name in (
        ("TRANSLATOR_DICTD_DIR", "dictd"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
        ("ARGOS_PACKAGES_DIR", "packages"),
        ("TRANSLATOR_CACHE_DIR", "mtcache"),
    ):
        (root / name).mkdir()
        env[var] = str(root / name)
    return env


def installed(env: dict[str, str]) -> str:
    """What on this machine changes a de/fr comparison's work."""
    probe = (
        "from translator.align.signals.dictionary import load_lexicon\n"
        "from translator.checks.spelling import find_dictionary\n"
        "from translator.translate.packages import installed_packages\n"
        "print('FreeDict de-fr:', 'yes' if load_lexicon('de', 'fr', None) else 'no', end='; ')\n"
        "print('Hunspell de/fr:', '/'.join('yes' if find_dictionary(c) else 'no' for c in ('de', 'fr')), end='; ')\n"
        "print('Argos packages:', len(installed_packages()))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False)
    return proc.stdout.strip() or proc.stderr.strip()[-300:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--bare", action="store_true", help="empty dictionary/data/cache/model folders")
    parser.add_argument("--baseline", help="git ref whose compare and align are measured in the same run")
    args = parser.parse_args()
    exe = shutil.which("translator") or str(Path(sys.executable).with_name("translator"))
    work = Path(tempfile.mkdtemp(prefix="startup-"))
    try:
        for name, text in PAIR.items():
            (work / name).write_text(text, encoding="utf-8")
        env = bare_env(work) if args.bare else dict(os.environ)
        # an installed package has its bytecode compiled (pip does it); a
        # checkout run with PYTHONDONTWRITEBYTECODE would compile ~130
        # modules from source in every process, which is not start-up
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        rows = {
            "python -c pass": [sys.executable, "-c", "pass"],
            'python -c "import translator"': [sys.executable, "-c", "import translator"],
            "translator --help": [exe, "--help"],
            "translator compare (2 sentences)": [
                exe,
                "compare",
                "a.txt",
                "b.txt",
                "--format",
                "json",
                "-o",
                "out.json",
            ],
            "translator align (2 sentences)": [exe, "align", "a.txt", "b.txt"],
        }
        #: row -> PYTHONPATH for ``python -m translator`` rows ("" = this checkout)
        paths: dict[str, str] = {}
        if args.baseline:
            from long_compare import export_code

            commit = export_code(args.baseline, work / "baseline")
            for verb in ("compare", "align"):
                name = f"translator {verb} (2 sentences)"
                module_cmd = [sys.executable, "-m", "translator", *rows[name][1:]]
                rows[f"  -m, this checkout ({verb})"] = module_cmd
                paths[f"  -m, this checkout ({verb})"] = ""
                rows[f"  -m, baseline {commit} ({verb})"] = module_cmd
                paths[f"  -m, baseline {commit} ({verb})"] = str(work / "baseline")
        print(f"machine: {installed(env)}{' (--bare)' if args.bare else ''}")
        print(
            f"cores: {os.cpu_count()}; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        for name, cmd in rows.items():  # warm the page cache, write bytecode; not counted
            run_once(cmd, work, env, paths.get(name))
        walls: dict[str, list[float]] = {name: [] for name in rows}
        cpus: dict[str, list[float]] = {name: [] for name in rows}
        for _ in range(args.runs):
            for name, cmd in rows.items():
                wall, cpu = run_once(cmd, work, env, paths.get(name))
                walls[name].append(wall)
                cpus[name].append(cpu)
        floor = statistics.median(walls["python -c pass"])
        print(f"\n{'command':<40} {'median ms':>10} {'best ms':>8} {'CPU ms':>8} {'x pass':>7}")
        for name in rows:
            median = statistics.median(walls[name])
            print(
                f"{name:<40} {median * 1000:10.1f} {min(walls[name]) * 1000:8.1f}"
                f" {statistics.median(cpus[name]) * 1000:8.1f} {median / floor:7.1f}"
            )
        compare = statistics.median(walls["translator compare (2 sentences)"])
        print(
            f"\ncompare target: under 500 ms wall and at most 50x python -c pass on an idle machine;"
            f" here {compare * 1000:.0f} ms = {compare / floor:.0f}x"
        )
        print(
            f"overhead of --help over bare interpreter: {statistics.median(walls['translator --help']) / floor:.1f}x"
        )
        if args.baseline:
            for verb in ("compare", "align"):
                new, old = f"  -m, this checkout ({verb})", f"  -m, baseline {commit} ({verb})"
                cpu_new, cpu_old = statistics.median(cpus[new]), statistics.median(cpus[old])
                wall_new, wall_old = statistics.median(walls[new]), statistics.median(walls[old])
                print(
                    f"{verb} vs baseline {args.baseline}: CPU {cpu_old * 1000:.0f} -> {cpu_new * 1000:.0f} ms"
                    f" ({cpu_new / cpu_old:.2f}x), wall {wall_old * 1000:.0f} -> {wall_new * 1000:.0f} ms"
                )
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
