"""The side-by-side HTML report, rendered with Jinja2 (autoescape on).

Article text is untrusted: it reaches the page only through autoescaped
expressions; no filter marks it safe. The stylesheet and scripts are the
project's own files under ``templates/report/``, inlined so the report is
one self-contained file, and a Content-Security-Policy admits exactly those
scripts (by hash) and no network access at all — a second line of defence
should escaping ever miss something.

The renderer computes nothing about the comparison: rows, flags, highlights
and the overview come from :func:`translator.renderers.view.build_report`.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from typing import Any

from ..model import Comparison
from ..resources import resource_dir
from .view import build_report, severity_order

#: code points HTML forbids in text even as character references (controls
#: other than ASCII whitespace, and noncharacters); article text may hold them
_INVALID = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def _finalize(value: Any) -> Any:
    """Replace code points HTML cannot carry with U+FFFD before escaping.

    Applied to every expression's value; our own inline assets (``Markup``)
    pass through untouched and article text stays escaped by autoescape.
    """
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return _INVALID.sub("\ufffd", value)
    return value


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _assets() -> dict[str, Any]:
    """The inline stylesheet and scripts, marked safe: they are our own files."""
    from markupsafe import Markup

    folder = resource_dir("templates") / "report"
    css = (folder / "report.css").read_text(encoding="utf-8")
    head_js = (folder / "head.js").read_text(encoding="utf-8")
    js = (folder / "report.js").read_text(encoding="utf-8")
    for name, text in (("head.js", head_js), ("report.js", js)):
        if "</script" in text.lower():
            raise ValueError(f"templates/report/{name} must not contain '</script'")
    return {
        "css": Markup(css),
        "head_js": Markup(head_js),
        "js": Markup(js),
        "script_hashes": " ".join(_csp_hash(s) for s in (head_js, js)),
    }


class HtmlRenderer:
    name = "html"
    suffix = ".html"

    def render(self, comparison: Comparison) -> str:
        template = _environment().get_template("report.html.j2")
        return template.render(
            c=comparison,
            report=build_report(comparison),
            counts=comparison.counts(),
            severities=severity_order(),
            assets=_assets(),
        )
