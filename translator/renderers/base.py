"""The protocol every renderer implements: the model in, a string out."""

from __future__ import annotations

from typing import Protocol

from ..gate.model import CheckRun
from ..model import Comparison


class Renderer(Protocol):
    name: str
    #: file suffix for default output paths
    suffix: str

    def render(self, comparison: Comparison) -> str: ...


class RunRenderer(Renderer, Protocol):
    """A renderer that can also write the result of ``translator check``
    (several comparisons judged against a fail level)."""

    def render_run(self, run: CheckRun) -> str: ...
