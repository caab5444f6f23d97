"""``translator align``: sentence alignment of two versions, as a file.

For translators (TMX for CAT tools), for scoring against a gold standard
(the ladder format of ``score_alignments.py``) and for scripts (TSV, JSON).
"""

from __future__ import annotations

import click

from .common import check_output_path, emit


@click.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ladder", "tsv", "json", "tmx"]),
    default="ladder",
    show_default=True,
    help="ladder: '[0]:[0, 1]' per link; tsv: source, target, score; json; tmx: TMX 1.4.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option(
    "--max-link",
    type=click.IntRange(1, 6),
    default=4,
    show_default=True,
    help="Most sentences on one side of a link (4 allows 1-4, 2-3, 3-2, 4-1 and every smaller link).",
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
    a: str,
    b: str,
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
    scored on top of the model-free signals. Links are 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 2-3, 3-2, 4-1 (up to --max-link),
    plus '[i]:[]' for a sentence of A with no counterpart and '[]:[j]' for
    one of B.
    """
    from ..alignfiles import align_files
    from ..alignio import get_writer
    from ..ingest.languages import optional_language

    lang_a = optional_language(lang_a, "--lang-a")
    lang_b = optional_language(lang_b, "--lang-b")
    writer = get_writer(fmt)
    if output:
        check_output_path(output, [a, b] + ([translation] if translation else []))
    pair = align_files(
        a,
        b,
        lang_a=lang_a,
        lang_b=lang_b,
        presplit=presplit,
        translation=translation,
        max_link=max_link,
        glossaries=glossaries,
        disabled=disabled,
        machine_translation=not no_mt,
    )
    emit(writer.write(pair), output)
