"""Run a batch on a Dask cluster: ``translator batch --scheduler/--cluster``.

The local process pool tops out at one machine. :class:`DaskExecutor` hands
the same items to Dask's distributed scheduler instead — an existing
cluster (``--scheduler tcp://HOST:8786``) or one it starts on this machine
for the run (``--cluster local:N``) — behind the :class:`~translator.batch.pool.Executor`
protocol, so everything else (resume state, index, combined JSON) is the
local pool's code and the outputs are the same, item for item:

- **the client alone writes**: a worker compares and renders
  (:func:`~translator.batch.report.render_item`) and returns the summary with the
  report's HTML; the client writes the report atomically
  (:func:`~translator.batch.report.save_report`) and records it. A worker never
  touches the output folder, so a result that never arrives leaves nothing
  behind and no report is written twice.
- **inputs** are read by path on the workers (they must see the client's
  files, relative paths are taken from the client's working folder), or
  with ``ship_inputs`` read on the client (size caps and all) and sent with
  the task.
- **faults**: the items of a task whose worker dies are submitted again,
  each in a task of its own; an item whose own task's worker dies is
  submitted again at most ``retries`` more times, then fails with the
  reason. (The
  scheduler may already retry by itself: ``distributed.scheduler.allowed-failures``,
  which a ``local:N`` cluster sets to 0 so that ``retries`` alone counts.)
  Ctrl-C cancels what is in flight; losing the scheduler is a one-line
  :class:`SchedulerLost` (exit code 2) — in both cases :func:`~translator.batch.run.run_batch`
  saves the state of what was recorded, so the same command resumes.
- **tasks in flight** are ``in_flight`` (``--jobs``) or, by default, twice
  the cluster's worker threads when the run starts. Short items go several
  to a task (:class:`_Pace`): Dask's fixed cost per task would otherwise
  be about a tenth of a news article's comparison. An item of a task whose
  worker died is retried on its own.

Dask is imported only here, and only when a run asks for a cluster.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import InputError
from .items import BatchItem, BatchSettings, item_key
from .report import run_item, save_report, worker_failed

#: extra submissions of an item whose worker died before the item fails
RETRIES = 2
#: a task runs as many short items as take about this long (seconds) …
TASK_SECONDS = 0.5
#: … but never more than this many
MAX_ITEMS_PER_TASK = 16
#: Dask settings of a ``local:N`` cluster (docs/cluster.md gives them as
#: environment variables for a cluster started by hand). Dask's processes
#: wake up on timers whether or not a task runs: a 20 ms event-loop tick,
#: a 10 ms statistical profiler in each worker, psutil readings every
#: 100-500 ms, work stealing every 100 ms. Measured on this 2-core machine,
#: that is ~6 % of a core for a one-worker cluster doing nothing (0.8 %
#: with these), and more while a task runs: a cost per second that shows
#: up as a cost per item. None of it is needed to run a batch: tasks go out
#: two per worker thread, so there is nothing to steal, and the memory
#: limit is still enforced, once a second.
QUIET = {
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
}
_LOCAL = re.compile(r"local:(\d+)")
_INSTALL = "pip install 'translator[cluster]'"


class SchedulerLost(InputError):
    """The Dask scheduler went away mid-run (exit code 2; the state is kept)."""


def parse_cluster(spec: str) -> int:
    """The number of workers of a ``--cluster`` value (``local:N``)."""
    match = _LOCAL.fullmatch(spec.strip())
    if not match or int(match.group(1)) < 1:
        raise InputError(f"--cluster {spec!r}: expected local:N with N worker processes, like local:4")
    return int(match.group(1))


@dataclass
class DaskExecutor:
    """Runs batch items on a Dask cluster; use it as a context manager (the
    connection, and a ``local:N`` cluster, live for the ``with`` block)."""

    #: address of a running scheduler (``tcp://HOST:8786``)
    scheduler: str | None = None
    #: start a cluster of this many worker processes on this machine instead
    local_workers: int = 0
    #: tasks in flight (``--jobs``); None: twice the cluster's threads
    in_flight: int | None = None
    #: send the inputs' bytes with each task (workers without the files)
    ship_inputs: bool = False
    retries: int = RETRIES
    #: items per task; None: paced by the items' timings (see :class:`_Pace`)
    items_per_task: int | None = None
    _client: Any = field(default=None, init=False, repr=False)
    _cluster: Any = field(default=None, init=False, repr=False)

    @property
    def address(self) -> str:
        return str(self._cluster.scheduler_address if self._cluster is not None else self.scheduler)

    def __enter__(self) -> DaskExecutor:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError(f"--scheduler and --cluster need Dask; install it with {_INSTALL}") from None
        # the tool reports what matters in one line; Dask's own log lines
        # (workers restarting, reconnect attempts) are not for the terminal,
        # not even those a lost client's reconnect loop logs after the run
        for name in ["distributed", *logging.root.manager.loggerDict]:
            if name.split(".")[0] == "distributed":  # Dask sets some children's levels itself
                logging.getLogger(name).setLevel(logging.CRITICAL + 1)
        config = {"distributed.scheduler.allowed-failures": 0, **QUIET} if self.local_workers else {}
        try:
            with dask.config.set(config):
                if self.local_workers:
                    self._cluster = LocalCluster(
                        n_workers=self.local_workers,
                        threads_per_worker=1,
                        processes=True,
                        host="127.0.0.1",
                        dashboard_address=":0",  # never the fixed 8787 (and its warning when taken)
                        silence_logs=logging.CRITICAL,
                        preload=["translator._warm"],
                    )
                try:
                    self._client = Client(self.address, set_as_default=False)
                except (OSError, TimeoutError) as exc:
                    raise InputError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from None
            self._check_workers()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self._client is not None:
                self._client.close(timeout=5)
            if self._cluster is not None:
                self._cluster.close(timeout=10)
        except Exception:  # noqa: BLE001 - tearing down a cluster that is already gone
            pass
        finally:
            self._client = self._cluster = None

    def _check_workers(self) -> None:
        """Workers must run this translator version: another one would give
        other results under the same resume key (or none at all)."""
        try:
            versions = self._client.run(_worker_version)
        except Exception as exc:  # noqa: BLE001 - an unpicklable function means no translator there
            raise InputError(
                f"the Dask workers of {self.address} cannot run translator ({type(exc).__name__}: {exc});"
                f" install translator {__version__} on them"
            ) from None
        wrong = sorted(f"{addr} has {v}" for addr, v in versions.items() if v != __version__)
        if wrong:
            raise InputError(
                f"Dask workers run another translator version than {__version__}: {', '.join(wrong)}"
            )

    def run(
        self,
        todo: list[BatchItem],
        settings: BatchSettings,
        reports: Path,
        record: Callable[[dict[str, Any]], None],
    ) -> None:
        from distributed import as_completed
        from distributed.client import FutureCancelledError

        client = self._client
        if client is None:
            raise RuntimeError("DaskExecutor.run outside its with block")
        threads = max(1, sum(client.nthreads().values()))
        limit = self.in_flight or max(2, 2 * threads)
        base = os.getcwd()
        pending: dict[Any, tuple[list[BatchItem], int]] = {}
        finished = as_completed([], with_results=False, loop=client.loop)
        queue = list(reversed(todo))  # pop() takes the next item
        retry: list[tuple[BatchItem, int]] = []
        pace = _Pace(self.items_per_task)

        def report_path(item: BatchItem) -> str:
            return str(reports / f"{item.slug}.html")

        def submit(items: list[BatchItem], attempt: int) -> None:
            contents: list[list[bytes] | None] = [None] * len(items)
            if self.ship_inputs:
                shipped = [(item, _read_inputs(item.paths)) for item in items]
                for item, data in shipped:
                    if data is None:  # fails on the client exactly as in a local worker
                        record(run_item(item, settings, report_path(item)))
                items = [item for item, data in shipped if data is not None]
                contents = [data for _, data in shipped if data is not None]
                if not items:
                    return
            keys = [item_key(item, settings) for item in items]
            future = client.submit(_run_remote, items, settings, keys, base, contents, pure=False)
            pending[future] = (items, attempt)
            finished.add(future)

        def fill() -> None:
            while len(pending) < limit and (retry or queue):
                if retry:  # an item of a task whose worker died goes again on its own
                    item, attempt = retry.pop()
                    submit([item], attempt)
                    continue
                size = pace.items_per_task(len(queue), threads)
                submit([queue.pop() for _ in range(min(size, len(queue)))], 1)

        try:
            fill()
            while pending:
                future = next(finished)
                items, attempt = pending.pop(future)
                try:
                    summaries = future.result()
                except FutureCancelledError:  # only losing the scheduler cancels our futures
                    raise SchedulerLost(self._lost()) from None
                except Exception as exc:  # the worker died under the task, or could not run it
                    if len(items) > 1:  # which item killed it is not known: each goes again alone,
                        retry += [(item, attempt) for item in items]  # an attempt not yet counted
                    elif attempt <= self.retries:
                        retry.append((items[0], attempt + 1))
                    else:
                        record(worker_failed(items[0], exc, attempt))
                    fill()
                    continue
                pace.update(summaries)
                fill()  # the workers get their next task before the client writes these reports
                for item, summary in zip(items, summaries, strict=True):
                    record(save_report(summary, report_path(item)))
        except OSError as exc:  # the connection broke while submitting or fetching
            raise SchedulerLost(self._lost(exc)) from None
        except BaseException:
            try:
                client.cancel(list(pending))
            except Exception:  # noqa: BLE001 - nothing left to cancel on a lost scheduler
                pass
            raise

    def _lost(self, exc: BaseException | None = None) -> str:
        reason = f" ({exc})" if exc else ""
        return (
            f"lost the Dask scheduler at {self.address}{reason}; finished items are saved,"
            " run the same command again to resume"
        )


class _Pace:
    """How many items one task runs.

    Dask costs a few milliseconds of CPU per task (client, scheduler and
    worker: the submission, the state transitions, the result's round
    trip), about a tenth of a short news article's comparison. Short items
    therefore go several to a task, so that a task takes about
    :data:`TASK_SECONDS`; long ones (books) one to a task. The first tasks
    hold one item each, until the workers' timings say how long an item
    takes; near the end tasks shrink so that no worker is left waiting for
    another's long last task.
    """

    def __init__(self, fixed: int | None = None) -> None:
        self.fixed = fixed
        self.seconds: float | None = None

    def update(self, summaries: Sequence[dict[str, Any]]) -> None:
        for summary in summaries:
            took = summary.get("seconds")
            if isinstance(took, (int, float)):
                self.seconds = took if self.seconds is None else 0.8 * self.seconds + 0.2 * took

    def items_per_task(self, remaining: int, threads: int) -> int:
        if self.fixed:
            return self.fixed
        if self.seconds is None:
            return 1
        by_time = int(TASK_SECONDS / max(self.seconds, 0.001))
        tail = -(-remaining // (2 * threads))  # ceil: about two tasks per worker thread are left
        return max(1, min(MAX_ITEMS_PER_TASK, by_time, tail))


def _run_remote(
    items: list[BatchItem],
    settings: BatchSettings,
    keys: list[str | None],
    base: str,
    contents: list[list[bytes] | None],
) -> list[dict[str, Any]]:
    """The task a worker runs: compare and render each item, write nothing."""
    from . import report

    return [
        report.render_item(item, settings, key, _reader(base, item.paths, data))
        for item, key, data in zip(items, keys, contents, strict=True)
    ]


def _reader(base: str, paths: Sequence[str], contents: list[bytes] | None) -> Callable[[str], bytes] | None:
    """How a worker gets an input's bytes: shipped with the task, or from the
    shared file system, relative paths taken from the client's folder (errors
    still name the path as the manifest gave it)."""
    if contents is not None:
        return dict(zip(paths, contents, strict=True)).__getitem__
    if os.path.realpath(base) == os.path.realpath(os.getcwd()):
        return None

    def read(path: str) -> bytes:
        from ..ingest.load import read_bytes
        from .items import require_regular_files

        full = os.path.join(base, path)
        try:
            require_regular_files([full])
            return read_bytes(full)
        except InputError as exc:
            message = str(exc)
            raise InputError(path + message[len(full) :] if message.startswith(full) else message) from None

    return read


def _read_inputs(paths: Sequence[str]) -> list[bytes] | None:
    """The inputs' bytes under the local pool's size caps; None if one
    cannot be read."""
    from ..ingest.load import read_bytes
    from .items import require_regular_files

    try:
        require_regular_files(paths)
        return [read_bytes(path) for path in paths]
    except InputError:
        return None


def _worker_version() -> str:
    return __version__
