"""wordfreq's small word lists, kept as JSON tables once read.

The names and residue checks and the restricted language identifier look
words up in wordfreq's "small" list of each language in play (about 30,000
words each). Importing wordfreq to read them costs about 0.1 CPU-s
(langcodes, ftfy and regex come with it), more than a two-sentence
comparison spends on anything else. So the first process that needs a
language's list reads it through wordfreq and keeps it as a JSON table
(:mod:`translator.diskcache`, keyed by wordfreq's own data file, so an
upgraded wordfreq is read afresh); later processes read the table back
without importing wordfreq. The table holds every word with its frequency
in wordfreq's order, and the list's top words as ``top_n_list`` gives them,
so every look-up answers exactly what wordfreq answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ..diskcache import cached, load_strings
from ..resources import package_data_dir

#: how many top words the table keeps (``function_words`` asks for 100)
TOP = 100

Table = tuple[dict[str, float], tuple[str, ...]]


@cache
def frequencies(lang: str) -> Mapping[str, float] | None:
    """wordfreq's ``get_frequency_dict(lang, "small")``, or None when
    wordfreq has no small list for ``lang``."""
    table = _table(lang)
    return None if table is None else table[0]


@cache
def top_words(lang: str, n: int = TOP) -> tuple[str, ...]:
    """wordfreq's ``top_n_list(lang, n, "small")`` (empty without a list).

    Up to :data:`TOP` words come from a table of their own: the function
    words of seven languages are asked by every process that reads a date
    (:func:`translator.lexicon.anchors.dates`), and reading seven whole
    lists for them cost about 0.2 CPU-s."""
    path = list_file(lang)
    if path is None:
        return ()
    if n <= TOP:
        return _top(lang, path)[:n]
    from wordfreq import top_n_list

    return tuple(top_n_list(lang, n, "small"))


@cache
def function_words(lang: str, n: int = TOP) -> frozenset[str]:
    """The ``n`` most frequent words of ``lang``: its function words."""
    return frozenset(top_words(lang, n))


def _top(lang: str, path: Path) -> tuple[str, ...]:
    """The small list's top :data:`TOP` words, as its table keeps them."""

    def build() -> list[str]:
        table = _table(lang)
        return list(table[1]) if table is not None else []

    return tuple(cached([path], f"wordfreq-top-{lang}", build, dump=list, load=load_strings))


@cache
def best_zipf(lang: str) -> Mapping[str, float]:
    """``zipf_frequency(word, lang, wordlist="best")`` of every word of
    ``lang``'s small list (empty without one), computed by wordfreq.

    The spelling check never reports a word this frequent, so with this
    table it knows a frequent word is no misspelling without loading a
    Hunspell dictionary (0.1 CPU-s each). Built once per language and
    wordfreq version (reading the large list: about 0.6 CPU-s), then read
    back from JSON."""
    small = list_file(lang)
    if small is None:
        return {}
    large = list_file(lang, "large")
    paths = [small, large] if large else [small]
    return cached(paths, f"wordfreq-zipf-{lang}", lambda: _build_zipf(lang), dump=_dump_zipf, load=_load_zipf)


def _table(lang: str) -> Table | None:
    path = list_file(lang)
    if path is None:
        return None
    return cached([path], f"wordfreq-small-{lang}", lambda: _build(lang), dump=_dump, load=_load)


def _data_dir() -> Path | None:
    """wordfreq's data folder, found without importing it."""
    return package_data_dir("wordfreq", "data")


def list_file(lang: str, size: str = "small") -> Path | None:
    """The file wordfreq reads for ``lang``'s ``size`` list: the language is
    one of wordfreq's ``available_languages(size)`` exactly when it exists
    (that function lists these files)."""
    folder = _data_dir()
    if folder is None or not (lang.isascii() and lang.isalpha()):
        return None
    path = folder / f"{size}_{lang}.msgpack.gz"
    return path if path.is_file() else None


def _build(lang: str) -> Table:
    from wordfreq import get_frequency_dict, top_n_list

    return get_frequency_dict(lang, "small"), tuple(top_n_list(lang, TOP, "small"))


def _dump(table: Table) -> dict[str, Any]:
    """Runs of words of one frequency, in wordfreq's order (a float per
    run, not per word: the table reads back three times faster)."""
    freqs, top = table
    runs: list[list[Any]] = []
    for word, freq in freqs.items():
        if runs and runs[-1][0] == freq:
            runs[-1][1].append(word)
        else:
            runs.append([freq, [word]])
    return {"runs": runs, "top": list(top)}


def _load(data: Any) -> Table:  # noqa: ANN401 - JSON
    """The table back from JSON; ``ValueError`` when it is not one (checked
    with ``map``, not a generator per word: it is read by every process)."""
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("runs"), list)
        or not isinstance(data.get("top"), list)
    ):
        raise ValueError("not a word list")
    freqs: dict[str, float] = {}
    for run in data["runs"]:
        freq, words = run
        if type(freq) is not float or not isinstance(words, list) or not set(map(type, words)) <= {str}:
            raise ValueError("not a word list")
        freqs.update(dict.fromkeys(words, freq))
    top = tuple(data["top"])
    if not set(map(type, top)) <= {str}:
        raise ValueError("not a word list")
    return freqs, top


def _build_zipf(lang: str) -> dict[str, float]:
    from wordfreq import zipf_frequency

    words = frequencies(lang) or {}
    return {word: zipf_frequency(word, lang, wordlist="best") for word in words}


@cache
def common_words(lang: str, minimum: float) -> frozenset[str] | None:
    """The words ``w`` of ``lang``'s largest list with
    ``word_frequency(w, lang) >= minimum``, as wordfreq itself answers it
    (None when wordfreq has no list for ``lang``).

    For a plain lower-case word (ASCII letters: wordfreq's tokenizer keeps
    it whole) membership here is that comparison's answer: a word the list
    lacks has frequency 0. Reading the list through wordfreq costs 0.4
    CPU-s a language, paid by every process that asks one word; this set is
    built once per wordfreq version and read back from JSON."""
    small = list_file(lang)
    if small is None:
        return None
    large = list_file(lang, "large")
    paths = [small, large] if large else [small]
    words = cached(
        paths,
        f"wordfreq-common-{lang}-{minimum!r}",
        lambda: _build_common(lang, minimum),
        dump=sorted,
        load=load_strings,
    )
    return frozenset(words)


def _build_common(lang: str, minimum: float) -> list[str]:
    from wordfreq import get_frequency_dict, word_frequency

    # the list's own values are rounded by word_frequency, so every word near
    # the bar is asked the way a caller would ask it
    table = get_frequency_dict(lang, "best")
    return [w for w, f in table.items() if f >= minimum * 0.9 and word_frequency(w, lang) >= minimum]


def _dump_zipf(table: dict[str, float]) -> list[list[Any]]:
    """Words grouped by their Zipf value (a few hundred distinct values)."""
    groups: dict[float, list[str]] = {}
    for word, zipf in table.items():
        groups.setdefault(zipf, []).append(word)
    return [[zipf, words] for zipf, words in groups.items()]


def _load_zipf(data: Any) -> dict[str, float]:  # noqa: ANN401 - JSON
    if not isinstance(data, list):
        raise ValueError("not a Zipf table")
    table: dict[str, float] = {}
    for zipf, words in data:
        if type(zipf) is not float or not isinstance(words, list) or not set(map(type, words)) <= {str}:
            raise ValueError("not a Zipf table")
        table.update(dict.fromkeys(words, zipf))
    return table
