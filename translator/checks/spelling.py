"""Spelling, with the Hunspell dictionaries a system installs.

Debian's ``hunspell-en-us``, ``hunspell-de-de``, ``hunspell-fr``,
``hunspell-es`` … put ``xx_YY.aff``/``.dic`` pairs in
``/usr/share/hunspell``; they are read through chunspell (MIT, a binding of
the Hunspell C++ library, itself MPL/LGPL). spylls, the pure-Python port,
gives the same verdicts but loads a dictionary 8-12× slower and checks
words 3-7× slower (see ``docs/checks.md``).

Precision matters more than recall here, so a word is a spelling mistake
only when all of these hold:

- Hunspell rejects it, and it is not a compound of words Hunspell accepts
  (German *Grünstreifenpflege*, through :mod:`translator.align.compounds`);
- it is written in lower case: a capitalised word is a name, an acronym or
  (in German) a noun, and names are not spelling errors;
- it has no digit next to it and is not part of a URL or an address;
- the other side of the aligned pair does not contain it (names and terms
  are copied, whatever their case);
- no glossary term of the pair contains it;
- wordfreq does not know it as a common word of the language (Zipf
  frequency in its largest list under ``known_zipf``, default 3.0);
- it looks like a typing slip: a word Hunspell accepts is within
  ``max_edits`` edits (default 1; *reprot* → *report*, *publishd* →
  *published*) and at least ``gap`` (2.5) more frequent on wordfreq's Zipf
  scale (*goverment* 2.7, *government* 5.6). A word whose neighbours are
  far away (*rekonvaleszentes*) or about as rare (*umschlugen* /
  *umschlagen*) is a gap in the dictionary, which lags behind usage. The
  neighbours come from wordfreq's list, not from Hunspell's suggestions,
  whose time limit made the answer depend on the machine's load.

Without a dictionary for a version's language the check is off for it;
``translator doctor`` says which languages have one. Options: ``paths``
(folders to look for dictionaries in, instead of the system's),
``min_length`` (3).
"""

from __future__ import annotations

import math
import os
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..lexicon.wordlists import best_zipf
from ..model import Finding, Severity
from .base import CheckContext

#: where Debian and Fedora put Hunspell dictionaries; ``$TRANSLATOR_HUNSPELL_SYSTEM_PATH``
#: (os.pathsep-separated, empty for none) replaces them, as ``TRANSLATOR_DICTD_DIR``
#: replaces /usr/share/dictd, so a test or a pinned CI job sees only the
#: dictionaries it names, not whatever the machine happens to have installed
SYSTEM_PATHS = (
    "/usr/share/hunspell",
    "/usr/share/myspell/dicts",
    "/usr/share/myspell",
)
#: which regional dictionary stands for a bare language code
PREFERRED = {
    "en": "en_US",
    "de": "de_DE",
    "fr": "fr_FR",
    "es": "es_ES",
    "it": "it_IT",
    "pt": "pt_PT",
    "nl": "nl_NL",
}
_WORD = re.compile(r"(?<![\w@./:-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w@/-]|\.\w)")
#: addresses and placeholders ({name}, ${x}, %(x)s) are not words
_ADDRESS = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+|\{[^{}\n]*\}|%\([^)\s]*\)")


def _split(value: str) -> list[Path]:
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p]


def search_paths(paths: Sequence[str] | None = None) -> list[Path]:
    """Folders searched for dictionaries: ``paths`` when given, else
    ``$TRANSLATOR_HUNSPELL_PATH`` (os.pathsep-separated), the user's
    ``$XDG_DATA_HOME/hunspell`` (``~/.local/share/hunspell``) and the
    system's (:data:`SYSTEM_PATHS`, or ``$TRANSLATOR_HUNSPELL_SYSTEM_PATH``)."""
    if paths:
        return [Path(p).expanduser() for p in paths]
    found = _split(os.environ.get("TRANSLATOR_HUNSPELL_PATH", ""))
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    found.append(Path(data) / "hunspell")
    system = os.environ.get("TRANSLATOR_HUNSPELL_SYSTEM_PATH")
    return found + (_split(system) if system is not None else [Path(p) for p in SYSTEM_PATHS])


def find_dictionary(lang: str, paths: Sequence[str] | None = None) -> Path | None:
    """The ``.dic`` file (with its ``.aff``) for a language code, or None."""
    base = lang.replace("-", "_").split("_")[0].casefold()
    wanted = [lang.replace("-", "_"), PREFERRED.get(base, ""), base]
    for folder in search_paths(paths):
        if not folder.is_dir():
            continue
        for stem in [w for w in wanted if w]:
            dic = folder / f"{stem}.dic"
            if dic.is_file() and dic.with_suffix(".aff").is_file():
                return dic
        regional = sorted(folder.glob(f"{base}_*.dic"))
        for dic in regional:
            if dic.with_suffix(".aff").is_file():
                return dic
    return None


