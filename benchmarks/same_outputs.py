"""Same outputs: every bundled example through the one-shot commands, with a
baseline checkout and with this one, byte for byte.

Start-up work (lazy imports, tables memoised on disk, deferred loading) must
not change a single finding, link, score or report. This runs each command
of :data:`COMMANDS` (``compare`` in every report format, ``check`` in JSON,
``align``, ``detect``) on the examples in ``examples/`` and on
``benchmarks/startup.py``'s two-sentence pair:

1. with ``--baseline`` (a git ref, exported with ``git archive``; default
   ``main``), in a fresh cache folder;
2. with this checkout, in another fresh cache folder (everything built
   cold);
3. with this checkout again, in the same folder (everything read back from
   the on-disk tables).

and compares the three outputs of each command. The machine's FreeDict and
Hunspell dictionaries are used as installed (they are what makes a
comparison load the most); the data and cache folders are temporary, so
nothing of the user's is read or written. Prints one line per command and a
verdict; exits 1 when any output differs.

    python benchmarks/same_outputs.py [--baseline main] [--code HEAD] [--keep DIR]
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

from long_compare import export_code  # noqa: E402
from startup import PAIR  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "examples"

#: (name, arguments after ``translator``); ``{out}`` is the output file
COMMANDS: list[tuple[str, list[str]]] = [
    *(
        (f"compare de-en-news {fmt}", ["compare", f"{EX}/de-en-news/de.md", f"{EX}/de-en-news/en.md"])
        for fmt in ("json", "html", "text")
    ),
    *(
        (
            f"compare wire-story {fmt}",
            ["compare", f"{EX}/wire-story/outlet-a.txt", f"{EX}/wire-story/outlet-b.txt"],
        )
        for fmt in ("json", "html")
    ),
    ("compare startup pair json", ["compare", "{work}/a.txt", "{work}/b.txt"]),
    ("compare startup pair, 3 versions", ["compare", "{work}/a.txt", "{work}/b.txt", "{work}/c.txt"]),
    ("compare xliff json", ["compare", f"{EX}/l10n/app.de.xlf"]),
    ("compare po json", ["compare", f"{EX}/l10n/messages.de.po"]),
    ("check qa.de.po json", ["check", f"{EX}/l10n/qa.de.po"]),
    ("check de-en-news json", ["check", f"{EX}/de-en-news/en.md", "--source", f"{EX}/de-en-news/de.md"]),
    (
        "check wire-story json",
        ["check", f"{EX}/wire-story/outlet-b.txt", "--source", f"{EX}/wire-story/outlet-a.txt"],
    ),
    ("align de-en-news", ["align", f"{EX}/de-en-news/de.md", f"{EX}/de-en-news/en.md"]),
    ("align startup pair", ["align", "{work}/a.txt", "{work}/b.txt"]),
    (
        "detect examples",
        ["detect", f"{EX}/de-en-news/de.md", f"{EX}/de-en-news/en.md", f"{EX}/wire-story/outlet-a.txt"],
    ),
]

#: a third version in English for the three-way comparison
THIRD = (
    "The Federal Council approved 12 million francs on Monday. The city of Zurich welcomes the decision.\n"
)


def _format(name: str, args: list[str]) -> list[str]:
    """The format flags of a row: compare/check rows write JSON unless the
    name says another format."""
    if args[0] == "compare":
        fmt = name.rsplit(" ", 1)[-1] if name.rsplit(" ", 1)[-1] in {"html", "text"} else "json"
        return ["--format", fmt, "-o", "{out}"]
    if args[0] in {"check", "detect"}:
        return ["--format", "json"]
    return []


def run_all(
    commands: list[tuple[str, list[str]]], pythonpath: str | None, cache: Path, work: Path, into: Path
) -> dict[str, bytes]:
    """Every command's output (the report file, or stdout) with the code at
    ``pythonpath`` (None: the installed checkout)."""
    env = dict(
        os.environ, PYTHONSAFEPATH="1", XDG_CACHE_HOME=str(cache), TRANSLATOR_CACHE_DIR=str(cache / "mt")
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    outputs: dict[str, bytes] = {}
    into.mkdir(parents=True, exist_ok=True)
    for k, (name, args) in enumerate(commands):
        out = into / f"{k:02d}.out"
        argv = [a.format(work=work, out=out) for a in [*args, *_format(name, args)]]
        proc = subprocess.run(
            [sys.executable, "-m", "translator", *argv], env=env, capture_output=True, cwd=work, check=False
        )
        body = out.read_bytes() if out.exists() else proc.stdout
        # the exit code is part of the result (check's gate); stderr names
        # the report file, which differs between the runs
        stderr = proc.stderr.replace(str(out).encode(), b"{out}")
        outputs[name] = f"exit {proc.returncode}\n".encode() + body + b"\n--stderr--\n" + stderr
    return outputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git ref of the code to compare with")
    parser.add_argument("--code", help="git ref of the new code (default: this checkout as it is)")
    parser.add_argument("--keep", help="copy every output into this folder (for diff -r)")
    parser.add_argument("--only", help="run only the commands whose name contains this text")
    args = parser.parse_args()
    commands = [(name, argv) for name, argv in COMMANDS if not args.only or args.only in name]
    if not commands:
        raise SystemExit(f"no command's name contains {args.only!r}")
    tmp = Path(tempfile.mkdtemp(prefix="translator-same-"))
    try:
        # the glossaries too: the checkout's bundled glossaries are read from
        # the folder next to the package
        commit = export_code(args.baseline, tmp / "baseline", ("glossaries",))
        new_code = None
        if args.code:
            export_code(args.code, tmp / "new", ("glossaries",))
            new_code = str(tmp / "new")
        work = tmp / "work"
        work.mkdir()
        for name, text in PAIR.items():
            (work / name).write_text(text, encoding="utf-8")
        (work / "c.txt").write_text(THIRD, encoding="utf-8")
        print(
            f"baseline {args.baseline} ({commit}) vs {args.code or 'this checkout'};"
            f" load average {os.getloadavg()[0]:.2f}"
        )
        runs = {
            "baseline": run_all(
                commands, str(tmp / "baseline"), tmp / "cache-baseline", work, tmp / "out-baseline"
            ),
            "new, cold cache": run_all(commands, new_code, tmp / "cache-new", work, tmp / "out-cold"),
            "new, warm cache": run_all(commands, new_code, tmp / "cache-new", work, tmp / "out-warm"),
        }
        differ = 0
        for name, _ in commands:
            base = runs["baseline"][name]
            diffs = [label for label, out in runs.items() if out[name] != base]
            differ += bool(diffs)
            print(f"{name:<36} {'identical' if not diffs else 'DIFFERS: ' + ', '.join(diffs)}")
        if args.keep:
            keep = Path(args.keep)
            for label, outs in runs.items():
                folder = keep / label.replace(", ", "-").replace(" ", "-")
                folder.mkdir(parents=True, exist_ok=True)
                for k, name in enumerate(outs):
                    (folder / f"{k:02d}-{name.replace(' ', '_').replace(',', '')}").write_bytes(outs[name])
        print(
            f"verdict: {'all outputs identical' if not differ else f'{differ} of {len(commands)} commands differ'}"
            f" ({len(commands)} commands x 3 runs); load average {os.getloadavg()[0]:.2f}"
        )
        sys.exit(1 if differ else 0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
