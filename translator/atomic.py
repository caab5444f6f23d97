"""Atomic file output: a reader sees the old file or the new one, never half.

Output goes to a temporary file in the destination directory (same file
system, so ``os.replace`` is atomic) and is renamed over the target only when
completely written and flushed. An interrupted run leaves the old file in
place and no partial output behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    Raises :class:`InputError` (exit code 2) when the directory does not exist
    or cannot be written, or when the disk is full; the temporary file is
    removed in every failure case.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"cannot write {target}: directory {directory} does not exist")
    if target.is_dir():
        raise InputError(f"cannot write {target}: it is a directory")
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            try:
                os.chmod(tmp, target.stat().st_mode & 0o777)
            except OSError:
                pass
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        _remove_quietly(tmp)
        raise
    return target


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
