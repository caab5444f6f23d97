"""GitHub Actions: workflow-command annotations plus a Markdown job summary.

``::error file=…,line=…,col=…,title=…::message`` lines make GitHub annotate
the file in the pull request. GitHub shows only ten annotations of each
level per step, so :meth:`GithubRenderer.job_summary` renders every finding
as a Markdown table that the CLI appends to ``$GITHUB_STEP_SUMMARY``.

Escaping follows the Actions toolkit: in the message ``%``, CR and LF are
percent-encoded; in properties also ``:`` and ``,`` (which would otherwise
end the property). The summary is Markdown that GitHub renders with HTML
enabled, so article text in it is HTML-escaped and Markdown-escaped: a
planted ``<img>`` or ``|`` in a translation cannot change the page.
"""

from __future__ import annotations

import html
import re

from ..gate.model import CheckRun
from ..model import Comparison, LocatedFinding

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
#: rows in the job summary; GitHub caps a step summary at 1 MiB
MAX_ROWS = 1000


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_data(text: str) -> str:
    """A workflow-command message: ``%``, CR, LF percent-encoded; other
    control characters (a NUL in article text) cannot be carried by a log
    line and become U+FFFD."""
    text = _CONTROL.sub("\ufffd", text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def escape_markdown(text: str) -> str:
    """Article text as inert Markdown table-cell content."""
    text = _CONTROL.sub("\ufffd", " ".join(text.split()))
    return html.escape(_MD_SPECIAL.sub(r"\\\1", text), quote=False)


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class GithubRenderer:
    name = "github"
    suffix = ".txt"

    def render(self, comparison: Comparison) -> str:
        return self.render_run(CheckRun(comparisons=[comparison], tool_version=comparison.tool_version))

    def render_run(self, run: CheckRun) -> str:
        lines = [self.annotation(item) for item in run.findings()]
        from .text import run_summary

        lines.append(run_summary(run))
        return "\n".join(lines) + "\n"

    def annotation(self, item: LocatedFinding) -> str:
        loc, f = item.location, item.finding
        props = [
            f"file={escape_property(loc.relpath or loc.path)}",
            f"line={loc.line}",
            f"endLine={loc.end_line}",
            f"col={loc.column}",
            f"endColumn={loc.end_column}",
            f"title={escape_property(f'translator {f.kind} ({f.severity.value})')}",
        ]
        message = item.message
        if item.excerpt.strip():
            message += f" | {_short(item.excerpt)}"
        return f"::{COMMANDS[f.severity.value]} {','.join(props)}::{escape_data(message)}"

    def job_summary(self, run: CheckRun) -> str:
        """Every finding as a Markdown table, for ``$GITHUB_STEP_SUMMARY``."""
        from .text import run_summary

        verdict = "failed" if run.failed else "passed"
        out = [f"### translator check {verdict}", "", escape_markdown(run_summary(run)), ""]
        items = run.findings()
        if items:
            out.append("| severity | check | location | message | text |")
            out.append("|---|---|---|---|---|")
            for item in items[:MAX_ROWS]:
                loc, f = item.location, item.finding
                out.append(
                    f"| {f.severity.value} | {escape_markdown(f.kind)} | "
                    f"{escape_markdown(loc.path)}:{loc.line}:{loc.column} | {escape_markdown(item.message)} | "
                    f"{escape_markdown(_short(item.excerpt))} |"
                )
            if len(items) > MAX_ROWS:
                out.append("")
                out.append(f"… and {len(items) - MAX_ROWS} more findings (see the job log).")
        out.append("")
        return "\n".join(out)
