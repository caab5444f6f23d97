"""A batch's items: the manifest's columns, the settings, the resume key.

An item is one manifest line (an id and two or more versions, or one
bilingual file); its key is the content hash of its inputs plus the
settings, so a re-run recognises an unchanged item without comparing it
again. Reading the manifest's lines is :mod:`translator.ingest.manifest`'s
job (shared with ``check --manifest``); what its columns mean for a batch is
this module's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from .. import __version__
from ..errors import InputError
from ..ingest.manifest import Row, check_columns, listed_path, nothing_listed, read_rows

_VERSION_COLUMN = re.compile(r"^[a-z]$")
_SAFE = re.compile(r"[^\w.-]+")


@dataclass
class BatchItem:
    """One line of the manifest: an id and two or more versions."""

    id: str
    paths: list[str]
    langs: list[str | None] = field(default_factory=list)
    #: 1-based line of the manifest the item came from (for messages)
    line: int = 0

    @property
    def slug(self) -> str:
        """The id as a safe file name (reports are named after it)."""
        return _SAFE.sub("_", self.id).strip("._")[:120] or "item"


@dataclass
class BatchSettings:
    """Everything besides the inputs that changes an item's result."""

    disabled_checks: list[str] = field(default_factory=list)
    langs: list[str | None] = field(default_factory=list)

    def fingerprint(self) -> str:
        settings = asdict(self)
        langs = list(settings["langs"])
        while langs and langs[-1] is None:  # "no override" however it is spelled
            langs.pop()
        settings["langs"] = langs
        settings["disabled_checks"] = sorted(settings["disabled_checks"])
        data = {"tool": __version__, "settings": settings, "checks": _check_names()}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


# -- manifest -----------------------------------------------------------------


def read_manifest(path: str) -> list[BatchItem]:
    """Items from a manifest (:mod:`translator.ingest.manifest`).

    Version columns ``a``, ``b`` (and ``c``, ``d`` … for groups), optionally
    ``id`` and ``lang_a``, ``lang_b`` …; a JSON line may instead give
    ``versions`` (a list of paths) and optionally ``langs``. Paths are
    relative to the manifest's folder. A malformed manifest is an
    :class:`InputError` naming the line, raised before anything runs.
    """
    items: list[BatchItem] = []
    for row in read_rows(path):
        if "versions" in row.values:
            check_columns(row, ("id", "versions", "langs"))
            items.append(_item_from_list(row, len(items)))
        else:
            items.append(_item_from_columns(row, len(items)))
    if not items:
        raise nothing_listed(path, "items")
    seen: dict[str, int] = {}
    for item in items:
        key = item.slug.lower()
        if key in seen:
            raise InputError(
                f"{path}:{item.line}: id {item.id!r} is used twice (also on line {seen[key]});"
                " give every item its own id"
            )
        seen[key] = item.line
    return items


def _item_from_columns(row: Row, n: int) -> BatchItem:
    versions = [h for h in row.values if _VERSION_COLUMN.match(h)]
    if "a" not in versions:
        shown = ",".join(h if h.isprintable() else repr(h) for h in row.values)
        needs = "the header needs" if row.header_line else "a manifest needs"
        raise InputError(
            f"{row.columns_where}: {needs} version columns 'a' and 'b' (like 'id,a,b,lang_a,lang_b'),"
            " or 'a' alone for bilingual files (XLIFF, PO, TMX),"
            f" got {shown}"
        )
    letters = sorted(versions)
    if letters != [chr(ord("a") + i) for i in range(len(letters))]:
        raise InputError(
            f"{row.columns_where}: version columns must be a, b, c … without gaps, got {letters}"
        )
    # a bilingual file alone in column a still has two sides: lang_a, lang_b
    sides = [chr(ord("a") + i) for i in range(max(2, len(letters)))]
    check_columns(row, ("id", *letters, *(f"lang_{k}" for k in sides)))
    record = row.values
    paths = [str(record[k]).strip() for k in letters if record.get(k) not in (None, "")]
    trailing = [k for k in letters if record.get(k) in (None, "")]
    if not paths:
        raise InputError(
            f"{row.where}: an item needs two versions (columns a and b) or one bilingual file (column a)"
        )
    if trailing and letters.index(trailing[0]) < len(paths):
        raise InputError(f"{row.where}: version column {trailing[0]} is empty but a later one is not")
    # one bilingual file is two versions, its source and target sides: lang_a
    # and lang_b name their languages when the file does not
    sides = sides[: max(2, len(paths))]
    langs = [(str(record.get(f"lang_{k}") or "").strip() or None) for k in sides]
    item_id = str(record.get("id") or "").strip() or f"item-{n + 1}"
    return BatchItem(id=item_id, paths=[listed_path(row, p) for p in paths], langs=langs, line=row.line)


def _item_from_list(row: Row, n: int) -> BatchItem:
    versions = row.values["versions"]
    langs = row.values.get("langs") or []
    if not isinstance(versions, list) or not all(isinstance(v, str) for v in versions):
        raise InputError(f"{row.where}: 'versions' must be a list of file paths")
    if not isinstance(langs, list):
        raise InputError(f"{row.where}: 'langs' must be a list of language codes")
    if not versions:
        raise InputError(f"{row.where}: an item needs two versions or one bilingual file")
    item_id = str(row.values.get("id") or "").strip() or f"item-{n + 1}"
    count = max(2, len(versions))
    padded = [(str(x).strip() or None) if x else None for x in langs][:count]
    padded += [None] * (count - len(padded))
    return BatchItem(id=item_id, paths=[listed_path(row, p) for p in versions], langs=padded, line=row.line)


# -- the resume key and the inputs ---------------------------------------------


def item_key(item: BatchItem, settings: BatchSettings) -> str | None:
    """Content hash of the item's inputs plus the settings; None when an
    input cannot be read (such an item is always retried)."""
    digest = hashlib.sha256(settings.fingerprint().encode())
    digest.update(json.dumps(item.langs).encode())
    for path in item.paths:
        file_hash = _file_hash(path)
        if file_hash is None:
            return None
        digest.update(file_hash.encode())
    return digest.hexdigest()[:32]


def _file_hash(path: str) -> str | None:
    """SHA-256 of a regular file; None for anything else. A FIFO is opened
    without blocking and ``/dev/zero`` never hashed: both would hang."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


def require_regular_files(paths: Sequence[str]) -> None:
    """An item's inputs are files in a manifest: a FIFO, device or folder
    fails the item (reading a FIFO with no writer would block the batch)."""
    for path in paths:
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise InputError(f"{path}: no such file; check the path in the manifest") from None
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise InputError(f"{path}: cannot read ({reason})") from None
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: not a regular file (a folder, pipe or device); list article files")


def _check_names() -> list[str]:
    from ..checks import check_names

    return check_names()
