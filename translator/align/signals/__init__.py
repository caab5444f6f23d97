"""Alignment signals: one module each, all behind :class:`~.base.Signal`."""

from .anchors import AnchorSignal
from .base import Signal
from .fuzzy import FuzzySignal
from .length import LengthSignal

__all__ = ["Signal", "AnchorSignal", "FuzzySignal", "LengthSignal"]
