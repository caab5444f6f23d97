"""The compare pipeline: load -> segment -> detect -> (translate) -> align -> check.

Library entry point used by the CLI and by tests; returns the data model
that every renderer reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .align import align_documents
from .checks import run_checks
from .detect import detect_document, detect_segments
from .errors import InputError
from .load import display_names, load_document
from .model import Comparison, Document, Severity, is_url
from .segment import segment_document


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
    from .suppressions import mask_directives

    mask_directives(doc)
    detect_document(doc, lang=lang)
    segment_document(doc)
    detect_segments(doc)
    return doc


def load_versions(
    paths: Sequence[str], langs: Sequence[str | None] = (), *, refresh: bool = False
) -> list[Document]:
    """Load and prepare every version (files, ``-`` or URLs); refuses the same
    file or URL given twice. ``refresh`` fetches URLs again instead of using
    the page cache."""
    if len(paths) < 2:
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
        docs.append(prepare_document(load_document(path, name=name, refresh=refresh), lang))
    return docs


def compare_documents(docs: list[Document], options: CompareOptions | None = None) -> Comparison:
    """Align every version against the pivot and run the checks.

    With N versions there are N-1 alignments, each of one version against
    the pivot, so every report can line all versions up on the pivot's
    sentences.
    """
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
    if comparison.mode == "model-free":
        comparison.notes.append(
            "No translation model was used: versions in different languages were aligned by "
            "sentence length and shared anchors (numbers, names, punctuation)."
        )
    for target in range(len(docs)):
        if target != pivot:
            comparison.alignments.append(
                align_documents(docs, pivot, target, use_translation=target in comparison.packages or None)
            )
    comparison.findings = run_checks(
        comparison,
        enabled=options.enabled_checks,
        disabled=options.disabled_checks,
        severities=options.severities,
        options=options.check_options,
    )
    comparison.similarity = _similarity(comparison)
    return comparison


def check_document(
    path: str,
    *,
    lang: str | None = None,
    source_langs: Iterable[str] = (),
    options: CompareOptions | None = None,
) -> Comparison:
    """Single-file checks (residue, glossary, duplicates) on one version."""
    options = options or CompareOptions()
    doc = prepare_document(load_document(path), lang)
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
    from .langid import detect
    from .load import document_from_text
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
