"""Shared fixtures: paths to the examples and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

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


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
