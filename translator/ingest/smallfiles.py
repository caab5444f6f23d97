"""Reading a whole small file safely: configs, baselines, manifests, state.

Every file the tool reads whole — configuration, baseline, batch state,
manifests, glossaries, package metadata — goes through :func:`read_whole`,
so one set of rules holds everywhere:

- only a regular file is read: a FIFO with no writer would block forever and
  ``/dev/zero`` never ends, so both are refused before a byte is read (the
  file is opened non-blocking, then checked with ``fstat`` on the open
  descriptor, so it cannot be swapped between the check and the read);
- the size cap is the article input limit (``TRANSLATOR_MAX_INPUT_MB``,
  :func:`translator.ingest.load.max_input_bytes`): none of these files is
  legitimately larger than an article, and the check comes before reading;
- every failure — missing, a directory, permission, a symlink loop, a name
  too long, a NUL byte in the name, not UTF-8 — is one
  :class:`~translator.errors.InputError` line naming the file and what it
  was meant to be.

:func:`loads_json` and :func:`loads_toml` parse with a nesting limit:
Python's parsers recurse per ``[`` and die in ``RecursionError`` on
100,000 of them, which is not a ``ValueError`` their callers expect.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

from ..errors import InputError


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links (a symlink loop?)"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; check the file's permissions"
    return exc.strerror or str(exc)


def check_size(name: str, size: int, what: str) -> None:
    """Refuse ``size`` bytes of ``what`` beyond the input limit (one line)."""
    from .load import max_input_bytes, size_text

    limit = max_input_bytes()
    if size > limit:
        raise InputError(
            f"{name}: the {what} is {size_text(size)}, larger than the {size_text(limit)} input limit;"
            " check that this is the file you meant, or set TRANSLATOR_MAX_INPUT_MB to raise the limit"
        )


def read_whole(path: str | os.PathLike[str], what: str) -> bytes:
    """The bytes of a regular file no larger than the input limit.

    ``what`` names the file's role in messages ("baseline", "batch state").
    Raises :class:`InputError` for everything else; :class:`FileNotFoundError`
    is turned into "``what`` not found" too, so callers that treat a missing
    file as normal should check :func:`os.path.lexists` first or catch it.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{name}: {what} not found") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, expected the {what} file") from None
    except ValueError:  # an embedded NUL byte
        raise InputError(f"{name!r}: not a valid file name (it contains a NUL byte)") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read the {what} ({_os_reason(exc)})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: is a directory, expected the {what} file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{name}: not a regular file (a pipe, device or socket); give the {what} as a file"
            )
        check_size(name, info.st_size, what)
        from .load import max_input_bytes

        limit = max_input_bytes()
        chunks: list[bytes] = []
        total = 0
        while True:  # a file that grows while we read is still capped
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                check_size(name, total, what)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"{name}: cannot read the {what} ({_os_reason(exc)})") from None
    finally:
        os.close(fd)


def read_whole_text(path: str | os.PathLike[str], what: str) -> str:
    """:func:`read_whole` decoded as UTF-8 (a BOM is dropped)."""
    data = read_whole(path, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{os.fspath(path)}: the {what} is not UTF-8 (byte {exc.start}); save it as UTF-8"
        ) from None


def loads_json(text: str | bytes) -> Any:
    """``json.loads`` that raises :class:`json.JSONDecodeError` (a ValueError)
    for nesting too deep to parse, instead of RecursionError."""
    try:
        return json.loads(text)
    except RecursionError:
        doc = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        raise json.JSONDecodeError("nested too deeply", doc, 0) from None


def loads_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` with nesting too deep reported as TOMLDecodeError."""
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise tomllib.TOMLDecodeError("nested too deeply") from None


def is_regular_file(path: str | os.PathLike[str]) -> bool:
    """True for an existing regular file (following symlinks); never raises."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False
