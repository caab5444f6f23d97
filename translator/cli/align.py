"""``translator align``: sentence alignment of two versions, as a file.

For translators (TMX for CAT tools), for scoring against a gold standard
(the ladder format of ``score_alignments.py``) and for scripts (TSV, JSON).
"""

from __future__ import annotations

import click

from .common import check_output_path, emit, finish_manifest, manifest_option


@click.command()
@click.argument("a", metavar="A", required=False)
@click.argument("b", metavar="B", required=False)
@manifest_option("Align", "aligned", "file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ladder", "tsv", "json", "tmx"]),
    default="ladder",
    show_default=True,
    help="ladder: '[0]:[0, 1]' per link; tsv: source, target, score; json; tmx: TMX 1.4.",
)
@click.option(
    "-o", "--output", type=click.Path(), help="Write here instead of stdout (with --manifest: a folder)."
)
@click.option(
    "--max-link",
    type=click.IntRange(1, 6),
    default=5,
    show_default=True,
    help="Most sentences on one side of a link (5 allows 1-5, 2-4, 3-3, 4-2, 5-1 and every smaller link).",
)
@click.option(
    "--translation",
    type=click.Path(dir_okay=False),
    help="Machine translation of A into B's language, one line per sentence of A (Bleualign's interface).",
)
@click.option("--lang-a", help="Language of A (ISO 639-1), instead of detecting it.")
@click.option("--lang-b", help="Language of B (ISO 639-1), instead of detecting it.")
@click.option(
    "--presplit",
    is_flag=True,
    help="A and B are already split: one sentence per line (ids are line numbers from 0).",
)
@click.option("--glossary", "glossaries", multiple=True, help="Extra glossary file or folder (repeatable).")
@click.option("--disable", "disabled", multiple=True, help="Switch an alignment signal off (repeatable).")
@click.option(
    "--no-mt",
    is_flag=True,
    help="Do not machine-translate B even when an Argos model for the pair is installed.",
)
def align(
    a: str | None,
    b: str | None,
    manifest: str | None,
    fmt: str,
    output: str | None,
    max_link: int,
    translation: str | None,
    lang_a: str | None,
    lang_b: str | None,
    presplit: bool,
    glossaries: tuple[str, ...],
    disabled: tuple[str, ...],
    no_mt: bool,
) -> None:
    """Align the sentences of A and B and write the links.

    A and B may be text, Markdown or HTML files ('-' for stdin), split into
    sentences like 'compare' does, or sentence-per-line files with
    --presplit. Across languages, B is machine-translated when an Argos
    model is installed (or give --translation), and the translation is
    scored on top of the model-free signals. Links are 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 2-3, 3-2, 4-1, 1-5, 2-4, 3-3, 4-2, 5-1 (up to --max-link),
    plus '[i]:[]' for a sentence of A with no counterpart and '[]:[j]' for
    one of B.

    With --manifest, every pair of a CSV manifest ('id,a,b,lang_a,lang_b')
    or JSONL manifest is aligned in this one process, so a corpus pays the
    start-up once; each item's links go to <id> plus the format's suffix in
    the -o folder. A failed item is reported and the rest are written
    (exit code 2 if any failed).
    """
    from functools import partial

    from ..alignfiles import align_files
    from ..alignio import get_writer
    from ..errors import InputError
    from ..ingest.languages import optional_language

    lang_a = optional_language(lang_a, "--lang-a")
    lang_b = optional_language(lang_b, "--lang-b")
    writer = get_writer(fmt)
    run = partial(
        align_files,
        presplit=presplit,
        max_link=max_link,
        glossaries=glossaries,
        disabled=disabled,
        machine_translation=not no_mt,
    )
    if manifest:
        if a or b or translation:
            raise InputError("give either A and B (and --translation) or --manifest, not both")

        def produce(item, langs):  # type: ignore[no-untyped-def]
            codes = [optional_language(code, f"{manifest}:{item.line}: language") for code in langs]
            pair = run(item.paths[0], item.paths[1], lang_a=codes[0], lang_b=codes[1])
            return writer.write(pair)

        finish_manifest(manifest, output, "aligned", writer.suffix, produce, (lang_a, lang_b), 2)
        return
    if not (a and b):
        raise InputError("align needs two files, A and B (or --manifest)")
    if output:
        check_output_path(output, [a, b] + ([translation] if translation else []))
    pair = run(a, b, lang_a=lang_a, lang_b=lang_b, translation=translation)
    emit(writer.write(pair), output)
