"""``translator doctor``: models, dictionaries and the browser, checked offline."""

from __future__ import annotations

import json
import sys

import click


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def doctor(fmt: str) -> None:
    """Check what offline runs can use: translation models, FreeDict
    dictionaries, Chromium for screenshots. Never uses the network.

    Exits 1 when a problem was found (a missing dictionary or browser is
    only a warning).
    """
    from ..doctor import run_all, to_dict

    sections = run_all()
    data = to_dict(sections)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
    else:
        for name, report in sections.items():
            click.echo(f"{name}:")
            for status, message in report.lines:
                click.echo(f"  [{status}] {message}")
        click.echo("all good" if data["ok"] else f"{data['problems']} problem(s) found")
    if not data["ok"]:
        sys.exit(1)
