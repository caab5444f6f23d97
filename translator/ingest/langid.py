"""Language identification: langdetect made deterministic, and a fast
restricted detector for short text.

Two entry points:

- :func:`detect` is langdetect itself, seeded so reports do not flap
  (langdetect samples n-grams randomly). With ``candidates`` its full
  probability vector — not the thresholded list ``get_probabilities``
  returns — is restricted to those languages and renormalised, so German vs
  English on two words still gets an answer.
- :func:`identify` is the project's detector for residue checks, built for
  the case langdetect is weakest at: one or two words, thousands of lines.
  It scores each word against the candidate languages only, from three
  sources of evidence:

  1. word frequencies (the ``wordfreq`` lists: how often the word occurs in
     each language — the strongest evidence for a single known word; the
     top of each list doubles as the language's function words);
  2. character n-grams of words no list knows (langdetect's own 1-3-gram
     profiles, scored as naive Bayes without random sampling: long German
     compounds are unknown words but unmistakable n-grams);
  3. orthography: a letter langdetect's profile of a language never saw
     (``ä ö ü ß`` for English) is strong evidence against that language.

  An optional prior (the document's language, neighbouring lines) is added
  by the caller's context. Word scores are cached, so a document or a
  benchmark of thousands of items costs dictionary look-ups.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ..lexicon.wordlists import frequencies
from .languages import primary_language

SEED = 0

#: floor frequency for a word a list does not know (below every list entry)
_FLOOR = 1e-8
#: cap on how much one word can move the scores (a single word is never proof)
_WORD_CAP = 7.0
#: weight of the n-gram model relative to word frequencies
_NGRAM_WEIGHT = 0.5
#: a compound of two known words is rarer than either part
_COMPOUND_FACTOR = 0.01
#: penalty for a letter a language's profile never saw
_ORTHOGRAPHY_PENALTY = 6.0

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass
class LangGuess:
    lang: str | None
    confidence: float
    #: full probability distribution (language codes -> probability)
    probabilities: dict[str, float]


_loaded = False


def _ensure_loaded() -> None:
    """Install langdetect's factory once per process, with a lazy n-gram table.

    ``init_factory`` builds a 55-wide probability row for each of the
    184,000 n-grams of every profile before the first call (0.3 CPU-s, most
    of a short comparison's start-up); a detection reads a few hundred of
    them. The profiles are read as langdetect reads them (same files, same
    order, same arithmetic) and each row is built the first time it is
    asked for, so every probability is the one ``init_factory`` computes.
    """
    global _loaded
    if not _loaded:
        from langdetect import DetectorFactory, detector_factory

        DetectorFactory.seed = SEED
        if detector_factory._factory is None:
            factory = DetectorFactory()
            factory.langlist, factory.word_lang_prob_map = _packed_profiles(
                detector_factory.PROFILES_DIRECTORY
            )
            detector_factory._factory = factory
        _loaded = True


class NgramTable(Mapping[str, list[float]]):
    """langdetect's ``word_lang_prob_map``, each row built on first use.

    ``profiles`` holds each language's n-gram counts and per-length totals,
    in langdetect's language order; ``width`` is its row length (the number
    of files in the profile folder, as ``load_profile`` counts them).
    """

    def __init__(self, profiles: Sequence[tuple[Mapping[str, int], Sequence[int]]], width: int) -> None:
        self._profiles = profiles
        self._width = width
        self._rows: dict[str, list[float] | None] = {}

    def _row(self, gram: str) -> list[float] | None:
        try:
            return self._rows[gram]
        except KeyError:
            pass
        row: list[float] | None = None
        length = len(gram)
        for index, (freq, n_words) in enumerate(self._profiles):
            count = freq.get(gram)
            if count is None:
                continue
            if row is None:
                row = [0.0] * self._width
            if 1 <= length <= 3:
                row[index] = 1.0 * count / n_words[length - 1]
        self._rows[gram] = row
        return row

    def __contains__(self, gram: object) -> bool:
        return isinstance(gram, str) and self._row(gram) is not None

    def __getitem__(self, gram: str) -> list[float]:
        row = self._row(gram)
        if row is None:
            raise KeyError(gram)
        return row

    def get(self, gram: str, default: Any = None) -> Any:  # type: ignore[override]
        row = self._row(gram)
        return default if row is None else row

    def __iter__(self) -> Iterator[str]:
        seen: dict[str, None] = {}
        for freq, _ in self._profiles:
            seen.update(dict.fromkeys(freq))
        return iter(seen)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _lazy_profiles(folder: str) -> tuple[list[str], NgramTable]:
    """langdetect's language list and a lazy :class:`NgramTable`, read from
    ``folder`` exactly as ``DetectorFactory.load_profile`` reads it."""
    import json
    import os

    files = os.listdir(folder)
    langs: list[str] = []
    profiles: list[tuple[Mapping[str, int], Sequence[int]]] = []
    for name in files:
        path = os.path.join(folder, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        langs.append(data["name"])
        profiles.append((data["freq"], data["n_words"]))
    return langs, NgramTable(profiles, len(files))


class PackedNgramTable(NgramTable):
    """The same table, read from one packed JSON file instead of 55.

    langdetect's 55 profile files (2.3 MB of JSON, 184,000 counts) cost a
    short comparison about 40 CPU-ms to parse. Packed, the distinct n-grams
    are one sorted string list and each one's (language, count) entries two
    arrays, so reading them is a split and two ``frombytes``; a row is
    built on first use from the same counts with the same arithmetic as
    :class:`NgramTable` (the tests hold every row equal).
    """

    def __init__(self, packed: _Packed, width: int) -> None:
        super().__init__((), width)
        self._packed = packed

    def _row(self, gram: str) -> list[float] | None:
        try:
            return self._rows[gram]
        except KeyError:
            pass
        p = self._packed
        k = bisect_left(p.grams, gram)
        row: list[float] | None = None
        if k < len(p.grams) and p.grams[k] == gram:
            row = [0.0] * self._width
            length = len(gram)
            if 1 <= length <= 3:
                for e in range(p.offsets[k], p.offsets[k + 1]):
                    index = p.langs[e]
                    row[index] = 1.0 * p.counts[e] / p.n_words[index][length - 1]
        self._rows[gram] = row
        return row

    def __iter__(self) -> Iterator[str]:
        # first-seen order, as langdetect's dict has it: rare, read the files
        return iter(_lazy_profiles(self._packed.folder)[1])

    def __len__(self) -> int:
        return len(self._packed.grams)


@dataclass
class _Packed:
    """langdetect's profiles in one table (see :class:`PackedNgramTable`)."""

    folder: str
    files: list[str]
    langs_order: list[str]
    n_words: list[list[int]]
    grams: list[str]
    offsets: array
    langs: array
    counts: array


