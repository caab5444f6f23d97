"""Build small FreeDict dictd databases for tests: ``.index`` + ``.dict.dz``.

A test that exercises the dictionary path writes the few entries it needs
with :func:`write_dictd` (real dictd layout: an index of base-64 offsets
and lengths, a gzip-compatible data file), so no test depends on the
FreeDict packages this machine may or may not have. :func:`dictd_release`
packs the same files the way FreeDict publishes a release
(``freedict-deu-eng-1.0.dictd.tar.xz`` holding ``deu-eng/deu-eng.index``
and ``deu-eng/deu-eng.dict.dz``).
"""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

#: enough German -> English entries for the bundled omission example
DEU_ENG = [
    ("Pegel", "Pegel /ˈpeːɡl̩/ <n, masc>\nlevel\n"),
    ("Meter", "Meter /ˈmeːtɐ/ <n, masc>\nmetre\n"),
    ("Helfer", "Helfer <n, masc>\nhelper\n"),
    ("Feuerwehr", "Feuerwehr <n, fem>\nfire brigade\n"),
    ("Einsatz", "Einsatz <n, masc>\n1. deployment\n2. use\n"),
    ("Tschechien", "Tschechien <prop>\nCzechia\n"),
    ("steigen", "steigen <v>\n1. rise\n2. climb\n"),
    ("erreichen", "erreichen <v>\nreach\n"),
    ("ankündigen", "ankündigen <v>\nannounce\n"),
    ("Millionen", "Millionen <n, pl>\nmillions\n"),
    ("Euro", "Euro <n, masc>\neuro\n"),
]


def b64(value: int) -> str:
    """dictd's base-64 digits for an offset or length."""
    out = ""
    while True:
        out = _DIGITS[value % 64] + out
        value //= 64
        if not value:
            return out


def dictd_bytes(entries: list[tuple[str, str]]) -> tuple[bytes, bytes]:
    """(index, gzip data) of a dictd database with ``(headword, body)`` entries."""
    data = b""
    index = []
    for head, body in entries:
        raw = body.encode("utf-8")
        index.append(f"{head.casefold()}\t{b64(len(data))}\t{b64(len(raw))}")
        data += raw
    return ("\n".join(index) + "\n").encode("utf-8"), gzip.compress(data)


def write_dictd(
    folder: Path, name: str, entries: list[tuple[str, str]], *, prefix: str = "freedict-"
) -> Path:
    """``freedict-NAME.index`` + ``.dict.dz`` in ``folder`` (Debian's naming);
    returns the index path."""
    folder.mkdir(parents=True, exist_ok=True)
    index, data = dictd_bytes(entries)
    (folder / f"{prefix}{name}.index").write_bytes(index)
    (folder / f"{prefix}{name}.dict.dz").write_bytes(data)
    return folder / f"{prefix}{name}.index"


def dictd_release(name: str, entries: list[tuple[str, str]]) -> bytes:
    """A FreeDict ``.dictd.tar.xz`` release archive of ``name`` (``deu-eng``)."""
    index, data = dictd_bytes(entries)
    members = {
        f"{name}/{name}.index": index,
        f"{name}/{name}.dict.dz": data,
        f"{name}/COPYING": b"GNU General Public License\n",
        f"{name}/README": f"FreeDict {name} test release\n".encode(),
    }
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz") as tar:
        for path, content in members.items():
            info = tarfile.TarInfo(path)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()
