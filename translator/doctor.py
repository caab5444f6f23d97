"""``translator doctor``: everything an offline run can use, checked in one place.

Three sections: translation models (:func:`translate.doctor.run_doctor`, also
``translator models doctor``), FreeDict dictionaries (what the aligner falls
back on without a model) and the Chromium that renders screenshots and runs
the browser tests. Nothing here uses the network. Only a broken model is a
failure; a missing dictionary or browser is a warning, because everything
still runs without them.
"""

from __future__ import annotations

import gzip
import importlib.util
from typing import Any

from .translate.doctor import DoctorReport


def check_dictionaries() -> DoctorReport:
    from .align.dictd import search_dirs
    from .align.freedict import installed

    report = DoctorReport()
    for folder in search_dirs():
        report.add("ok", f"dictionary folder {folder}" + ("" if folder.is_dir() else " (not there yet)"))
    found = installed()
    for d in found:
        data = d.index.with_suffix(".dict.dz")
        try:
            if data.is_file():
                with gzip.open(data) as handle:
                    handle.read(1)
        except (OSError, EOFError) as exc:
            report.add("fail", f"{d.name} ({data}): unreadable ({exc})")
            continue
        report.add("ok", f"{d.name}: {d.index}")
    if not found:
        report.add(
            "warn",
            "no FreeDict dictionary: without a model, versions in two languages are aligned on length and "
            "anchors only; install one with 'translator dictionaries install de en' (your pair)",
        )
    return report


def check_browser() -> DoctorReport:
    from .devtools.chromium import CHROMIUM

    report = DoctorReport()
    if CHROMIUM.is_file():
        report.add("ok", f"chromium {CHROMIUM} (screenshots, browser tests)")
    else:
        report.add(
            "warn",
            f"no chromium at {CHROMIUM}: screenshots and browser tests need it (apt-get install chromium, "
            "or set TRANSLATOR_CHROMIUM); reports do not",
        )
    if importlib.util.find_spec("playwright") is None:
        report.add("warn", "playwright is not installed (pip install -e '.[dev]'); only screenshots need it")
    else:
        report.add("ok", "playwright is installed")
    return report


def run_all() -> dict[str, DoctorReport]:
    """Each section's report, in the order they are printed."""
    from .translate.doctor import run_doctor

    return {"models": run_doctor(), "dictionaries": check_dictionaries(), "browser": check_browser()}


def to_dict(sections: dict[str, DoctorReport]) -> dict[str, Any]:
    problems = sum(r.problems for r in sections.values())
    return {
        "ok": problems == 0,
        "problems": problems,
        "sections": {name: r.to_dict() for name, r in sections.items()},
    }
