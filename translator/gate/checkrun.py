"""``translator check`` as a library: targets in, a :class:`CheckRun` out.

A target is one translation, checked alone (leftovers, glossary, duplicates)
or against its source (every pair check). Targets come from the command line
or from a manifest of pairs. The run then applies inline suppressions and
the baseline, so every output format and the exit code see the same result.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .. import __version__
from ..errors import InputError
from ..ingest.smallfiles import loads_json, read_whole_text
from ..model import CheckRun, Comparison, Rule, Severity, locate
from .config import Config

MANIFEST_COLUMNS = ("translation", "source", "lang", "source_lang")


@dataclass
class Target:
    """One translation to check, with its source when there is one."""

    translation: str
    source: str | None = None
    lang: str | None = None
    source_lang: str | None = None


def read_manifest(path: str) -> list[Target]:
    """Targets from a CSV (header row) or JSONL manifest.

    Columns/keys: ``translation`` (required), ``source``, ``lang``,
    ``source_lang``. Relative paths are relative to the manifest's folder.
    """
    p = Path(path)
    text = read_whole_text(p, "manifest")
    if p.suffix.lower() in (".jsonl", ".ndjson"):
        rows = _jsonl_rows(path, text)
    elif p.suffix.lower() == ".csv":
        rows = _csv_rows(path, text)
    else:
        raise InputError(f"{path}: a manifest is a .csv or .jsonl file")
    targets = []
    for where, row in rows:
        unknown = sorted(set(row) - set(MANIFEST_COLUMNS))
        if unknown:
            raise InputError(
                f"{where}: unknown column {', '.join(u if u.isprintable() else repr(u) for u in unknown)} (known: {', '.join(MANIFEST_COLUMNS)})"
            )
        values = {k: (str(v).strip() if v is not None else "") for k, v in row.items()}
        if not values.get("translation"):
            raise InputError(f"{where}: 'translation' is required")
        targets.append(
            Target(
                translation=_relative(p, values["translation"]),
                source=_relative(p, values["source"]) if values.get("source") else None,
                lang=values.get("lang") or None,
                source_lang=values.get("source_lang") or None,
            )
        )
    if not targets:
        raise InputError(f"{path}: the manifest lists no files")
    return targets


def _relative(manifest: Path, value: str) -> str:
    if value == "-":
        raise InputError(f"{manifest}: stdin ('-') cannot be listed in a manifest")
    p = Path(value)
    return str(p if p.is_absolute() else manifest.parent / p)


def _csv_rows(path: str, text: str) -> list[tuple[str, dict]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _csv_records(path, reader)
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None


def _csv_records(path: str, reader: csv.DictReader) -> list[tuple[str, dict]]:
    if not reader.fieldnames:
        raise InputError(f"{path}: empty manifest")
    reader.fieldnames = [f.strip() for f in reader.fieldnames]
    rows = []
    for row in reader:
        if None in row:
            raise InputError(f"{path}:{reader.line_num}: more fields than the header has")
        if not any((v or "").strip() for v in row.values()):
            continue
        rows.append((f"{path}:{reader.line_num}", row))
    return rows


def _jsonl_rows(path: str, text: str) -> list[tuple[str, dict]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = loads_json(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}: expected a JSON object")
        rows.append((f"{path}:{number}", row))
    return rows


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
    from ..checks import check_names
    from .suppressions import apply_suppressions

    baseline = None
    if config.baseline:
        from .baseline import load_baseline

        baseline = load_baseline(config.baseline)  # fail fast, before the slow part
    run = CheckRun(fail_level=config.fail_level, rules=rules(config), tool_version=__version__)
    for target in targets:
        if config.ignored(target.translation):
            run.ignored.append(target.translation)
            continue
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
