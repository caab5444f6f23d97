"""Atomic file output: a reader sees the old file or the new one, never half.

Output goes to a temporary file in the destination directory (same file
system, so ``os.replace`` is atomic) and is renamed over the target only when
completely written and flushed to disk. Whatever stops the write half-way —
a full disk, a permission problem, Ctrl-C, SIGTERM — the temporary file is
removed and the old file (if any) is left exactly as it was, so there is
never a half-written report, cache, baseline or batch state.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

#: what to tell the user per errno, beyond the OS's own words
_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space or write the output elsewhere",
    errno.EDQUOT: "the disk quota is exceeded; free some space or write the output elsewhere",
    errno.EACCES: "permission denied; choose a folder you can write to",
    errno.EPERM: "permission denied; choose a folder you can write to",
    errno.EROFS: "the file system is read-only; write the output elsewhere",
    errno.ENAMETOOLONG: "the file name is too long; choose a shorter path",
}


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    Raises :class:`InputError` (exit code 2) when the directory does not exist
    or cannot be written, or when the disk is full; the temporary file is
    removed in every failure case.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    with open_atomic(path) as handle:
        handle.write(payload)
    return _resolve_target(Path(path))


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file handle whose content replaces ``path`` only on success.

    For output produced piece by piece (a large combined JSON): if the block
    raises — including KeyboardInterrupt — the target is untouched and the
    temporary file is gone.
    """
    target = _resolve_target(Path(path))
    directory = target.parent
    if not directory.is_dir():
        raise InputError(
            f"cannot write {target}: directory {directory} does not exist; create it first or choose another path"
        )
    if target.is_dir():
        raise InputError(f"cannot write {target}: it is a directory; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _write_error(target, exc) from None
    try:
        with _FdWriter(fd) as handle:
            yield handle  # type: ignore[misc]
            handle.flush()
            os.fsync(fd)
        _set_mode(tmp, target)
        os.replace(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        raise _write_error(target, exc) from None
    except BaseException:
        _remove_quietly(tmp)
        raise
    _fsync_directory(directory)


class _FdWriter:
    """A minimal unbuffered binary writer over a file descriptor.

    ``os.write`` may write fewer bytes than asked (a signal, a nearly full
    disk); every byte is written or an OSError is raised, never a silent
    short file.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.closed = False

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            if written <= 0:
                raise OSError(errno.EIO, "write made no progress")
            view = view[written:]
        return len(data)

    def flush(self) -> None:
        """Nothing is buffered; present so the handle looks like a file."""

    def __enter__(self) -> _FdWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.closed:
            self.closed = True
            os.close(self.fd)


def _resolve_target(target: Path) -> Path:
    """Write through a symlink to the file it names (as editors do)."""
    if not str(target.parent):
        target = Path(".") / target
    if target.is_symlink():
        return target.resolve()
    return target


def _set_mode(tmp: str, target: Path) -> None:
    """Keep an existing file's permissions; new files get the usual 0666 & ~umask."""
    try:
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
    except OSError:
        pass


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable; best effort (not every OS allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_error(target: Path, exc: OSError) -> InputError:
    advice = _ADVICE.get(exc.errno or 0)
    reason = exc.strerror or str(exc)
    if advice:
        return InputError(f"cannot write {target}: {reason} — {advice}")
    return InputError(f"cannot write {target}: {reason}")


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
