"""The random-weight model the tests translate with (translator.devtools.build_model)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from translator.devtools import build_model


def _tokenizer(package: Path) -> bytes:
    with zipfile.ZipFile(package) as archive:
        name = next(n for n in archive.namelist() if n.endswith("sentencepiece.model"))
        return archive.read(name)


def test_the_test_model_stays_the_same_when_the_projects_text_changes(tmp_path, monkeypatch):
    """A docstring edit must not change what the suite's model outputs."""
    builds = []
    for k, text in enumerate(("Ein Satz über Wasser.\n", "Völlig anderer Text, andere Wörter.\n" * 40)):
        root = tmp_path / f"project{k}"
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "a.md").write_text(text, encoding="utf-8")
        monkeypatch.setattr(build_model, "ROOT", root)
        fixed = build_model.build_package(
            tmp_path / f"f{k}.argosmodel", with_spacy=False, corpus=build_model.fixed_lines()
        )
        project = build_model.build_package(tmp_path / f"p{k}.argosmodel", with_spacy=False)
        builds.append((_tokenizer(fixed), _tokenizer(project)))
    assert builds[0][0] == builds[1][0]
    assert builds[0][1] != builds[1][1]  # the default corpus does follow the project's text


def test_a_project_without_its_source_tree_trains_on_the_fixed_corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(build_model, "ROOT", tmp_path)
    assert build_model.project_lines() == build_model.fixed_lines()
