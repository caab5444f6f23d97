"""SARIF 2.1.0 output, validated against the official OASIS schema."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import jsonschema
import pytest

from translator.checks import CHECKS
from translator.cli import main
from translator.gate.checkrun import Target, run_check
from translator.gate.config import Overrides, load_config
from translator.renderers import get_renderer

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DE = ROOT / "examples/de-en-news/de.md"
EN = ROOT / "examples/de-en-news/en.md"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def pair_log():
    # the checks whose errors EXPECTED.md plants, so other checks' tuning cannot move these tests;
    # run from the repository root (URIs are relative to the working directory) wherever pytest started
    only = Overrides(disable=("all",), enable=("omission", "addition", "numbers", "residue", "wording"))
    with contextlib.chdir(ROOT):
        run = run_check([Target(str(EN), str(DE))], load_config(isolated=True, overrides=only))
        return run, json.loads(get_renderer("sarif").render_run(run))


def assert_valid(validator, log):
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_the_schema_is_the_official_one(validator):
    schema = validator.schema
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert "result" in schema["definitions"] and "reportingDescriptor" in schema["definitions"]


def test_schema_rejects_a_broken_log(validator):
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})


def test_pair_log_validates(validator, pair_log):
    assert_valid(validator, pair_log[1])


def test_rules_come_from_the_check_registry(validator):
    from translator.gate.checkrun import rules
    from translator.gate.model import CheckRun

    log = json.loads(get_renderer("sarif").render_run(CheckRun(rules=rules(load_config(isolated=True)))))
    assert_valid(validator, log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    for check in CHECKS:
        assert by_id[check.name]["shortDescription"]["text"] == check.description
    assert by_id["residue"]["defaultConfiguration"]["level"] == "error"
    assert by_id["moved"]["defaultConfiguration"]["level"] == "note"
    assert "suppression" in by_id


def test_results_have_levels_regions_and_fingerprints(pair_log):
    run, log = pair_log
    sarif_run = log["runs"][0]
    results = sarif_run["results"]
    findings = {f.fingerprint: f for c in run.comparisons for f in c.findings}
    assert len(results) == len(findings)
    assert sum(1 for r in results if r["level"] == "error") == 4  # the example's planted errors
    rules = sarif_run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[
                findings[result["partialFingerprints"]["translatorContent/v1"]].severity.value
            ]
        )
        fp = result["partialFingerprints"]["translatorContent/v1"]
        assert findings[fp].kind == result["ruleId"]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        region = physical["region"]
        uri = physical["artifactLocation"]["uri"]
        assert physical["artifactLocation"]["uriBaseId"] == "SRCROOT"
        source = (ROOT / uri).read_text(encoding="utf-8")
        # charOffset/charLength are offsets into the file itself
        snippet = source[region["charOffset"] : region["charOffset"] + region["charLength"]]
        assert snippet == region["snippet"]["text"]
        line = source.splitlines()[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 :].startswith(snippet[:20])
    residue = next(r for r in results if r["ruleId"] == "residue")
    assert residue["locations"][0]["physicalLocation"]["region"]["startLine"] == 15
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    assert sarif_run["invocations"][0]["exitCode"] == 1


def test_pair_results_point_at_the_counterpart(pair_log):
    _, log = pair_log
    numbers = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "numbers")
    [related] = numbers["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"].endswith("de.md")


def test_suppressed_findings_are_marked_and_log_still_validates(validator, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "en.md").write_text(
        "The city of Dresden declared a state of emergency on Monday.\n\n"
        "<!-- translator: ignore residue -->\nBild: dpa/Robert Michael\n\n"
        "<!-- translator: ignore residu -->\nFoto: Kay Nietfeld\n",
        encoding="utf-8",
    )
    config = load_config(isolated=True, overrides=Overrides(lang="en", source_lang="de"))
    log = json.loads(get_renderer("sarif").render_run(run_check([Target("en.md")], config)))
    assert_valid(validator, log)
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(suppressed) == 1 and suppressed[0]["suppressions"][0]["kind"] == "inSource"
    warning = next(r for r in results if r["ruleId"] == "suppression")
    assert warning["level"] == "warning"
    assert warning["locations"][0]["physicalLocation"]["region"]["startLine"] == 6


def test_cli_sarif_for_a_single_file_validates(validator, runner, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out.sarif"
    result = runner.invoke(
        main,
        [
            "check",
            "--no-config",
            str(EN),
            "--lang",
            "en",
            "--source-lang",
            "de",
            "--format",
            "sarif",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 1
    log = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(validator, log)
    [result_] = log["runs"][0]["results"]
    assert result_["ruleId"] == "residue"
    assert (
        result_["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "examples/de-en-news/en.md"
    )


def test_files_outside_the_working_directory_get_absolute_uris(validator, runner, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        main, ["check", "--no-config", str(EN), "--lang", "en", "--source-lang", "de", "--format", "sarif"]
    )
    log = json.loads(result.stdout)
    assert_valid(validator, log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == EN.resolve().as_uri()


def test_baseline_suppressions_are_external_and_the_log_validates(validator, runner, monkeypatch, tmp_path):
    """SARIF allows only ``inSource`` and ``external`` suppression kinds."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "en.md").write_text(
        "The city of Dresden declared a state of emergency on Monday.\n\nBild: dpa/Robert Michael\n\n"
        "<!-- translator: ignore residue -->\nFoto: Kay Nietfeld\n",
        encoding="utf-8",
    )
    common = ["--no-config", "--lang", "en", "--source-lang", "de"]
    created = runner.invoke(main, ["baseline", "create", "en.md", *common, "-o", "base.json"])
    assert created.exit_code == 0, created.output
    (tmp_path / "en.md").write_text(
        (tmp_path / "en.md").read_text(encoding="utf-8") + "\nBild: Sebastian Kahnert\n", encoding="utf-8"
    )
    result = runner.invoke(main, ["check", "en.md", *common, "--baseline", "base.json", "--format", "sarif"])
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    assert_valid(validator, log)
    kinds = sorted(s["kind"] for r in log["runs"][0]["results"] for s in r.get("suppressions", []))
    assert kinds == ["external", "inSource"]
    unsuppressed = [r for r in log["runs"][0]["results"] if not r.get("suppressions")]
    assert [r["ruleId"] for r in unsuppressed] == ["residue"]
