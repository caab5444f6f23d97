"""``translator models``: install (file and index), list, pivots, remove, doctor, clear errors."""
# ruff: noqa: F811  (pytest fixtures imported from modelbuilder)

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import pytest
from modelbuilder import argos_env, index_server, installed, no_network, tiny_packages  # noqa: F401

from translator.cli import main
from translator.errors import ModelError
from translator.translate import packages


def test_install_from_file_then_list_shows_the_package_and_its_pair(runner, argos_env, tiny_packages):
    result = runner.invoke(main, ["models", "install", str(tiny_packages["de-en"])])
    assert result.exit_code == 0, result.output
    assert "installed translate-de_en 1.0" in result.output
    assert (argos_env["packages"] / "translate-de_en-1_0" / "model" / "model.bin").is_file()
    listing = runner.invoke(main, ["models", "list", "--format", "json"])
    data = json.loads(listing.stdout)
    assert data["packages_dir"] == str(argos_env["packages"])
    assert [(p["from"], p["to"], p["version"]) for p in data["packages"]] == [("de", "en", "1.0")]
    assert data["pairs"] == [{"from": "de", "to": "en", "via": []}]


def test_list_shows_pairs_reachable_through_english(runner, argos_env, tiny_packages):
    for pair in ("fr-en", "en-de"):
        packages.install_from_file(tiny_packages[pair])
    result = runner.invoke(main, ["models", "list"])
    assert result.exit_code == 0
    assert "fr -> de  (via en)" in result.output
    route = packages.find_route("fr", "de")
    assert [(p.from_code, p.to_code) for p in route] == [("fr", "en"), ("en", "de")]
    assert packages.find_route("de", "fr") is None


