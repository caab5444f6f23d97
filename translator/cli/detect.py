"""``translator detect``: language of each document and each paragraph."""

from __future__ import annotations

import json

import click


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def detect(files: tuple[str, ...], fmt: str) -> None:
    """Detect the language of each FILE and of each of its paragraphs."""
    from ..ingest.detect import detect_document
    from ..ingest.load import load_document

    results = []
    for path in files:
        doc = detect_document(load_document(path))
        results.append(
            {
                "file": doc.path,
                "lang": doc.lang,
                "confidence": doc.lang_confidence,
                "encoding": doc.encoding,
                "format": doc.format,
                "paragraphs": [
                    {
                        "index": p.index,
                        "line": p.line,
                        "lang": p.lang,
                        "confidence": p.lang_confidence,
                        "text": doc.text[p.start : p.end],
                    }
                    for p in doc.paragraphs
                ],
            }
        )
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for result in results:
        click.echo(f"{result['file']}: {result['lang'] or 'unknown'} ({result['confidence']:.0%})")
        for p in result["paragraphs"]:
            excerpt = " ".join(p["text"].split())
            excerpt = excerpt if len(excerpt) <= 60 else excerpt[:59] + "…"
            click.echo(f"  line {p['line']}: {p['lang'] or '?'} ({p['confidence']:.0%}) {excerpt}")