def _packed_profiles(folder: str) -> tuple[list[str], NgramTable]:
    """:func:`_lazy_profiles`, read from the packed table kept in the cache
    folder (:mod:`translator.diskcache`, keyed by every profile file's
    name, size and modification time); rebuilt when langdetect's folder
    lists its files in another order, since that order is langdetect's
    language order."""
    import os
    from pathlib import Path

    from ..diskcache import cached

    files = os.listdir(folder)
    paths = [Path(folder, name) for name in files]
    try:
        packed = cached(
            paths, "langdetect-profiles", lambda: _pack(folder, files), dump=_dump_packed, load=_load_packed
        )
    except OSError:
        return _lazy_profiles(folder)
    if packed is None or packed.files != files:
        return _lazy_profiles(folder)
    packed.folder = folder
    return list(packed.langs_order), PackedNgramTable(packed, len(files))


def _pack(folder: str, files: list[str]) -> _Packed | None:
    langs, table = _lazy_profiles(folder)
    entries: dict[str, list[tuple[int, int]]] = {}
    n_words = []
    for index, (freq, words) in enumerate(table._profiles):
        n_words.append(list(words))
        for gram, count in freq.items():
            entries.setdefault(gram, []).append((index, count))
    grams = sorted(entries)
    if any("\n" in g for g in grams) or not all(type(c) is int and 0 <= c < 2**32 for _, c in _flat(entries)):
        return None  # not what a packed table holds: read the files
    offsets, lang_of, counts = array("I", [0]), array("B"), array("I")
    for gram in grams:
        for index, count in entries[gram]:
            lang_of.append(index)
            counts.append(count)
        offsets.append(len(counts))
    return _Packed(folder, files, langs, n_words, grams, offsets, lang_of, counts)


def _flat(entries: dict[str, list[tuple[int, int]]]) -> Iterator[tuple[int, int]]:
    for items in entries.values():
        yield from items


