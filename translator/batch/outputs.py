"""A batch's combined outputs: ``batch.json``, the index page, the CLI's lines.

Both files are written from the items' compact summaries (the state's
entries plus this run's), so an interrupted run's outputs say exactly what
was recorded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import write_atomic
from .items import BatchSettings


@dataclass
class BatchResult:
    """What a run did, for the CLI's summary line and for tests."""

    items: list[dict[str, Any]]
    ran: int = 0
    skipped: int = 0
    failed: int = 0
    interrupted: bool = False
    out_dir: Path = field(default_factory=Path)

    @property
    def index(self) -> Path:
        return self.out_dir / "index.html"

    @property
    def combined(self) -> Path:
        return self.out_dir / "batch.json"


def write_outputs(out: Path, manifest: str, result: BatchResult, settings: BatchSettings) -> None:
    totals = {"error": 0, "warning": 0, "info": 0}
    for item in result.items:
        for sev, n in (item.get("counts") or {}).get("severity", {}).items():
            totals[sev] = totals.get(sev, 0) + n
    combined = {
        "tool_version": __version__,
        "manifest": str(manifest),
        "settings": asdict(settings),
        "summary": {
            "items": len(result.items),
            "ok": sum(1 for i in result.items if i.get("status") == "ok"),
            "failed": result.failed,
            "not_run": sum(1 for i in result.items if i.get("status") == "not run"),
            "skipped": result.skipped,
            "interrupted": result.interrupted,
            "findings": totals,
        },
        "items": [_public(item, out) for item in result.items],
    }
    write_atomic(out / "batch.json", json.dumps(combined, ensure_ascii=False, indent=2) + "\n")
    write_atomic(out / "index.html", render_index(combined))


def _public(item: dict[str, Any], out: Path) -> dict[str, Any]:
    data = {k: v for k, v in item.items() if k not in ("key", "pairs")}
    if data.get("report"):
        data["report"] = os.path.relpath(data["report"], out)
    data["skipped"] = bool(item.get("skipped"))
    return data


def render_index(combined: dict[str, Any]) -> str:
    """The index page (Jinja2, autoescaped: ids and paths are untrusted)."""
    import jinja2

    from ..resources import resource_dir

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("batch_index.html.j2").render(batch=combined)


def summary_line(result: BatchResult) -> str:
    """One line for the terminal: what ran, what was skipped, what failed."""
    parts = [f"{len(result.items)} items", f"{result.ran} run", f"{result.skipped} unchanged (skipped)"]
    if result.failed:
        parts.append(f"{result.failed} failed")
    return ", ".join(parts)


def iter_errors(result: BatchResult) -> Iterable[tuple[str, str]]:
    for item in result.items:
        if item.get("status") == "error":
            yield item["id"], item.get("error", "")
