"""One item of a batch: compare it, render its report, save it.

Every executor runs an item through these functions (the local pool calls
:func:`run_item`; a Dask worker :func:`render_item` and the client
:func:`save_report`), so an item's summary and report are the same
wherever it ran. A problem with the item becomes its error, never the
batch's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import InputError
from .items import BatchItem, BatchSettings, item_key, require_regular_files


def run_item(item: BatchItem, settings: BatchSettings, report_path: str) -> dict[str, Any]:
    """Compare one item, write its report, return its compact summary.

    Never raises for a problem with the item itself: the error is returned
    in the summary so the batch goes on. (Interrupts still propagate.)
    """
    return save_report(render_item(item, settings, item_key(item, settings)), report_path)


def render_item(
    item: BatchItem,
    settings: BatchSettings,
    key: str | None,
    read: Callable[[str], bytes] | None = None,
) -> dict[str, Any]:
    """Compare one item and render its report, writing nothing.

    The summary carries the report's HTML under ``"html"`` for
    :func:`save_report`: a remote executor's worker returns it and the client
    alone writes outputs. ``read`` fetches an input's bytes by its manifest
    path (shipped bytes, or a file below another folder) instead of opening
    the path. Never raises for a problem with the item itself.
    """
    started = time.perf_counter()
    summary: dict[str, Any] = {"id": item.id, "inputs": item.paths, "line": item.line, "key": key}
    try:
        from ..pipeline import CompareOptions, compare_documents, load_versions
        from ..renderers import get_renderer

        if read is None:
            require_regular_files(item.paths)
        langs = [
            lang or (settings.langs[i] if i < len(settings.langs) else None)
            for i, lang in enumerate(item.langs)
        ]
        options = CompareOptions(langs=langs, disabled_checks=list(settings.disabled_checks))
        comparison = compare_documents(load_versions(item.paths, options.langs, read=read), options)
        html = get_renderer("html").render(comparison)
        summary.update(_summarise(comparison))
        summary.update(status="ok", html=html)
    except Exception as exc:  # a bug must not sink a 1,000-item batch
        summary.update(status="error", error=_describe(exc))
    summary["seconds"] = round(time.perf_counter() - started, 3)
    return summary


def save_report(summary: dict[str, Any], report_path: str) -> dict[str, Any]:
    """Write a rendered item's report atomically; its summary without the HTML.

    Refuses to write over one of the item's inputs, which makes the item
    failed instead (so does a write that fails).
    """
    html = summary.pop("html", None)
    if html is None:
        return summary
    try:
        resolved_report = Path(report_path).resolve()
        for path in summary["inputs"]:
            if Path(path).resolve() == resolved_report:
                raise InputError(
                    f"{path}: the report would overwrite this input; move it out of the output folder"
                )
        write_atomic(report_path, html)
    except Exception as exc:
        head = {k: summary[k] for k in ("id", "inputs", "line", "key")}
        return {**head, "status": "error", "error": _describe(exc), "seconds": summary["seconds"]}
    seconds = summary.pop("seconds")
    summary.update(report=report_path, seconds=seconds)
    return summary


def worker_failed(item: BatchItem, exc: BaseException, attempts: int = 1) -> dict[str, Any]:
    """The summary of an item whose worker died under it (killed, out of
    memory) as many times as the executor allows."""
    times = f" {attempts} times" if attempts > 1 else ""
    return {
        "id": item.id,
        "inputs": item.paths,
        "line": item.line,
        "status": "error",
        "error": f"worker failed{times}: {type(exc).__name__}: {exc}",
    }


def _describe(exc: Exception) -> str:
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "out of memory for this item"
    return f"internal error: {type(exc).__name__}: {exc}"


def _summarise(comparison: Any) -> dict[str, Any]:
    """The part of a comparison the index and combined JSON need; findings
    in the schema of ``check --format json`` (:meth:`LocatedFinding.to_dict`)."""
    from ..checks.consistency import pair_rows
    from ..model import locate

    findings = [locate(0, comparison, f).to_dict() for f in comparison.findings]
    return {
        "mode": comparison.mode,
        "notes": list(comparison.notes),
        # for the consistency check across items, run after the batch
        "pairs": pair_rows(comparison),
        "langs": [d.lang for d in comparison.documents],
        "similarity": comparison.similarity,
        "counts": comparison.counts(),
        "findings": findings,
    }
