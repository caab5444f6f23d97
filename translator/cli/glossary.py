"""``translator glossary``: work with glossary files (``glossaries/*.tsv``)."""

from __future__ import annotations

import sys

import click


@click.group()
def glossary() -> None:
    """Glossary files: required translations and forbidden variants.

    The format is described in docs/glossaries.md.
    """


@glossary.command()
@click.argument("files", nargs=-1, required=True)
def validate(files: tuple[str, ...]) -> None:
    """Check glossary FILES; print every problem as path:line: message.

    Exit 0 when all files are valid, 2 when any is not.
    """
    from ..lexicon.terms import parse_glossary

    failed = False
    for path in files:
        parsed, problems = parse_glossary(path)
        if problems:
            failed = True
            for problem in problems:
                click.echo(problem, err=True)
        else:
            click.echo(
                f"{path}: ok, {len(parsed.terms)} terms ({parsed.source_lang} -> {parsed.target_lang})"
            )
    if failed:
        sys.exit(2)
