"""The local executor: this process, or a pool of worker processes.

Memory stays bounded however long the batch: workers are replaced after
:data:`TASKS_PER_WORKER` items, at most ``2 * jobs`` items are in flight,
and the parent keeps only each item's compact summary. Workers leave Ctrl-C
to the parent and end when it dies. The :class:`Executor` protocol is what
:func:`~translator.batch.run.run_batch` needs of any executor (the Dask one
is :mod:`translator.batch.cluster`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .items import BatchItem, BatchSettings
from .report import run_item, worker_failed

#: a worker process is replaced after this many items, which bounds the
#: memory any one worker can accumulate (caches, fragmentation) no matter
#: how long the batch is
TASKS_PER_WORKER = 50


class Executor(Protocol):
    """Runs a batch's items: :class:`LocalPool` here, a Dask cluster in
    :mod:`translator.batch.cluster`.

    ``run`` hands each item's summary to ``record`` as it finishes, in any
    order, with its report already written under ``reports`` (as
    :func:`~.report.run_item` or :func:`~.report.save_report` write it) — or not at all if the
    run stops first: :func:`~.run.run_batch` keeps the state, index and combined
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
