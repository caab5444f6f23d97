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
import stat
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
    errno.ELOOP: "too many levels of symbolic links (a symlink loop?)",
}


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes,
    *,
    encoding: str = "utf-8",
    follow_symlinks: bool = False,
) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    Raises :class:`InputError` (exit code 2) when the directory does not exist
    or cannot be written, or when the disk is full; the temporary file is
    removed in every failure case. See :func:`open_atomic` for symlinks and
    targets that are not regular files.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    with open_atomic(path, follow_symlinks=follow_symlinks) as handle:
        handle.write(payload)
    return _resolve_target(Path(path), follow_symlinks)


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str], *, follow_symlinks: bool = False) -> Iterator[BinaryIO]:
    """A binary file handle whose content replaces ``path`` only on success.

    For output produced piece by piece (a large combined JSON): if the block
    raises — including KeyboardInterrupt — the target is untouched and the
    temporary file is gone.

    ``follow_symlinks``: a path the user typed (``-o``) may be a symlink, and
    is then written through, as editors do; a name the tool chose (the
    default report name, batch outputs, caches) never follows one — such a
    symlink is refused, so a planted link cannot aim our output at another
    file. A rename never replaces anything but a regular file: a character
    device or FIFO (``-o /dev/null``, ``-o /dev/stdout``) is written to
    directly, and a socket or block device is refused.
    """
    given = Path(path)
    kind = _existing_kind(given)  # through symlinks: /dev/stdout is one
    if kind in ("char", "fifo") and (follow_symlinks or not given.is_symlink()):
        with _open_stream(given, kind) as handle:
            yield handle
        return
    target = _resolve_target(given, follow_symlinks)
    kind = _existing_kind(target)
    if kind is not None and kind != "file":
        raise InputError(f"cannot write {target}: it is a {kind}, not a file; give a file name")
    directory = target.parent
    if not directory.is_dir():
        raise InputError(
            f"cannot write {target}: directory {directory} does not exist; create it first or choose another path"
        )
    try:
        # the temporary name is kept short: "." + a 250-byte name + a suffix
        # would be too long even where the target's own name is fine
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".tmp", dir=directory)
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


def _existing_kind(target: Path) -> str | None:
    """What is at ``target`` now (symlinks followed), or None when nothing is."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ENOTDIR, errno.ELOOP):
            return None  # the messages below say it better
        raise _write_error(target, exc) from None
    except ValueError:
        raise InputError(f"cannot write {str(target)!r}: the name contains a NUL byte") from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        raise InputError(f"cannot write {target}: it is a directory; give a file name")
    if stat.S_ISCHR(mode):
        return "char"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "block device" if stat.S_ISBLK(mode) else "special file"


@contextlib.contextmanager
def _open_stream(target: Path, kind: str) -> Iterator[BinaryIO]:
    """Write straight to a character device or FIFO: there is nothing to
    rename over, and nothing half-written to protect. A FIFO without a
    reader is refused rather than waited on forever."""
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | (os.O_NONBLOCK if kind == "fifo" else 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(f"cannot write {target}: it is a pipe with no reader") from None
        raise _write_error(target, exc) from None
    if kind == "fifo":
        os.set_blocking(fd, True)  # a reader is there: write at its pace
    try:
        with _FdWriter(fd) as handle:
            yield handle  # type: ignore[misc]
    except OSError as exc:
        raise _write_error(target, exc) from None


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


def _resolve_target(target: Path, follow_symlinks: bool) -> Path:
    """The file to replace: through a symlink when asked (as editors do),
    else the name itself, which must then not be a symlink."""
    if not str(target.parent):
        target = Path(".") / target
    try:
        is_link = target.is_symlink()
    except ValueError:
        raise InputError(f"cannot write {str(target)!r}: the name contains a NUL byte") from None
    except OSError as exc:
        raise _write_error(target, exc) from None
    if not is_link:
        return target
    if not follow_symlinks:
        raise InputError(
            f"cannot write {target}: it is a symbolic link and this name was not given with -o;"
            " remove the link or name the output explicitly"
        )
    try:
        return target.resolve(strict=False)
    except (RuntimeError, OSError):
        raise InputError(
            f"cannot write {target}: too many levels of symbolic links (a symlink loop?)"
        ) from None


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
