"""Fixtures for translation tests: a tiny random Argos package, isolated dirs, an index server.

The package is built once per test session (about a second) with
:mod:`translator.devtools.build_model`, its tokenizer trained on a fixed
corpus so that no edit elsewhere in the project changes what it outputs; other pairs are the same weights
relabelled. Every test that touches models gets its own packages folder,
XDG folders and translation cache under ``tmp_path`` through environment
variables, so the user's real ``~/.local/share/argos-translate`` is never
read or written, and the package index points at a closed local port so
an accidental network call fails fast instead of going out.

Test modules import the fixtures they use from here.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from netkit import closed_port

from translator.devtools.build_model import build_package, fixed_lines, relabel_package


@pytest.fixture(scope="session")
def tiny_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``.argosmodel`` files by pair name: de-en (built), en-de, fr-en, en-fr, de-en@1.1 (relabelled)."""
    folder = tmp_path_factory.mktemp("argos-models")
    # a fixed tokenizer corpus: the model must not change when the project's text does
    base = build_package(
        folder / "translate-de_en-1_0.argosmodel",
        size="tiny",
        from_code="de",
        to_code="en",
        corpus=fixed_lines(),
    )
    out = {"de-en": base}
    for src, tgt in (("en", "de"), ("fr", "en"), ("en", "fr")):
        out[f"{src}-{tgt}"] = relabel_package(
            base, folder / f"translate-{src}_{tgt}-1_0.argosmodel", from_code=src, to_code=tgt
        )
    out["de-en@1.1"] = relabel_package(
        base, folder / "translate-de_en-1_1.argosmodel", from_code="de", to_code="en", version="1.1"
    )
    return out


@pytest.fixture
def argos_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Isolated Argos and translator folders for one test."""
    dirs = {
        "packages": tmp_path / "argos-packages",
        "data": tmp_path / "xdg-data",
        "cache": tmp_path / "xdg-cache",
        "config": tmp_path / "xdg-config",
        "mtcache": tmp_path / "mt-cache",
    }
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(dirs["packages"]))
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs["data"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.setenv("TRANSLATOR_CACHE_DIR", str(dirs["mtcache"]))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{closed_port()}/")
    return dirs


@pytest.fixture
def installed(argos_env: dict[str, Path], tiny_packages: dict[str, Path]) -> dict[str, Path]:
    """argos_env with the de -> en and en -> de packages installed."""
    from translator.translate.packages import install_from_file

    install_from_file(tiny_packages["de-en"])
    install_from_file(tiny_packages["en-de"])
    return argos_env


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def index_server(
    tmp_path: Path, tiny_packages: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 serving ``index.json`` and the de -> en package.

    Sets ``ARGOS_PACKAGE_INDEX`` to it (after ``argos_env`` when both are used).
    """
    root = tmp_path / "index-site"
    root.mkdir()
    (root / "translate-de_en-1_0.argosmodel").write_bytes(tiny_packages["de-en"].read_bytes())
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a, **k: _QuietHandler(*a, directory=str(root), **k)
    )
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    index = [
        {
            "package_version": "1.0",
            "argos_version": "1.0",
            "from_code": "de",
            "from_name": "German",
            "to_code": "en",
            "to_name": "English",
            "type": "translate",
            "links": [url + "translate-de_en-1_0.argosmodel"],
        },
        {
            "package_version": "1.0",
            "argos_version": "1.0",
            "from_code": "fr",
            "from_name": "French",
            "to_code": "en",
            "to_name": "English",
            "type": "translate",
            "links": [url + "missing.argosmodel"],
        },
    ]
    (root / "index.json").write_text(json.dumps(index), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", url)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Block every socket operation in this process; returns the attempts made."""
    attempts: list[tuple] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network blocked by the offline test")

    class BlockedSocket(socket.socket):
        def connect(self, *args: object) -> None:  # type: ignore[override]
            refuse(*args)

        def connect_ex(self, *args: object) -> int:  # type: ignore[override]
            refuse(*args)
            return 1

        def sendto(self, *args: object) -> int:  # type: ignore[override]
            refuse(*args)
            return 0

    monkeypatch.setattr(socket, "socket", BlockedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts
