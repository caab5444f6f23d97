"""``translator config show``: the effective configuration and its origins."""

from __future__ import annotations

import json
from typing import Any

import click

from .check import config_options, load_settings


@click.group()
def config() -> None:
    """Inspect the configuration ([tool.translator] or .translator.toml)."""


@config.command()
@config_options
@click.option("--baseline", type=click.Path(dir_okay=False), help="As for 'check'.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(fmt: str, **kwargs: Any) -> None:
    """Print every setting, its value, and where it came from (default, the
    file, or the command line). Takes the same options as 'check'."""
    settings = load_settings(kwargs, baseline=kwargs.pop("baseline"))
    rows = settings.show()
    if fmt == "json":
        data = {
            "file": str(settings.path) if settings.path else None,
            "settings": {key: {"value": value, "origin": origin} for key, value, origin in rows},
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"# configuration file: {settings.path or 'none found'}")
    width = max(len(f"{key} = {_toml(value)}") for key, value, _ in rows)
    for key, value, origin in rows:
        click.echo(f"{f'{key} = {_toml(value)}':<{width}}  # {origin}")


def _toml(value: Any) -> str:
    """A value as TOML would write it (``None`` as the unset marker)."""
    if value is None:
        return "(unset)"
    return json.dumps(value, ensure_ascii=False)
