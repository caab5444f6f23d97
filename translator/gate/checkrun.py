"""``translator check`` as a library: targets in, a :class:`CheckRun` out.

A target is one translation, checked alone (leftovers, glossary, duplicates)
or against its source (every pair check). Targets come from the command line
or from a manifest of pairs. The run then applies inline suppressions and
the baseline, so every output format and the exit code see the same result.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .. import __version__
from ..errors import InputError
from ..ingest.manifest import check_columns, listed_path, nothing_listed, read_rows
from ..model import Comparison, Severity, locate
from .config import Config
from .model import CheckRun, Rule

MANIFEST_COLUMNS = ("translation", "source", "lang", "source_lang")


@dataclass
class Target:
    """One translation to check, with its source when there is one."""

    translation: str
    source: str | None = None
    lang: str | None = None
    source_lang: str | None = None


def read_manifest(path: str) -> list[Target]:
    """Targets from a manifest (:mod:`translator.ingest.manifest`).

    Columns/keys: ``translation`` (required), ``source``, ``lang``,
    ``source_lang``. Relative paths are relative to the manifest's folder.
    """
    targets = []
    for row in read_rows(path):
        check_columns(row, MANIFEST_COLUMNS)
        values = {k: (str(v).strip() if v is not None else "") for k, v in row.values.items()}
        if not values.get("translation"):
            raise InputError(f"{row.where}: 'translation' is required")
        targets.append(
            Target(
                translation=listed_path(row, values["translation"]),
                source=listed_path(row, values["source"]) if values.get("source") else None,
                lang=values.get("lang") or None,
                source_lang=values.get("source_lang") or None,
            )
        )
    if not targets:
        raise nothing_listed(path, "files")
    return targets


def targets_from_args(
    files: Sequence[str], source: str | None = None, manifest: str | None = None
) -> list[Target]:
    """Targets from the command line: files, one pair, or a manifest."""
    targets: list[Target] = []
    if manifest:
        targets.extend(read_manifest(manifest))
    if source:
        if len(files) != 1:
            raise InputError(f"--source pairs with exactly one translation, got {len(files)}")
        targets.append(Target(files[0], source))
    else:
        for f in files:
            if f != "-" and Path(f).is_dir():
                targets.extend(Target(p) for p in files_in(Path(f)))
            else:
                targets.append(Target(f))
    if not targets:
        raise InputError("nothing to check: give a FILE, a translation with --source, or --manifest")
    return targets


def files_in(folder: Path) -> list[str]:
    """Every file of a known format (text, Markdown, HTML, localisation
    files) under ``folder``, in a stable
    order, skipping hidden folders (``.git``, ``.venv``) as linters do."""
    from ..formats import FORMATS, is_keyed, is_timed

    # resource files (JSON, YAML...) are checked in pairs, against their
    # source, and a folder's JSON is as likely configuration as strings
    suffixes = {s for fmt in FORMATS if not is_keyed(fmt) or is_timed(fmt) for s in fmt.suffixes}
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if any(part.startswith(".") for part in rel):
            continue
        if path.is_file() and path.suffix.lower() in suffixes:
            found.append(str(path))
    if not found:
        raise InputError(
            f"{folder}: no file of a known format (.txt, .md, .html, .xlf, .po, .srt...) in this folder"
        )
    return found


def rules(config: Config) -> list[Rule]:
    """The checks that run, as rules, plus the suppression pseudo-check."""
    from ..checks import CHECKS
    from .suppressions import DESCRIPTION, KIND

    severities = config.severities()
    enabled = set(config.enabled_checks())
    out = [
        Rule(c.name, c.description, severities.get(c.name, c.severity)) for c in CHECKS if c.name in enabled
    ]
    out.append(Rule(KIND, DESCRIPTION, Severity.WARNING))
    return out


def check_target(target: Target, config: Config) -> Comparison:
    """Run the checks on one target."""
    from ..pipeline import CompareOptions, check_document, compare_paths

    options = CompareOptions(
        enabled_checks=config.enabled_checks(),
        severities=config.severities(),
        check_options=config.check_options(),
    )
    if config.glossaries:
        options.check_options.setdefault("glossary", {}).setdefault("glossaries", config.glossaries)
    lang = target.lang or config.lang
    source_lang = target.source_lang or config.source_lang
    if target.source:
        return compare_paths([target.source, target.translation], replace(options, langs=(source_lang, lang)))
    comparison = check_document(
        target.translation, lang=lang, source_langs=[source_lang] if source_lang else [], options=options
    )
    if comparison.mode == "single" and not source_lang and "residue" in config.enabled_checks():
        comparison.notes.append(
            "No source language given (--source-lang or source-lang in the config): "
            "source-language leftovers are looked for only where another language is detected."
        )
    return comparison


def run_check(targets: Sequence[Target], config: Config) -> CheckRun:
    """Check every target, then apply inline suppressions and the baseline."""
    from ..align.engine import gc_paused
    from ..checks import check_names
    from .suppressions import apply_suppressions

    baseline = None
    if config.baseline:
        from .baseline import load_baseline

        baseline = load_baseline(config.baseline)  # fail fast, before the slow part
    run = CheckRun(fail_level=config.fail_level, rules=rules(config), tool_version=__version__)
    # a target's documents, links and findings are millions of small objects
    # alive together until the report is written: the collector's passes
    # over them would free nothing (10,000-unit XLIFF: 2 of 17 CPU-s). The
    # reference cycles of one target are collected before the next starts,
    # a pass over the youngest objects only (the earlier targets' are in the
    # oldest generation by then), so a long manifest stays in bounded memory
    with gc_paused():
        for target in targets:
            if config.ignored(target.translation):
                run.ignored.append(target.translation)
                continue
            if run.comparisons:
                gc.collect(1)
            run.comparisons.append(check_target(target, config))
    if len(run.comparisons) > 1 and "consistency" in config.enabled_checks():
        from ..checks.consistency import check_across

        check_across(
            run.comparisons,
            config.check_options().get("consistency"),
            config.severities().get("consistency"),
        )
    known = check_names()
    for i, comparison in enumerate(run.comparisons):
        outcome = apply_suppressions(comparison, known)
        comparison.findings = sorted(
            outcome.kept + outcome.warnings, key=lambda f: (f.span.version, f.span.start, f.kind)
        )
        run.suppressed.extend(locate(i, comparison, f, "inline") for f in outcome.suppressed)
    if baseline is not None:
        run.baseline = str(baseline.path)
        for i, finding in baseline.absorb(run.comparisons):
            run.suppressed.append(locate(i, run.comparisons[i], finding, "baseline"))
    return run
