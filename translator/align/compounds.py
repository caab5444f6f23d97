"""Splitting closed compounds against a known vocabulary.

German (like Dutch and the Scandinavian languages) writes *Gletscherbecken*,
*Seillänge*, *Talseite* as one word where French writes *bassin glaciaire*,
*longueur de corde*, *flanc de la vallée*. A dictionary lists the parts but
rarely the compound, so an unknown long word is split into known parts —
head first, optionally dropping a linking element (*Höhe-n-meter*,
*Arbeit-s-tag*) — and the parts stand for the word. Past participles
(*gekostet*, *gekommen*) lose their ``ge-`` prefix the same way.
Everything works on Snowball stems (folded, lower case), as the signals do.
"""

from __future__ import annotations

from collections.abc import Callable, Container

from ..ingest.languages import primary_language

#: languages that write compounds as one word, and their linking elements
LINKS: dict[str, tuple[str, ...]] = {
    "de": ("s", "es", "n", "en", "e", "er"),
    "nl": ("s", "en", "e"),
    "sv": ("s",),
    "da": ("s", "e"),
    "nb": ("s", "e"),
    "no": ("s", "e"),
}
#: languages whose past participles take a ``ge-`` prefix
GE_PREFIX = {"de", "nl"}
MIN_PART = 3
#: the last part carries the compound's meaning: no three-letter guesses
MIN_TAIL = 4


def splitter(lang: str | None, known: Container[str]) -> Callable[[str], list[str]] | None:
    """A function mapping a stem to the known stems it stands for (itself
    when known or unsplittable), or None for languages without compounds."""
    base = primary_language(lang)
    if base not in LINKS:
        return None
    links = LINKS[base]
    ge = base in GE_PREFIX
    cache: dict[str, list[str]] = {}

    def heads(head: str) -> list[tuple[str, int]]:
        """Known forms of a non-final part: as written, or without a linking
        element (with 1 for "needed a linking element")."""
        out = [(head, 0)] if head in known else []
        for cut in links:
            h = head[: -len(cut)]
            if head.endswith(cut) and len(h) >= MIN_PART and h in known:
                out.append((h, 1))
        return out

    def parts(word: str) -> list[str] | None:
        """The most plausible split into two or three known parts: fewest
        parts, then fewest linking elements, then the longest shortest part
        (short parts are where chance matches happen)."""
        best: tuple | None = None
        n = len(word)
        for k in range(MIN_PART, n - MIN_TAIL + 1):
            tail = word[k:]
            for h, link in heads(word[:k]):
                if tail in known:
                    cand = ((2, link, -min(len(h), len(tail))), [h, tail])
                    best = cand if best is None or cand[0] < best[0] else best
                for k2 in range(MIN_PART, len(tail) - MIN_TAIL + 1):
                    last = tail[k2:]
                    if last not in known:
                        continue
                    for h2, link2 in heads(tail[:k2]):
                        key = (3, link + link2, -min(len(h), len(h2), len(last)))
                        if best is None or key < best[0]:
                            best = (key, [h, h2, last])
        return best[1] if best else None

    def split(word: str) -> list[str]:
        out = cache.get(word)
        if out is None:
            out = [word]
            if word not in known and len(word) > MIN_PART:
                if ge and word.startswith("ge") and word[2:] in known:
                    out = [word[2:]]
                elif len(word) >= 2 * MIN_PART + 1:
                    out = parts(word) or [word]
            cache[word] = out
        return out

    return split


def expand(stems: list[list[str]], split: Callable[[str], list[str]] | None) -> list[list[str]]:
    """Every sentence's stems with unknown compounds replaced by their parts."""
    if split is None:
        return stems
    return [[p for s in sent for p in split(s)] for sent in stems]
