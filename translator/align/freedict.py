"""FreeDict dictionaries: which are installed, and installing one in one command.

FreeDict publishes a machine-readable database of its releases
(``https://freedict.org/freedict-database.json``; schema:
``freedict-database.rng`` in FreeDict's tools): a JSON list of dictionaries,
each ``{"name": "deu-eng", "edition": ..., "releases": [{"platform":
"dictd", "version", "URL", "checksum", "size", "date"}, ...]}`` (the last
item, without a name, describes FreeDict's tools). The ``dictd`` release is
a ``.tar.xz`` holding ``deu-eng/deu-eng.index`` and ``deu-eng/deu-eng.dict.dz``;
``checksum`` is the SHA-512 of the archive.

Installing fetches the database and each direction's archive once, with a
timeout (``TRANSLATOR_FREEDICT_DATABASE`` or ``--database`` points
elsewhere: a mirror, a test server), verifies the checksum, checks that the
two dictd files are there and readable, and only then moves them into the
user's data folder under Debian's names (``freedict-deu-eng.index``), data
file first and index last: the aligner sees a dictionary only once its
index is in place, so a failure at any point leaves nothing half-installed.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import tempfile
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError, TranslatorError
from .dictd import dictionary_path, read_pairs, search_dirs, user_dir
from .text import ISO3

DEFAULT_DATABASE = "https://freedict.org/freedict-database.json"
#: seconds to wait for the database or an archive to answer
NETWORK_TIMEOUT = 30.0
#: an archive larger than this is refused (the largest dictd release is ~20 MB)
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024


class DictionaryError(TranslatorError):
    """A dictionary could not be found, downloaded or installed (exit 2)."""


@dataclass(frozen=True)
class Release:
    """The ``dictd`` release of one FreeDict dictionary (one direction)."""

    name: str
    version: str
    url: str
    checksum: str
    size: int | None


@dataclass(frozen=True)
class Installed:
    """One installed direction: ``deu-eng`` and where its index is."""

    name: str
    index: Path

    @property
    def langs(self) -> tuple[str, str]:
        a, b = self.name.split("-")
        return a, b


def database_url() -> str:
    return os.environ.get("TRANSLATOR_FREEDICT_DATABASE") or DEFAULT_DATABASE


def iso3(code: str) -> str:
    """ISO 639-3 for an ISO 639-1 code (``de`` -> ``deu``); three-letter codes pass."""
    code = code.strip().lower()
    if code in ISO3:
        return ISO3[code]
    if len(code) == 3 and code.isalpha():
        return code
    known = ", ".join(sorted(ISO3))
    raise DictionaryError(f"unknown language code {code!r}; use an ISO 639-1 code ({known})")


def apt_command(lang_a: str, lang_b: str) -> str:
    """The Debian packages of both directions, as one command."""
    a, b = iso3(lang_a), iso3(lang_b)
    return f"apt-get install dict-freedict-{a}-{b} dict-freedict-{b}-{a}"


def install_command(lang_a: str, lang_b: str) -> str:
    return f"translator dictionaries install {lang_a} {lang_b}"


def installed(folder: str | None = None) -> list[Installed]:
    """Every installed direction in the search folders (first folder wins
    when two hold the same one), sorted by name."""
    found: dict[str, Installed] = {}
    for base in search_dirs(folder):
        if not base.is_dir():
            continue
        for index in sorted(base.glob("*.index")):
            name = index.stem.removeprefix("freedict-")
            parts = name.split("-")
            if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
                continue
            if name not in found and dictionary_path(*parts, str(base)) == index:
                found[name] = Installed(name, index)
    return sorted(found.values(), key=lambda d: d.name)


def pair_status(lang_a: str, lang_b: str, folder: str | None = None) -> list[tuple[str, Path | None]]:
    """``[("deu-eng", index or None), ("eng-deu", ...)]`` for a language pair."""
    a, b = iso3(lang_a), iso3(lang_b)
    return [(f"{x}-{y}", dictionary_path(x, y, folder)) for x, y in ((a, b), (b, a))]


# ---------------------------------------------------------------- database


def _fetch(url: str, timeout: float, progress: Callable[[int, int | None], None] | None = None) -> bytes:
    from ..translate.packages import _fetch as fetch_once

    try:
        return fetch_once(url, timeout, progress)
    except ModelError as exc:
        raise DictionaryError(str(exc)) from None


def parse_database(data: bytes, source: str) -> dict[str, Release]:
    """The ``dictd`` release of every dictionary in FreeDict's database."""
    try:
        entries = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{source}: FreeDict's database is not valid JSON ({exc})") from None
    if not isinstance(entries, list):
        raise DictionaryError(f"{source}: FreeDict's database must be a JSON list")
    out = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue  # the trailing "software" item
        for release in entry.get("releases") or []:
            if not isinstance(release, dict) or release.get("platform") != "dictd":
                continue
            url, checksum = release.get("URL"), release.get("checksum")
            if not isinstance(url, str) or not isinstance(checksum, str):
                continue
            size = str(release.get("size", ""))
            out[entry["name"]] = Release(
                name=entry["name"],
                version=str(release.get("version") or entry.get("edition") or ""),
                url=urllib.parse.urljoin(source, url),
                checksum=checksum.strip().lower(),
                size=int(size) if size.isdigit() else None,
            )
    return out


