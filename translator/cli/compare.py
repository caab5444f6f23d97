"""``translator compare``: the journalist's one-shot comparison."""

from __future__ import annotations

import click

from .common import check_output_path, default_report_path, emit


@click.command()
@click.argument("versions", nargs=-1, required=True, metavar="A B")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the report here ('-' for stdout)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "json", "text"]), default="html", show_default=True
)
@click.option("--lang-a", help="Language of A (ISO 639-1), instead of detecting it.")
@click.option("--lang-b", help="Language of B (ISO 639-1), instead of detecting it.")
@click.option("--disable", "disabled", multiple=True, help="Switch a check off (repeatable).")
def compare(
    versions: tuple[str, ...],
    output: str | None,
    fmt: str,
    lang_a: str | None,
    lang_b: str | None,
    disabled: tuple[str, ...],
) -> None:
    """Compare two versions of an article and report how they differ.

    A and B may be plain text, Markdown or HTML files, or '-' for stdin.
    Without -o, an HTML report is written to A-vs-B.html in the current
    directory; JSON and text go to stdout. Findings never change the exit
    code: use 'translator check' as a CI gate.
    """
    from ..errors import InputError
    from ..pipeline import CompareOptions, compare_paths
    from ..renderers import get_renderer

    if len(versions) != 2:
        raise InputError(f"compare takes two versions, got {len(versions)}")
    from ..checks import check_names

    unknown = sorted(set(disabled) - set(check_names()))
    if unknown:
        raise InputError(f"unknown check {', '.join(unknown)}; known: {', '.join(check_names())}")
    paths = list(versions)
    renderer = get_renderer(fmt)
    if output is None and fmt == "html":
        output = default_report_path(paths, renderer.suffix)
    if output:
        check_output_path(output, paths)
    comparison = compare_paths(paths, CompareOptions(langs=(lang_a, lang_b), disabled_checks=disabled))
    emit(renderer.render(comparison), output)
    if output and output != "-":
        summary = get_renderer("text").render(comparison).splitlines()[-1]
        click.echo(f"report: {output}", err=fmt != "html")
        click.echo(summary, err=fmt != "html")
