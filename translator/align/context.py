"""What every signal sees: the two sentence lists and what is known about them.

Tokenisation and stemming are done once here and shared, because half the
signals look at words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

from .text import Stemmer, stemmer, words


@dataclass
class PairContext:
    src: list[str]
    tgt: list[str]
    src_lang: str | None = None
    tgt_lang: str | None = None
    #: machine translation of each source sentence into the target language
    src_mt: list[str] | None = None
    #: machine translation of each target sentence into the source language
    tgt_mt: list[str] | None = None
    #: extra glossary files or folders (the bundled ones are always read)
    glossaries: tuple[str, ...] = ()
    #: where FreeDict's dictd files live (None: the system's /usr/share/dictd)
    dict_dir: str | None = None
    #: links of an earlier pass, for signals that learn from it
    previous: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def same_language(self) -> bool:
        return bool(self.src_lang) and self.src_lang == self.tgt_lang

    @cached_property
    def src_words(self) -> list[list[str]]:
        return _words(self.src)

    @cached_property
    def tgt_words(self) -> list[list[str]]:
        return _words(self.tgt)

    @cached_property
    def src_stems(self) -> list[list[str]]:
        return _stems(self.src_words, stemmer(self.src_lang))

    @cached_property
    def tgt_stems(self) -> list[list[str]]:
        return _stems(self.tgt_words, stemmer(self.tgt_lang))


def _words(sentences: list[str]) -> list[list[str]]:
    """Every sentence's words, each distinct word one string object: a
    document repeats its words, and the word lists live as long as the
    alignment (20,000 sentences of Text+Berg: 50 MB of copies of the same
    strings otherwise)."""
    seen: dict[str, str] = {}
    keep = seen.setdefault
    return [[keep(w, w) for w in words(s)] for s in sentences]


def _stems(sentences: list[list[str]], stem: Stemmer) -> list[list[str]]:
    """Stem every word, calling the stemmer once per distinct word (a
    document repeats its words: a dict look-up per token is much cheaper
    than a method call)."""
    table = {w: stem(w) for w in set(chain.from_iterable(sentences))}
    return [list(map(table.__getitem__, ws)) for ws in sentences]
