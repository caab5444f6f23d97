"""The translation engine: Argos packages, decoded in batches by CTranslate2.

Why not ``argostranslate.translate``: importing it loads torch, spaCy and
stanza (~1.9 s, 320 MB) before the first sentence, it may download sentence
splitter models, and it decodes one paragraph at a time. Here only
``ctranslate2`` and ``sentencepiece`` are imported (~0.05 s); sentences come
already split by our own segmenter; every sentence of a job goes through
``Translator.translate_batch``, sorted and batched by token length, the
batches decoded in parallel with the threads split for the machine; each
package is loaded once per process.

Two batching policies (``DecodeOptions.batching``):

- ``padded`` (default): sentences sorted by token length and cut into
  batches of up to ``PADDED_BATCH_SIZE`` sentences, so each batch pads its
  sentences to nearly the same length. This is how CTranslate2 is meant to
  be driven and what makes decoding fast: a beam of 4 over one sentence
  keeps the CPU's matrix units mostly idle.
- ``exact``: batches hold sentences of exactly one token length (no
  padding at all). Padding is masked, so it does not change the maths, but
  it changes the shapes CTranslate2's int8 kernels work on and with them
  the float rounding; a model whose next-token scores are near ties (an
  untrained, random-weight model is nothing but near ties) can then pick a
  different token. argostranslate decodes one sentence at a time, so only
  unpadded batches reproduce its output bit for bit on *any* model.
  ``benchmarks/translate_speed.py`` measures both policies and how often
  padding changes the output of its random model.

Everything else is argostranslate's for the same package and sentence:
same tokenizer calls, the same decoding options (beam size 4 or
``ARGOS_BEAM_SIZE``, length penalty 0.2, ``replace_unknowns``, target
prefix, CTranslate2's default length limit) and the same detokenisation
(``decode_pieces``, then ``▁`` and ``_`` to spaces, prefix and one leading
space removed). ``tests/test_translate_fidelity.py`` pins this down under
both policies.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import ModelError
from ..lexicon.terms import Term
from .cache import TranslationCache, cache_key
from .packages import InstalledPackage, find_route, install_hint, package_problem
from .protect import TermMatcher, restore

#: most sentences per CTranslate2 batch (``exact``: all of one token length)
MAX_BATCH_SIZE = 16
#: most sentences per length-sorted batch (``padded``); more rows per matrix
#: product amortise reading the weights, up to the point where padding waste
#: and too few batches to keep every inter-thread busy cost more
PADDED_BATCH_SIZE = 16
BATCHING = ("padded", "exact")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip().lstrip("-").isdigit() else default


@dataclass(frozen=True)
class DecodeOptions:
    """The decoding settings; argostranslate's unless overridden.

    ``max_decoding_length`` is CTranslate2's default (argostranslate does
    not set it); the benchmark lowers it for all engines alike.
    """

    beam_size: int = 4
    length_penalty: float = 0.2
    max_decoding_length: int = 256
    replace_unknowns: bool = True
    #: ``padded`` (fast) or ``exact`` (no padding; see the module docstring)
    batching: str = "padded"

    def __post_init__(self) -> None:
        if self.batching not in BATCHING:
            raise ValueError(f"batching must be one of {', '.join(BATCHING)}, not {self.batching!r}")

    @classmethod
    def from_env(cls, **overrides: Any) -> DecodeOptions:
        """Honour ``ARGOS_BEAM_SIZE`` as argostranslate does, and
        ``TRANSLATOR_BATCHING`` (``padded``/``exact``)."""
        values: dict[str, Any] = {"beam_size": max(1, _env_int("ARGOS_BEAM_SIZE", 4))}
        batching = os.environ.get("TRANSLATOR_BATCHING", "").strip().lower()
        if batching in BATCHING:
            values["batching"] = batching
        values.update(overrides)
        return cls(**values)

    def key(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


def thread_plan(cores: int | None = None) -> tuple[int, int]:
    """(inter_threads, intra_threads): parallel batches first, one core each.

    On a few cores, batches decoded side by side beat one batch spread over
    all cores (measured in ``benchmarks/translate_speed.py``).
    """
    if cores is None:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            cores = os.cpu_count() or 1
    inter = max(1, min(cores, 4))
    intra = max(1, cores // inter)
    return _env_int("TRANSLATOR_INTER_THREADS", inter), _env_int("TRANSLATOR_INTRA_THREADS", intra)


class LoadedPackage:
    """A package's CTranslate2 translator and SentencePiece processor."""

    def __init__(self, pkg: InstalledPackage) -> None:
        problem = package_problem(pkg)
        if problem:
            raise ModelError(f"{pkg.path}: {problem}")
        import ctranslate2
        import sentencepiece as spm

        self.pkg = pkg
        inter, intra = thread_plan()
        try:
            self.translator = ctranslate2.Translator(
                str(pkg.path / "model"),
                device=os.environ.get("ARGOS_DEVICE_TYPE", "cpu"),
                compute_type=os.environ.get("ARGOS_COMPUTE_TYPE", "auto"),
                inter_threads=inter,
                intra_threads=intra,
            )
            self.sp = spm.SentencePieceProcessor(model_file=str(pkg.path / "sentencepiece.model"))
        except (RuntimeError, OSError, ValueError) as exc:
            raise ModelError(f"{pkg.path}: cannot load the model ({exc})") from None

    def encode(self, text: str) -> list[str]:
        return self.sp.encode(text, out_type=str)

    def decode(self, tokens: list[str]) -> str:
        """Argos's detokenisation, exactly (including ``_`` to space)."""
        value = self.sp.decode_pieces(tokens).replace("▁", " ").replace("_", " ")
        prefix = self.pkg.target_prefix
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        if value.startswith(" "):
            value = value[1:]
        return value

    def translate(
        self,
        texts: Sequence[str],
        options: DecodeOptions,
        on_progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        """Translate sentences; output order = input order."""
        results: list[str] = [""] * len(texts)
        tokenized = [(i, self.encode(t)) for i, t in enumerate(texts) if t.strip()]
        empty = len(texts) - len(tokenized)
        if on_progress and empty:
            on_progress(empty)
        # The batches are submitted asynchronously and decoded in parallel
        # (inter_threads); see the module docstring for the two policies.
        batches = make_batches(tokenized, options.batching)
        prefix = self.pkg.target_prefix
        pending = [
            self.translator.translate_batch(
                [tokens for _, tokens in batch],
                target_prefix=[[prefix]] * len(batch) if prefix else None,
                beam_size=options.beam_size,
                num_hypotheses=1,
                length_penalty=options.length_penalty,
                max_decoding_length=options.max_decoding_length,
                replace_unknowns=options.replace_unknowns,
                asynchronous=True,
            )
            for batch in batches
        ]
        for batch, futures in zip(batches, pending, strict=True):
            for (i, _), future in zip(batch, futures, strict=True):
                results[i] = self.decode(future.result().hypotheses[0])
            if on_progress:
                on_progress(len(batch))
        return results


def make_batches(tokenized: list[tuple[int, list[str]]], batching: str) -> list[list[tuple[int, list[str]]]]:
    """Sort ``(index, tokens)`` by length and cut into batches.

    ``exact``: a batch never mixes token lengths. ``padded``: runs of
    ``PADDED_BATCH_SIZE`` neighbours in length order.
    """
    ordered = sorted(tokenized, key=lambda item: len(item[1]))
    if batching == "padded":
        return [ordered[k : k + PADDED_BATCH_SIZE] for k in range(0, len(ordered), PADDED_BATCH_SIZE)]
    batches: list[list[tuple[int, list[str]]]] = []
    for item in ordered:
        last = batches[-1] if batches else None
        if last and len(last) < MAX_BATCH_SIZE and len(last[0][1]) == len(item[1]):
            last.append(item)
        else:
            batches.append([item])
    return batches


_LOADED: dict[str, LoadedPackage] = {}
_LOCK = threading.Lock()


def load_package(pkg: InstalledPackage) -> LoadedPackage:
    """The loaded package, created at most once per process."""
    key = str(pkg.path.resolve())
    with _LOCK:
        loaded = _LOADED.get(key)
        if loaded is None or loaded.pkg != pkg:
            loaded = _LOADED[key] = LoadedPackage(pkg)
        return loaded


@dataclass
class SentenceResult:
    """One translated sentence and what glossary protection saw."""

    text: str
    translation: str
    protected: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


@dataclass
class EngineStats:
    sentences: int = 0
    decoded: int = 0
    cached: int = 0


class Engine:
    """Translate sentences between two languages with installed packages.

    ``terms``: glossary terms to protect (see :mod:`.protect`); ``None``
    loads the bundled and user glossaries for the pair.
    """

    def __init__(
        self,
        *,
        cache: TranslationCache | None | bool = True,
        options: DecodeOptions | None = None,
        packages: list[InstalledPackage] | None = None,
    ) -> None:
        self.cache = TranslationCache() if cache is True else (cache or None)
        self.options = options or DecodeOptions.from_env()
        self._packages = packages
        self.stats = EngineStats()

    def route(self, from_code: str, to_code: str) -> list[InstalledPackage]:
        route = find_route(from_code, to_code, self._packages)
        if route is None:
            raise ModelError(install_hint(from_code, to_code))
        return route

    def translate(
        self,
        texts: Sequence[str],
        from_code: str,
        to_code: str,
        *,
        terms: Sequence[Term] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> list[SentenceResult]:
        """Translate every sentence; identical sentences are decoded once."""
        route = self.route(from_code, to_code)
        if terms is None:
            from ..lexicon.terms import load_terms

            terms = load_terms(from_code, to_code)
        matcher = TermMatcher(terms)
        protected = [matcher.protect(t) for t in texts]
        self.stats.sentences += len(texts)
        if not route:
            return [SentenceResult(t, t) for t in texts]
        chain = "|".join(p.id for p in route)
        opts = self.options.key()
        unique = list(dict.fromkeys(p.text for p in protected))
        keys = {t: cache_key(chain, opts, t) for t in unique}
        hits = self.cache.get_many(keys.values()) if self.cache else {}
        outputs = {t: hits[keys[t]] for t in unique if keys[t] in hits}
        todo = [t for t in unique if t not in outputs]
        self.stats.cached += len(unique) - len(todo)
        if on_progress and len(unique) > len(todo):
            on_progress(len(unique) - len(todo))
        if todo:
            current = todo
            for n, pkg in enumerate(route):
                last = n == len(route) - 1
                current = load_package(pkg).translate(current, self.options, on_progress if last else None)
            self.stats.decoded += len(todo)
            fresh = dict(zip(todo, current, strict=True))
            outputs.update(fresh)
            if self.cache:
                self.cache.put_many({keys[t]: out for t, out in fresh.items()})
        results = []
        for source, prot in zip(texts, protected, strict=True):
            text, lost = restore(outputs[prot.text], prot)
            results.append(SentenceResult(source, text, prot.terms, lost))
        return results

    def translate_texts(self, texts: Sequence[str], from_code: str, to_code: str, **kwargs: Any) -> list[str]:
        return [r.translation for r in self.translate(texts, from_code, to_code, **kwargs)]
