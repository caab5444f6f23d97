"""The protocol every renderer implements: the model in, a string out."""

from __future__ import annotations

from typing import Protocol

from ..model import Comparison


class Renderer(Protocol):
    name: str
    #: file suffix for default output paths
    suffix: str

    def render(self, comparison: Comparison) -> str: ...
