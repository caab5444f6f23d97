"""Glossaries: term lists that the translation engine and the checks share.

Format (documented in ``docs/glossaries.md``): a tab-separated file named
``<source>-<target>[-topic].tsv`` (ISO 639-1 codes, e.g. ``de-en-news.tsv``)
with a header row ``source, target, forbidden, variants, notes``:

- ``source``: the term as written in the source language;
- ``target``: the required translation; equal to ``source`` for a
  do-not-translate term (names, brands, agency tags);
- ``forbidden``: ``|``-separated variants that must not appear in the
  target (e.g. the source-language spelling of a name);
- ``variants``: ``|``-separated accepted alternatives to ``target``
  (spellings that outlets use alike: "Zelensky|Zelenskyy");
- ``notes``: free text shown with findings.

Lines starting with ``#`` are comments. Parsing uses the stdlib csv module.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..resources import resource_dir

COLUMNS = ("source", "target", "forbidden", "variants", "notes")
_NAME = re.compile(r"^(?P<src>[a-z]{2,3})-(?P<tgt>[a-z]{2,3})(?:-[\w.-]+)?\.tsv$")


@dataclass(frozen=True)
class Term:
    source: str
    target: str
    source_lang: str
    target_lang: str
    forbidden: tuple[str, ...] = ()
    notes: str = ""
    origin: str = ""
    line: int = 0
    #: accepted alternatives to ``target``: any of them satisfies the term
    variants: tuple[str, ...] = ()

    @property
    def do_not_translate(self) -> bool:
        return self.source == self.target

    @property
    def accepted(self) -> tuple[str, ...]:
        """The required target and its accepted variants."""
        return (self.target, *self.variants)


@dataclass
class Glossary:
    path: Path
    source_lang: str
    target_lang: str
    terms: list[Term] = field(default_factory=list)


def languages_of(path: Path) -> tuple[str, str]:
    match = _NAME.match(path.name)
    if not match:
        raise InputError(
            f"{path}: glossary files are named <source>-<target>[-topic].tsv, e.g. de-en-news.tsv"
        )
    return match.group("src"), match.group("tgt")


def read_glossary(path: str | Path) -> Glossary:
    """Read and validate one glossary file; raise InputError on any problem."""
    glossary, problems = parse_glossary(path)
    if problems:
        raise InputError(problems[0])
    return glossary


def validate_glossary(path: str | Path) -> list[str]:
    """Every problem of a glossary file as ``path:line: message`` (empty
    when the file is valid) — the ``translator glossary validate`` report."""
    return parse_glossary(path)[1]


#: longer than any term; csv's own limit (131,072) would raise mid-file
MAX_FIELD = 10_000


def _rows(path: Path, lines: list[tuple[int, str]], problems: list[str]):
    """``(line number, fields)`` per entry line; an over-long field is a
    problem of its line, not an exception."""
    for number, line in lines:
        if len(line) > MAX_FIELD:
            problems.append(
                f"{path}:{number}: line longer than {MAX_FIELD:,} characters; not a glossary entry"
            )
            continue
        yield number, next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))


def parse_glossary(path: str | Path) -> tuple[Glossary, list[str]]:
    """Parse a glossary, collecting every problem instead of stopping at the
    first, so one validation run lists everything to fix."""
    path = Path(path)
    if not path.is_file():
        return Glossary(path, "", ""), [f"{path}: glossary not found"]
    try:
        src, tgt = languages_of(path)
    except InputError as exc:
        return Glossary(path, "", ""), [str(exc)]
    glossary = Glossary(path, src, tgt)
    from ..ingest.smallfiles import read_whole_text

    try:
        text = read_whole_text(path, "glossary")
    except InputError as exc:
        return glossary, [str(exc)]
    lines = [
        (n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")
    ]
    if not lines:
        return glossary, []
    problems: list[str] = []
    header_no, header = lines[0]
    columns = [c.strip().lower() for c in header.split("\t")]
    if (
        columns[:2] != ["source", "target"]
        or any(c not in COLUMNS for c in columns)
        or len(set(columns)) != len(columns)
    ):
        return glossary, [
            f"{path}:{header_no}: header must be tab-separated {', '.join(COLUMNS)} (source and target first)"
        ]
    seen: dict[str, int] = {}
    for number, row in _rows(path, lines[1:], problems):
        if len(row) > len(columns):
            problems.append(f"{path}:{number}: {len(row)} fields, the header has {len(columns)}")
            continue
        values = dict(zip(columns, (v.strip() for v in row), strict=False))
        source, target = values.get("source", ""), values.get("target", "")
        if not source or not target:
            hint = " (columns are separated by tabs, not spaces)" if len(row) == 1 and "  " in row[0] else ""
            problems.append(f"{path}:{number}: source and target must not be empty{hint}")
            continue
        key = source.casefold()
        if key in seen:
            problems.append(f"{path}:{number}: duplicate term {source!r} (first on line {seen[key]})")
            continue
        seen[key] = number
        forbidden = tuple(v.strip() for v in values.get("forbidden", "").split("|") if v.strip())
        variants = tuple(v.strip() for v in values.get("variants", "").split("|") if v.strip())
        banned = {f.casefold() for f in forbidden}
        if target.casefold() in banned:
            problems.append(f"{path}:{number}: {target!r} is both required and forbidden")
            continue
        clash = [v for v in variants if v.casefold() in banned]
        if clash:
            problems.append(f"{path}:{number}: {clash[0]!r} is both an accepted variant and forbidden")
            continue
        glossary.terms.append(
            Term(source, target, src, tgt, forbidden, values.get("notes", ""), str(path), number, variants)
        )
    return glossary, problems


def bundled_glossaries() -> list[Path]:
    """The glossaries shipped with translator (``glossaries/*.tsv``)."""
    try:
        return sorted(resource_dir("glossaries").glob("*.tsv"))
    except FileNotFoundError:
        return []


def glossary_files(extra: Iterable[str | Path] = (), *, bundled: bool = True) -> list[Path]:
    """The bundled glossaries (when ``bundled``) plus any given paths (files
    or folders). A bundled glossary can also be named by its file name
    without the folder or ``.tsv`` ("de-en-news"): that is how a user opts
    in to it when the checks leave the bundled ones out."""
    shipped = bundled_glossaries()
    paths: list[Path] = list(shipped) if bundled else []
    by_name = {p.stem: p for p in shipped}
    for item in extra:
        p = Path(item)
        if p.is_dir():
            paths.extend(sorted(p.glob("*.tsv")))
        elif p.is_file():
            paths.append(p)
        elif str(item) in by_name:
            if by_name[str(item)] not in paths:
                paths.append(by_name[str(item)])
        else:
            raise InputError(f"{p}: glossary not found")
    return paths


def load_terms(
    source_lang: str | None,
    target_lang: str | None,
    extra: Iterable[str | Path] = (),
    *,
    bundled: bool = True,
) -> list[Term]:
    """All terms for a language pair from the bundled (unless ``bundled`` is
    false) and the given glossaries."""
    terms: list[Term] = []
    for path in glossary_files(extra, bundled=bundled):
        src, tgt = languages_of(path)
        if (source_lang is None or src == source_lang) and (target_lang is None or tgt == target_lang):
            terms.extend(read_glossary(path).terms)
    return terms
