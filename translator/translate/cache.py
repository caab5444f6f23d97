"""A persistent translation cache in SQLite (stdlib).

Keyed by the package chain (id and version of every package used), the
decoding options and the exact source text (after glossary protection), so a
new model version or a different beam size never returns stale output.
WAL journaling plus a busy timeout make concurrent runs (a CI matrix, two
terminals) safe. The file is bounded: when it grows past ``max_bytes`` the
least recently used entries are dropped. A cache that cannot be opened
(read-only disk) degrades to no cache rather than failing the translation;
a damaged one (truncated, not SQLite, another schema) is deleted and
rebuilt. The folder is created 0700 and the file 0600: cached text is
article text. SQLite holds data only: nothing read from it is executed.
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


_COLUMNS = ("key", "output", "size", "used")


def private_folder(path: Path) -> None:
    """Create ``path`` (and parents) for cached data, readable by its owner
    only (0700); an existing folder we created earlier is tightened too."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        if path.stat().st_mode & 0o077 and path.stat().st_uid == os.getuid():
            os.chmod(path, 0o700)
    except OSError:
        pass


def _damaged(exc: BaseException) -> bool:
    """An SQLite error that means the file itself is unusable."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    if not isinstance(exc, sqlite3.OperationalError):
        return True  # "file is not a database", "database disk image is malformed"
    text = str(exc).lower()
    return any(word in text for word in ("malformed", "not a database", "no such column", "no such table"))


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
            private_folder(self.path.parent)
            try:
                conn = self._open()
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and not _damaged(exc):
                    raise  # locked, read-only, ...: not the file's fault
                self._remove_files()  # damaged (truncated, not SQLite, wrong schema): rebuild
                conn = self._open()
        except (OSError, sqlite3.Error) as exc:
            self.disabled_reason = f"translation cache disabled: {exc}"
            return None
        self._conn = conn
        return conn

    def _open(self) -> sqlite3.Connection:
        created = not self.path.exists()
        conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        try:
            if created:
                os.chmod(self.path, 0o600)  # cached text is article text: the owner's only
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS mt (key TEXT PRIMARY KEY, output TEXT NOT NULL, "
                "size INTEGER NOT NULL, used REAL NOT NULL)"
            )
            columns = [row[1] for row in conn.execute("PRAGMA table_info(mt)")]
            if columns != list(_COLUMNS):
                raise sqlite3.DatabaseError(f"unexpected cache table columns {columns}")
            conn.execute("CREATE INDEX IF NOT EXISTS mt_used ON mt(used)")
        except BaseException:
            conn.close()
            raise
        return conn

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _reset(self) -> None:
        """Drop a cache found damaged while in use; the next call rebuilds it."""
        self.close()
        try:
            self._remove_files()
        except OSError as exc:
            self.disabled_reason = f"translation cache disabled: {exc}"

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
                # SQLite does not enforce column types: only text is a translation
                rows = [(k, v) for k, v in rows if isinstance(k, str) and isinstance(v, str)]
                found.update(rows)
                if rows:
                    hit = [k for k, _ in rows]
                    conn.execute(
                        f"UPDATE mt SET used=? WHERE key IN ({','.join('?' * len(hit))})", [time.time(), *hit]
                    )
        except sqlite3.Error as exc:
            if _damaged(exc):
                self._reset()
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
        except sqlite3.Error as exc:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if _damaged(exc):
                self._reset()

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
        try:
            row = conn.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM mt").fetchone()
            return int(row[0]), int(row[1])
        except (sqlite3.Error, TypeError, ValueError) as exc:
            if not isinstance(exc, sqlite3.Error) or _damaged(exc):
                self._reset()
            return 0, 0

    def clear(self) -> None:
        conn = self._connect()
        if conn is not None:
            conn.execute("DELETE FROM mt")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
