"""Dask worker preload for tests/test_batch_dask.py: worker deaths on cue.

An item whose id starts with ``die-always`` kills the worker process that
runs it, every time; one whose id starts with ``die-once`` kills it only
while a marker file ``<first input>.die-once`` exists (the first attempt
removes it; a relative input is taken from the client's folder, which the
test passes as DASK_FAULTS_CLIENT_DIR). The kill is SIGKILL in the middle of the item, as the OOM
killer or a crashed machine would do it: the worker never answers.
"""

from __future__ import annotations

import os
import signal

from translator.batch import items, report

# a worker may run its preloads more than once: wrap the original only
_render_item = getattr(report.render_item, "__wrapped__", report.render_item)


def _dies(item: items.BatchItem) -> bool:
    if item.id.startswith("die-always"):
        return True
    if item.id.startswith("die-once"):
        try:
            base = os.environ.get("DASK_FAULTS_CLIENT_DIR", "")
            os.unlink(os.path.join(base, item.paths[0]) + ".die-once")
        except FileNotFoundError:
            return False
        return True
    return False


def render_item(item, settings, key, read=None):  # type: ignore[no-untyped-def]
    if _dies(item):
        os.kill(os.getpid(), signal.SIGKILL)
    return _render_item(item, settings, key, read)


render_item.__wrapped__ = _render_item  # type: ignore[attr-defined]
report.render_item = render_item
