"""docs/ci.md cannot drift: its commands, config and hook run against the examples."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from translator.cli import main
from translator.gate.config import load_config

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(lang: str) -> list[str]:
    return [body for kind, body in FENCE.findall(DOC) if kind == lang]


def strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in strings(v)]
    return []


def documented_commands() -> list[str]:
    """Every ``translator …`` command line in shell and YAML blocks."""
    texts = blocks("sh") + [s for body in blocks("yaml") for s in strings(yaml.safe_load(body))]
    commands = []
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("translator "):
                commands.append(line)
    return commands


COMMANDS = documented_commands()


def test_the_page_documents_a_workflow_a_gitlab_job_and_a_hook():
    workflows = [yaml.safe_load(b) for b in blocks("yaml")]
    assert any("jobs" in w for w in workflows)  # GitHub Actions
    assert any("script" in job for w in workflows for job in w.values() if isinstance(job, dict))  # GitLab
    assert any("repos" in w for w in workflows)  # pre-commit
    assert {c.split()[1] for c in COMMANDS} >= {"check", "baseline", "config"}
    assert {"github", "sarif", "junit"} <= {f for c in COMMANDS for f in re.findall(r"--format (\w+)", c)}


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_runs_on_the_examples(command, runner, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    args = shlex.split(command.split("||")[0])[1:]
    # outputs go to a scratch folder, never into the repository
    for flag in ("-o", "--output"):
        if flag in args:
            i = args.index(flag) + 1
            args[i] = str(tmp_path / Path(args[i]).name)
    if "--baseline" in args:
        i = args.index("--baseline") + 1
        baseline = tmp_path / Path(args[i]).name
        runner.invoke(
            main, ["baseline", "create", "--manifest", "examples/translations.csv", "-o", str(baseline)]
        )
        args[i] = str(baseline)
    result = runner.invoke(main, args)
    assert result.exit_code in (0, 1), (command, result.output)
    if args[0] == "check":
        expected = 0 if "--baseline" in args else 1  # the examples have planted errors
        assert result.exit_code == expected, (command, result.output)
    if "github" in args:
        assert "::error file=examples/de-en-news/en.md" in result.stdout
        assert "| error |" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_documented_configuration_is_valid(tmp_path):
    [toml] = blocks("toml")
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "glossaries").mkdir()
    config = load_config(str(tmp_path / "pyproject.toml"))
    assert config.source_lang == "de" and "wording" in config.disabled_checks()


def test_documented_suppression_works(tmp_path):
    from translator.gate.checkrun import Target, run_check
    from translator.gate.config import Overrides

    [example] = blocks("markdown")
    path = tmp_path / "en.md"
    path.write_text("The river rose again on Monday, the flood centre said.\n\n" + example, encoding="utf-8")
    config = load_config(isolated=True, overrides=Overrides(lang="en", source_lang="de"))
    run = run_check([Target(str(path))], config)
    assert run.findings() == [] and run.suppressed_count("inline") == 1


def test_pre_commit_hook_runs_with_the_documented_args(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "translator-check" and hook["language"] == "python"
    [config] = [w for w in (yaml.safe_load(b) for b in blocks("yaml")) if "repos" in w]
    [used] = config["repos"][0]["hooks"]
    assert used["id"] == hook["id"]
    files = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "examples").rglob("*"))]
    matched = [f for f in files if re.search(used["files"], f)]
    assert matched == ["examples/de-en-news/en.md"]
    entry = shlex.split(hook["entry"])
    assert entry[0] == "translator"
    result = runner.invoke(main, [*entry[1:], *used["args"], *matched])
    assert result.exit_code == 1  # the German photo credit
    assert "examples/de-en-news/en.md:15:1: error residue:" in result.stdout
