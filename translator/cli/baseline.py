"""``translator baseline create``: record today's findings to adopt the gate."""

from __future__ import annotations

from typing import Any

import click

from .check import config_options, load_settings, target_options

DEFAULT_BASELINE = "translator-baseline.json"


@click.group()
def baseline() -> None:
    """Record known findings so 'check --baseline' reports only new ones."""


@baseline.command()
@target_options
@config_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help=f"Baseline file to write [the config's baseline, else {DEFAULT_BASELINE}].",
)
def create(
    files: tuple[str, ...], source: str | None, manifest: str | None, output: str | None, **kwargs: Any
) -> None:
    """Run the same checks as 'check' and record every finding by file and
    content fingerprint (not line number), so later edits elsewhere in the
    file do not bring them back. The file is replaced atomically."""
    from .. import __version__
    from ..gate.baseline import write_baseline
    from ..gate.checkrun import run_check, targets_from_args
    from .common import check_output_path

    settings = load_settings(kwargs)
    path = output or settings.baseline or DEFAULT_BASELINE
    named = bool(output or settings.baseline)  # a name the user chose may be a symlink to follow
    targets = targets_from_args(files, source, manifest)
    check_output_path(path, [p for t in targets for p in (t.translation, t.source) if p])
    settings.values.pop("baseline", None)  # record everything, not only what is new
    run = run_check(targets, settings)
    count = write_baseline(run.comparisons, path, __version__, follow_symlinks=named)
    inline = run.suppressed_count("inline")
    extra = f" ({inline} suppressed inline, not recorded)" if inline else ""
    click.echo(f"baseline: {path}: {count} finding{'s' if count != 1 else ''} recorded{extra}")
