"""The compare pipeline: load -> segment -> detect -> (translate) -> align -> check.

Library entry point used by the CLI and by tests; returns the data model
that every renderer reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .errors import InputError
from .ingest.detect import detect_document, detect_segments
from .ingest.load import (
    display_names,
    document_from_bytes,
    documents_from_bytes,
    load_document,
    load_sides,
    printable_name,
)
from .ingest.segment import segment_document
from .model import Comparison, Document, Severity, is_url


@dataclass
class CompareOptions:
    """Settings of one comparison (CLI flags and config end up here)."""

    langs: Sequence[str | None] = ()
    pivot: int = 0
    enabled_checks: Iterable[str] | None = None
    disabled_checks: Iterable[str] = ()
    severities: dict[str, Severity] = field(default_factory=dict)
    check_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: translate versions in other languages when an Argos model is installed
    machine_translation: bool = True
    #: reuse and store machine translations in the SQLite cache
    mt_cache: bool = True
    #: fetch URL versions again instead of reusing the page cache
    refresh: bool = False


def prepare_document(doc: Document, lang: str | None = None) -> Document:
    """Detect languages and split sentences of a loaded document.

    Plain-text suppression lines (``[translator: ignore …]``) are blanked
    first: they are instructions to the tool, not article text.
    """
    from .gate.suppressions import mask_directives
    from .ingest.languages import optional_language

    lang = optional_language(lang, f"{doc.name}: language")
    mask_directives(doc)
    detect_document(doc, lang=lang or doc.declared_lang)
    segment_document(doc)
    detect_segments(doc)
    return doc


def load_versions(
    paths: Sequence[str],
    langs: Sequence[str | None] = (),
    *,
    read: Callable[[str], bytes] | None = None,
    refresh: bool = False,
) -> list[Document]:
    """Load and prepare every version (files, ``-`` or URLs); refuses the
    same file or URL given twice. ``refresh`` fetches URLs again instead of
    using the page cache.

    One bilingual file (XLIFF, PO, TMX) is two versions: its source and
    target sides. ``read`` supplies a path's bytes instead of opening it (a
    batch worker on another machine gets them shipped); the path still names
    the version.
    """
    if len(paths) == 1:
        if read is None:
            sides = load_sides(paths[0])
        else:
            sides = documents_from_bytes(read(paths[0]), printable_name(paths[0]))
            for doc in sides:
                doc.name = printable_name(display_names(paths)[0])
        if len(sides) == 2:
            return [
                prepare_document(doc, langs[i] if i < len(langs) else None) for i, doc in enumerate(sides)
            ]
        raise InputError(
            f"{paths[0]}: one file is compared only when it holds both sides (XLIFF, PO, TMX);"
            " give a second version"
        )
    if not paths:
        raise InputError("compare needs at least two versions")
    seen: dict[str, str] = {}
    for path in paths:
        if path == "-":
            if "-" in seen:
                raise InputError("stdin ('-') can be given only once")
            seen["-"] = path
            continue
        from pathlib import Path

        key = path if is_url(path) else str(Path(path).resolve())
        if key in seen:
            what = "URL" if is_url(path) else "file"
            raise InputError(f"{path}: the same {what} is given twice; compare two different versions")
        seen[key] = path
    docs = []
    for i, (path, name) in enumerate(zip(paths, display_names(paths), strict=True)):
        lang = langs[i] if i < len(langs) else None
        if read is None:
            doc = load_document(path, name=name, refresh=refresh)
        else:
            doc = document_from_bytes(read(path), printable_name(path))
            doc.name = printable_name(name)
        docs.append(prepare_document(doc, lang))
    return docs


def compare_documents(docs: list[Document], options: CompareOptions | None = None) -> Comparison:
    """Align every version against the pivot and run the checks.

    With N versions there are N-1 alignments, each of one version against
    the pivot, so every report can line all versions up on the pivot's
    sentences.
    """
    # the aligner (numpy, scipy) and the checks (babel, wordfreq, rapidfuzz)
    # load here, not with the module: 'align' and 'detect' load documents
    # through this module and need neither the checks nor, for 'detect',
    # the aligner
    from .align import align_documents
    from .checks import run_checks

    options = options or CompareOptions()
    pivot = options.pivot
    if not 0 <= pivot < len(docs):
        raise InputError(f"pivot {pivot + 1} is not one of the {len(docs)} versions")
    comparison = Comparison(documents=docs, pivot=pivot, tool_version=__version__)
    langs = {d.lang for d in docs}
    comparison.mode = "same-language" if len(langs) == 1 else "model-free"
    if comparison.mode == "model-free" and options.machine_translation:
        from .translate.integrate import translate_versions

        if translate_versions(comparison, cache=options.mt_cache):
            comparison.mode = "machine-translation"
    from .align.units import align_units, unit_documents

    by_unit = unit_documents(docs)
    if comparison.mode == "model-free" and not by_unit:
        comparison.notes.extend(_model_free_notes(docs, pivot))
    for target in range(len(docs)):
        if target == pivot:
            continue
        alignment = align_units(docs, pivot, target, by_unit) if by_unit else None
        if alignment is None:
            alignment = align_documents(
                docs, pivot, target, use_translation=target in comparison.packages or None
            )
        comparison.alignments.append(alignment)
    comparison.findings = run_checks(
        comparison,
        enabled=options.enabled_checks,
        disabled=options.disabled_checks,
        severities=options.severities,
        options=options.check_options,
    )
    comparison.similarity = _similarity(comparison)
    return comparison


def _model_free_notes(docs: list[Document], pivot: int) -> list[str]:
    """What the user should know when versions in two languages were aligned
    without a model: which evidence was used and, for a pair with no
    dictionary either, that an omission may hide in a merged link and the
    one command that fixes it."""
    from .align.dictd import has_dictionary
    from .align.freedict import install_command

    base = docs[pivot].lang
    missing = sorted(
        {d.lang for d in docs if d.lang and base and d.lang != base and not has_dictionary(base, d.lang)}
    )
    if not missing:
        return [
            "No translation model was used: versions in different languages were aligned by sentence "
            "length, shared anchors (numbers, names, punctuation) and a FreeDict dictionary."
        ]
    return [
        f"No translation model and no dictionary for {base}-{lang}: sentences were aligned on length and "
        f"shared numbers and names only, so an omitted sentence may hide in a merged row; install a "
        f"dictionary with '{install_command(base, lang)}'."
        for lang in missing
    ]


def check_document(
    path: str,
    *,
    lang: str | None = None,
    source_langs: Iterable[str] = (),
    options: CompareOptions | None = None,
) -> Comparison:
    """Single-file checks (residue, glossary, duplicates) on one version.

    A bilingual file (XLIFF, PO, TMX) holds its own source: every pair check
    runs on it, unit by unit."""
    from .checks import run_checks
    from .ingest.languages import language_code

    options = options or CompareOptions()
    source_langs = [language_code(code, f"{path}: source language") for code in source_langs]
    sides = load_sides(path)
    if len(sides) == 2:
        source_lang = next(iter(source_langs), None)
        docs = [prepare_document(sides[0], source_lang), prepare_document(sides[1], lang)]
        return compare_documents(docs, options)
    doc = prepare_document(sides[0], lang)
    comparison = Comparison(documents=[doc], mode="single", tool_version=__version__)
    comparison.findings = run_checks(
        comparison,
        enabled=options.enabled_checks,
        disabled=options.disabled_checks,
        severities=options.severities,
        options=options.check_options,
        source_langs=source_langs,
    )
    return comparison


def compare_paths(paths: Sequence[str], options: CompareOptions | None = None) -> Comparison:
    options = options or CompareOptions()
    return compare_documents(load_versions(paths, options.langs, refresh=options.refresh), options)


_WARM_TEXT = (
    "On 3 March 2024 the council of Leipzig approved a budget of 1.5 million euros. "
    '"We are pleased," said Mayor Anna Weber. The vote was 31 to 12.\n\n'
    "Work on the bridge over the Elbe starts in May and ends in 2026."
)


def warm_up() -> None:
    """Pay, once, what the first comparison in a fresh process pays.

    A process's first ``compare`` spends about 1.4 s on things that later
    comparisons reuse: langdetect's 55 language profiles, the lazily
    imported aligner and checks (scipy among them), babel's month and day
    names, the compiled report template. The batch pool's fork server
    calls this (through :mod:`translator._warm`) so that every worker,
    including each replacement of a recycled one, forks from a process that
    already has all of it.
    """
    from .ingest.langid import detect
    from .ingest.load import document_from_text
    from .renderers import get_renderer

    detect("Die Arbeiten an der Brücke beginnen im Mai.")
    edited = _WARM_TEXT.replace("31 to 12", "31 to 13").replace(" starts in May", " starts in June")
    docs = [
        prepare_document(document_from_text(_WARM_TEXT, "warm-a.txt"), "en"),
        prepare_document(document_from_text(edited, "warm-b.txt"), "en"),
    ]
    comparison = compare_documents(docs, CompareOptions(machine_translation=False, mt_cache=False))
    get_renderer("html").render(comparison)


def _similarity(comparison: Comparison) -> float:
    """Share of sentences (both sides) that sit in a link with a counterpart."""
    linked = total = 0
    for alignment in comparison.alignments:
        for link in alignment.links:
            total += len(link.src) + len(link.tgt)
            if link.src and link.tgt:
                linked += len(link.src) + len(link.tgt)
        moved = len(alignment.moves) * 2
        linked += moved
    return round(linked / total, 4) if total else 1.0