def _dump_packed(packed: _Packed | None) -> Any:  # noqa: ANN401 - JSON
    import base64
    import sys

    if packed is None:
        return None
    return {
        "files": packed.files,
        "langs": packed.langs_order,
        "n_words": packed.n_words,
        "grams": "\n".join(packed.grams),
        "byteorder": sys.byteorder,
        **{
            name: [arr.typecode, arr.itemsize, base64.b64encode(arr.tobytes()).decode("ascii")]
            for name, arr in (
                ("offsets", packed.offsets),
                ("lang_of", packed.langs),
                ("counts", packed.counts),
            )
        },
    }


def _load_packed(data: Any) -> _Packed | None:  # noqa: ANN401 - JSON
    """The packed table back from JSON; ``ValueError`` when it is not one."""
    import base64
    import sys

    if data is None:
        return None
    if not isinstance(data, dict) or data.get("byteorder") != sys.byteorder:
        raise ValueError("not a packed profile table")
    arrays = []
    for name, expected in (("offsets", "I"), ("lang_of", "B"), ("counts", "I")):
        typecode, itemsize, raw = data[name]
        if typecode != expected:
            raise ValueError("not a packed profile table")
        arr = array(typecode)
        if arr.itemsize != itemsize:
            raise ValueError("not a packed profile table")
        arr.frombytes(base64.b64decode(raw, validate=True))
        arrays.append(arr)
    offsets, lang_of, counts = arrays
    if not isinstance(data["grams"], str):
        raise ValueError("not a packed profile table")
    grams = data["grams"].split("\n")
    files, langs, n_words = data["files"], data["langs"], data["n_words"]
    width = len(langs)
    # cheap structural checks (a damaged table must fail here, not in a
    # detection); the sort order is trusted: the file is private and JSON
    if (
        not isinstance(files, list)
        or not isinstance(langs, list)
        or len(n_words) != width
        or not all(isinstance(w, list) and len(w) == 3 and set(map(type, w)) <= {int} for w in n_words)
        or len(offsets) != len(grams) + 1
        or offsets[-1] != len(counts)
        or len(counts) != len(lang_of)
        or (len(lang_of) and max(lang_of.tobytes()) >= width)
    ):
        raise ValueError("not a packed profile table")
    return _Packed("", files, langs, n_words, grams, offsets, lang_of, counts)


def normalise_code(code: str | None) -> str | None:
    """langdetect says ``zh-cn``; everyone else says ``zh``."""
    return None if code is None else primary_language(code)


def detect(text: str, candidates: Iterable[str] | None = None) -> LangGuess:
    """Guess the language of ``text`` with langdetect.

    With ``candidates`` the distribution is restricted to those languages and
    renormalised, which is what a caller that knows the languages in play
    wants (German vs English, not German vs Afrikaans).
    """
    if not any(ch.isalpha() for ch in text):
        return LangGuess(None, 0.0, {})
    if len(text) <= _CACHED_TEXT:
        probs = _langdetect_cached(text, candidates is None)
    else:
        probs = _langdetect(text, candidates is None)
    if probs is None:
        return LangGuess(None, 0.0, {})
    dist: dict[str, float] = {}
    for lang, prob in probs:
        code = normalise_code(lang)
        if code:
            dist[code] = dist.get(code, 0.0) + prob
    if candidates is not None:
        wanted = {normalise_code(c) for c in candidates}
        dist = {k: v for k, v in dist.items() if k in wanted}
        total = sum(dist.values())
        if total <= 0:
            return LangGuess(None, 0.0, {})
        dist = {k: v / total for k, v in dist.items()}
    if not dist:
        return LangGuess(None, 0.0, {})
    lang, conf = max(dist.items(), key=lambda kv: kv[1])
    return LangGuess(lang, round(conf, 4), dist)


#: texts up to this length have their langdetect result cached
_CACHED_TEXT = 20_000


def _langdetect(text: str, thresholded: bool) -> tuple[tuple[str, float], ...] | None:
    """langdetect's (language, probability) pairs for ``text``, or None when
    it finds no features. ``thresholded``: get_probabilities()'s list, which
    drops languages under 10 %; else the whole vector."""
    _ensure_loaded()
    from langdetect import detector_factory
    from langdetect.lang_detect_exception import LangDetectException

    factory = detector_factory._factory
    detector = factory.create()
    detector.append(text)
    try:
        if thresholded:
            return tuple((item.lang, item.prob) for item in detector.get_probabilities())
        # the unthresholded vector: get_probabilities() drops every
        # language under 10 %, which loses both candidates on short text
        detector._detect_block()
        return tuple(zip(factory.langlist, detector.langprob, strict=True))
    except LangDetectException:
        return None


