"""Fidelity: our engine's output is argostranslate's output, sentence for sentence.

argostranslate runs in a subprocess (it imports torch, spaCy and stanza, and
freezes its settings at import) on the same installed package, splitting
sentences with the package's blank spaCy pipeline (``ARGOS_CHUNK_TYPE=SPACY``)
so it needs no network. Only sentences that its splitter keeps whole are
compared: we split sentences ourselves, so a sentence argostranslate would
cut in two is not the same job.
"""

# ruff: noqa: F811  (pytest fixtures imported from modelbuilder)
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from modelbuilder import argos_env, installed, tiny_packages  # noqa: F401

from translator.ingest.segment import split_sentences
from translator.translate.engine import DecodeOptions, Engine

ROOT = Path(__file__).resolve().parent.parent

ARGOS_SCRIPT = r"""
import json, sys
import spacy
import argostranslate.translate as at
from argostranslate.package import get_installed_packages
pkg = [p for p in get_installed_packages() if p.from_code == "de" and p.to_code == "en"][0]
nlp = spacy.load(pkg.packaged_sbd_path, exclude=["parser"])
nlp.add_pipe("sentencizer")
out = []
for sentence in json.load(sys.stdin):
    whole = len(list(nlp(sentence).sents)) == 1
    out.append([whole, at.translate(sentence, "de", "en") if whole else None])
json.dump(out, sys.stdout)
"""


def corpus() -> list[str]:
    """Sentences from the example articles and the README's prose."""
    sentences: list[str] = []
    paths = [p for p in sorted((ROOT / "examples").glob("*/*")) if p.suffix in {".md", ".txt"}]
    for path in [*paths, ROOT / "README.md"]:
        if path.name == "EXPECTED.md":
            continue
        text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        for para in text.split("\n\n"):
            if para.lstrip().startswith(("|", "-", "`")):
                continue
            para = " ".join(para.replace("#", " ").split())
            sentences.extend(para[a:b] for a, b in split_sentences(para, "de") if len(para[a:b]) > 3)
    return list(dict.fromkeys(sentences))


@pytest.mark.slow
def test_output_is_identical_to_argostranslate_for_the_same_package(installed):
    sentences = corpus()
    assert len(sentences) >= 60
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "argos-translate" / "spacy" / "senter" / "model"
    cache.mkdir(parents=True)  # argostranslate's spaCy cache check: present, so no download
    env = dict(os.environ, ARGOS_CHUNK_TYPE="SPACY", HOME=str(installed["data"]))
    proc = subprocess.run(
        [sys.executable, "-c", ARGOS_SCRIPT],
        input=json.dumps(sentences),
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    theirs = json.loads(proc.stdout)
    # exact batching (no padding): bit for bit, every sentence
    ours = Engine(cache=False, options=DecodeOptions(batching="exact")).translate_texts(
        sentences, "de", "en", terms=[]
    )
    compared = [(s, o, t[1]) for s, o, t in zip(sentences, ours, theirs, strict=True) if t[0]]
    assert len(compared) >= 50
    mismatches = [(s, o, t) for s, o, t in compared if o != t]
    assert mismatches == []
    # padded batching (the fast default): the same decoding, so nearly every
    # sentence matches; padding may flip a random model's near-tie choices
    fast = Engine(cache=False).translate_texts(sentences, "de", "en", terms=[])
    agree = sum(f == t[1] for f, t in zip(fast, theirs, strict=True) if t[0])
    assert agree >= 0.8 * len(compared)
