"""Helpers shared by the CLI commands: output paths and writing."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from ..atomic import write_atomic
from ..errors import InputError


def stem(path: str) -> str:
    if path == "-":
        return "stdin"
    name = Path(path).name
    base = name.split(".")[0] or "input"
    return re.sub(r"[^\w.-]+", "_", base)


def check_output_path(output: str, inputs: list[str]) -> None:
    """Refuse an output path that is one of the inputs."""
    if output == "-":
        return
    out = Path(output).resolve()
    for path in inputs:
        if path != "-" and Path(path).exists() and Path(path).resolve() == out:
            raise InputError(f"{output}: output would overwrite an input file; choose another path")


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


def emit(text: str, output: str | None) -> None:
    """Write ``text`` to ``output`` atomically, or to stdout."""
    if output is None or output == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)


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
