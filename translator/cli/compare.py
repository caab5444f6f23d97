"""``translator compare``: the journalist's one-shot comparison."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import click

from .common import (
    check_output_path,
    default_report_path,
    disabled_checks,
    emit_report,
    finish_manifest,
    manifest_option,
)

_LANG = re.compile(r"^(\d+)=([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)$")


def version_languages(
    count: int, lang_a: str | None, lang_b: str | None, langs: tuple[str, ...]
) -> list[str | None]:
    """Per-version language overrides from ``--lang-a/--lang-b`` and ``--lang N=CODE``.

    Versions are numbered from 1 as on the command line. Conflicting
    values for one version are an input error rather than a silent pick.
    """
    from ..errors import InputError
    from ..ingest.languages import language_code

    out: list[str | None] = [None] * count
    given: list[tuple[int, str, str]] = []
    if lang_a:
        given.append((1, lang_a, "--lang-a"))
    if lang_b:
        given.append((2, lang_b, "--lang-b"))
    for spec in langs:
        match = _LANG.match(spec.strip())
        if not match:
            raise InputError(f"--lang {spec!r}: expected N=CODE, e.g. --lang 3=fr (versions count from 1)")
        given.append((int(match.group(1)), match.group(2), f"--lang {spec}"))
    for number, code, option in given:
        if not 1 <= number <= count:
            raise InputError(f"{option}: there is no version {number} (got {count} versions)")
        code = language_code(code, option)
        previous = out[number - 1]
        if previous is not None and previous != code:
            raise InputError(f"{option}: version {number} is already set to {previous!r}")
        out[number - 1] = code
    return out


@click.command()
@click.argument("versions", nargs=-1, metavar="A B [C...]")
@manifest_option("Compare", "compared", "report")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write the report here ('-' for stdout; with --manifest: a folder).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "json", "text"]), default="html", show_default=True
)
@click.option("--lang-a", help="Language of A (ISO 639-1), instead of detecting it.")
@click.option("--lang-b", help="Language of B (ISO 639-1), instead of detecting it.")
@click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="N=CODE",
    help="Language of version N (counting from 1), e.g. --lang 3=fr (repeatable).",
)
@click.option(
    "--pivot",
    type=int,
    default=1,
    show_default=True,
    metavar="N",
    help="The version every other version is aligned to (counting from 1).",
)
@click.option("--disable", "disabled", multiple=True, help="Switch a check off (repeatable).")
@click.option("--no-mt", is_flag=True, help="Do not machine-translate, even when a model is installed.")
@click.option("--refresh", is_flag=True, help="Fetch URL versions again instead of using the page cache.")
def compare(
    versions: tuple[str, ...],
    manifest: str | None,
    output: str | None,
    fmt: str,
    lang_a: str | None,
    lang_b: str | None,
    langs: tuple[str, ...],
    pivot: int,
    disabled: tuple[str, ...],
    no_mt: bool = False,
    refresh: bool = False,
) -> None:
    """Compare two or more versions of an article and report how they differ.

    Versions may be plain text, Markdown or HTML files, '-' for stdin, or
    http(s) URLs of article pages (fetched once and cached; --refresh
    fetches them again); localisation files (XLIFF, PO, TMX, JSON, YAML,
    .properties, Android and Apple strings, SRT/VTT, DOCX) are compared unit
    by unit, and one XLIFF, PO or TMX file alone compares its source with its
    target.
    Every version is aligned to the pivot (the first, or --pivot N) and the
    HTML report shows one column per version. Without -o, an HTML report is
    written to A-vs-B.html in the current directory; JSON and text go to
    stdout. Findings never change the exit code: use 'translator check' as a
    CI gate.

    With --manifest, every item of a CSV manifest ('id,a,b,lang_a,lang_b',
    c, d … for groups) or JSONL manifest is compared in this one process, so
    a corpus pays the start-up once; each report goes to <id>.html (.json,
    .txt) in the -o folder. Unlike 'batch' there is no index, resume state
    or worker pool. A failed item is reported and the rest are written (exit
    code 2 if any failed).
    """
    from ..errors import InputError
    from ..ingest.load import holds_both_sides
    from ..pipeline import CompareOptions, compare_paths
    from ..renderers import get_renderer

    checks_off = tuple(disabled_checks(disabled))

    def options_for(languages: list[str | None]) -> CompareOptions:
        return CompareOptions(
            langs=languages,
            pivot=pivot - 1,
            disabled_checks=checks_off,
            machine_translation=not no_mt,
            refresh=refresh,
        )

    if manifest:
        if versions or langs:
            raise InputError("give either versions (and --lang N=CODE) or --manifest, not both")
        defaults = tuple(version_languages(2, lang_a, lang_b, ()))
        _compare_manifest(manifest, output, fmt, pivot, defaults, options_for)
        return
    if not versions:
        raise InputError("compare needs at least two versions (or --manifest)")
    bilingual = len(versions) == 1 and holds_both_sides(versions[0])
    if len(versions) < 2 and not bilingual:
        raise InputError(
            f"compare needs at least two versions (or one XLIFF, PO or TMX file), got {len(versions)}"
        )
    if not 1 <= pivot <= max(len(versions), 2 if bilingual else 1):
        raise InputError(f"--pivot {pivot}: choose a version from 1 to {len(versions)}")
    paths = list(versions)
    languages = version_languages(2 if bilingual else len(paths), lang_a, lang_b, langs)
    renderer = get_renderer(fmt)
    explicit = output is not None
    if output is None and fmt == "html":
        output = default_report_path(paths, renderer.suffix)
    if output:
        check_output_path(output, paths)
    comparison = compare_paths(paths, options_for(languages))
    emit_report(renderer, comparison, output, explicit=explicit)
    if output and output != "-":
        summary = get_renderer("text").render(comparison).splitlines()[-1]
        click.echo(f"report: {output}", err=fmt != "html")
        for note in comparison.notes:
            click.echo(f"note: {note}", err=fmt != "html")
        click.echo(summary, err=fmt != "html")


def _compare_manifest(
    manifest: str,
    output: str | None,
    fmt: str,
    pivot: int,
    defaults: tuple[str | None, ...],
    options_for: Callable[[list[str | None]], Any],
) -> None:
    """``compare --manifest``: one report per item, all in this process."""
    from ..errors import InputError
    from ..pipeline import compare_paths
    from ..renderers import get_renderer

    renderer = get_renderer(fmt)

    def produce(item, langs):  # type: ignore[no-untyped-def]
        if not 1 <= pivot <= len(item.paths):
            raise InputError(f"--pivot {pivot}: item {item.id!r} has {len(item.paths)} versions")
        return renderer.render(compare_paths(item.paths, options_for(langs)))

    finish_manifest(manifest, output, "compared", renderer.suffix, produce, defaults)
