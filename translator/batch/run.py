"""Batch runs: compare many version pairs (or groups) from a manifest.

An archive project compares thousands of article pairs. A batch run reads a
manifest (CSV or JSONL), writes one HTML report per item, an index page
linking them with their finding counts, and one combined JSON. It is built
around three promises:

- **one bad item never stops the batch**: an item whose input is missing,
  binary or otherwise unusable is recorded with its error, and the rest run;
- **memory stays bounded**: items run in a process pool whose workers are
  replaced after :data:`TASKS_PER_WORKER` items, and the parent keeps only a
  compact summary per item (counts and findings, not documents);
- **resumable**: a state file (written atomically, at most every
  :data:`STATE_EVERY` seconds and whenever the run stops, including Ctrl-C
  and SIGTERM) records each finished item with a key made of its inputs'
  content hashes and the settings; a re-run skips items whose key is
  unchanged and whose report is still there.

Output folder layout::

    DIR/index.html          the index page
    DIR/batch.json          combined results of every item
    DIR/reports/<id>.html   one report per item
    DIR/.batch-state.json   resume state (safe to delete: forces a full run)

This module is the run itself (which items to skip, recording, the
consistency check across items); the parts are named for what they do:
:mod:`.items` (manifest columns, settings, resume keys), :mod:`.report` (one
item), :mod:`.pool` (the executor protocol and the local pool),
:mod:`.state` (the resume state) and :mod:`.outputs` (``batch.json``, the
index page, the CLI's summary).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from .items import BatchItem, BatchSettings, item_key, read_manifest
from .outputs import BatchResult, write_outputs
from .pool import TASKS_PER_WORKER, Executor, LocalPool
from .state import STATE_EVERY, STATE_NAME, load_state, save_state


def run_batch(
    manifest: str,
    out_dir: str,
    *,
    jobs: int = 1,
    settings: BatchSettings | None = None,
    force: bool = False,
    progress: Callable[[int, int], Any] | None = None,
    tasks_per_worker: int = TASKS_PER_WORKER,
    executor: Executor | None = None,
) -> BatchResult:
    """Run every item of ``manifest`` into ``out_dir`` and write the index.

    ``progress(done, total)`` is called after each item (the CLI's progress
    bar). ``force`` ignores the resume state. ``executor`` runs the items
    (default: :class:`LocalPool` of ``jobs`` processes). On KeyboardInterrupt (Ctrl-C
    or SIGTERM through the CLI) the state, index and combined JSON of the
    finished items are written before the interrupt propagates, so the next
    run resumes where this one stopped.
    """
    settings = settings or BatchSettings()
    items = read_manifest(manifest)
    if jobs < 1:
        raise InputError(f"--jobs must be at least 1, got {jobs}")
    out = _prepare_out_dir(out_dir, manifest, items)
    reports = out / "reports"
    reports.mkdir(exist_ok=True)
    state_path = out / STATE_NAME
    previous = {} if force else load_state(state_path)
    results: dict[str, dict[str, Any]] = {}
    todo: list[BatchItem] = []
    skipped = 0
    for item in items:
        report = reports / f"{item.slug}.html"
        old = previous.get(item.id)
        if (
            old
            and old.get("status") == "ok"
            and old.get("key")
            and old.get("key") == item_key(item, settings)
            and report.is_file()
        ):
            results[item.id] = {**old, "skipped": True, "report": str(report)}
            skipped += 1
        else:
            todo.append(item)
    result = BatchResult(items=[], skipped=skipped, out_dir=out)
    done = skipped
    total = len(items)
    if progress:
        progress(done, total)
    last_save = time.monotonic()

    def record(summary: dict[str, Any]) -> None:
        nonlocal done, last_save
        results[summary["id"]] = summary
        done += 1
        result.ran += 1
        if progress:
            progress(done, total)
        if time.monotonic() - last_save >= STATE_EVERY:
            save_state(state_path, results, previous)
            last_save = time.monotonic()

    try:
        (executor or LocalPool(jobs, tasks_per_worker)).run(todo, settings, reports, record)
    except KeyboardInterrupt:
        result.interrupted = True
        raise
    finally:
        save_state(state_path, results, previous)
        result.items = [
            results.get(item.id) or {"id": item.id, "inputs": item.paths, "status": "not run"}
            for item in items
        ]
        if "consistency" not in settings.disabled_checks:
            result.items = _consistency_across(result.items)
        result.failed = sum(1 for r in result.items if r.get("status") == "error")
        write_outputs(out, manifest, result, settings)
    return result


def _consistency_across(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items with the consistency findings between them added (one
    source sentence translated two ways in two items, or two sources
    translated alike), counted like every other finding. Copies: the state
    file keeps each item's own result, so a resumed run compares afresh."""
    from ..checks.consistency import batch_conflicts

    found = batch_conflicts([item.get("pairs") if item.get("status") == "ok" else None for item in items])
    if not found:
        return items
    out = list(items)
    for index, finding in found:
        item = out[index]
        if item is items[index]:
            counts = item.get("counts") or {"kind": {}, "severity": {}}
            item = out[index] = {
                **item,
                "findings": list(item.get("findings") or []),
                "counts": {
                    "kind": dict(counts.get("kind", {})),
                    "severity": dict(counts.get("severity", {})),
                },
            }
        item["findings"].append(finding)
        kinds, severities = item["counts"]["kind"], item["counts"]["severity"]
        kinds[finding["kind"]] = kinds.get(finding["kind"], 0) + 1
        severities[finding["severity"]] = severities.get(finding["severity"], 0) + 1
        item["counts"]["kind"] = dict(sorted(kinds.items()))
    return out


def _prepare_out_dir(out_dir: str, manifest: str, items: Sequence[BatchItem]) -> Path:
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder; give -o a folder for the reports")
    inputs = {Path(p).resolve() for item in items for p in item.paths} | {Path(manifest).resolve()}
    for name in ("index.html", "batch.json", STATE_NAME):
        if (out / name).resolve() in inputs:
            raise InputError(f"{out / name}: output would overwrite an input file; choose another -o folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out_dir}: {exc.strerror or exc}") from None
    return out