#: langdetect is seeded per call, so its answer is a function of the text:
#: a paragraph that two versions share (most of them, between an article
#: and its edited version) or that a batch's articles repeat is detected
#: once. At ~13 ms a call, detection was the largest cost of a big compare.
_langdetect_cached = lru_cache(maxsize=4096)(_langdetect)


#: wordfreq's word list for a language (None when it has none), read from
#: its JSON table when cached (:mod:`translator.lexicon.wordlists`)
_frequencies = frequencies


def _profile_index(lang: str) -> int | None:
    langlist = _profile_codes()
    return langlist.index(lang) if lang in langlist else None


@cache
def _profile_codes() -> tuple[str | None, ...]:
    _ensure_loaded()
    from langdetect import detector_factory

    return tuple(normalise_code(code) for code in detector_factory._factory.langlist)


def profile_languages() -> frozenset[str]:
    """The languages langdetect has a profile for (normalised codes)."""
    return frozenset(code for code in _profile_codes() if code)


def tokens(text: str) -> list[str]:
    """The words of ``text`` as the fast detector reads them (letters, with
    an inner apostrophe; digits and punctuation are no evidence)."""
    return _WORD.findall(text)


class _WordTable:
    """Per-candidate word-list frequencies of a word (0.0 where a list does
    not know it), or None when no list does. Not memoised: callers cache
    per word (:meth:`Identifier.word_scores`), and the compound splitter's
    look-ups of word parts would only fill memory."""

    def __init__(self, freqs: Sequence[Mapping[str, float]]) -> None:
        self._freqs = freqs

    def get(self, word: str) -> tuple[float, ...] | None:
        row = tuple(f.get(word, 0.0) for f in self._freqs)
        return row if any(row) else None


