"""A persistent translation cache in SQLite (stdlib).

Keyed by the package chain (id and version of every package used), the
decoding options and the exact source text (after glossary protection), so a
new model version or a different beam size never returns stale output.
WAL journaling plus a busy timeout make concurrent runs (a CI matrix, two
terminals) safe. The file is bounded: when it grows past ``max_bytes`` the
least recently used entries are dropped. A cache that cannot be opened
(read-only disk) degrades to no cache rather than failing the translation.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def default_path() -> Path:
    """``$TRANSLATOR_CACHE_DIR`` or ``$XDG_CACHE_HOME/translator`` / ``translations.sqlite3``."""
    base = os.environ.get("TRANSLATOR_CACHE_DIR")
    if base:
        return Path(base) / "translations.sqlite3"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "translator" / "translations.sqlite3"


def cache_key(chain: str, options: str, text: str) -> str:
    return hashlib.sha256("\x1f".join((chain, options, text)).encode("utf-8")).hexdigest()


class TranslationCache:
    """get/put many entries at once; every method is safe across processes."""

    def __init__(self, path: str | Path | None = None, *, max_bytes: int | None = None) -> None:
        self.path = Path(path) if path else default_path()
        env_mb = os.environ.get("TRANSLATOR_CACHE_MAX_MB", "")
        self.max_bytes = max_bytes or (int(env_mb) * 1024 * 1024 if env_mb.isdigit() else DEFAULT_MAX_BYTES)
        self._conn: sqlite3.Connection | None = None
        self.disabled_reason: str | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self.disabled_reason:
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS mt (key TEXT PRIMARY KEY, output TEXT NOT NULL, "
                "size INTEGER NOT NULL, used REAL NOT NULL)"
            )
            conn.execute("CREATE INDEX IF NOT EXISTS mt_used ON mt(used)")
        except (OSError, sqlite3.Error) as exc:
            self.disabled_reason = f"translation cache disabled: {exc}"
            return None
        self._conn = conn
        return conn

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        conn = self._connect()
        keys = list(dict.fromkeys(keys))
        if conn is None or not keys:
            return {}
        found: dict[str, str] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(f"SELECT key, output FROM mt WHERE key IN ({marks})", chunk).fetchall()
                found.update(rows)
                if rows:
                    hit = [k for k, _ in rows]
                    conn.execute(
                        f"UPDATE mt SET used=? WHERE key IN ({','.join('?' * len(hit))})", [time.time(), *hit]
                    )
        except sqlite3.Error:
            return found
        return found

    def put_many(self, items: dict[str, str]) -> None:
        conn = self._connect()
        if conn is None or not items:
            return
        now = time.time()
        rows = [(k, v, len(k) + len(v.encode("utf-8")) + 48, now) for k, v in items.items()]
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT OR REPLACE INTO mt(key, output, size, used) VALUES (?,?,?,?)", rows)
            conn.execute("COMMIT")
            self._evict(conn)
        except sqlite3.Error:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _evict(self, conn: sqlite3.Connection) -> None:
        """Drop least recently used entries until the data is under 90 % of the bound."""
        total = conn.execute("SELECT COALESCE(SUM(size), 0) FROM mt").fetchone()[0]
        if total <= self.max_bytes:
            return
        goal = total - int(self.max_bytes * 0.9)
        conn.execute("BEGIN IMMEDIATE")
        freed = 0
        doomed = []
        for key, size in conn.execute("SELECT key, size FROM mt ORDER BY used ASC"):
            doomed.append((key,))
            freed += size
            if freed >= goal:
                break
        conn.executemany("DELETE FROM mt WHERE key=?", doomed)
        conn.execute("COMMIT")

    def stats(self) -> tuple[int, int]:
        """(entries, bytes of cached data)."""
        conn = self._connect()
        if conn is None:
            return 0, 0
        row = conn.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM mt").fetchone()
        return int(row[0]), int(row[1])

    def clear(self) -> None:
        conn = self._connect()
        if conn is not None:
            conn.execute("DELETE FROM mt")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