def available(url: str | None = None, timeout: float = NETWORK_TIMEOUT) -> dict[str, Release]:
    url = url or database_url()
    return parse_database(_fetch(url, timeout), url)


# ---------------------------------------------------------------- install


def _verify(release: Release, data: bytes) -> None:
    digest = {64: hashlib.sha256, 128: hashlib.sha512}.get(len(release.checksum))
    if digest is None:
        raise DictionaryError(f"{release.name}: FreeDict's database gives no usable checksum; not installed")
    if digest(data).hexdigest() != release.checksum:
        raise DictionaryError(
            f"{release.name}: the download does not match FreeDict's checksum "
            f"(corrupted or tampered with); nothing was installed"
        )


def _unpack(release: Release, data: bytes) -> tuple[bytes, bytes]:
    """(index, dict.dz) from a release archive, both checked readable."""
    name = release.name
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tar:
            members = {m.name: m for m in tar.getmembers() if m.isfile()}
            found = {}
            for suffix in (".index", ".dict.dz"):
                member = members.get(f"{name}/{name}{suffix}") or members.get(f"{name}{suffix}")
                handle = tar.extractfile(member) if member else None
                if handle is None:
                    raise DictionaryError(f"{name}: the archive has no {name}{suffix}; not a dictd release")
                found[suffix] = handle.read()
    except (tarfile.TarError, EOFError, OSError, ValueError):
        raise DictionaryError(
            f"{name}: the download is not a dictd release archive (.tar.xz); nothing was installed"
        ) from None
    try:
        gzip.decompress(found[".dict.dz"])
    except (OSError, EOFError, ValueError) as exc:
        raise DictionaryError(f"{name}: {name}.dict.dz is damaged ({exc}); nothing was installed") from None
    return found[".index"], found[".dict.dz"]


def install_pair(
    lang_a: str,
    lang_b: str,
    *,
    folder: Path | None = None,
    database: str | None = None,
    timeout: float = NETWORK_TIMEOUT,
    progress: Callable[[int, int | None], None] | None = None,
) -> list[tuple[Release, Path]]:
    """Download, verify and install both directions FreeDict has for a pair.

    Every download is verified and unpacked in memory before the first file
    is written; a failure raises :class:`DictionaryError` with nothing
    installed.
    """
    a, b = iso3(lang_a), iso3(lang_b)
    if a == b:
        raise DictionaryError(f"{lang_a} and {lang_b} are the same language; a dictionary needs two")
    releases = available(database, timeout)
    wanted = [releases[n] for n in (f"{a}-{b}", f"{b}-{a}") if n in releases]
    if not wanted:
        near = sorted(n for n in releases if a in n.split("-") or b in n.split("-"))
        raise DictionaryError(
            f"FreeDict has no dictionary for {a}-{b} or {b}-{a}"
            + (f" (it has: {', '.join(near[:20])})" if near else "")
        )
    unpacked = []
    for release in wanted:
        if release.size and release.size > MAX_ARCHIVE_BYTES:
            raise DictionaryError(f"{release.name}: {release.size} bytes is too large for a dictionary")
        data = _fetch(release.url, timeout, progress)
        _verify(release, data)
        unpacked.append((release, *_unpack(release, data)))
    target = folder or user_dir()
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".install-", dir=target) as staging:
            staged = []
            for release, index, dz in unpacked:
                stem = Path(staging) / f"freedict-{release.name}"
                stem.with_suffix(".dict.dz").write_bytes(dz)
                stem.with_suffix(".index").write_bytes(index)
                try:
                    # parsed once here: a release without usable entries is
                    # refused, and the word list lands in the cache
                    entries = read_pairs(stem.with_suffix(".index"))
                except (OSError, UnicodeError, ValueError) as exc:
                    raise DictionaryError(
                        f"{release.name}: unreadable dictionary ({exc}); not installed"
                    ) from None
                if not entries:
                    raise DictionaryError(
                        f"{release.name}: the dictionary has no usable entries; not installed"
                    )
                staged.append((release, stem))
            done = []
            for release, stem in staged:
                final = target / stem.name
                os.replace(stem.with_suffix(".dict.dz"), final.with_suffix(".dict.dz"))
                os.replace(stem.with_suffix(".index"), final.with_suffix(".index"))
                done.append((release, final.with_suffix(".index")))
            return done
    except OSError as exc:
        raise DictionaryError(f"cannot install into {target}: {exc.strerror or exc}") from None


def remove_pair(lang_a: str, lang_b: str, folder: Path | None = None) -> list[Path]:
    """Remove both directions of a pair from the user's folder (never the
    system's: those belong to the package manager)."""
    a, b = iso3(lang_a), iso3(lang_b)
    target = folder or user_dir()
    gone = []
    for name in (f"{a}-{b}", f"{b}-{a}"):
        index = target / f"freedict-{name}.index"
        if index.is_file():
            index.unlink()  # index first: the dictionary disappears at once
            gone.append(index)
        for data in (target / f"freedict-{name}.dict.dz", target / f"freedict-{name}.dict"):
            data.unlink(missing_ok=True)
    return gone
