"""Which Chromium the browser tests, screenshots and report benchmark drive.

Debian's ``chromium`` package, never a browser Playwright downloads (there is
no network here, and CI installs the package with apt). One place for the
path and the launch flags, so the three users cannot drift apart.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

#: ``TRANSLATOR_CHROMIUM`` overrides the Debian path
CHROMIUM = Path(os.environ.get("TRANSLATOR_CHROMIUM", "/usr/bin/chromium"))

#: no sandbox (CI runs as root in a container), no GPU, and nothing that
#: phones home: background networking, component updates, sync
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright: Any) -> Any:  # noqa: ANN401 - playwright objects
    """A headless Chromium browser from a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
