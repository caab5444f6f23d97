"""Share one long loop of independent items with a forked copy of this process.

``check`` on a localisation file aligns the sentences inside each of its
multi-sentence units on its own: a thousand small alignments of a few
milliseconds each, none of which reads another's result. The machine the
check runs on (a laptop, a CI runner) nearly always has a second core that
sits idle meanwhile. :func:`split_map` hands every second item of such a
loop to a child made by ``fork``: it starts in a few milliseconds with
everything this process has loaded and warmed (the aligner, the lexicon's
tables), computes its half with the same code on the same inputs, and
sends the results back through a pipe. The results are therefore the same
objects, value for value, as the loop would have made in this process; only
the wall time changes.

Anything unusual makes the loop run here as it always did: not Linux, one
usable core, other threads in this process, a loop too short to pay for
the fork, or a child that fails or dies (its half is then computed here).

Not :mod:`multiprocessing`: its pools send the work function to a worker
by pickling it, and the loops shared here are closures over a comparison
(the checks' context, a unit's options), which do not pickle; a forked
child simply has them. Only the results cross the pipe, and only between
this process and its own child (nothing is stored).
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, where known)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def split_map(work: Callable[[T], R], items: Sequence[T], *, fork: bool = True) -> list[R]:
    """``[work(item) for item in items]``, every second item computed by a
    forked child when ``fork`` (the caller judges the loop long enough to
    pay for it) and a second core can run it.

    Interleaved, not halved: neighbouring items tend to cost alike (the
    units of one file, related checks), so each process gets about half
    of the work. ``work`` must be a pure function of its item and of what
    this process has loaded (it runs in a copy of this process: nothing it
    changes there comes back), and its results must pickle.
    """
    if not fork or len(items) < 2 or not _may_fork():
        return [work(item) for item in items]
    child = _start(work, items[1::2])
    if child is None:
        return [work(item) for item in items]
    try:
        mine = [work(item) for item in items[::2]]
        theirs = _collect(*child)
    except BaseException:
        _end(*child)
        raise
    if theirs is None:  # the child failed: its share is done here, as without it
        theirs = [work(item) for item in items[1::2]]
    out: list[R] = []
    for k, result in enumerate(mine):
        out.append(result)
        if k < len(theirs):
            out.append(theirs[k])
    return out


def _may_fork() -> bool:
    """Whether a forked child can run here: on Linux (macOS's system
    libraries, Accelerate under numpy among them, are not safe to use after
    a fork), with a second core to run the child, and no other Python
    thread in this process. A thread may hold a lock (the import lock, a
    logger's, a queue's) at the moment of the fork, and the child would
    wait for it forever; a process with threads (``translator serve``, a
    batch or Dask worker) already shares its cores out some other way."""
    import sys
    import threading

    return sys.platform.startswith("linux") and usable_cores() >= 2 and threading.active_count() == 1


def _start(work: Callable[[T], R], items: Sequence[T]) -> tuple[int, int] | None:
    """Fork a child that computes ``work`` over ``items`` and writes the
    pickled list to a pipe; ``(pid, read end)``, or None if it cannot fork."""
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: never returns into the caller's code
        status = 1
        try:
            os.close(read)
            # Ctrl-C is the parent's to handle: it ends this child
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            # a collection would touch every object the parent has, copying
            # its whole heap page by page; this child lives for seconds
            gc.disable()
            data = pickle.dumps([work(item) for item in items], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _collect(pid: int, read: int) -> list | None:
    """The child's results (None if it failed), once it has ended."""
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    # bytes from the child this process forked, through an anonymous pipe:
    # the same objects, never stored anywhere
    return pickle.loads(data)


def _end(pid: int, read: int) -> None:
    """Stop the child (the parent is failing or interrupted) and reap it."""
    try:
        os.close(read)
    except OSError:  # already closed by :func:`_collect`
        pass
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
