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
