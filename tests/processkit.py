"""Running a probe script in fresh interpreters (for start-up behaviour)."""

from __future__ import annotations

import os
import subprocess
import sys


def outputs_of_two_fresh_processes(probe: str) -> list[str]:
    """The stripped stdout of ``probe`` run twice, each time in a new
    interpreter with the test's environment: the first run builds whatever
    is cached on disk, the second finds it."""
    return [
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=dict(os.environ), check=True
        ).stdout.strip()
        for _ in range(2)
    ]


def outputs_under_hash_seeds(probe: str, seeds: range = range(6)) -> set[str]:
    """The distinct stdouts of ``probe`` run in fresh interpreters, one per
    ``PYTHONHASHSEED``: a single element when nothing the probe prints
    depends on the order of a set of strings."""
    return {
        subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in seeds
    }
