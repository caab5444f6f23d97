"""Helpers shared by the CLI commands: output paths and writing."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..atomic import write_atomic
from ..errors import InputError
from ..model import is_url


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
