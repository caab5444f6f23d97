"""Helpers shared by the batch tests (local pool and Dask)."""

from __future__ import annotations

from translator.batch import pool as pool_mod


def interrupt_pool_at(monkeypatch, nth: int) -> None:
    """Make the local pool's ``nth`` item raise KeyboardInterrupt (as Ctrl-C
    would), after the items before it ran for real; ``monkeypatch.undo()``
    restores the pool."""
    real = pool_mod.run_item
    calls: list[str] = []

    def interrupting(item, settings, report):  # noqa: ANN001, ANN202
        calls.append(item.id)
        if len(calls) == nth:
            raise KeyboardInterrupt
        return real(item, settings, report)

    monkeypatch.setattr(pool_mod, "run_item", interrupting)
