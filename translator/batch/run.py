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
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .. import __version__
from ..atomic import write_atomic
from ..errors import InputError
from ..ingest.manifest import Row, check_columns, listed_path, nothing_listed, read_rows
from ..ingest.smallfiles import loads_json, read_whole

#: a worker process is replaced after this many items, which bounds the
#: memory any one worker can accumulate (caches, fragmentation) no matter
#: how long the batch is
TASKS_PER_WORKER = 50
#: the state file is rewritten at most this often (seconds) while running
STATE_EVERY = 2.0
STATE_NAME = ".batch-state.json"
#: 2: findings in the schema of ``check --format json`` (1 had ``file`` and no ends)
STATE_FORMAT = 2
_VERSION_COLUMN = re.compile(r"^[a-z]$")
_SAFE = re.compile(r"[^\w.-]+")


@dataclass
class BatchItem:
    """One line of the manifest: an id and two or more versions."""

    id: str
    paths: list[str]
    langs: list[str | None] = field(default_factory=list)
    #: 1-based line of the manifest the item came from (for messages)
    line: int = 0

    @property
    def slug(self) -> str:
        """The id as a safe file name (reports are named after it)."""
        return _SAFE.sub("_", self.id).strip("._")[:120] or "item"


@dataclass
class BatchSettings:
    """Everything besides the inputs that changes an item's result."""

    disabled_checks: list[str] = field(default_factory=list)
    langs: list[str | None] = field(default_factory=list)

    def fingerprint(self) -> str:
        settings = asdict(self)
        langs = list(settings["langs"])
        while langs and langs[-1] is None:  # "no override" however it is spelled
            langs.pop()
        settings["langs"] = langs
        settings["disabled_checks"] = sorted(settings["disabled_checks"])
        data = {"tool": __version__, "settings": settings, "checks": _check_names()}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


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


# -- manifest -----------------------------------------------------------------


def read_manifest(path: str) -> list[BatchItem]:
    """Items from a manifest (:mod:`translator.ingest.manifest`).

    Version columns ``a``, ``b`` (and ``c``, ``d`` … for groups), optionally
    ``id`` and ``lang_a``, ``lang_b`` …; a JSON line may instead give
    ``versions`` (a list of paths) and optionally ``langs``. Paths are
    relative to the manifest's folder. A malformed manifest is an
    :class:`InputError` naming the line, raised before anything runs.
    """
    items: list[BatchItem] = []
    for row in read_rows(path):
        if "versions" in row.values:
            check_columns(row, ("id", "versions", "langs"))
            items.append(_item_from_list(row, len(items)))
        else:
            items.append(_item_from_columns(row, len(items)))
    if not items:
        raise nothing_listed(path, "items")
    seen: dict[str, int] = {}
    for item in items:
        key = item.slug.lower()
        if key in seen:
            raise InputError(
                f"{path}:{item.line}: id {item.id!r} is used twice (also on line {seen[key]});"
                " give every item its own id"
            )
        seen[key] = item.line
    return items


def _item_from_columns(row: Row, n: int) -> BatchItem:
    versions = [h for h in row.values if _VERSION_COLUMN.match(h)]
    if "a" not in versions:
        shown = ",".join(h if h.isprintable() else repr(h) for h in row.values)
        needs = "the header needs" if row.header_line else "a manifest needs"
        raise InputError(
            f"{row.columns_where}: {needs} version columns 'a' and 'b' (like 'id,a,b,lang_a,lang_b'),"
            " or 'a' alone for bilingual files (XLIFF, PO, TMX),"
            f" got {shown}"
        )
    letters = sorted(versions)
    if letters != [chr(ord("a") + i) for i in range(len(letters))]:
        raise InputError(
            f"{row.columns_where}: version columns must be a, b, c … without gaps, got {letters}"
        )
    # a bilingual file alone in column a still has two sides: lang_a, lang_b
    sides = [chr(ord("a") + i) for i in range(max(2, len(letters)))]
    check_columns(row, ("id", *letters, *(f"lang_{k}" for k in sides)))
    record = row.values
    paths = [str(record[k]).strip() for k in letters if record.get(k) not in (None, "")]
    trailing = [k for k in letters if record.get(k) in (None, "")]
    if not paths:
        raise InputError(
            f"{row.where}: an item needs two versions (columns a and b) or one bilingual file (column a)"
        )
    if trailing and letters.index(trailing[0]) < len(paths):
        raise InputError(f"{row.where}: version column {trailing[0]} is empty but a later one is not")
    # one bilingual file is two versions, its source and target sides: lang_a
    # and lang_b name their languages when the file does not
    sides = sides[: max(2, len(paths))]
    langs = [(str(record.get(f"lang_{k}") or "").strip() or None) for k in sides]
    item_id = str(record.get("id") or "").strip() or f"item-{n + 1}"
    return BatchItem(id=item_id, paths=[listed_path(row, p) for p in paths], langs=langs, line=row.line)


