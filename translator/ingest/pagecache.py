"""The on-disk cache of fetched pages, keyed by URL.

A journalist compares the same pages again and again while a story moves;
fetching them once and reusing the copy keeps repeated runs fast and the
comparison stable (the page as it was when first fetched) until
``--refresh`` asks for the live page. Each entry is data only: the raw
body bytes and a JSON file with where and when it was fetched — never
pickle, so a tampered cache cannot run code. The folder is private to the
user (0700): the pages someone reads can be sensitive.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from ..atomic import write_atomic

#: bump when the entry layout changes; older entries are then ignored
_VERSION = 1


@dataclass
class CachedPage:
    """A fetched page as stored: the bytes and what the server said."""

    url: str
    final_url: str
    status: int
    content_type: str
    #: the charset the server declared (``None`` when it declared none)
    charset: str | None
    #: when it was fetched, ISO 8601 in UTC
    fetched_at: str
    body: bytes = b""


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/translator/pages`` (``~/.cache`` without it)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "translator" / "pages"


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]


def load(url: str, folder: Path | None = None) -> CachedPage | None:
    """The cached copy of ``url``, or None (absent, unreadable or damaged:
    a broken entry is a cache miss, never an error)."""
    folder = folder or cache_dir()
    key = _key(url)
    try:
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        body = (folder / f"{key}.body").read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("version") != _VERSION or meta.get("url") != url:
        return None
    if meta.get("sha256") != hashlib.sha256(body).hexdigest():
        return None
    try:
        return CachedPage(
            url=str(meta["url"]),
            final_url=str(meta["final_url"]),
            status=int(meta["status"]),
            content_type=str(meta["content_type"]),
            charset=meta["charset"] if isinstance(meta["charset"], str) else None,
            fetched_at=str(meta["fetched_at"]),
            body=body,
        )
    except (KeyError, TypeError, ValueError):
        return None


def store(page: CachedPage, folder: Path | None = None) -> None:
    """Save a page; a cache that cannot be written is skipped silently (the
    comparison does not depend on it)."""
    from ..errors import InputError

    folder = folder or cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
    except OSError:
        return
    key = _key(page.url)
    meta = {k: v for k, v in asdict(page).items() if k != "body"}
    meta.update(version=_VERSION, sha256=hashlib.sha256(page.body).hexdigest())
    try:
        # body first: the JSON names the body's hash, so a crash in between
        # leaves an entry that load() rejects rather than a mismatched one
        write_atomic(folder / f"{key}.body", page.body)
        write_atomic(folder / f"{key}.json", json.dumps(meta, ensure_ascii=False, indent=1))
    except InputError:
        return
