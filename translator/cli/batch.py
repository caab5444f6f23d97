"""``translator batch``: compare many version pairs from a manifest."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("manifest", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(),
    help="Folder for the reports, index.html and batch.json [default: <manifest>-reports].",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes."
)
@click.option("--lang-a", help="Language of every A without a lang_a column (ISO 639-1).")
@click.option("--lang-b", help="Language of every B without a lang_b column (ISO 639-1).")
@click.option("--disable", "disabled", multiple=True, help="Switch a check off (repeatable).")
@click.option("--force", is_flag=True, help="Compare every item again, even if unchanged since the last run.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def batch(
    manifest: str,
    out_dir: str | None,
    jobs: int,
    lang_a: str | None,
    lang_b: str | None,
    disabled: tuple[str, ...],
    force: bool,
    quiet: bool,
) -> None:
    """Compare every item of MANIFEST and write an index of the reports.

    MANIFEST is CSV with a header such as 'id,a,b,lang_a,lang_b' (add c, d …
    for groups of versions) or JSONL with one object a line ({"id": …, "a":
    …, "b": …} or {"id": …, "versions": […]}). Paths are relative to the
    manifest. An item that fails is recorded and the batch goes on; the exit
    code is 2 if any item failed. Re-running skips items whose inputs and
    settings are unchanged, so an interrupted batch resumes where it stopped.
    """
    from ..batch import BatchSettings, run_batch, summary_line
    from ..errors import InputError
    from ..languages import optional_language
    from .common import disabled_checks

    langs = [optional_language(lang_a, "--lang-a"), optional_language(lang_b, "--lang-b")]
    out = out_dir or f"{Path(manifest).stem or 'batch'}-reports"
    settings = BatchSettings(disabled_checks=disabled_checks(disabled), langs=langs)
    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=0, unit="item", file=sys.stderr, dynamic_ncols=True)

    def progress(done: int, total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.n = done
            bar.refresh()

    try:
        result = run_batch(manifest, out, jobs=jobs, settings=settings, force=force, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    if not quiet:
        click.echo(f"index: {result.index}", err=True)
        click.echo(summary_line(result), err=True)
    if result.failed:
        raise InputError(
            f"{result.failed} of {len(result.items)} items failed; their errors are listed in"
            f" {result.index} and {result.combined}"
        )