def _item_from_list(row: Row, n: int) -> BatchItem:
    versions = row.values["versions"]
    langs = row.values.get("langs") or []
    if not isinstance(versions, list) or not all(isinstance(v, str) for v in versions):
        raise InputError(f"{row.where}: 'versions' must be a list of file paths")
    if not isinstance(langs, list):
        raise InputError(f"{row.where}: 'langs' must be a list of language codes")
    if not versions:
        raise InputError(f"{row.where}: an item needs two versions or one bilingual file")
    item_id = str(row.values.get("id") or "").strip() or f"item-{n + 1}"
    count = max(2, len(versions))
    padded = [(str(x).strip() or None) if x else None for x in langs][:count]
    padded += [None] * (count - len(padded))
    return BatchItem(id=item_id, paths=[listed_path(row, p) for p in versions], langs=padded, line=row.line)


# -- one item -----------------------------------------------------------------


def item_key(item: BatchItem, settings: BatchSettings) -> str | None:
    """Content hash of the item's inputs plus the settings; None when an
    input cannot be read (such an item is always retried)."""
    digest = hashlib.sha256(settings.fingerprint().encode())
    digest.update(json.dumps(item.langs).encode())
    for path in item.paths:
        file_hash = _file_hash(path)
        if file_hash is None:
            return None
        digest.update(file_hash.encode())
    return digest.hexdigest()[:32]


def _file_hash(path: str) -> str | None:
    """SHA-256 of a regular file; None for anything else. A FIFO is opened
    without blocking and ``/dev/zero`` never hashed: both would hang."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


def require_regular_files(paths: Sequence[str]) -> None:
    """An item's inputs are files in a manifest: a FIFO, device or folder
    fails the item (reading a FIFO with no writer would block the batch)."""
    for path in paths:
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise InputError(f"{path}: no such file; check the path in the manifest") from None
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise InputError(f"{path}: cannot read ({reason})") from None
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: not a regular file (a folder, pipe or device); list article files")


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


# -- the run --------------------------------------------------------------------


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
    previous = {} if force else _load_state(state_path)
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
            _save_state(state_path, results, previous)
            last_save = time.monotonic()

    try:
        (executor or LocalPool(jobs, tasks_per_worker)).run(todo, settings, reports, record)
    except KeyboardInterrupt:
        result.interrupted = True
        raise
    finally:
        _save_state(state_path, results, previous)
        result.items = [
            results.get(item.id) or {"id": item.id, "inputs": item.paths, "status": "not run"}
            for item in items
        ]
        if "consistency" not in settings.disabled_checks:
            result.items = _consistency_across(result.items)
        result.failed = sum(1 for r in result.items if r.get("status") == "error")
        _write_outputs(out, manifest, result, settings)
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


class Executor(Protocol):
    """Runs a batch's items: :class:`LocalPool` here, a Dask cluster in
    :mod:`translator.batch.cluster`.

    ``run`` hands each item's summary to ``record`` as it finishes, in any
    order, with its report already written under ``reports`` (as
    :func:`run_item` or :func:`save_report` write it) — or not at all if the
    run stops first: :func:`run_batch` keeps the state, index and combined
    JSON consistent with exactly what was recorded.
    """

    def run(
        self,
        todo: list[BatchItem],
        settings: BatchSettings,
        reports: Path,
        record: Callable[[dict[str, Any]], None],
    ) -> None: ...


@dataclass
class LocalPool:
    """The default executor: this process for one job, else a process pool."""

    jobs: int = 1
    tasks_per_worker: int = TASKS_PER_WORKER

    def run(
        self,
        todo: list[BatchItem],
        settings: BatchSettings,
        reports: Path,
        record: Callable[[dict[str, Any]], None],
    ) -> None:
        if self.jobs == 1 or len(todo) <= 1:
            for item in todo:
                record(run_item(item, settings, str(reports / f"{item.slug}.html")))
        else:
            _run_pool(todo, settings, reports, self.jobs, self.tasks_per_worker, record)


def _worker_init(parent: int | None = None) -> None:
    """Workers leave Ctrl-C to the parent (which stops handing out items and
    lets running ones finish) and clean up on SIGTERM like the CLI does.

    ``parent`` is the batch process: when it dies without a chance to shut
    the pool down (``kill -9``, the OOM killer), a worker would otherwise
    wait on its queue forever (the fork server's child, it is not even
    re-parented to anything that would notice).
    """
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def _term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _term)
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """Block until process ``parent`` is gone, then end this worker: SIGTERM
    first (the running item's atomic writes clean up), then a hard exit."""
    import select
    import signal

    try:
        fd = os.pidfd_open(parent)  # Linux 5.3+: readable once the process exits
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])
        os.close(fd)
    else:
        while True:
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                pass
            time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5.0)
    os._exit(143)


