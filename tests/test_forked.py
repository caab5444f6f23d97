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
def children(monkeypatch) -> list[int]:
    """Forking allowed whatever this machine and this test run (whose other
    tests may leave threads behind; :func:`test_the_guard_...` pins the
    guard itself); the children started, by pid."""
    started: list[int] = []
    real = forked._start

    def spy(work, items):
        child = real(work, items)
        if child is not None:
            started.append(child[0])
        return child

    monkeypatch.setattr(forked, "_may_fork", lambda: True)
    monkeypatch.setattr(forked, "_start", spy)
    return started


def reaped(pids: list[int]) -> bool:
    """Whether every one of these children has ended and been waited for."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


@pytest.mark.parametrize("count", [0, 1, 2, 5, 10])
def test_split_map_returns_every_result_in_the_items_order(children, count):
    items = [f"item {k}" for k in range(count)]
    assert split_map(str.upper, items) == [s.upper() for s in items]
    assert len(children) == (count >= 2) and reaped(children)


def test_every_second_item_is_computed_by_a_child_process(children):
    parent = os.getpid()
    pids = split_map(lambda _: os.getpid(), list(range(6)))
    assert pids[0::2] == [parent] * 3
    assert pids[1::2] == children * 3 and parent not in children


def test_no_fork_when_the_caller_says_the_loop_is_short(children):
    parent = os.getpid()
    assert split_map(lambda _: os.getpid(), list(range(6)), fork=False) == [parent] * 6
    assert not children


def test_the_guard_forks_only_on_linux_with_two_cores_and_no_other_thread(monkeypatch):
    """macOS's system libraries (Accelerate under numpy) are not safe after
    a fork; one core has no one to share with; a thread may hold a lock at
    the moment of a fork (a server's, a worker's), and the child would wait
    for it forever."""
    import sys
    import threading

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(forked, "usable_cores", lambda: 2)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert forked._may_fork()
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not forked._may_fork()
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(forked, "usable_cores", lambda: 1)
    assert not forked._may_fork()
    monkeypatch.setattr(forked, "usable_cores", lambda: 2)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not forked._may_fork()


def test_no_fork_where_the_guard_says_no(monkeypatch):
    monkeypatch.setattr(forked, "_may_fork", lambda: False)
    assert split_map(lambda _: os.getpid(), list(range(6))) == [os.getpid()] * 6


def test_a_failing_child_leaves_its_share_to_the_parent(children):
    parent = os.getpid()

    def work(item: int) -> tuple[int, int]:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return item, os.getpid()

    assert split_map(work, list(range(5))) == [(k, parent) for k in range(5)]
    assert len(children) == 1 and reaped(children)


def test_a_child_that_dies_leaves_its_share_to_the_parent(children):
    parent = os.getpid()

    def work(item: int) -> int:
        if os.getpid() != parent:
            os._exit(3)
        return item * item

    assert split_map(work, list(range(5))) == [0, 1, 4, 9, 16]
    assert len(children) == 1 and reaped(children)


def test_an_error_in_the_parents_share_is_raised_and_the_child_is_reaped(children):
    def work(item: int) -> int:
        if item == 0:
            raise ValueError("bad item")
        return item

    with pytest.raises(ValueError, match="bad item"):
        split_map(work, list(range(4)))
    assert len(children) == 1 and reaped(children)


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
    children, monkeypatch, tmp_path
):
    path = _xliff(tmp_path / "app.xlf", 40)
    monkeypatch.setattr(units, "FORK_MIN_UNITS", 10**9)
    monkeypatch.setattr(checks, "FORK_MIN_SENTENCES", 10**9)
    serial = _outcome(path)
    assert not children
    monkeypatch.setattr(units, "FORK_MIN_UNITS", 1)
    monkeypatch.setattr(checks, "FORK_MIN_SENTENCES", 1)
    shared = _outcome(path)
    assert len(children) == 2 and reaped(children)  # the units' loop and the checks'
    assert shared == serial
    kinds = {f.kind for f in serial[1]}
    assert {"numbers", "omission", "unit-state"} <= kinds
