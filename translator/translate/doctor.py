"""``translator models doctor``: everything an offline run needs, checked offline.

Checks the packages folder, every installed package (metadata, CTranslate2
model, tokenizer; the model is actually loaded), the language pairs and
pivot routes they give, and that the translation cache can be written. It
never touches the network, so it answers the question "will this work on
the plane?" truthfully.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DoctorReport:
    #: (status, message) with status "ok", "warn" or "fail"
    lines: list[tuple[str, str]] = field(default_factory=list)

    def add(self, status: str, message: str) -> None:
        self.lines.append((status, message))

    @property
    def problems(self) -> int:
        return sum(1 for status, _ in self.lines if status == "fail")

    @property
    def ok(self) -> bool:
        return self.problems == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "problems": self.problems,
            "checks": [{"status": s, "message": m} for s, m in self.lines],
        }


def _writable(path) -> bool:  # noqa: ANN001 - Path
    probe = path
    while not probe.exists():
        probe = probe.parent
    return os.access(probe, os.W_OK)


def run_doctor() -> DoctorReport:
    from .cache import TranslationCache
    from .engine import LoadedPackage, thread_plan
    from .packages import (
        broken_packages,
        installed_packages,
        local_index_path,
        package_problem,
        packages_dir,
        reachable_pairs,
    )

    report = DoctorReport()
    folder = packages_dir()
    if folder.is_dir():
        report.add("ok", f"packages folder {folder}")
    else:
        report.add("fail", f"packages folder {folder} does not exist: no model is installed")
    if not _writable(folder):
        report.add("warn", f"packages folder {folder} is not writable: installing will fail")
    pkgs = installed_packages()
    usable = []
    for pkg in pkgs:
        problem = package_problem(pkg)
        if problem is None:
            try:
                loaded = LoadedPackage(pkg)
                loaded.decode(loaded.encode("test"))
            except Exception as exc:  # noqa: BLE001 - any load failure is the finding
                problem = f"does not load: {exc}"
        if problem:
            report.add("fail", f"{pkg.label} ({pkg.path}): {problem}")
            continue
        usable.append(pkg)
        extra = ""
        if (pkg.path / "stanza").is_dir():
            extra = " (its stanza/ folder is ignored: we split sentences ourselves, offline)"
        report.add("ok", f"{pkg.label}: {pkg.from_code} -> {pkg.to_code}{extra}")
    listed = {p.path for p in pkgs}
    for path, reason in broken_packages(folder):
        if path not in listed:
            report.add("fail", f"{path}: {reason}")
    if folder.is_dir() and not usable:
        report.add("fail", "no usable translation package: compare will run model-free")
    for a, b, via in reachable_pairs(usable):
        route = f" via {' -> '.join(via)}" if via else ""
        report.add("ok", f"pair {a} -> {b}{route}")
    cache = TranslationCache()
    try:
        cache.put_many({"doctor-probe": "ok"})
        hit = cache.get_many(["doctor-probe"]).get("doctor-probe") == "ok"
    finally:
        cache.close()
    if hit:
        report.add("ok", f"translation cache {cache.path} is writable")
    else:
        report.add(
            "warn",
            f"translation cache {cache.path} is not usable ({cache.disabled_reason}); runs work without it",
        )
    inter, intra = thread_plan()
    report.add("ok", f"decoding threads: {inter} parallel batches x {intra} thread(s)")
    if local_index_path().is_file():
        report.add("ok", f"saved package index {local_index_path()}")
    else:
        report.add("warn", "no saved package index; 'translator models available' needs the network once")
    _spelling(report)
    return report


def _spelling(report: DoctorReport) -> None:
    """Which languages the spelling check covers (it is off for the others)."""
    from ..checks.spelling import doctor_lines

    for status, message in doctor_lines():
        report.add(status, message)
