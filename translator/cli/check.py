"""``translator check``: the CI gate (exit 1 when findings reach the fail level)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import click

from .common import check_output_path, emit

LEVELS = ["error", "warning", "info"]
CHECK_FORMATS = ["text", "json", "sarif", "junit", "github"]


def target_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """FILE..., --source and --manifest: what to check."""
    func = click.option(
        "--manifest",
        type=click.Path(dir_okay=False),
        help="CSV or JSONL of pairs (columns translation, source, lang, source_lang; '-' for stdin).",
    )(func)
    func = click.option(
        "--source", type=click.Path(dir_okay=False), help="The original: run every pair check against it."
    )(func)
    return click.argument("files", nargs=-1, metavar="[FILE]...")(func)


def config_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options that override the configuration file."""
    options = [
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this TOML file."),
        click.option("--no-config", is_flag=True, help="Ignore configuration files."),
        click.option("--lang", help="Language of the checked file(s) (ISO 639-1), instead of detecting it."),
        click.option(
            "--source-lang", help="Language of the source(s); for one file: the language of leftovers."
        ),
        click.option("--fail-level", type=click.Choice(LEVELS), help="Exit 1 from this severity up [error]."),
        click.option("--glossary", "glossaries", multiple=True, help="Glossary file or folder (repeatable)."),
        click.option(
            "--disable", multiple=True, metavar="CHECK", help="Switch a check off ('all' for every)."
        ),
        click.option("--enable", multiple=True, metavar="CHECK", help="Switch a check (back) on."),
        click.option(
            "--severity", "severities", multiple=True, metavar="CHECK=LEVEL", help="Change a severity."
        ),
        click.option(
            "--option", "options", multiple=True, metavar="CHECK.KEY=VALUE", help="Set a check's threshold."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def load_settings(kwargs: dict[str, Any], **extra: Any):
    """The effective configuration from the shared options."""
    from ..gate.config import Overrides, load_config

    overrides = Overrides(
        lang=kwargs.get("lang"),
        source_lang=kwargs.get("source_lang"),
        fail_level=kwargs.get("fail_level"),
        glossaries=tuple(kwargs.get("glossaries") or ()),
        disable=tuple(kwargs.get("disable") or ()),
        enable=tuple(kwargs.get("enable") or ()),
        severities=tuple(kwargs.get("severities") or ()),
        options=tuple(kwargs.get("options") or ()),
        **extra,
    )
    return load_config(kwargs.get("config_path"), overrides, isolated=kwargs.get("no_config", False))


@click.command()
@target_options
@config_options
@click.option(
    "--baseline", type=click.Path(dir_okay=False), help="Report only findings not in this baseline."
)
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), help="Output format [text].")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the report here (default stdout)."
)
def check(files: tuple[str, ...], source: str | None, manifest: str | None, **kwargs: Any) -> None:
    """Check translations for CI: exit 0 when clean, 1 when findings reach
    the fail level, 2 on a usage or input error.

    \b
    translator check en.md --lang en --source-lang de     one file (leftovers, glossary, duplicates)
    translator check en.md --source de.md                 a pair (every check)
    translator check --manifest pairs.csv                 many pairs

    Settings come from [tool.translator] in pyproject.toml or .translator.toml
    (see 'translator config show'); options given here override them.
    """
    from ..gate.checkrun import run_check, targets_from_args
    from ..renderers import get_renderer

    fmt, output = kwargs.pop("fmt"), kwargs.pop("output")
    config = load_settings(kwargs, format=fmt, baseline=kwargs.pop("baseline"))
    targets = targets_from_args(files, source, manifest)
    if output:
        check_output_path(output, [p for t in targets for p in (t.translation, t.source) if p])
        if config.baseline:
            check_output_path(output, [config.baseline])
    from ..align.engine import gc_paused

    # the collector stays off while the run is alive (see run_check) and the
    # run is dropped before it is back on: its first pass would otherwise
    # walk the whole model once more to free nothing (0.5 s on a 10,000-unit
    # XLIFF file, at the very end of the command)
    with gc_paused():
        run = run_check(targets, config)
        renderer = get_renderer(config.format)
        emit(renderer.render_run(run), output)
        if config.format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
            _append_summary(os.environ["GITHUB_STEP_SUMMARY"], renderer.job_summary(run))
        for note in dict.fromkeys(n for c in run.comparisons for n in c.notes):
            click.echo(f"note: {note}", err=True)
        if output and output != "-":
            from ..renderers.text import run_summary

            click.echo(f"report: {output}", err=True)
            click.echo(run_summary(run), err=True)
        exit_code = run.exit_code
        del run
    sys.exit(exit_code)


def _append_summary(path: str, markdown: str) -> None:
    """Append to the step summary (the Actions protocol: append, never replace)."""
    from ..errors import InputError

    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as exc:
        raise InputError(f"cannot write the job summary {path}: {exc.strerror or exc}") from None
