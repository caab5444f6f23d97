"""Configuration: discovery, validation, precedence and ``config show``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translator.cli import main
from translator.errors import InputError
from translator.gate.config import COMMAND_LINE, DEFAULT, Overrides, find_config, load_config
from translator.model import Severity

ROOT = Path(__file__).resolve().parent.parent
EN = ROOT / "examples/de-en-news/en.md"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder as the working directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_found_from_a_subdirectory(project):
    cfg = write(project / "pyproject.toml", '[tool.translator]\nfail-level = "warning"\n')
    sub = project / "articles" / "2024"
    sub.mkdir(parents=True)
    assert find_config(sub) == cfg
    config = load_config(start=sub)
    assert config.fail_level == Severity.WARNING
    assert config.values["fail-level"].origin == str(cfg)


def test_pyproject_without_the_table_is_skipped_and_dotfile_wins(project):
    outer = write(project / ".translator.toml", 'lang = "en"\n')
    write(project / "inner" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(project / "inner") == outer
    write(project / "both" / "pyproject.toml", '[tool.translator]\nlang = "fr"\n')
    dot = write(project / "both" / ".translator.toml", 'lang = "de"\n')
    assert find_config(project / "both") == dot


def test_no_config_file_means_defaults(project):
    config = load_config()
    assert config.path is None
    assert config.fail_level == Severity.ERROR
    assert all(s.origin == DEFAULT for s in config.values.values())


@pytest.mark.parametrize(
    "text, path",
    [
        (
            '[tool.translator]\nfail_level = "warning"\n',
            "tool.translator.fail_level: unknown key (did you mean 'fail-level'?)",
        ),
        (
            "[tool.translator.checks.residu]\nseverity = 'warning'\n",
            "tool.translator.checks.residu: unknown check",
        ),
        (
            "[tool.translator.checks.residue]\nseverity = 'fatal'\n",
            "tool.translator.checks.residue.severity: expected one of",
        ),
        (
            "[tool.translator.checks.residue]\nenabled = 'no'\n",
            "tool.translator.checks.residue.enabled: expected true or false",
        ),
        ('[tool.translator]\ndisable = ["wordng"]\n', "tool.translator.disable[0]: unknown check 'wordng'"),
        ('[tool.translator]\nignore = "drafts/"\n', "tool.translator.ignore: expected a list of strings"),
        ('[tool.translator]\nformat = "xml"\n', "tool.translator.format: expected one of text"),
        ("[tool.translator\n", "invalid TOML"),
        (
            "[tool.translator.checks.residue]\nmin_wrds = 3\n",
            "tool.translator.checks.residue.min_wrds: unknown threshold (did you mean 'min_words'?)",
        ),
        (
            "[tool.translator.checks.residue]\nmin_words = 'many'\n",
            "checks.residue.min_words: expected a whole number",
        ),
        ("[tool.translator]\nchecks = 3\n", "tool.translator.checks: expected a table"),
    ],
)
def test_invalid_configuration_names_the_key_path(project, text, path):
    write(project / "pyproject.toml", text)
    with pytest.raises(InputError) as err:
        load_config()
    assert path in str(err.value)


def test_unknown_key_in_a_dotfile_has_no_tool_prefix(project):
    write(project / ".translator.toml", "[checks.omission]\nseverty = 'info'\n")
    with pytest.raises(InputError, match=r"checks\.omission\.severty"):
        load_config()


def test_unknown_key_exits_2_from_the_cli(project, runner):
    write(project / "pyproject.toml", "[tool.translator.checks.residu]\nseverity = 'warning'\n")
    result = runner.invoke(main, ["check", str(EN)])
    assert result.exit_code == 2
    assert "tool.translator.checks.residu" in result.stderr
    assert "Traceback" not in result.output


def test_command_line_overrides_the_file(project):
    write(
        project / ".translator.toml",
        'fail-level = "info"\nsource-lang = "de"\ndisable = ["residue"]\n[checks.numbers]\nseverity = "warning"\n',
    )
    config = load_config(
        overrides=Overrides(fail_level="error", enable=("residue",), severities=("numbers=info",))
    )
    assert config.fail_level == Severity.ERROR
    assert config.values["fail-level"].origin == COMMAND_LINE
    assert config.source_lang == "de"
    assert "residue" in config.enabled_checks()
    assert config.severities() == {"numbers": Severity.INFO}


def test_file_settings_reach_the_checks(project):
    write(
        project / ".translator.toml",
        'disable = ["all"]\nenable = ["residue", "numbers"]\n[checks.residue]\nseverity = "warning"\nmin-words = 6\n',
    )
    config = load_config()
    assert config.enabled_checks() == ["numbers", "residue"]
    assert config.severities() == {"residue": Severity.WARNING}
    assert config.check_options() == {"residue": {"min_words": 6}}


def test_config_file_drives_check_exit_code(project, runner):
    write(
        project / ".translator.toml", 'lang = "en"\nsource-lang = "de"\n[checks.residue]\nseverity = "info"\n'
    )
    assert runner.invoke(main, ["check", str(EN)]).exit_code == 0
    assert runner.invoke(main, ["check", str(EN), "--fail-level", "info"]).exit_code == 1
    assert runner.invoke(main, ["check", str(EN), "--no-config", "--source-lang", "de"]).exit_code == 1


def test_ignore_patterns_skip_matching_inputs(project, runner):
    write(project / ".translator.toml", 'lang = "en"\nsource-lang = "de"\nignore = ["drafts/**"]\n')
    draft = write(project / "drafts" / "x" / "en.md", EN.read_text(encoding="utf-8"))
    result = runner.invoke(main, ["check", str(draft)])
    assert result.exit_code == 0
    assert "1 file ignored" in result.stdout
    kept = write(project / "final" / "en.md", EN.read_text(encoding="utf-8"))
    assert runner.invoke(main, ["check", str(kept)]).exit_code == 1


def test_relative_paths_in_the_file_are_relative_to_it(project):
    cfg = write(project / "conf" / ".translator.toml", 'baseline = "base.json"\nglossaries = ["terms"]\n')
    config = load_config(str(cfg))
    assert Path(config.baseline) == project / "conf" / "base.json"
    assert [Path(g) for g in config.glossaries] == [project / "conf" / "terms"]


def test_config_show_prints_values_and_origins(project, runner):
    cfg = write(
        project / "pyproject.toml",
        '[tool.translator]\nsource-lang = "de"\n[tool.translator.checks.wording]\nenabled = false\n',
    )
    result = runner.invoke(main, ["config", "show", "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = {line.split(" = ")[0]: line for line in result.stdout.splitlines() if " = " in line}
    assert lines["lang"].endswith("# command line")
    assert lines["source-lang"].endswith(f"# {cfg}")
    assert lines["fail-level"].endswith("# default")
    assert "= false" in lines["checks.wording.enabled"] and lines["checks.wording.enabled"].endswith(str(cfg))
    assert result.stdout.startswith(f"# configuration file: {cfg}")


def test_config_show_json(project, runner):
    write(project / ".translator.toml", 'fail-level = "warning"\n')
    data = json.loads(runner.invoke(main, ["config", "show", "--format", "json"]).stdout)
    assert data["settings"]["fail-level"] == {"value": "warning", "origin": str(project / ".translator.toml")}
    assert data["settings"]["checks.residue.severity"]["origin"] == "default"


def test_explicit_config_path_and_missing_file(project, runner):
    cfg = write(project / "ci" / "gate.toml", 'fail-level = "info"\n')
    assert load_config(str(cfg)).fail_level == Severity.INFO
    result = runner.invoke(main, ["config", "show", "--config", "nope.toml"])
    assert result.exit_code == 2 and "not found" in result.stderr


def test_thresholds_from_the_command_line_override_the_file(project):
    write(project / ".translator.toml", "[checks.residue]\nmin_words = 6\n")
    config = load_config(overrides=Overrides(options=("residue.min-words=3", "duplicates.threshold=85.5")))
    assert config.check_options()["residue"] == {"min_words": 3}
    assert config.check_options()["duplicates"] == {"threshold": 85.5}
    assert config.values["checks.residue.min_words"].origin == COMMAND_LINE


@pytest.mark.parametrize(
    "item, message",
    [
        ("residue.min_wrds=3", "unknown threshold 'min_wrds' of residue (did you mean 'min_words'?)"),
        ("residue.min_words=many", "expected a whole number"),
        ("residu.min_words=3", "unknown check 'residu'"),
        ("min_words=3", "expected CHECK.KEY=VALUE"),
    ],
)
def test_bad_threshold_options_are_errors(project, item, message):
    with pytest.raises(InputError) as err:
        load_config(overrides=Overrides(options=(item,)))
    assert message in str(err.value)


def test_glossaries_from_the_config_reach_the_glossary_check(project, runner):
    write(
        project / "terms" / "de-en-floods.tsv",
        "source\ttarget\tforbidden\tnotes\nPegel\twater level\tgauge\thouse style\n",
    )
    write(project / ".translator.toml", 'lang = "en"\nsource-lang = "de"\nglossaries = ["terms"]\n')
    write(project / "en.txt", "The gauge of the Elbe rose again on Monday, the flood centre said.\n")
    result = runner.invoke(main, ["check", "en.txt"])
    assert result.exit_code == 1
    assert "error glossary:" in result.stdout and "house style" in result.stdout
    assert (
        runner.invoke(
            main, ["check", "en.txt", "--no-config", "--lang", "en", "--source-lang", "de"]
        ).exit_code
        == 0
    )