def installed_dictionaries(paths: Sequence[str] | None = None) -> dict[str, Path]:
    """Every language with a dictionary: code -> the ``.dic`` the check
    would use for it (de_DE for "de", not whichever regional file sorts first)."""
    codes: set[str] = set()
    for folder in search_paths(paths):
        if folder.is_dir():
            codes.update(
                dic.stem.split("_")[0].split("-")[0].casefold()
                for dic in folder.glob("*.dic")
                if dic.with_suffix(".aff").is_file()
            )
    found = {code: find_dictionary(code, paths) for code in sorted(codes)}
    return {code: dic for code, dic in found.items() if dic is not None}


@cache
def _speller(dic: Path) -> Any:
    import hunspell  # chunspell

    return hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent))


class _Known:
    """Lower-case words Hunspell accepts as written or capitalised (for the
    compound splitter, which works on lower-case parts)."""

    def __init__(self, speller: Any) -> None:
        self.speller = speller

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return bool(self.speller.spell(word) or self.speller.spell(word.capitalize()))


@cache
def _compound_splitter(dic: Path, lang: str) -> Any:
    from ..align.compounds import splitter

    return splitter(lang, _Known(_speller(dic)))


@lru_cache(maxsize=65536)
def _known_zipf(word: str, lang: str) -> float:
    """Zipf frequency in wordfreq's largest list for the language."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word.casefold(), lang, wordlist="best")
    except LookupError:
        return 0.0


def misspellings(
    text: str,
    lang: str,
    dic: Path,
    *,
    other: str = "",
    terms: frozenset[str] = frozenset(),
    min_length: int = 3,
    known_zipf: float = 3.0,
    max_edits: int = 1,
    gap: float = 2.5,
) -> list[str]:
    """The misspelt words of ``text`` (see the module docstring)."""
    # a word whose every part wordfreq knows as frequent is never reported
    # (the Zipf rule below), so it needs no Hunspell: the dictionary is
    # loaded (0.1 CPU-s) only when a rarer word comes
    frequent = best_zipf(lang)
    speller = None
    other_folded = other.casefold()
    masked = _ADDRESS.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for m in _WORD.finditer(masked):
        word = m.group(0)
        if len(word) < min_length or any(c.isupper() for c in word):
            continue
        folded = word.casefold()
        if folded in terms or (other_folded and folded in other_folded):
            continue
        parts = re.split(r"['’-]", word) if "-" in word else [word]
        if all(frequent.get(p.casefold(), -1.0) >= known_zipf for p in parts if len(p) >= min_length):
            continue
        if speller is None:
            speller = _speller(dic)
        bad = [p for p in parts if len(p) >= min_length and not speller.spell(p)]
        if not bad or (len(parts) > 1 and speller.spell(word)):
            continue
        split = _compound_splitter(dic, lang)
        if split is not None and all(len(split(p)) > 1 for p in bad):
            continue
        if all(_known_zipf(p, lang) >= known_zipf for p in bad):
            continue
        if not any(_is_typo(p, lang, dic, max_edits, gap) for p in bad):
            continue
        out.append(word)
    return out


@lru_cache(maxsize=16384)
def _is_typo(word: str, lang: str, dic: Path, max_edits: int, gap: float) -> bool:
    """:func:`_typo`, memoised: a long document repeats its unknown words
    (names, terms) many times; the answer depends on nothing but these
    arguments."""
    return _typo(word, lang, _speller(dic), max_edits, gap)


def _typo(word: str, lang: str, speller: Any, max_edits: int, gap: float) -> bool:
    """True when ``word`` reads as a typing slip: a word Hunspell accepts is
    within ``max_edits`` edits of it (a transposition counts as one) and far
    more frequent (by ``gap`` on wordfreq's Zipf scale: *goverment* 2.7
    against *government* 5.6). A word Hunspell accepts in another case (a
    nominalised adjective, a name), one that reads as two words Hunspell
    accepts run together (a compound, a foreign name), or one whose only neighbours are about as
    rare (*umschlugen*/*umschlagen*, a rare inflection) or far away
    (*rekonvaleszentes*) means the dictionary, not the writer, is missing
    something.

    The candidates are the language's frequent words (wordfreq), searched
    by edit distance, not Hunspell's ``suggest``: ``suggest`` stops after a
    quarter of a CPU-second, which long words reach (0.2-0.35 s measured
    for German ones), so its answer, and with it a finding, depended on the
    machine's speed and load. Only a word at least ``gap`` more frequent can
    make a typo, so wordfreq's list holds every candidate that matters."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    if speller.spell(word.capitalize()) or speller.spell(word.upper()):
        return False
    if any(speller.spell(word[:k]) and speller.spell(word[k:]) for k in range(1, len(word))):
        return False  # two words run together (*underride*, *spiel fit*): a compound
    folded = word.casefold()
    words, zipfs = _frequent_words(lang)
    # the list runs from the most frequent word down: the candidates are a prefix
    at_least = _known_zipf(folded, lang) + gap
    count = bisect_right(zipfs, -(at_least - 0.01))
    for candidate, _, _ in process.extract_iter(
        folded, words[:count], scorer=OSA.distance, score_cutoff=max_edits
    ):
        if candidate == folded or _known_zipf(candidate, lang) < at_least:
            continue
        if speller.spell(candidate) or speller.spell(candidate.capitalize()):
            return True
    return False


@lru_cache(maxsize=4)
def _frequent_words(lang: str) -> tuple[list[str], list[float]]:
    """wordfreq's largest list of ``lang``, most frequent first, with each
    word's Zipf value negated (ascending, for :func:`bisect_right`)."""
    from wordfreq import get_frequency_dict

    try:
        table = get_frequency_dict(lang, wordlist="best")
    except LookupError:
        return [], []
    ranked = sorted(table.items(), key=lambda item: (-item[1], item[0]))
    return [w for w, _ in ranked], [-(math.log10(f) + 9.0) for _, f in ranked]


@cache
def _glossary_words(source: str | None, target: str | None, extra: tuple[str, ...]) -> frozenset[str]:
    from ..lexicon.terms import load_terms

    words: set[str] = set()
    for pair in ((source, target), (target, source)):
        for term in load_terms(pair[0], pair[1], extra):
            for side in (term.source, term.target, *term.forbidden):
                words.update(w.casefold() for w in side.split())
    return frozenset(words)


class SpellingCheck:
    name = "spelling"
    severity = Severity.WARNING
    description = "A word is misspelt (Hunspell dictionary of the version's language)."
    options = {"paths": [], "min_length": 3, "known_zipf": 3.0, "max_edits": 1, "gap": 2.5}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        paths = ctx.option(self.name, "paths", []) or None
        min_length = ctx.option(self.name, "min_length", 3)
        known_zipf = float(ctx.option(self.name, "known_zipf", 3.0))
        max_edits = ctx.option(self.name, "max_edits", 1)
        gap = float(ctx.option(self.name, "gap", 2.5))
        extra = tuple(
            map(str, (*ctx.option("glossary", "glossaries", ()), *ctx.option("glossary", "files", ())))
        )
        counterpart: dict[tuple[int, int], tuple[str, str | None]] = {}
        for pair in ctx.aligned_pairs():
            source_lang = ctx.documents[pair.alignment.source].lang
            for j in pair.link.tgt:
                counterpart[(pair.alignment.target, j)] = (pair.source_text, source_lang)
        for v in ctx.checked_versions():
            doc = ctx.documents[v]
            if not doc.lang:
                continue
            dic = find_dictionary(doc.lang, paths)
            if dic is None:
                continue
            for seg in doc.segments:
                other, other_lang = counterpart.get((v, seg.index), ("", None))
                terms = _glossary_words(other_lang, doc.lang, extra) if other_lang else frozenset()
                bad = misspellings(
                    seg.text,
                    doc.lang,
                    dic,
                    other=other,
                    terms=terms,
                    min_length=min_length,
                    known_zipf=known_zipf,
                    max_edits=max_edits,
                    gap=gap,
                )
                if bad:
                    listed = ", ".join(f"“{w}”" for w in bad)
                    yield ctx.finding(
                        self.name,
                        self.severity,
                        f"Possible misspelling: {listed} (not in the {dic.stem} dictionary).",
                        v,
                        [seg.index],
                        evidence={"words": bad, "dictionary": dic.stem},
                    )


def doctor_lines(paths: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """``(status, message)`` lines about spelling dictionaries for the
    doctor command: which languages the spelling check covers."""
    found = installed_dictionaries(paths)
    if not found:
        return [
            (
                "warn",
                "no Hunspell dictionary installed: the spelling check is off "
                "(Debian: apt-get install hunspell-en-us hunspell-de-de …)",
            )
        ]
    listed = ", ".join(f"{lang} ({dic.stem})" for lang, dic in sorted(found.items()))
    return [("ok", f"spelling dictionaries: {listed}")]
