"""Build an Argos Translate package from random weights.

No pretrained model can be downloaded where this project is developed and
tested, yet the engine, the model manager and the benchmark must run real
CTranslate2 decoding on a real ``.argosmodel``. This module builds one: a
Transformer with random weights (``ctranslate2.specs``), a SentencePiece
model trained on the project's own text, and a blank spaCy pipeline so that
argostranslate itself can split sentences offline (for the fidelity test and
the benchmark), all zipped with a top-level folder and ``metadata.json``
exactly like a package from the Argos index.

Two sizes: ``tiny`` (builds in about a second, for tests) and ``base``
(Transformer-base: 6+6 layers, d_model 512, 8 heads, 32k pieces; for
benchmarks). The translations are gibberish, but deterministic for a seed,
which is all decoding-equivalence and speed measurements need.

Usage: ``python -m translator.devtools.build_model OUT.argosmodel [--size base]``.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import shutil
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LANG_NAMES = {
    "de": "German",
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
}


@dataclass(frozen=True)
class Size:
    layers: int
    d_model: int
    heads: int
    ffn: int
    vocab: int
    #: pseudo-sentences added to the project text so SentencePiece can learn
    #: ``vocab`` pieces (the project alone has ~20k words)
    synthetic: int


SIZES = {
    "tiny": Size(layers=2, d_model=64, heads=4, ffn=128, vocab=1000, synthetic=0),
    "base": Size(layers=6, d_model=512, heads=8, ffn=2048, vocab=32000, synthetic=60000),
}


def project_lines() -> list[str]:
    """Non-empty lines of the project's prose and code: the tokenizer corpus."""
    suffixes = {".md", ".txt", ".py", ".html", ".tsv"}
    lines: list[str] = []
    for folder in ("examples", "docs", "glossaries", "translator", "README.md"):
        base = ROOT / folder
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.suffix in suffixes)
        for path in paths:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            lines.extend(line.strip() for line in text.splitlines() if line.strip())
    return lines or fixed_lines()


#: a small fixed corpus in the languages the tests use, with the markup
#: characters a translated document carries
FIXED = (
    "Der Bundestag hat am Donnerstag mit 412 Stimmen ein neues Gesetz beschlossen.",
    "The city council approved the budget of 2.5 million euros on Monday.",
    "Le Conseil fédéral a approuvé lundi 12 millions de francs pour la ville.",
    "Die Stadt hat den Katastrophenfall ausgerufen, der Pegel steigt weiter.",
    "« Nous sommes prêts », a déclaré la maire de Zurich (AFP).",
    '"We are ready," the mayor said on Tuesday, 3 May 2021.',
    "# Überschrift - [Link](https://example.org/a_b) | Zelle | `code` > Zitat",
    "Bild: AP/Müller; Foto: dpa. Photo: Reuters / Getty Images 50% 3:2 1.000,5",
)


def fixed_lines() -> list[str]:
    """A corpus that does not change with the project's files.

    The test suite builds its model from it, so that editing a docstring
    cannot change what the random model outputs and make a test pass or
    fail by chance; the Markov pseudo-sentences give SentencePiece enough
    distinct strings for the tiny vocabulary.
    """
    lines = list(FIXED) * 20
    return lines + synthetic_lines(lines, 3000, seed=1)


def synthetic_lines(lines: list[str], count: int, seed: int) -> list[str]:
    """Pseudo-words from a character Markov chain over the project's words.

    A 32k-piece vocabulary needs far more distinct strings than the project
    has; recombining its letter trigrams gives plausible word shapes.
    """
    if count <= 0:
        return []
    rng = random.Random(seed)
    chain: dict[str, list[str]] = defaultdict(list)
    for word in {w for line in lines for w in re.findall(r"\w+", line)}:
        padded = "^^" + word + "$"
        for i in range(len(padded) - 2):
            chain[padded[i : i + 2]].append(padded[i + 2])

    def word() -> str:
        state, out = "^^", []
        while len(out) < 14:
            ch = rng.choice(chain[state])
            if ch == "$":
                break
            out.append(ch)
            state = state[1] + ch
        return "".join(out)

    return [" ".join(word() for _ in range(12)) for _ in range(count)]


def train_sentencepiece(lines: list[str], vocab: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab,
        model_type="bpe",
        hard_vocab_limit=False,
        character_coverage=1.0,
        minloglevel=2,
        num_threads=2,
    )
    return model.getvalue()


