"""Manifests: lists of inputs in a CSV, TSV or JSON Lines file, read one way.

``translator check --manifest`` (translations with their sources) and
``translator batch`` (groups of versions) read their manifests here, so the
two agree on everything but their columns:

- **where**: a file, or ``-`` for standard input; the file goes through
  :func:`~translator.ingest.smallfiles.read_whole` (regular files only,
  size-capped);
- **decoding**: UTF-8, a byte-order mark dropped; anything else is one line
  saying so;
- **format by suffix**: ``.csv``, ``.tsv`` (tab-separated), ``.jsonl``,
  ``.ndjson`` or ``.json`` (one object a line); standard input is JSON Lines
  when its first line opens an object, CSV otherwise; any other suffix is
  refused rather than guessed;
- **comments and blanks**: lines starting with ``#`` and blank lines are
  skipped in both formats (line numbers still count them);
- **columns**: CSV has a header row; header names and JSON keys are compared
  stripped and lower-cased; CSV values are stripped;
- **paths**: relative paths are relative to the manifest's folder (shown
  relative to the working directory when they lie below it); ``-`` and NUL
  bytes are refused;
- **messages**: every error names ``MANIFEST:LINE`` and is an
  :class:`~translator.errors.InputError`, raised before anything runs.

What the columns mean stays with each command (:mod:`translator.gate.checkrun`,
:mod:`translator.batch.items`).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .smallfiles import loads_json, read_whole_text

#: suffix -> format
SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}


@dataclass(frozen=True)
class Row:
    """One record of a manifest: its line number and its columns."""

    path: str
    line: int
    values: dict[str, Any]
    #: the line of a CSV manifest's header row (0 for JSON Lines): where a
    #: problem with the columns themselves is reported
    header_line: int = 0

    @property
    def where(self) -> str:
        """``MANIFEST:LINE``, the start of every message about this row."""
        return f"{self.path}:{self.line}"

    @property
    def columns_where(self) -> str:
        """``MANIFEST:LINE`` of the header a CSV row's columns come from
        (the row itself in JSON Lines)."""
        return f"{self.path}:{self.header_line or self.line}"


def read_rows(path: str) -> list[Row]:
    """The records of the manifest at ``path`` (``-``: standard input)."""
    text = _read_text(path)
    kind = _kind(path, text)
    if kind == "jsonl":
        return _jsonl_rows(path, text)
    return _csv_rows(path, text, "\t" if kind == "tsv" else ",")


def check_columns(row: Row, known: Iterable[str], *, extra: Any = None) -> None:
    """Refuse a column outside ``known`` (``extra``: a predicate for
    columns a command accepts by pattern, such as batch's ``a``, ``b`` …)."""
    known = tuple(known)
    unknown = sorted(k for k in row.values if k not in known and not (extra and extra(k)))
    if unknown:
        shown = ", ".join(u if u.isprintable() else repr(u) for u in unknown)
        raise InputError(f"{row.columns_where}: unknown column {shown} (known: {', '.join(known)})")


def listed_path(row: Row, value: str) -> str:
    """A path named in ``row``, resolved against the manifest's folder and
    shown relative to the working directory when it lies below it (report
    headers stay short)."""
    if value == "-":
        raise InputError(f"{row.where}: stdin ('-') cannot be listed in a manifest")
    if "\x00" in value:
        raise InputError(f"{row.where}: a file name contains a NUL byte")
    base = Path(row.path).resolve().parent if row.path != "-" else Path.cwd()
    full = Path(value) if Path(value).is_absolute() else base / value
    try:
        rel = os.path.relpath(full)
    except ValueError:  # another drive on Windows
        return str(full)
    return rel if not rel.startswith("..") else str(full)


def nothing_listed(path: str, what: str) -> InputError:
    """The error for a manifest without a single record."""
    return InputError(f"{path}: the manifest lists no {what}")


def _read_text(path: str) -> str:
    if path != "-":
        return read_whole_text(path, "manifest")
    from .load import read_bytes

    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: the manifest is not UTF-8 (byte {exc.start}); save it as UTF-8") from None


def _kind(path: str, text: str) -> str:
    if path == "-":
        first = next((ln.strip() for ln in text.splitlines() if ln.strip() and not _comment(ln)), "")
        return "jsonl" if first.startswith("{") else "csv"
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"{path}: a manifest is a .csv or .jsonl file (.tsv, .ndjson and .json work too), got {suffix or 'no suffix'!r}"
        )
    return SUFFIXES[suffix]


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _csv_rows(path: str, text: str, delimiter: str) -> list[Row]:
    # a comment line becomes an empty line, so csv's line numbers still count it
    body = "".join("\n" if _comment(ln) else ln for ln in text.splitlines(keepends=True))
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 0
    rows: list[Row] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in cells]
                header_line = line
                continue
            if len(cells) > len(header):
                raise InputError(
                    f"{path}:{line}: {len(cells)} fields but the header has {len(header)}; quote values with commas"
                )
            # a short row leaves its last columns empty
            values = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
            rows.append(Row(path, line, values, header_line))
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None
    if header is None:
        raise InputError(f"{path}: empty manifest (expected a header row)")
    return rows


def _jsonl_rows(path: str, text: str) -> list[Row]:
    rows: list[Row] = []
    for line, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            record = loads_json(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{line}: not valid JSON ({exc.msg}); one JSON object per line") from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{line}: expected a JSON object per line")
        rows.append(Row(path, line, {str(k).strip().lower(): v for k, v in record.items()}))
    return rows
