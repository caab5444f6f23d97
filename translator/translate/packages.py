"""Argos Translate package management that never hangs and never surprises.

We keep Argos's package format and directories (so packages installed with
``argospm`` work here and the other way round) but own the risky parts:

- The index is fetched by us with a timeout and one attempt per URL.
  ``argostranslate.package.get_available_packages()`` with no local index and
  no network retries about a thousand times and dies in ``RecursionError``
  after ~90 s, and its downloads have no timeout.
- Installing from a file is validated (zip, one top-level folder, a
  ``metadata.json``, a CTranslate2 ``model/``, a tokenizer, no path escaping
  the packages folder) and extracted into a temporary folder that is renamed
  into place, so a corrupt file never leaves a half-installed package.
  ``argostranslate.package.install_from_path`` also imports
  ``argostranslate.translate`` (torch, spaCy, stanza) just to clear a cache.
- Paths are resolved at call time from the environment (``ARGOS_PACKAGES_DIR``,
  ``ARGOS_PACKAGE_INDEX``, ``XDG_DATA_HOME``, ``XDG_CACHE_HOME``,
  ``XDG_CONFIG_HOME``, Argos's ``settings.json``), whereas
  ``argostranslate.settings`` freezes them at import.

``argostranslate.package.Package`` reads installed packages (it is the
authority on the metadata format and does no I/O beyond the folder) and
``AvailablePackage`` reads index entries.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..errors import InputError, ModelError

if TYPE_CHECKING:
    import zipfile

# urllib, zipfile, tempfile and shutil are imported where packages are
# fetched, installed or removed: every ``compare`` lists the installed
# packages, and those imports were a tenth of a short comparison's start-up

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
#: seconds to wait for the package index or a package download to answer
NETWORK_TIMEOUT = 20.0
PIVOT = "en"


def _home() -> Path:
    if "SNAP" in os.environ and "SNAP_USER_DATA" in os.environ:
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def data_dir() -> Path:
    """``$XDG_DATA_HOME/argos-translate`` (Argos's data folder)."""
    return Path(os.environ.get("XDG_DATA_HOME") or _home() / ".local" / "share") / "argos-translate"


def config_dir() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or _home() / ".config") / "argos-translate"


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/argos-translate`` (Argos's default is ``~/.local/cache``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or _home() / ".local" / "cache") / "argos-translate"


def _setting(key: str) -> str | None:
    """An Argos setting: environment first, then Argos's ``settings.json``."""
    value = os.environ.get(key)
    if value:
        return value
    path = config_dir() / "settings.json"
    if not path.is_file():
        return None
    from ..ingest.smallfiles import loads_json, read_whole

    try:
        data = loads_json(read_whole(path, "Argos settings"))
    except (InputError, ValueError):
        return None
    found = data.get(key) if isinstance(data, dict) else None
    return str(found) if found else None


def packages_dir() -> Path:
    """Where packages are installed: ``ARGOS_PACKAGES_DIR`` or Argos's default."""
    configured = _setting("ARGOS_PACKAGES_DIR")
    return Path(configured).expanduser() if configured else data_dir() / "packages"


def index_url() -> str:
    """The remote ``index.json`` URL (``ARGOS_PACKAGE_INDEX`` is its folder)."""
    base = _setting("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    if base.endswith(".json"):
        return base
    return base if base.endswith("/index.json") else base.rstrip("/") + "/index.json"


def local_index_path() -> Path:
    return data_dir() / "index.json"


def downloads_dir() -> Path:
    return cache_dir() / "downloads"


@dataclass(frozen=True)
class InstalledPackage:
    """One installed translation package."""

    path: Path
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    target_prefix: str = ""
    tokenizer: str = "sentencepiece"

    @property
    def name(self) -> str:
        return f"translate-{self.from_code}_{self.to_code}"

    @property
    def label(self) -> str:
        """``translate-de_en 1.9``: what reports show as the package used."""
        return f"{self.name} {self.version}".strip()

    @property
    def id(self) -> str:
        """A cache key part: pair, version and folder (two copies never mix)."""
        return f"{self.from_code}-{self.to_code}@{self.version}:{self.path.name}"


#: limits checked before anything of an archive is written: Argos packages
#: are one model of a few hundred MB in a few dozen files, so these only
#: stop zip bombs and junk, never a real package
MAX_UNCOMPRESSED = 4 * 1024**3
MAX_MEMBERS = 10_000
#: compressed-to-uncompressed ratio above which a member is a bomb (model
#: weights compress about 1.1:1, text files about 4:1)
MAX_RATIO = 200
MAX_METADATA = 1024 * 1024
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$")


def validate_metadata(metadata: Any, name: str) -> dict[str, Any]:
    """Check a package's ``metadata.json`` content (types, language codes,
    version) so a bad package is refused at install time, and skipped when
    listing, instead of crashing every later command."""
    from ..ingest.languages import language_code

    if not isinstance(metadata, dict):
        raise ModelError(f"{name}: metadata.json must hold an object")
    kind = metadata.get("type", "translate")
    if kind != "translate":
        raise ModelError(f"{name}: a {kind!r} package, not a translation package")
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not value:
            raise ModelError(f"{name}: metadata.json: {key} must be a language code, got {value!r}")
        try:
            language_code(value, key)
        except InputError as exc:
            raise ModelError(f"{name}: metadata.json: {exc}") from None
    for key in ("from_name", "to_name", "target_prefix", "code", "argos_version"):
        if not isinstance(metadata.get(key, ""), str):
            raise ModelError(f"{name}: metadata.json: {key} must be a string, got {metadata[key]!r}")
    version = metadata.get("package_version", "")
    if not isinstance(version, str) or (version and not _VERSION.match(version)):
        raise ModelError(
            f"{name}: metadata.json: package_version must be a version such as 1.9, got {version!r}"
        )
    for key in ("links", "languages", "dependencies", "from_codes", "to_codes"):
        if not isinstance(metadata.get(key, []), list):
            raise ModelError(f"{name}: metadata.json: {key} must be a list")
    return metadata


def _read_metadata(path: Path) -> dict[str, Any]:
    from ..ingest.smallfiles import loads_json, read_whole

    try:
        data = loads_json(read_whole(path / "metadata.json", "package metadata"))
    except InputError as exc:
        raise ModelError(str(exc)) from None
    except ValueError as exc:
        raise ModelError(f"{path}: metadata.json is not valid JSON ({exc})") from None
    return validate_metadata(data, str(path))


def _read_package(path: Path) -> InstalledPackage:
    """Read an installed package folder through ``argostranslate.package.Package``,
    after validating its metadata ourselves (Argos trusts it)."""
    from argostranslate.package import Package

    _read_metadata(path)
    try:
        pkg = Package(path)
    except Exception as exc:  # Argos raises assorted errors on odd folders
        raise ModelError(f"{path}: unreadable package ({exc})") from None
    if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
        raise ModelError(f"{path}: not a translation package (type {pkg.type!r})")
    tokenizer = (
        "sentencepiece"
        if (path / "sentencepiece.model").is_file()
        else "bpe"
        if (path / "bpe.model").is_file()
        else ""
    )
    return InstalledPackage(
        path=path,
        from_code=pkg.from_code,
        to_code=pkg.to_code,
        from_name=pkg.from_name or pkg.from_code,
        to_name=pkg.to_name or pkg.to_code,
        version=str(pkg.package_version or ""),
        target_prefix=pkg.target_prefix or "",
        tokenizer=tokenizer,
    )


def installed_packages(directory: Path | None = None) -> list[InstalledPackage]:
    """Installed translation packages, sorted by pair; unreadable folders skipped.

    Returns an empty list without importing anything heavy when the folder
    does not exist, so ``compare`` without models pays nothing.
    """
    directory = directory or packages_dir()
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or not (path / "metadata.json").is_file():
            continue
        try:
            found.append(_read_package(path))
        except ModelError:
            continue
    return sorted(found, key=lambda p: (p.from_code, p.to_code, p.path.name))


def broken_packages(directory: Path | None = None) -> list[tuple[Path, str]]:
    """Folders in the packages directory that cannot be used, with the reason."""
    directory = directory or packages_dir()
    if not directory.is_dir():
        return []
    out = []
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or not path.is_dir():
            continue
        try:
            pkg = _read_package(path)
        except (ModelError, FileNotFoundError) as exc:
            out.append((path, str(exc)))
            continue
        problem = package_problem(pkg)
        if problem:
            out.append((path, problem))
    return out


def package_problem(pkg: InstalledPackage) -> str | None:
    """Why an installed package cannot be used by our engine, or None."""
    model = pkg.path / "model"
    if not (model / "model.bin").is_file() or not (model / "config.json").is_file():
        return "no CTranslate2 model (model/model.bin and model/config.json)"
    if pkg.tokenizer != "sentencepiece":
        return "no sentencepiece.model (BPE packages are not supported)"
    return None


def find_route(
    from_code: str, to_code: str, packages: list[InstalledPackage] | None = None
) -> list[InstalledPackage] | None:
    """Packages to chain for ``from_code`` -> ``to_code``: direct, else a pivot.

    English is tried first as the pivot (nearly every Argos pair goes through
    it), then any other installed intermediate language, as Argos does.
    Returns ``[]`` for the same language and ``None`` when there is no route.
    """
    if from_code == to_code:
        return []
    packages = [
        p for p in (packages if packages is not None else installed_packages()) if not package_problem(p)
    ]
    pairs = {(p.from_code, p.to_code): p for p in reversed(packages)}
    if (from_code, to_code) in pairs:
        return [pairs[from_code, to_code]]
    middles = sorted({p.to_code for p in packages if p.from_code == from_code}, key=lambda c: (c != PIVOT, c))
    for middle in middles:
        if (middle, to_code) in pairs:
            return [pairs[from_code, middle], pairs[middle, to_code]]
    return None


def reachable_pairs(packages: list[InstalledPackage] | None = None) -> list[tuple[str, str, list[str]]]:
    """Every ``(from, to, via)`` reachable with the installed packages."""
    packages = packages if packages is not None else installed_packages()
    langs = sorted({c for p in packages for c in (p.from_code, p.to_code)})
    out = []
    for a in langs:
        for b in langs:
            if a == b:
                continue
            route = find_route(a, b, packages)
            if route:
                out.append((a, b, [p.to_code for p in route[:-1]]))
    return out


def install_hint(from_code: str, to_code: str) -> str:
    return (
        f"no translation model for {from_code} -> {to_code} is installed; install one with "
        f"'translator models install {from_code} {to_code}' (online) or "
        f"'translator models install FILE.argosmodel' (offline)"
    )


# ---------------------------------------------------------------- install


def _validate_archive(zf: zipfile.ZipFile, name: str) -> tuple[str, dict[str, Any]]:
    """Check the layout of an ``.argosmodel``; return its top folder and metadata."""
    import zipfile

    members = [m for m in zf.namelist() if m and not m.startswith("__MACOSX/")]
    if not members:
        raise ModelError(f"{name}: empty archive, not an Argos package")
    tops = set()
    for member in members:
        pure = PurePosixPath(member)
        if pure.is_absolute() or ".." in pure.parts or "\\" in member or ":" in pure.parts[0]:
            raise ModelError(f"{name}: unsafe path {member!r} in archive; refusing to install")
        tops.add(pure.parts[0])
    if len(tops) != 1:
        raise ModelError(f"{name}: an Argos package holds exactly one top-level folder, found {len(tops)}")
    top = tops.pop()
    if top.startswith(".") or top in (".", "..") or not top.strip():
        raise ModelError(
            f"{name}: the package folder {top!r} is hidden; it would be invisible to 'models list' and"
            " 'models remove', refusing to install"
        )
    _check_sizes(zf, name)
    names = set(members)
    if f"{top}/metadata.json" not in names:
        raise ModelError(f"{name}: no {top}/metadata.json; not an Argos package")
    if zf.getinfo(f"{top}/metadata.json").file_size > MAX_METADATA:
        raise ModelError(
            f"{name}: metadata.json is larger than {MAX_METADATA // 1024} kB; not an Argos package"
        )
    try:
        with zf.open(f"{top}/metadata.json") as handle:
            raw = handle.read(MAX_METADATA + 1)
        if len(raw) > MAX_METADATA:
            raise ModelError(f"{name}: metadata.json is larger than {MAX_METADATA // 1024} kB")
        from ..ingest.smallfiles import loads_json

        metadata = loads_json(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError) as exc:
        raise ModelError(f"{name}: metadata.json is not valid JSON ({exc})") from None
    validate_metadata(metadata, name)
    if f"{top}/model/model.bin" not in names:
        raise ModelError(f"{name}: no CTranslate2 model ({top}/model/model.bin)")
    if f"{top}/sentencepiece.model" not in names:
        raise ModelError(f"{name}: no {top}/sentencepiece.model tokenizer")
    return top, metadata


def _check_sizes(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse zip bombs from the central directory, before anything is
    extracted (:func:`_extract` also counts the bytes really written, in case
    the directory lies)."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ModelError(
            f"{name}: {len(infos)} files in the archive (at most {MAX_MEMBERS}); not an Argos package"
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise ModelError(
            f"{name}: would unpack to {total / 1024**3:.1f} GB (at most {MAX_UNCOMPRESSED / 1024**3:g} GB);"
            " refusing to install"
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ModelError(
                f"{name}: {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1"
                " (a zip bomb?); refusing to install"
            )


def _extract(zf: zipfile.ZipFile, staging: Path, name: str) -> None:
    """Extract every member, counting the bytes actually written against the
    declared sizes and :data:`MAX_UNCOMPRESSED`."""
    written = 0
    for info in zf.infolist():
        target = staging / info.filename
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(info) as source, open(target, "wb") as sink:
            left = info.file_size
            while True:
                chunk = source.read(min(1 << 20, left + 1))
                if not chunk:
                    break
                left -= len(chunk)
                written += len(chunk)
                if left < 0 or written > MAX_UNCOMPRESSED:
                    raise ModelError(
                        f"{name}: {info.filename} is larger than the archive says; refusing to install"
                    )
                sink.write(chunk)


def install_from_file(path: str | Path, directory: Path | None = None) -> InstalledPackage:
    """Install an ``.argosmodel`` file; replaces an installed package of that folder name.

    Works fully offline. The archive is validated and tested for CRC errors
    before anything is written, extracted next to its destination and
    renamed into place.
    """
    import shutil
    import tempfile
    import zipfile

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{path}: not an Argos package (.argosmodel files are zip archives)")
    directory = directory or packages_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"cannot create the packages folder {directory}: {exc.strerror or exc}") from None
    try:
        with zipfile.ZipFile(path) as zf:
            top, _ = _validate_archive(zf, str(path))
            bad = zf.testzip()
            if bad is not None:
                raise ModelError(f"{path}: corrupt archive (bad CRC in {bad})")
            staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=directory))
            try:
                _extract(zf, staging, str(path))
                final = directory / top
                old = None
                if final.exists():
                    old = directory / f".removing-{top}-{os.getpid()}"
                    os.replace(final, old)
                os.replace(staging / top, final)
                if old is not None:
                    shutil.rmtree(old, ignore_errors=True)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except zipfile.BadZipFile as exc:
        raise ModelError(f"{path}: corrupt archive ({exc})") from None
    except OSError as exc:
        raise ModelError(f"cannot install {path} into {directory}: {exc.strerror or exc}") from None
    return _read_package(final)


def remove_package(from_code: str, to_code: str, directory: Path | None = None) -> list[InstalledPackage]:
    """Remove every installed package for the pair; error when there is none."""
    gone = [p for p in installed_packages(directory) if (p.from_code, p.to_code) == (from_code, to_code)]
    if not gone:
        raise InputError(f"no package for {from_code} -> {to_code} is installed")
    import shutil

    for pkg in gone:
        shutil.rmtree(pkg.path)
    return gone


# ---------------------------------------------------------------- network


def _fetch(url: str, timeout: float, progress: Callable[[int, int | None], None] | None = None) -> bytes:
    """GET ``url`` once with a timeout; raise ModelError with a plain reason."""
    import urllib.error
    import urllib.request

    if not url.startswith(("http://", "https://")):
        raise ModelError(f"unsupported URL {url!r} (http and https only)")
    request = urllib.request.Request(url, headers={"User-Agent": "translator"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            total = response.headers.get("Content-Length")
            size = int(total) if total and total.isdigit() else None
            chunks, done = [], 0
            while True:
                chunk = response.read(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
                done += len(chunk)
                if progress:
                    progress(done, size)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        raise ModelError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(f"cannot reach {url} ({reason}); no network?") from None


@dataclass(frozen=True)
class AvailablePackage:
    """One entry of the package index."""

    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    links: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"translate-{self.from_code}_{self.to_code}"


def _parse_index(data: bytes, source: str) -> list[AvailablePackage]:
    from argostranslate.package import AvailablePackage as ArgosAvailable

    from ..ingest.smallfiles import loads_json

    try:
        entries = loads_json(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{source}: the package index is not valid JSON ({exc})") from None
    if not isinstance(entries, list):
        raise ModelError(f"{source}: the package index must be a JSON list")
    out = []
    for entry in entries:
        try:
            validate_metadata(entry, source)
        except ModelError:
            continue  # a damaged or foreign entry: skip it, keep the rest of the index
        pkg = ArgosAvailable(entry)
        if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
            continue
        out.append(
            AvailablePackage(
                pkg.from_code,
                pkg.to_code,
                pkg.from_name or pkg.from_code,
                pkg.to_name or pkg.to_code,
                str(pkg.package_version or ""),
                tuple(str(link) for link in pkg.links),
            )
        )
    return sorted(out, key=lambda p: (p.from_code, p.to_code))


def available_packages(*, refresh: bool = True, timeout: float = NETWORK_TIMEOUT) -> list[AvailablePackage]:
    """The index: fetched (with a timeout) and saved, or the saved copy when offline."""
    local = local_index_path()
    if refresh:
        try:
            data = _fetch(index_url(), timeout)
            packages = _parse_index(data, index_url())
        except ModelError:
            if not local.is_file():
                raise
        else:
            from ..atomic import write_atomic

            try:
                local.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(local, data)
            except (OSError, InputError):
                pass
            return packages
    if not local.is_file():
        raise ModelError("no package index saved yet; run 'translator models available' while online")
    from ..ingest.smallfiles import read_whole

    try:
        data = read_whole(local, "package index")
    except InputError as exc:
        raise ModelError(f"{exc}; run 'translator models available' while online to fetch it again") from None
    return _parse_index(data, str(local))


def install_from_index(
    from_code: str,
    to_code: str,
    *,
    timeout: float = NETWORK_TIMEOUT,
    progress: Callable[[int, int | None], None] | None = None,
) -> InstalledPackage:
    """Download the pair's package from the index and install it."""
    import tempfile

    from .cache import private_folder

    packages = available_packages(timeout=timeout)
    matches = [p for p in packages if (p.from_code, p.to_code) == (from_code, to_code)]
    if not matches:
        pairs = ", ".join(f"{p.from_code}-{p.to_code}" for p in packages[:40])
        raise ModelError(
            f"the package index has no {from_code} -> {to_code} package (it has: {pairs or 'none'})"
        )
    pkg = max(matches, key=lambda p: _version_key(p.version))
    if not pkg.links:
        raise ModelError(f"the index entry for {pkg.name} has no download link")
    errors = []
    for link in pkg.links:
        try:
            data = _fetch(link, timeout, progress)
        except ModelError as exc:
            errors.append(str(exc))
            continue
        target_dir = downloads_dir()
        private_folder(target_dir)
        fd, tmp = tempfile.mkstemp(prefix=f"{pkg.name}-", suffix=".argosmodel", dir=target_dir)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            return install_from_file(tmp)
        finally:
            Path(tmp).unlink(missing_ok=True)
    raise ModelError(f"download of {pkg.name} failed: {'; '.join(errors)}")


def _version_key(version: str) -> tuple:
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)
