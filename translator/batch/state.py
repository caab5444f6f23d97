"""The resume state: ``DIR/.batch-state.json``, each finished item by id.

Written atomically (at most every :data:`STATE_EVERY` seconds while running
and whenever the run stops); read back defensively, since it lies in a
folder others may write to. Deleting it only forces a full run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..errors import InputError
from ..ingest.smallfiles import loads_json, read_whole

#: the state file is rewritten at most this often (seconds) while running
STATE_EVERY = 2.0
STATE_NAME = ".batch-state.json"
#: 2: findings in the schema of ``check --format json`` (1 had ``file`` and no ends)
STATE_FORMAT = 2


def load_state(path: Path) -> dict[str, dict[str, Any]]:
    """The previous run's results by id; an unreadable state means a full run.

    The state is a file in a folder others may write to, so each entry is
    validated: one that could not have been written by :func:`~translator.batch.report.run_item` is
    dropped (and so never saved again) instead of crashing this run and
    every later one.
    """
    if not os.path.lexists(path):
        return {}
    try:
        data = loads_json(read_whole(path, "batch state"))
    except (InputError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        return {}
    items = data.get("items")
    if not isinstance(items, dict):
        return {}
    return {k: v for k, v in items.items() if isinstance(k, str) and _valid_state_entry(k, v)}


def _valid_state_entry(item_id: str, entry: Any) -> bool:
    """The shape of a finished item's summary (see :func:`translator.batch.report.render_item`)."""
    if not isinstance(entry, dict) or entry.get("id") != item_id or entry.get("status") != "ok":
        return False
    if not isinstance(entry.get("key"), str) or not _str_list(entry.get("inputs")):
        return False
    if not _str_list(entry.get("notes", [])) or not isinstance(entry.get("mode", ""), str):
        return False
    langs = entry.get("langs", [])
    if not isinstance(langs, list) or not all(x is None or isinstance(x, str) for x in langs):
        return False
    similarity = entry.get("similarity")
    if similarity is not None and (isinstance(similarity, bool) or not isinstance(similarity, (int, float))):
        return False
    counts = entry.get("counts", {})
    if not isinstance(counts, dict) or not all(isinstance(v, dict) for v in counts.values()):
        return False
    for table in counts.values():
        if not all(isinstance(k, str) and type(n) is int for k, n in table.items()):
            return False
    from ..checks.consistency import valid_rows

    if not valid_rows(entry.get("pairs", [])):
        return False
    findings = entry.get("findings", [])
    if not isinstance(findings, list) or not all(isinstance(f, dict) for f in findings):
        return False
    return all(
        all(
            isinstance(f.get(k, ""), str)
            for k in ("path", "kind", "severity", "message", "excerpt", "fingerprint")
        )
        and all(type(f.get(k, 0)) is int for k in _FINDING_NUMBERS)
        and isinstance(f.get("unit") or "", str)
        and isinstance(f.get("evidence", {}), dict)
        for f in findings
    )


#: the whole-number fields of a finding (see :meth:`LocatedFinding.to_dict`)
_FINDING_NUMBERS = ("line", "column", "end_line", "end_column", "offset", "length", "comparison")


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def save_state(path: Path, results: dict[str, dict[str, Any]], previous: dict[str, dict[str, Any]]) -> None:
    """Finished items of this run plus the previous run's still-valid ones."""
    merged = {**{k: v for k, v in previous.items() if v.get("status") == "ok"}, **results}
    clean = {k: {kk: vv for kk, vv in v.items() if kk != "skipped"} for k, v in merged.items()}
    write_atomic(path, json.dumps({"format": STATE_FORMAT, "items": clean}, ensure_ascii=False))
