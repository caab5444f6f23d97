"""The offline guarantee: with every socket blocked, install, translate and compare still work.

Sockets are blocked in-process (``socket.socket``, ``create_connection``,
``getaddrinfo``); any attempt is recorded and fails. Argos's traps (index
retries, sentence-splitter downloads, stanza resource checks) would show
up here as attempts or errors.
"""

# ruff: noqa: F811  (pytest fixtures imported from modelbuilder)
from __future__ import annotations

import json
from pathlib import Path

from modelbuilder import argos_env, no_network, tiny_packages  # noqa: F401

from translator.cli import main

ROOT = Path(__file__).resolve().parent.parent
DE = str(ROOT / "examples/de-en-news/de.md")
EN = str(ROOT / "examples/de-en-news/en.md")


def test_install_translate_and_compare_make_no_network_attempt(
    runner, argos_env, tiny_packages, no_network, tmp_path
):
    for pair in ("de-en", "en-de"):
        result = runner.invoke(main, ["models", "install", str(tiny_packages[pair])])
        assert result.exit_code == 0, result.output
    out = tmp_path / "en.md"
    translated = runner.invoke(main, ["translate", DE, "--to", "en", "-o", str(out), "--quiet"])
    assert translated.exit_code == 0, translated.output
    assert out.read_text(encoding="utf-8").startswith("# ")
    compared = runner.invoke(main, ["compare", DE, EN, "--format", "json"])
    assert compared.exit_code == 0, compared.output
    assert json.loads(compared.stdout)["mode"] == "machine-translation"
    doctor = runner.invoke(main, ["models", "doctor"])
    assert doctor.exit_code == 0, doctor.output
    assert no_network == []


def test_online_commands_fail_cleanly_when_the_network_is_blocked(runner, argos_env, no_network):
    result = runner.invoke(main, ["models", "install", "de", "en"])
    assert result.exit_code == 2
    assert "cannot reach" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert len(no_network) <= 1  # one attempt, no retry storm
