"""Renderers: one module per output format, each behind :class:`~.base.Renderer`.

Adding an output format is one new module plus one entry in :data:`RENDERERS`.
"""

from __future__ import annotations

from .base import Renderer
from .github import GithubRenderer
from .html import HtmlRenderer
from .json import JsonRenderer
from .junit import JunitRenderer
from .sarif import SarifRenderer
from .text import TextRenderer

RENDERERS: dict[str, Renderer] = {
    r.name: r
    for r in (
        HtmlRenderer(),
        JsonRenderer(),
        TextRenderer(),
        SarifRenderer(),
        JunitRenderer(),
        GithubRenderer(),
    )
}


def get_renderer(name: str) -> Renderer:
    return RENDERERS[name]


__all__ = ["RENDERERS", "Renderer", "get_renderer"]
