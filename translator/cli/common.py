"""Helpers shared by the CLI commands: output paths and writing."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from ..atomic import open_atomic, write_atomic
from ..errors import InputError
from ..model import is_url


def disabled_checks(names: tuple[str, ...]) -> list[str]:
    """``--disable`` values checked against the known checks; ``all`` means
    every check, as in ``translator check`` and the configuration file."""
    from ..checks import check_names

    known = check_names()
    if "all" in names:
        return list(known)
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise InputError(f"--disable: unknown check {', '.join(unknown)}; known: all, {', '.join(known)}")
    return sorted(set(names))


def stem(path: str) -> str:
    """A file-name-safe short name of an input (for default output names)."""
    if path == "-":
        return "stdin"
    if is_url(path):
        from urllib.parse import urlsplit

        url = urlsplit(path)
        name = url.path.rstrip("/").rsplit("/", 1)[-1] or (url.hostname or "page").replace(".", "_")
    else:
        name = Path(path).name
    base = name.split(".")[0] or "input"
    return re.sub(r"[^\w.-]+", "_", base)


def check_output_path(output: str, inputs: list[str]) -> None:
    """Refuse an output path that is one of the inputs."""
    if output == "-":
        return
    out = _resolved(output)
    for path in inputs:
        if path != "-" and out is not None and _resolved(path) == out and os.path.exists(path):
            raise InputError(f"{output}: output would overwrite an input file; choose another path")


def _resolved(path: str) -> Path | None:
    """``Path.resolve`` or None for a name that cannot be resolved (a symlink
    loop, a NUL byte, too long): writing or reading it reports why."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def default_report_path(inputs: list[str], suffix: str) -> str:
    """``<a>-vs-<b>.html`` in the working directory, never an input's path."""
    base = "-vs-".join(stem(p) for p in inputs[:3])
    candidate = Path(f"{base}{suffix}")
    taken = {Path(p).resolve() for p in inputs if p != "-"}
    n = 2
    while candidate.resolve() in taken:
        candidate = Path(f"{base}-{n}{suffix}")
        n += 1
    return str(candidate)


def emit(text: str, output: str | None, *, explicit: bool = True) -> None:
    """Write ``text`` to ``output`` atomically, or to stdout.

    ``explicit``: the user typed this path (``-o``), so a symlink there is
    written through; a default name never follows one.
    """
    if output is None or output == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(output, text, follow_symlinks=explicit)


def emit_report(renderer: Any, comparison: Any, output: str | None, *, explicit: bool = True) -> None:
    """:func:`emit` of ``renderer.render(comparison)``; a renderer with a
    ``write(comparison, handle)`` method streams into the file instead, so a
    long report is never held whole in memory (JSON of 100,000 paragraphs:
    270 MB of text)."""
    if output is None or output == "-" or not hasattr(renderer, "write"):
        emit(renderer.render(comparison), output, explicit=explicit)
        return
    with open_atomic(output, follow_symlinks=explicit) as handle:
        renderer.write(comparison, handle)


@contextlib.contextmanager
def download_progress() -> Iterator[Callable[[int, int | None], None]]:
    """A ``progress(done, total)`` callback drawing a byte bar on stderr when
    it is a terminal (nothing in pipes and CI logs)."""
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit="B", unit_scale=True, file=sys.stderr, leave=False)

    def progress(done: int, total: int | None) -> None:
        if bar is not None:
            if total and bar.total != total:
                bar.total = total
            bar.update(done - bar.n)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.close()


def manifest_option(verb: str, kind: str, output: str) -> Callable[[Any], Any]:
    """The ``--manifest`` option of ``align`` and ``compare``."""
    return click.option(
        "--manifest",
        type=click.Path(dir_okay=False),
        help=f"{verb} every item of this CSV/JSONL manifest (as 'batch' reads it) in one process;"
        f" -o is then a folder [default: <manifest>-{kind}] with one {output} per item id.",
    )


def finish_manifest(
    manifest: str,
    output: str | None,
    kind: str,
    suffix: str,
    produce: Callable[..., str],
    default_langs: tuple[str | None, ...],
    max_versions: int | None = None,
) -> None:
    """``--manifest`` of ``align`` and ``compare``: run every item in this
    process into the -o folder (default ``<manifest>-<kind>``), report each
    failed item and a summary on stderr, exit 2 when an item failed."""
    from ..manifestrun import run_manifest

    if output == "-":
        raise InputError("with --manifest, -o is a folder (one output file per item), not stdout")
    out = output or f"{Path(manifest).stem or 'manifest'}-{kind}"
    run = run_manifest(
        manifest,
        out,
        suffix,
        produce,
        default_langs=default_langs,
        max_versions=max_versions,
        report=lambda line: click.echo(f"error: {line}", err=True),
    )
    click.echo(run.summary(), err=True)
    if run.failed:
        raise InputError(f"{len(run.failed)} of {run.items} items failed (listed above)")