def test_reinstalling_replaces_the_package_without_leftovers(argos_env, tiny_packages):
    packages.install_from_file(tiny_packages["de-en"])
    packages.install_from_file(tiny_packages["de-en"])
    names = sorted(p.name for p in argos_env["packages"].iterdir())
    assert names == ["translate-de_en-1_0"]


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "make,message",
    [
        (
            lambda t: t.joinpath("x.argosmodel").write_bytes(b"not a zip at all" * 50) and t / "x.argosmodel",
            "not an Argos package",
        ),
        (lambda t: _zip(t / "x.argosmodel", {"pkg/README.md": b"hi"}), "no pkg/metadata.json"),
        (
            lambda t: _zip(t / "x.argosmodel", {"a/metadata.json": b"{}", "b/x": b""}),
            "exactly one top-level folder",
        ),
        (lambda t: _zip(t / "x.argosmodel", {"pkg/metadata.json": b"{oops"}), "not valid JSON"),
        (
            lambda t: _zip(t / "x.argosmodel", {"pkg/metadata.json": b'{"from_code":"de","to_code":"en"}'}),
            "no CTranslate2 model",
        ),
        (
            lambda t: _zip(t / "x.argosmodel", {"pkg/../../evil": b"x", "pkg/metadata.json": b"{}"}),
            "unsafe path",
        ),
        (lambda t: t / "missing.argosmodel", "no such file"),
    ],
)
def test_bad_package_files_are_one_line_errors_and_install_nothing(
    runner, argos_env, tmp_path, make, message
):
    path = make(tmp_path)
    result = runner.invoke(main, ["models", "install", str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not any(argos_env["packages"].glob("*/metadata.json")) if argos_env["packages"].exists() else True
    assert not (tmp_path.parent / "evil").exists()


def test_truncated_package_is_rejected_as_corrupt(runner, argos_env, tiny_packages, tmp_path):
    data = tiny_packages["de-en"].read_bytes()
    broken = tmp_path / "broken.argosmodel"
    broken.write_bytes(data[: len(data) // 2])
    result = runner.invoke(main, ["models", "install", str(broken)])
    assert result.exit_code == 2
    assert "not an Argos package" in result.stderr or "corrupt" in result.stderr


def test_install_from_the_index_downloads_over_http(runner, argos_env, index_server):
    available = runner.invoke(main, ["models", "available", "--format", "json"])
    assert available.exit_code == 0, available.output
    entries = json.loads(available.stdout)
    assert {(e["from"], e["to"]) for e in entries} == {("de", "en"), ("fr", "en")}
    assert not any(e["installed"] for e in entries)
    result = runner.invoke(main, ["models", "install", "de", "en"])
    assert result.exit_code == 0, result.output
    assert [(p.from_code, p.to_code) for p in packages.installed_packages()] == [("de", "en")]
    assert packages.local_index_path().is_file()  # saved for offline use
    assert not any(packages.downloads_dir().glob("*.argosmodel"))  # download removed after install


def test_index_errors_say_what_is_wrong(runner, argos_env, index_server):
    missing = runner.invoke(main, ["models", "install", "fr", "en"])
    assert missing.exit_code == 2 and "HTTP 404" in missing.stderr
    unknown = runner.invoke(main, ["models", "install", "xx", "yy"])
    assert unknown.exit_code == 2 and "no xx -> yy package" in unknown.stderr


def test_no_network_fails_fast_with_a_clear_message(runner, argos_env):
    start = time.monotonic()
    result = runner.invoke(main, ["models", "available"])
    assert result.exit_code == 2
    assert "cannot reach" in result.stderr and "no network?" in result.stderr
    assert time.monotonic() - start < 30  # no retry storm (argostranslate's takes ~90 s)


def test_available_falls_back_to_the_saved_index_when_offline(runner, argos_env, index_server, monkeypatch):
    assert runner.invoke(main, ["models", "available"]).exit_code == 0
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    result = runner.invoke(main, ["models", "available"])
    assert result.exit_code == 0 and "de -> en" in result.output
    offline = runner.invoke(main, ["models", "available", "--offline"])
    assert offline.exit_code == 0 and "fr -> en" in offline.output


def test_remove_deletes_the_package_and_says_so(runner, installed):
    result = runner.invoke(main, ["models", "remove", "de", "en"])
    assert result.exit_code == 0 and "removed translate-de_en 1.0" in result.output
    assert [(p.from_code, p.to_code) for p in packages.installed_packages()] == [("en", "de")]
    again = runner.invoke(main, ["models", "remove", "de", "en"])
    assert again.exit_code == 2 and "no package for de -> en" in again.stderr


def test_doctor_without_models_reports_the_problem_and_exits_1(runner, argos_env, no_network):
    result = runner.invoke(main, ["models", "doctor"])
    assert result.exit_code == 1
    assert "no model is installed" in result.output
    assert no_network == []


def test_doctor_checks_packages_pairs_and_cache_without_network(runner, argos_env, tiny_packages, no_network):
    for pair in ("fr-en", "en-de"):
        packages.install_from_file(tiny_packages[pair])
    result = runner.invoke(main, ["models", "doctor", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    messages = [c["message"] for c in report["checks"]]
    assert any("pair fr -> de via en" in m for m in messages)
    assert any("translation cache" in m and "writable" in m for m in messages)
    assert no_network == []


def test_doctor_flags_a_broken_package(runner, installed):
    (installed["packages"] / "translate-de_en-1_0" / "model" / "model.bin").unlink()
    result = runner.invoke(main, ["models", "doctor"])
    assert result.exit_code == 1
    assert "[fail] translate-de_en 1.0" in result.output


def test_package_dir_follows_xdg_data_home_without_argos_packages_dir(argos_env, monkeypatch):
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    assert packages.packages_dir() == argos_env["data"] / "argos-translate" / "packages"
    settings = argos_env["config"] / "argos-translate"
    settings.mkdir(parents=True)
    (settings / "settings.json").write_text(json.dumps({"ARGOS_PACKAGES_DIR": "/srv/argos"}))
    assert packages.packages_dir() == Path("/srv/argos")


def test_translation_without_a_model_names_the_install_command(argos_env):
    from translator.translate.engine import Engine

    with pytest.raises(ModelError, match="translator models install de en"):
        Engine(cache=False).translate(["Hallo Welt."], "de", "en")
