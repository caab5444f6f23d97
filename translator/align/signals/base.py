"""The protocol of an alignment signal.

A signal judges how likely a block of source sentences and a block of target
sentences are translations (or versions) of each other, and says so as a
*cost* added to the link: negative when it supports the link, positive when
it speaks against it, zero when it has nothing to say. The engine sums the
signals' costs, so each signal is one independent piece of evidence that can
be switched off (the ablation table in ``benchmarks/align_textberg.py``).

Costs are asked for many links at once (numpy arrays of link end points),
because the dynamic programme scores millions of candidate links.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from ..context import PairContext
from ..grid import PairWindows


class Signal(Protocol):
    #: the name used by ``--signals``/ablation and in ``Alignment.method``
    name: str
    #: False after :meth:`prepare` when the signal found nothing to work with
    active: bool

    def prepare(self, ctx: PairContext) -> None:
        """Precompute per-sentence features for the whole document pair."""
        ...

    def bind(self, windows: PairWindows, max_a: int, max_b: int) -> None:
        """Precompute whatever the sentence pairs of this band need."""
        ...

    def cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Cost of the links ``src[rows-a:rows]`` ↔ ``tgt[cols-b:cols]``."""
        ...
