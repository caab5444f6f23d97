"""Every benchmark script runs end to end on tiny data, so none can break unnoticed.

Figures are not asserted (they belong to the scripts' output, measured
next to their baselines); what is asserted is that each script runs, exits
0 and prints the rows it promises. ``residue_langid.py`` has its own tests
in ``test_residue.py``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def run(script: str, *args: str, timeout: float = 600) -> str:
    proc = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    return proc.stdout


def load(script: str):
    spec = importlib.util.spec_from_file_location(Path(script).stem, BENCHMARKS / script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_benchmark_script_has_a_smoke_test():
    tested = {"align_scale", "align_textberg", "report_large", "scale", "startup", "translate_speed"}
    tested |= {"residue_langid"}  # test_residue.py
    source = Path(__file__).read_text(encoding="utf-8")
    for script in BENCHMARKS.glob("*.py"):
        assert script.stem in tested, f"benchmarks/{script.name} has no smoke test"
        assert script.name in source or script.stem == "residue_langid"


def test_startup_benchmark_prints_both_timings():
    out = run("startup.py", "--runs", "1")
    assert "python -c pass" in out and "translator --help" in out and "overhead" in out


def test_align_scale_benchmark_on_small_sizes():
    out = run("align_scale.py", "--sizes", "40", "80")
    assert "load average" in out
    rows = [line for line in out.splitlines() if line.strip().startswith(("40 x", "80 x"))]
    assert len(rows) == 2, out


def test_align_textberg_benchmark_skips_cleanly_without_data(tmp_path):
    out = run("align_textberg.py", "--data", str(tmp_path / "absent"))
    assert out.startswith("skipped:")


def test_align_textberg_baseline_and_file_discovery_on_a_tiny_triple(tmp_path):
    module = load("align_textberg.py")
    (tmp_path / "x.de").write_text("Eins.\nZwei zwei zwei zwei.\nDrei.\n", encoding="utf-8")
    (tmp_path / "x.fr").write_text("Un.\nDeux deux deux deux.\nTrois.\n", encoding="utf-8")
    (tmp_path / "x.defr").write_text("", encoding="utf-8")
    (tmp_path / "lonely.defr").write_text("", encoding="utf-8")
    assert module.triples(tmp_path) == [(tmp_path / "x.de", tmp_path / "x.fr", tmp_path / "x.defr")]
    links = module.gale_church(module.read(tmp_path / "x.de"), module.read(tmp_path / "x.fr"))
    assert links == [([0], [0]), ([1], [1]), ([2], [2])]


def test_scale_benchmark_on_a_tiny_run():
    out = run("scale.py", "--scales", "1", "2", "--sentences", "8", "--pairs", "3", "--batch-sentences", "3")
    assert "growth exponent" in out
    assert "jobs" in out.lower()


def test_report_large_benchmark_on_a_small_report():
    out = run("report_large.py", "--links", "40", "--runs", "1")
    assert "HtmlDiff" in out or "difflib" in out


@pytest.mark.slow
def test_translate_speed_benchmark_with_a_tiny_model():
    out = run("translate_speed.py", "-n", "4", "--size", "tiny", "--max-length", "8", timeout=900)
    assert "argostranslate" in out and "padded" in out and "exact" in out
