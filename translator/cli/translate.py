"""``translator translate``: translate a file offline, keeping its structure."""

from __future__ import annotations

import bisect
import sys

import click

from .common import check_output_path, emit


@click.command()
@click.argument("file", metavar="FILE")
@click.option("--to", "to_code", required=True, help="Target language (ISO 639-1, e.g. en).")
@click.option("--from", "from_code", help="Source language; detected when omitted.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html"]),
    help="Input format; by file suffix or content when omitted.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation cache.")
@click.option(
    "--batching",
    type=click.Choice(["padded", "exact"]),
    help="padded: length-sorted batches (fast, the default); exact: no padding, bit-identical "
    "to argostranslate's one-sentence-at-a-time output on any model. Default: $TRANSLATOR_BATCHING or padded.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
def translate(
    file: str,
    to_code: str,
    from_code: str | None,
    output: str | None,
    fmt: str | None,
    no_cache: bool,
    batching: str | None,
    quiet: bool,
) -> None:
    """Translate FILE ('-' for stdin) with an installed Argos model.

    Paragraphs, Markdown structure and HTML markup are kept; glossary terms
    are protected. Nothing leaves the machine. Install models with
    'translator models install'.
    """
    from ..ingest.languages import language_code, optional_language
    from ..translate.document import translate_file
    from ..translate.engine import DecodeOptions, Engine

    to_code = language_code(to_code, "--to")
    from_code = optional_language(from_code, "--from")
    if output:
        check_output_path(output, [file])
    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=0, unit="sentence", file=sys.stderr, leave=False, dynamic_ncols=True)
    try:
        options = DecodeOptions.from_env(**({"batching": batching} if batching else {}))
        engine = Engine(cache=not no_cache, options=options)
        result = translate_file(file, to_code, from_code=from_code, fmt=fmt, progress=bar, engine=engine)
    finally:
        if bar is not None:
            bar.close()
    text = result.text if result.text.endswith("\n") else result.text + "\n"
    emit(text, output)
    if quiet:
        return
    starts, offset = [], 0
    for sentence in result.sentences:
        starts.append(offset)
        offset += len(sentence.text) + 1
    for finding in result.findings[:10]:
        number = bisect.bisect_right(starts, finding.span.start)
        click.echo(f"translator: warning: sentence {number}: {finding.message}", err=True)
    if len(result.findings) > 10:
        click.echo(f"translator: … and {len(result.findings) - 10} more warnings", err=True)
    click.echo(
        f"translated {len(result.sentences)} sentences {result.from_code} -> {result.to_code} with "
        f"{' + '.join(result.packages) or 'no model (same language)'} "
        f"({result.decoded} decoded, {result.cached} from cache)"
        + (f"; written to {output}" if output and output != "-" else ""),
        err=True,
    )