def _fill(spec, vocab: int, size: Size, rng) -> None:  # noqa: ANN001 - ctranslate2 spec objects
    """Give every weight of a Transformer spec a random value of the right shape."""
    import numpy as np

    d, ff = size.d_model, size.ffn

    def normal(*shape: int, scale: float) -> np.ndarray:
        return rng.normal(0.0, scale, shape).astype(np.float32)

    def linear(lin, out_dim: int, in_dim: int) -> None:  # noqa: ANN001
        lin.weight = normal(out_dim, in_dim, scale=1.0 / np.sqrt(in_dim))
        lin.bias = normal(out_dim, scale=0.02)

    def norm(ln) -> None:  # noqa: ANN001
        ln.gamma = np.ones(d, dtype=np.float32)
        ln.beta = np.zeros(d, dtype=np.float32)

    def attention(att, self_attention: bool) -> None:  # noqa: ANN001
        norm(att.layer_norm)
        if self_attention:
            linear(att.linear[0], 3 * d, d)
            linear(att.linear[1], d, d)
        else:
            linear(att.linear[0], d, d)
            linear(att.linear[1], 2 * d, d)
            linear(att.linear[2], d, d)

    def ffn(block) -> None:  # noqa: ANN001
        norm(block.layer_norm)
        linear(block.linear_0, ff, d)
        linear(block.linear_1, d, ff)

    for stack in (spec.encoder, spec.decoder):
        embeddings = stack.embeddings if isinstance(stack.embeddings, list) else [stack.embeddings]
        for emb in embeddings:
            emb.weight = normal(vocab, d, scale=1.0 / np.sqrt(d))
        norm(stack.layer_norm)
        for layer in stack.layer:
            attention(layer.self_attention, True)
            if getattr(layer, "attention", None) is not None:
                attention(layer.attention, False)
            ffn(layer.ffn)
    spec.decoder.projection.weight = normal(vocab, d, scale=1.0 / np.sqrt(d))
    bias = normal(vocab, scale=0.5)
    # Random weights rarely choose end-of-sentence; a bias gives outputs of
    # varied, mostly sentence-like lengths instead of max-length loops.
    bias[2] = 1.7
    spec.decoder.projection.bias = bias


def build_model_dir(out: Path, pieces: list[str], size: Size, seed: int) -> None:
    """Save a random-weight CTranslate2 Transformer with vocabulary ``pieces``."""
    import numpy as np
    from ctranslate2.specs import transformer_spec

    spec = transformer_spec.TransformerSpec.from_config((size.layers, size.layers), size.heads)
    rng = np.random.default_rng(seed)
    _fill(spec, len(pieces), size, rng)
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    spec.optimize(quantization="int8")
    out.mkdir(parents=True, exist_ok=True)
    spec.save(str(out))


def build_package(
    out: str | Path,
    *,
    size: str = "tiny",
    from_code: str = "de",
    to_code: str = "en",
    version: str = "1.0",
    seed: int = 0,
    with_spacy: bool = True,
    target_prefix: str = "",
    corpus: Sequence[str] | None = None,
) -> Path:
    """Write ``out`` (an ``.argosmodel`` zip) and return its path.

    The tokenizer is trained on ``corpus`` (default: the project's own text,
    :func:`project_lines`; tests pass :func:`fixed_lines`)."""
    dims = SIZES[size]
    out = Path(out)
    name = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    with tempfile.TemporaryDirectory(prefix="argos-build-") as tmp:
        root = Path(tmp) / name
        root.mkdir()
        lines = list(corpus) if corpus is not None else project_lines()
        proto = train_sentencepiece(lines + synthetic_lines(lines, dims.synthetic, seed), dims.vocab)
        (root / "sentencepiece.model").write_bytes(proto)
        import sentencepiece as spm

        sp = spm.SentencePieceProcessor(model_proto=proto)
        pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        build_model_dir(root / "model", pieces, dims, seed)
        if with_spacy:
            import spacy

            spacy.blank("xx").to_disk(root / "spacy")
        metadata = {
            "package_version": version,
            "argos_version": "1.0",
            "from_code": from_code,
            "from_name": LANG_NAMES.get(from_code, from_code),
            "to_code": to_code,
            "to_name": LANG_NAMES.get(to_code, to_code),
            "type": "translate",
            "links": [],
        }
        if target_prefix:
            metadata["target_prefix"] = target_prefix
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text(
            f"Random-weight {size} test model ({from_code}->{to_code}); translations are gibberish.\n",
            encoding="utf-8",
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                zf.write(path, path.relative_to(Path(tmp)).as_posix())
        shutil.move(partial, out)
    return out


def relabel_package(
    source: str | Path, out: str | Path, *, from_code: str, to_code: str, version: str | None = None
) -> Path:
    """Copy a package with another language pair (and version) in its metadata.

    Building costs seconds; tests that need several pairs (pivots, version
    changes) reuse one set of weights under different labels.
    """
    source, out = Path(source), Path(out)
    with zipfile.ZipFile(source) as zin:
        names = zin.namelist()
        old_top = names[0].split("/")[0]
        meta = json.loads(zin.read(f"{old_top}/metadata.json"))
        meta.update(from_code=from_code, to_code=to_code)
        meta["from_name"] = LANG_NAMES.get(from_code, from_code)
        meta["to_name"] = LANG_NAMES.get(to_code, to_code)
        if version is not None:
            meta["package_version"] = version
        top = f"translate-{from_code}_{to_code}-{str(meta['package_version']).replace('.', '_')}"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for name in names:
                rest = name[len(old_top) :]
                data = json.dumps(meta, indent=2).encode() if rest == "/metadata.json" else zin.read(name)
                zout.writestr(top + rest, data)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the .argosmodel file to write")
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    parser.add_argument("--from", dest="from_code", default="de")
    parser.add_argument("--to", dest="to_code", default="en")
    parser.add_argument("--version", default="1.0")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    path = build_package(
        args.out,
        size=args.size,
        from_code=args.from_code,
        to_code=args.to_code,
        version=args.version,
        seed=args.seed,
    )
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