class Identifier:
    """The project's detector for one fixed set of candidate languages."""

    def __init__(self, candidates: Sequence[str]) -> None:
        _ensure_loaded()
        from langdetect import detector_factory

        self.candidates = tuple(dict.fromkeys(c for c in (normalise_code(x) for x in candidates) if c))
        if not self.candidates:
            raise ValueError("at least one candidate language is needed")
        self._profiles = detector_factory._factory.word_lang_prob_map
        self._index = [_profile_index(c) for c in self.candidates]
        freqs = [_frequencies(c) for c in self.candidates]
        # word lists only help when every candidate has one (else unfair);
        # a word's row across the lists is built when first looked up (and
        # kept): merging the lists up front cost more than a short document
        self._table: _WordTable | None = None
        if all(f is not None for f in freqs):
            self._table = _WordTable(freqs)  # type: ignore[arg-type]
        self._ngram_cache: dict[str, tuple[float, ...] | None] = {}
        #: candidates this detector knows nothing about (no profile, no word
        #: list): any comparison with them would be meaningless
        self.unsupported = tuple(
            c for c, i, f in zip(self.candidates, self._index, freqs, strict=True) if i is None and f is None
        )
        self.word_scores = lru_cache(maxsize=200_000)(self._word_scores)

    def _ngram(self, gram: str) -> tuple[float, ...] | None:
        """Log-probabilities of one n-gram per candidate (cached)."""
        cached = self._ngram_cache.get(gram, ())
        if cached != ():
            return cached  # type: ignore[return-value]
        probs = self._profiles.get(gram)
        value = None
        if probs:
            value = tuple(math.log((probs[i] if i is not None else 0.0) + 1e-7) for i in self._index)
        self._ngram_cache[gram] = value
        return value

    def _ngram_scores(self, word: str) -> list[float]:
        padded = f" {word} "
        scores = [0.0] * len(self.candidates)
        for n in (1, 2, 3):
            for i in range(len(padded) - n + 1):
                logs = self._ngram(padded[i : i + n])
                if logs is not None:
                    for k, value in enumerate(logs):
                        scores[k] += value
        return scores

    def _orthography(self, word: str) -> list[float]:
        """Penalty per candidate for letters its profile never saw."""
        penalties = [0.0] * len(self.candidates)
        for ch in set(word):
            if ch.isascii():
                continue
            probs = self._profiles.get(ch)
            if not probs:
                continue
            seen = [probs[idx] > 0 if idx is not None else False for idx in self._index]
            if any(seen):
                for k, ok in enumerate(seen):
                    if not ok:
                        penalties[k] -= _ORTHOGRAPHY_PENALTY
        return penalties

    def _lookup(self, word: str) -> list[float] | None:
        """Word-list frequencies of ``word`` per candidate, or None when no
        list knows it. An unknown word that splits into two known words of
        one language (``video|programmen``, ``katastrophen|fall``; German
        link ``s`` allowed) counts as a rarer word of that language:
        compounds are how German and Dutch make new words."""
        table = self._table
        if table is None:
            return None
        freqs = table.get(word)
        if freqs is not None:
            return list(freqs)
        if len(word) < 7:
            return None
        best = [0.0] * len(self.candidates)
        for i in range(3, len(word) - 2):
            tail = table.get(word[i:])
            if tail is None:
                continue
            head = word[:i]
            f_head = table.get(head)
            if f_head is None and head.endswith("s"):
                f_head = table.get(head[:-1])
            if f_head is None:
                continue
            for k in range(len(best)):
                if f_head[k] and tail[k]:
                    best[k] = max(best[k], min(f_head[k], tail[k]) * _COMPOUND_FACTOR)
        return best if any(best) else None

    def frequencies(self, word: str) -> list[float] | None:
        """Per-candidate word-list frequencies of ``word`` (casefolded; a
        compound counts as a rarer word), or None when no list knows it."""
        return self._lookup(word)

    def known(self, word: str) -> bool:
        """Whether any candidate's word list knows ``word`` (casefolded)."""
        return self._lookup(word) is not None

    def _word_scores(self, word: str) -> tuple[float, ...]:
        """Log-likelihood of ``word`` (casefolded) per candidate, capped."""
        scores: list[float]
        known = self._lookup(word)
        if known is not None:
            scores = [math.log(max(f, _FLOOR)) for f in known]
        else:
            scores = [s * _NGRAM_WEIGHT for s in self._ngram_scores(word)]
        for k, pen in enumerate(self._orthography(word)):
            scores[k] += pen
        top = max(scores)
        return tuple(max(s, top - _WORD_CAP) for s in scores)

    def scores(self, text: str) -> list[float] | None:
        """Summed word log-likelihoods per candidate; None without words."""
        words = tokens(text)
        if not words:
            return None
        total = [0.0] * len(self.candidates)
        for word in words:
            for k, s in enumerate(self.word_scores(word.casefold())):
                total[k] += s
        return total

    def identify(self, text: str, prior: Mapping[str, float] | None = None) -> LangGuess:
        """The most likely candidate for ``text``; ``prior`` maps language to
        probability (e.g. the document's language at 0.8)."""
        total = self.scores(text)
        if total is None:
            return LangGuess(None, 0.0, {})
        return combine(self.candidates, total, prior)


def combine(
    candidates: Sequence[str], logits: Sequence[float], prior: Mapping[str, float] | None = None
) -> LangGuess:
    """Turn summed log-likelihoods (plus an optional prior) into a guess."""
    if prior:
        logits = [
            s + math.log(max(prior.get(lang, 0.0), 1e-6)) for lang, s in zip(candidates, logits, strict=True)
        ]
    return _guess(candidates, logits)


def _guess(candidates: Sequence[str], logits: Sequence[float]) -> LangGuess:
    top = max(logits)
    exp = [math.exp(s - top) for s in logits]
    z = sum(exp)
    dist = {lang: e / z for lang, e in zip(candidates, exp, strict=True)}
    lang = max(dist, key=lambda k: dist[k])
    return LangGuess(lang, round(dist[lang], 4), dist)


@lru_cache(maxsize=32)
def identifier(candidates: tuple[str, ...]) -> Identifier:
    """One shared :class:`Identifier` per candidate set (word cache included)."""
    return Identifier(candidates)


def identify(text: str, candidates: Iterable[str], prior: Mapping[str, float] | None = None) -> LangGuess:
    """The project's fast detector restricted to ``candidates`` (see module doc)."""
    key = tuple(sorted({c for c in (normalise_code(x) for x in candidates) if c}))
    if not key:
        return LangGuess(None, 0.0, {})
    return identifier(key).identify(text, prior)