def _run_pool(
    todo: list[BatchItem],
    settings: BatchSettings,
    reports: Path,
    jobs: int,
    tasks_per_worker: int,
    record: Callable[[dict[str, Any]], None],
) -> None:
    """Run items in a process pool, at most ``2 * jobs`` in flight.

    Submitting lazily (not all 1,000 futures at once) keeps the parent's
    memory flat and lets Ctrl-C stop promptly: only the running items are
    waited for.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("forkserver")
    # workers fork from a server that has already run one comparison, so a
    # recycled worker does not pay the ~1.4 s first-comparison warm-up again
    context.set_forkserver_preload(["translator._warm"])
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_worker_init,
        initargs=(os.getpid(),),
        max_tasks_per_child=max(1, tasks_per_worker),
    )
    pending: dict[Any, BatchItem] = {}
    queue = iter(todo)
    try:
        while True:
            while len(pending) < 2 * jobs:
                item = next(queue, None)
                if item is None:
                    break
                future = executor.submit(run_item, item, settings, str(reports / f"{item.slug}.html"))
                pending[future] = item
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                item = pending.pop(future)
                try:
                    record(future.result())
                except Exception as exc:  # the worker died (killed, out of memory)
                    record(worker_failed(item, exc))
    except BaseException:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


# -- state and outputs -------------------------------------------------------------


def _load_state(path: Path) -> dict[str, dict[str, Any]]:
    """The previous run's results by id; an unreadable state means a full run.

    The state is a file in a folder others may write to, so each entry is
    validated: one that could not have been written by :func:`run_item` is
    dropped (and so never saved again) instead of crashing this run and
    every later one.
    """
    if not os.path.lexists(path):
        return {}
    try:
        data = loads_json(read_whole(path, "batch state"))
    except (InputError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        return {}
    items = data.get("items")
    if not isinstance(items, dict):
        return {}
    return {k: v for k, v in items.items() if isinstance(k, str) and _valid_state_entry(k, v)}


def _valid_state_entry(item_id: str, entry: Any) -> bool:
    """The shape of a finished item's summary (see :func:`_summarise`)."""
    if not isinstance(entry, dict) or entry.get("id") != item_id or entry.get("status") != "ok":
        return False
    if not isinstance(entry.get("key"), str) or not _str_list(entry.get("inputs")):
        return False
    if not _str_list(entry.get("notes", [])) or not isinstance(entry.get("mode", ""), str):
        return False
    langs = entry.get("langs", [])
    if not isinstance(langs, list) or not all(x is None or isinstance(x, str) for x in langs):
        return False
    similarity = entry.get("similarity")
    if similarity is not None and (isinstance(similarity, bool) or not isinstance(similarity, (int, float))):
        return False
    counts = entry.get("counts", {})
    if not isinstance(counts, dict) or not all(isinstance(v, dict) for v in counts.values()):
        return False
    for table in counts.values():
        if not all(isinstance(k, str) and type(n) is int for k, n in table.items()):
            return False
    from ..checks.consistency import valid_rows

    if not valid_rows(entry.get("pairs", [])):
        return False
    findings = entry.get("findings", [])
    if not isinstance(findings, list) or not all(isinstance(f, dict) for f in findings):
        return False
    return all(
        all(
            isinstance(f.get(k, ""), str)
            for k in ("path", "kind", "severity", "message", "excerpt", "fingerprint")
        )
        and all(type(f.get(k, 0)) is int for k in _FINDING_NUMBERS)
        and isinstance(f.get("unit") or "", str)
        and isinstance(f.get("evidence", {}), dict)
        for f in findings
    )


#: the whole-number fields of a finding (see :meth:`LocatedFinding.to_dict`)
_FINDING_NUMBERS = ("line", "column", "end_line", "end_column", "offset", "length", "comparison")


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _save_state(path: Path, results: dict[str, dict[str, Any]], previous: dict[str, dict[str, Any]]) -> None:
    """Finished items of this run plus the previous run's still-valid ones."""
    merged = {**{k: v for k, v in previous.items() if v.get("status") == "ok"}, **results}
    clean = {k: {kk: vv for kk, vv in v.items() if kk != "skipped"} for k, v in merged.items()}
    write_atomic(path, json.dumps({"format": STATE_FORMAT, "items": clean}, ensure_ascii=False))


def _write_outputs(out: Path, manifest: str, result: BatchResult, settings: BatchSettings) -> None:
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


def _check_names() -> list[str]:
    from ..checks import check_names

    return check_names()


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
