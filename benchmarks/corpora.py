"""Development documents for the quality benchmarks, cut from ``../shared/bench``.

The shared benchmark data holds long parallel files, not articles: Text+Berg's
dev set is one German–French yearbook stretch with a gold alignment, and the
WMT21 news sets are runs of consecutive articles, one sentence per line, with
two independent professional translations of every line. The quality
benchmarks (``divergence.py`` and friends) need documents of article size
(15–40 sentences) whose true alignment is known, so that an edit planted at a
known place can be looked for at that place. This module is the one place that
reads those files and cuts them, so every benchmark scores the same documents.

Cutting is deterministic (a seeded generator picks each document's length) and
prefers article boundaries: a WMT21 headline (a short line with no closing
punctuation) starts a new article, and documents are grown article by article.

Nothing here is copied into the project: the data is read where it lies, and a
missing folder yields no documents (the callers skip cleanly).
"""

from __future__ import annotations

import ast
import os
import random
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = ROOT.parent / "shared" / "bench"

#: Size range of a cut document, in source sentences.
MIN_SENTENCES, MAX_SENTENCES = 15, 40

Link = tuple[list[int], list[int]]

# Closing punctuation of a body sentence; a short line without it is a headline.
_CLOSING = re.compile(r"""[.!?…:;"'»«“”„)\]]\s*$""")


@dataclass
class ParallelDoc:
    """One cut document: source sentences, their translation and the true links.

    ``gold`` is a sentence alignment of ``source`` against ``target`` (ids
    local to this document). ``alternatives`` holds other translations of the
    same source lines, line for line (WMT21's second reference, Text+Berg's
    machine translations), keyed by a short name.
    """

    name: str
    source_lang: str
    target_lang: str
    source: list[str]
    target: list[str]
    gold: list[Link]
    alternatives: dict[str, list[str]] = field(default_factory=dict)
    #: the stories (articles) the document's lines come from: a cut may end
    #: inside an article, so the next document can continue the same story;
    #: documents that share a story are not foreign to each other
    stories: frozenset[str] = frozenset()


