"""The protocol of an alignment signal.

A signal scores how likely a group of source sentences and a group of
target sentences are translations (or versions) of each other, in [0, 1].
Signals are prepared once per document pair (``prepare``) so that per-pair
work in the dynamic programme is cheap.
"""

from __future__ import annotations

from typing import Protocol


class Signal(Protocol):
    name: str

    def prepare(self, src: list[str], tgt: list[str], src_lang: str | None, tgt_lang: str | None) -> None:
        """Precompute per-sentence features for the whole document pair."""
        ...

    def score(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Similarity of source sentences ``i0:i1`` and target ``j0:j1``."""
        ...
