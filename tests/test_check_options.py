"""Check options are declared by each check (``options``: a default's type,
an Option's range) and the configuration validates every value from that
declaration, never from the check's source code."""

from __future__ import annotations

import ast
import inspect

import pytest

from translator.checks import CHECKS
from translator.checks.base import Option, declared_options, percentage, probability
from translator.cli import main
from translator.errors import InputError
from translator.gate.config import Overrides, load_config


def _options_read_in_source(check) -> dict[str, object]:
    """``ctx.option(self.name, "key", default)`` calls in the check's module:
    what the check really reads (a drift guard for the declarations)."""
    tree = ast.parse(inspect.getsource(inspect.getmodule(type(check))))
    found: dict[str, object] = {}
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "option"
        ):
            continue
        if len(node.args) < 2 or not isinstance(node.args[1], ast.Constant):
            continue
        owner = node.args[0]
        reads_own = isinstance(owner, ast.Attribute) and owner.attr == "name"
        reads_own = reads_own or (isinstance(owner, ast.Constant) and owner.value == check.name)
        if reads_own:
            try:
                found[node.args[1].value] = ast.literal_eval(node.args[2]) if len(node.args) > 2 else None
            except ValueError:  # a computed default (list(SYNTAXES)): the key still counts
                found[node.args[1].value] = ...
    return found


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.name)
def test_every_option_a_check_reads_is_declared_with_the_same_default(check):
    declared = declared_options(check)
    for key, default in _options_read_in_source(check).items():
        assert key in declared, f"{check.name} reads {key!r} without declaring it"
        want = declared[key].default
        if default is not ... and not isinstance(default, (list, tuple)):
            assert default == want and type(default) is type(want), (check.name, key)


def test_a_declared_option_is_validated_by_its_type_and_range():
    bounded = Option(5, minimum=1, maximum=10)
    assert bounded.problem(7) is None
    assert bounded.problem(0) == "must be at least 1, got 0"
    assert bounded.problem(11) == "must be at most 10, got 11"
    assert bounded.problem(2.5) == "expected a whole number, got 2.5"
    assert bounded.problem("7") == "expected a whole number, got '7'"
    assert percentage(80.0).problem(101) == "is a percentage (0-100), got 101"
    assert probability(0.5).problem(1.5) == "is a probability (0-1), got 1.5"
    assert Option(True).problem(1) == "expected true or false, got 1"
    assert Option([]).problem(["a"]) is None


@pytest.mark.parametrize(
    "item, fragment",
    [
        ("duplicates.threshold=150", "is a percentage (0-100), got 150"),
        ("quotes.min_similarity=101", "is a percentage (0-100)"),
        ("untranslated.min_confidence=2", "is a probability (0-1)"),
        ("subtitle-lines.max_lines=2.5", "expected a whole number"),
        ("subtitle-speed.max_cps=-1", "must not be negative"),
        ("unit-state.skip_untranslated=1", "expected true or false"),
        ("omission.threshold=3", "unknown threshold 'threshold' of omission (known: none)"),
    ],
)
def test_option_values_outside_the_declaration_are_refused(item, fragment):
    with pytest.raises(InputError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        load_config(overrides=Overrides(options=(item,)), isolated=True)


def test_a_config_file_threshold_is_validated_from_the_declaration(runner, tmp_path):
    (tmp_path / "translator.toml").write_text("[checks.duplicates]\nthreshold = 250\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("One sentence here.\n", encoding="utf-8")
    result = runner.invoke(
        main,
        ["check", str(tmp_path / "en.txt"), "--lang", "en", "--config", str(tmp_path / "translator.toml")],
    )
    assert result.exit_code == 2
    assert "checks.duplicates.threshold: is a percentage (0-100), got 250" in result.stderr


def test_every_registered_check_has_a_section_in_docs_checks_md():
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "checks.md").read_text(encoding="utf-8")
    headings = [line for line in doc.splitlines() if line.startswith("## ")]
    for check in CHECKS:
        assert any(
            line.startswith(f"## {check.name} (")
            or f" {check.name}," in line
            or line.endswith(f" {check.name}")
            for line in headings
        ), f"docs/checks.md has no section for {check.name}"
