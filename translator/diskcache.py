"""Data tables memoised on disk as JSON, keyed by the files they come from.

Some tables cost more to build than to read: FreeDict's word lists take
seconds to parse, and importing wordfreq or Babel only to read a few word
frequencies or month names costs a short comparison a large part of its
start-up. :func:`cached` keeps such a table as JSON under
``$XDG_CACHE_HOME/translator`` (a folder only the user can read), keyed by
the name, size and modification time of the files it is built from, so an
upgraded package or dictionary is read afresh.

JSON holds data and nothing else, so a cache file someone else planted can
never run code (a pickle would); a damaged, truncated or foreign cache file
is ignored, rebuilt and overwritten. A cache folder that cannot be written
costs only the build, next time too.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .atomic import open_atomic
from .errors import InputError

T = TypeVar("T")

#: bumped when a cached value's layout changes, so old files are never read
CACHE_FORMAT = 2
#: longer keys are hashed (a file name has at most 255 bytes)
_MAX_NAME = 160


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/translator`` (created 0700 by :func:`cached`)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "translator"


def cache_file(paths: list[Path], kind: str) -> Path:
    """Where :func:`cached` keeps the table ``kind`` built from ``paths``."""
    parts = [kind]
    for path in paths:
        stat = path.stat()
        parts.append(f"{path.stem}-{stat.st_size}-{int(stat.st_mtime)}")
    name = "_".join(parts)
    if len(name) > _MAX_NAME:
        name = f"{kind}_{hashlib.sha256(name.encode('utf-8')).hexdigest()[:32]}"
    return cache_dir() / f"{name}.v{CACHE_FORMAT}.json"


def cached(
    paths: list[Path],
    kind: str,
    build: Callable[[], T],
    *,
    dump: Callable[[T], Any],
    load: Callable[[Any], T],
) -> T:
    """``build()``, memoised on disk as JSON under :func:`cache_dir`, keyed
    by ``kind`` and the name, size and modification time of ``paths``.

    ``dump`` turns the value into JSON data and ``load`` back, raising
    ``ValueError`` or ``TypeError`` when the data has the wrong shape: a
    truncated, foreign or tampered file is then rebuilt and overwritten.
    """
    cache = cache_file(paths, kind)
    try:
        with cache.open("rb") as handle:
            return load(json.load(handle))
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        pass
    value = build()
    try:
        cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # atomic: an interrupted write (Ctrl-C) leaves neither a torn cache
        # nor a temporary file behind
        with open_atomic(cache) as handle:
            handle.write(json.dumps(dump(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except (OSError, InputError):
        pass  # a read-only home only costs the build next time
    return value


def load_strings(data: Any) -> list[str]:  # noqa: ANN401 - JSON
    """A cached list of strings back from JSON (a word list, language
    codes); ``ValueError`` when it is not one."""
    if not isinstance(data, list) or not set(map(type, data)) <= {str}:
        raise ValueError("not a list of strings")
    return data
