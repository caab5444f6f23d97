"""Shared fixtures: per-test isolation from the machine, paths to the examples, a CLI runner.

Every test runs with its own empty dictionary, data, cache and config
folders (:func:`isolated_machine`), so its outcome never depends on what
this machine has installed under ``/usr/share/dictd``, cached under
``~/.cache/translator`` or downloaded into ``~/.local/share/argos-translate``.
Tests that need a dictionary or a model build one themselves
(:mod:`dictdkit`, :mod:`modelbuilder`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from netkit import closed_port

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Hypothesis profiles (see docs/fuzzing.md): "ci" is the fast default for
# every test run; "fuzz" (``make fuzz``) runs 10,000 examples per property.
# Select one with TRANSLATOR_HYPOTHESIS_PROFILE.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci",
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("TRANSLATOR_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def isolated_machine(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Path]:
    """Empty per-test folders in place of everything the machine may hold.

    ``TRANSLATOR_DICTD_DIR`` replaces ``/usr/share/dictd`` and
    ``TRANSLATOR_HUNSPELL_SYSTEM_PATH`` ``/usr/share/hunspell``; the XDG folders
    hide the user's dictionaries (``$XDG_DATA_HOME/translator/dictd``),
    Argos models (``$XDG_DATA_HOME/argos-translate``), caches and Argos's
    ``settings.json``; ``ARGOS_PACKAGES_DIR`` and ``TRANSLATOR_CACHE_DIR``
    override anything set in the calling shell; the Argos index and the
    FreeDict database point at a closed local port, so an accidental
    download fails fast instead of going out. The folders live outside
    ``tmp_path`` so tests that list their own ``tmp_path`` see only their
    files. Subprocesses inherit all of it through the environment.
    """
    root = tmp_path_factory.mktemp("machine")
    dirs = {
        name: root / name for name in ("dictd", "hunspell", "data", "cache", "config", "packages", "mtcache")
    }
    for folder in dirs.values():
        folder.mkdir()
    monkeypatch.setenv("TRANSLATOR_DICTD_DIR", str(dirs["dictd"]))
    monkeypatch.setenv("TRANSLATOR_HUNSPELL_SYSTEM_PATH", str(dirs["hunspell"]))
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs["data"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(dirs["packages"]))
    monkeypatch.setenv("TRANSLATOR_CACHE_DIR", str(dirs["mtcache"]))
    port = closed_port()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{port}/")
    monkeypatch.setenv("TRANSLATOR_FREEDICT_DATABASE", f"http://127.0.0.1:{port}/freedict-database.json")
    for name in (
        "TRANSLATOR_CACHE_MAX_MB",
        "TRANSLATOR_HUNSPELL_PATH",
        "TRANSLATOR_BATCHING",
        "TRANSLATOR_MAX_INPUT_MB",
        "GITHUB_STEP_SUMMARY",
        "ARGOS_DEVICE_TYPE",
        "ARGOS_COMPUTE_TYPE",
        "ARGOS_BEAM_SIZE",
        "ARGOS_CHUNK_TYPE",
    ):
        monkeypatch.delenv(name, raising=False)
    return dirs


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
