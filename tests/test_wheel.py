"""Templates and glossaries ship inside the wheel: a non-editable install renders."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_report_renders_from_a_non_editable_wheel_install(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = dist.glob("translator-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "translator/templates/report.html.j2" in names
    assert any(n.startswith("translator/glossaries/") for n in names)
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
    )
    out = tmp_path / "report.html"
    code = (
        "import sys, translator\n"
        f"assert translator.__file__.startswith({str(site)!r}), translator.__file__\n"
        "from translator.cli import main\n"
        "sys.argv = ['translator', 'compare', sys.argv[1], sys.argv[2], '-o', sys.argv[3]]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(ROOT / "examples/de-en-news/de.md"),
            str(ROOT / "examples/de-en-news/en.md"),
            str(out),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "Bild: dpa/Robert Michael" in page and "residue" in page