def bench_dir(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The benchmark data folder: ``--data``, ``TRANSLATOR_BENCH_DATA``, or ``../shared/bench``.

    Returns ``None`` when the folder does not exist, so callers can skip.
    """
    for candidate in (explicit, os.environ.get("TRANSLATOR_BENCH_DATA"), DEFAULT_BENCH):
        if candidate:
            path = Path(candidate)
            if path.is_dir():
                return path
            if candidate is explicit:
                return None
    return None


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def is_headline(line: str) -> bool:
    """A WMT21 headline: a short line that does not end like a sentence."""
    return len(line.split()) <= 20 and not _CLOSING.search(line)


def _article_starts(lines: list[str]) -> list[int]:
    """Line numbers where an article begins (a headline after body text)."""
    starts = [0]
    for number in range(1, len(lines)):
        if is_headline(lines[number]) and not is_headline(lines[number - 1]):
            starts.append(number)
    return starts


def _cut(boundaries: list[int], total: int, rng: random.Random) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of MIN..MAX items, cut at a boundary when one fits."""
    allowed = set(boundaries) | {total}
    spans = []
    start = 0
    while total - start >= MIN_SENTENCES:
        want = rng.randint(MIN_SENTENCES, MAX_SENTENCES)
        window = [b for b in allowed if start + MIN_SENTENCES <= b <= start + MAX_SENTENCES]
        end = min(window, key=lambda b: abs(b - start - want)) if window else min(start + want, total)
        spans.append((start, end))
        start = end
    return spans


WMT21_SETS = {
    # direction: (source file, {name: reference file})
    "de-en": (
        "newstest2021.de-en.src.de",
        {"A": "newstest2021.de-en.ref.A.en", "B": "newstest2021.de-en.ref.B.en"},
    ),
    "en-de": (
        "newstest2021.en-de.src.en",
        {"A": "newstest2021.en-de.ref.A.de", "C": "newstest2021.en-de.ref.C.de"},
    ),
}


def wmt21_documents(root: Path, direction: str, *, seed: int = 13) -> list[ParallelDoc]:
    """Documents of WMT21 news: the original against its first reference.

    The other reference is in ``alternatives`` (two outlets' wording of one
    story, for same-language comparisons). Gold links are 1-1, line for line.
    """
    folder = root / "wmt21-news"
    source_name, references = WMT21_SETS[direction]
    if not (folder / source_name).is_file():
        return []
    source = _lines(folder / source_name)
    refs = {name: _lines(folder / file) for name, file in references.items()}
    first, *others = refs
    source_lang, target_lang = direction.split("-")
    rng = random.Random(f"{seed}-{direction}")
    starts = _article_starts(source)
    docs = []
    for index, (start, end) in enumerate(_cut(starts, len(source), rng)):
        opens, closes = bisect_right(starts, start) - 1, bisect_right(starts, end - 1) - 1
        docs.append(
            ParallelDoc(
                name=f"wmt21-{direction}-{index:03d}",
                source_lang=source_lang,
                target_lang=target_lang,
                source=source[start:end],
                target=refs[first][start:end],
                gold=[([i], [i]) for i in range(end - start)],
                alternatives={name: refs[name][start:end] for name in others},
                stories=frozenset(f"wmt21-{direction}:{a}" for a in range(opens, closes + 1)),
            )
        )
    return docs


def read_links(path: Path) -> list[Link]:
    """A ``[0, 1]:[2]`` alignment file (the format of ``score_alignments.py``)."""
    links = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            left, right = line.split(":")[:2]
            links.append((list(ast.literal_eval(left)), list(ast.literal_eval(right))))
    return links


def textberg_documents(root: Path, *, seed: int = 13) -> list[ParallelDoc]:
    """Documents cut from Text+Berg's dev set at gold-link boundaries.

    Machine translations of ``dev.de`` (``smt``, ``google``), when present,
    come along in ``alternatives``, line for line with the German. The
    stretch is one yearbook chronicle whose sections are not marked, so a
    section may run across a cut: each document shares a story with its
    neighbours (``stories`` names the two cuts at its ends).
    """
    folder = root / "textberg-dev"
    if not (folder / "dev.defr").is_file():
        return []
    german, french = _lines(folder / "dev.de"), _lines(folder / "dev.fr")
    gold = read_links(folder / "dev.defr")
    machine = {
        name: _lines(folder / f"dev.de.{suffix}")
        for name, suffix in (("smt", "smt-fr"), ("google", "google-fr"))
        if (folder / f"dev.de.{suffix}").is_file()
    }
    # Cut the link list so that each piece covers MIN..MAX German sentences.
    rng = random.Random(f"{seed}-textberg")
    docs: list[ParallelDoc] = []
    piece: list[Link] = []
    want = rng.randint(MIN_SENTENCES, MAX_SENTENCES)
    for link in gold:
        piece.append(link)
        if sum(len(src) for src, _ in piece) >= want:
            docs.append(_textberg_doc(len(docs), piece, german, french, machine))
            piece, want = [], rng.randint(MIN_SENTENCES, MAX_SENTENCES)
    if sum(len(src) for src, _ in piece) >= MIN_SENTENCES:
        docs.append(_textberg_doc(len(docs), piece, german, french, machine))
    return docs


def _textberg_doc(
    index: int, links: list[Link], german: list[str], french: list[str], machine: dict[str, list[str]]
) -> ParallelDoc:
    src_ids = sorted({i for src, _ in links for i in src})
    tgt_ids = sorted({j for _, tgt in links for j in tgt})
    src_at = {old: new for new, old in enumerate(src_ids)}
    tgt_at = {old: new for new, old in enumerate(tgt_ids)}
    return ParallelDoc(
        name=f"textberg-{index:03d}",
        source_lang="de",
        target_lang="fr",
        source=[german[i] for i in src_ids],
        target=[french[j] for j in tgt_ids],
        gold=[([src_at[i] for i in src], [tgt_at[j] for j in tgt]) for src, tgt in links],
        alternatives={name: [lines[i] for i in src_ids] for name, lines in machine.items()},
        stories=frozenset({f"textberg:cut{index}", f"textberg:cut{index + 1}"}),
    )


def all_documents(root: Path, *, seed: int = 13) -> Iterator[ParallelDoc]:
    """Every development document: Text+Berg de–fr, then WMT21 de–en and en–de."""
    yield from textberg_documents(root, seed=seed)
    for direction in WMT21_SETS:
        yield from wmt21_documents(root, direction, seed=seed)


if __name__ == "__main__":
    import sys

    data = bench_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    if data is None:
        print("benchmark data not found; nothing to list")
        raise SystemExit(0)
    for doc in all_documents(data):
        print(
            f"{doc.name}\t{doc.source_lang}-{doc.target_lang}\t{len(doc.source)}x{len(doc.target)}\t{doc.source[0][:60]}"
        )
