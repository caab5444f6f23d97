"""A long loop shared with a forked child gives exactly the serial results.

``check`` on a large localisation file aligns its units and runs its checks
in two processes (:mod:`translator.forked`); the outputs must not change by
a byte, and a child that fails must cost nothing but time.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import translator.align.units as units
import translator.checks as checks
import translator.forked as forked
from translator.forked import split_map
from translator.pipeline import check_document


@pytest.fixture
def two_cores(monkeypatch):
    """The loop forks whatever this machine's cores (one core runs both)."""
    monkeypatch.setattr(forked, "usable_cores", lambda: 2)


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("count", [0, 1, 2, 5, 10])
def test_split_map_returns_every_result_in_the_items_order(two_cores, count):
    items = [f"item {k}" for k in range(count)]
    assert split_map(str.upper, items) == [s.upper() for s in items]
    assert no_children_left()


def test_every_second_item_is_computed_by_a_child_process(two_cores):
    parent = os.getpid()
    pids = split_map(lambda _: os.getpid(), list(range(6)))
    assert pids[0::2] == [parent] * 3
    assert len(set(pids[1::2])) == 1 and pids[1] != parent


def test_no_fork_when_the_caller_says_the_loop_is_short_or_only_one_core_runs(monkeypatch):
    parent = os.getpid()
    assert split_map(lambda _: os.getpid(), list(range(6)), fork=False) == [parent] * 6
    monkeypatch.setattr(forked, "usable_cores", lambda: 1)
    assert split_map(lambda _: os.getpid(), list(range(6))) == [parent] * 6


def test_no_fork_off_linux(two_cores, monkeypatch):
    """macOS's system libraries (Accelerate under numpy) are not safe after a fork."""
    import sys

    monkeypatch.setattr(sys, "platform", "darwin")
    assert split_map(lambda _: os.getpid(), list(range(6))) == [os.getpid()] * 6


def test_no_fork_while_another_thread_runs(two_cores):
    """A thread may hold a lock at the moment of a fork (a server's, a
    worker's): the child would wait for it forever."""
    import threading

    parent = os.getpid()
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert split_map(lambda _: os.getpid(), list(range(6))) == [parent] * 6
    finally:
        release.set()
        other.join()


def test_a_failing_child_leaves_its_share_to_the_parent(two_cores):
    parent = os.getpid()

    def work(item: int) -> tuple[int, int]:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return item, os.getpid()

    assert split_map(work, list(range(5))) == [(k, parent) for k in range(5)]
    assert no_children_left()


def test_a_child_that_dies_leaves_its_share_to_the_parent(two_cores):
    parent = os.getpid()

    def work(item: int) -> int:
        if os.getpid() != parent:
            os._exit(3)
        return item * item

    assert split_map(work, list(range(5))) == [0, 1, 4, 9, 16]
    assert no_children_left()


def test_an_error_in_the_parents_share_is_raised_and_the_child_is_reaped(two_cores):
    def work(item: int) -> int:
        if item == 0:
            raise ValueError("bad item")
        return item

    with pytest.raises(ValueError, match="bad item"):
        split_map(work, list(range(4)))
    assert no_children_left()


def _xliff(path: Path, units_count: int) -> Path:
    """Multi-sentence units with planted problems: a changed number, a
    dropped sentence, an untranslated unit."""
    rows = []
    for i in range(units_count):
        src = f"The museum opens at {i} in the morning. Tickets for {i + 2} people are booked. Call us today."
        tgt = (
            f"Das Museum öffnet um {i} Uhr morgens. Tickets für {i + 2} Personen sind gebucht. Rufen Sie an."
        )
        if i % 7 == 3:
            tgt = tgt.replace(f"{i + 2} Personen", f"{i + 3} Personen")
        if i % 11 == 5:
            tgt = tgt.split(". ")[0] + "."
        target = '<target state="new"/>' if i % 13 == 12 else f'<target state="translated">{tgt}</target>'
        rows.append(f'<trans-unit id="u{i}"><source>{src}</source>{target}</trans-unit>')
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file source-language="en" target-language="de" datatype="plaintext" original="app"><body>\n'
        + "\n".join(rows)
        + "\n</body></file></xliff>\n",
        encoding="utf-8",
    )
    return path


def _outcome(path: Path):
    comparison = check_document(str(path))
    return comparison.alignments, comparison.findings


def test_a_forked_check_of_a_bilingual_file_gives_the_serial_alignment_and_findings(
    two_cores, monkeypatch, tmp_path
):
    path = _xliff(tmp_path / "app.xlf", 40)
    monkeypatch.setattr(units, "FORK_MIN_UNITS", 10**9)
    monkeypatch.setattr(checks, "FORK_MIN_SENTENCES", 10**9)
    serial = _outcome(path)
    parent = os.getpid()
    children: set[int] = set()
    real = forked._start

    def spy(work, items):
        started = real(work, items)
        if started is not None:
            children.add(started[0])
        return started

    monkeypatch.setattr(forked, "_start", spy)
    monkeypatch.setattr(units, "FORK_MIN_UNITS", 1)
    monkeypatch.setattr(checks, "FORK_MIN_SENTENCES", 1)
    shared = _outcome(path)
    assert len(children) == 2 and parent not in children  # the units' loop and the checks'
    assert shared == serial
    kinds = {f.kind for f in serial[1]}
    assert {"numbers", "omission", "unit-state"} <= kinds
    assert no_children_left()
