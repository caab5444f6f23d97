"""Start-up time of ``translator --help`` (the CLI must stay instant).

Runs the console script N times in fresh processes and prints the median
and best wall time, against ``python -c pass`` measured in the same run as
the interpreter's own floor.

    python benchmarks/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cmd: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    exe = shutil.which("translator") or str(Path(sys.executable).with_name("translator"))
    floor = timed([sys.executable, "-c", "pass"], args.runs)
    helps = timed([exe, "--help"], args.runs)
    print(
        f"python -c pass     median {statistics.median(floor) * 1000:6.1f} ms  best {min(floor) * 1000:6.1f} ms"
    )
    print(
        f"translator --help  median {statistics.median(helps) * 1000:6.1f} ms  best {min(helps) * 1000:6.1f} ms"
    )
    print(f"overhead over bare interpreter: {statistics.median(helps) / statistics.median(floor):.1f}x")


if __name__ == "__main__":
    main()
