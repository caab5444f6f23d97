"""Many pairs in one process: ``align --manifest`` and ``compare --manifest``.

A corpus of a thousand document pairs run one process per pair pays the
interpreter, the imports and the one-off tables (language profiles, word
lists, dictionaries) a thousand times; in one process it pays them once.
``batch`` already does that for HTML reports with an index and resume
state; these two commands do it for their own outputs: one file per item,
named after the item's id, in any of the command's formats.

The manifest is ``batch``'s (:func:`translator.batch.items.read_manifest`: CSV or
JSONL, paths relative to it, ``lang_a``/``lang_b`` columns), and so is the
promise that one bad item never stops the run: its error is reported on
stderr, the others are written, and the run ends with exit code 2.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_atomic
from .batch.items import BatchItem, read_manifest, require_regular_files
from .errors import InputError, TranslatorError


@dataclass
class ManifestRun:
    """What a manifest run wrote and which items failed (id, reason)."""

    out_dir: Path
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def items(self) -> int:
        return len(self.written) + len(self.failed)

    def summary(self) -> str:
        """One line for the terminal."""
        line = f"{len(self.written)} of {self.items} items written to {self.out_dir}"
        return line + (f"; {len(self.failed)} failed" if self.failed else "")


def run_manifest(
    manifest: str,
    out_dir: str,
    suffix: str,
    produce: Callable[[BatchItem, list[str | None]], str],
    *,
    default_langs: Sequence[str | None] = (),
    max_versions: int | None = None,
    report: Callable[[str], None] | None = None,
) -> ManifestRun:
    """Run ``produce`` on every item of ``manifest`` and write its text to
    ``out_dir/<id><suffix>``.

    ``produce(item, langs)`` gets the item and its languages (the
    manifest's columns, else ``default_langs``, else None = detect) and
    returns the output text. An item's problem (a missing input, more than
    ``max_versions`` versions, an input error while loading) is caught,
    handed to ``report`` as one line and recorded; the manifest itself
    being malformed is an :class:`InputError` before anything runs.
    """
    items = read_manifest(manifest)
    out = _prepare(out_dir, manifest, items, suffix)
    run = ManifestRun(out_dir=out)
    for item in items:
        target = out / f"{item.slug}{suffix}"
        try:
            if max_versions is not None and len(item.paths) > max_versions:
                raise InputError(
                    f"{manifest}:{item.line}: {len(item.paths)} versions; this command takes {max_versions}"
                )
            require_regular_files(item.paths)
            langs = [
                lang or (default_langs[i] if i < len(default_langs) else None)
                for i, lang in enumerate(item.langs or [None] * len(item.paths))
            ]
            write_atomic(target, produce(item, langs))
        except TranslatorError as exc:
            run.failed.append((item.id, str(exc)))
            if report:
                report(f"{item.id}: {exc}")
            continue
        run.written.append(target)
    return run


def _prepare(out_dir: str, manifest: str, items: Sequence[BatchItem], suffix: str) -> Path:
    """Create the output folder; refuse outputs that would overwrite an input."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder; give -o a folder for the outputs")
    inputs = {Path(p).resolve() for item in items for p in item.paths} | {Path(manifest).resolve()}
    for item in items:
        if (out / f"{item.slug}{suffix}").resolve() in inputs:
            raise InputError(
                f"{out / (item.slug + suffix)}: output would overwrite an input file; choose another -o folder"
            )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out_dir}: {exc.strerror or exc}") from None
    return out
