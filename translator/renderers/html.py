"""The side-by-side HTML report, rendered with Jinja2 (autoescape on).

Article text is untrusted: it reaches the page only through autoescaped
expressions; no filter marks it safe.
"""

from __future__ import annotations

from functools import lru_cache

from ..model import Comparison, Severity
from ..resources import resource_dir
from ..view import rows


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class HtmlRenderer:
    name = "html"
    suffix = ".html"

    def render(self, comparison: Comparison) -> str:
        template = _environment().get_template("report.html.j2")
        return template.render(
            c=comparison,
            rows=rows(comparison),
            counts=comparison.counts(),
            severities=[s.value for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)],
        )
