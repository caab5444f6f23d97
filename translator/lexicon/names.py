"""Name variants: one name's spellings across languages.

``glossaries/names/transliterations.tsv`` (spellings of one name that the
residue check tells apart: Selenskyj / Zelensky) and ``exonyms.tsv`` (a
place's name in each language), plus CLDR's country and region names and
the glossaries' terms: the names check accepts any of a name's spellings on
the other side.
"""

from __future__ import annotations

from functools import cache

from ..errors import InputError
from ..resources import resource_dir
from .terms import load_terms


@cache
def name_variants(table: str = "transliterations") -> tuple[dict[str, tuple[str, ...]], ...]:
    """Rows of ``glossaries/names/<table>.tsv`` (``transliterations``: spellings
    of one name that residue tells apart; ``exonyms``: a place's name in each
    language): language -> spellings (preferred first). Comment lines start
    with ``#``."""
    try:
        path = resource_dir("glossaries") / "names" / f"{table}.tsv"
    except FileNotFoundError:
        return ()
    if not path.is_file():
        return ()
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    if not lines:
        return ()
    header = [c.strip() for c in lines[0].split("\t")]
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        row = {
            lang: tuple(v.strip() for v in cell.split("|") if v.strip())
            for lang, cell in zip(header, cells, strict=False)
        }
        rows.append({k: v for k, v in row.items() if v})
    return tuple(rows)


def _territory_names(lang_a: str | None, lang_b: str | None) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """CLDR's names of every country and region in two languages."""
    if not lang_a or not lang_b:
        return []
    from .cldr import territories

    names_a, names_b = territories(lang_a), territories(lang_b)
    return [
        ((names_a[code],), (names_b[code],)) for code in names_a if code in names_b and not code.isdigit()
    ]


@cache
def equivalent_names(
    lang_a: str | None, lang_b: str | None
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Pairs of spellings that name the same thing in two languages, from
    the transliteration and exonym tables, CLDR's country and region names
    (Babel: Deutschland / Germany) and the glossaries' terms."""
    out: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for table in ("transliterations", "exonyms"):
        for row in name_variants(table):
            if lang_a in row and lang_b in row:
                out.append((row[lang_a], row[lang_b]))
    out.extend(_territory_names(lang_a, lang_b))
    for a, b in ((lang_a, lang_b), (lang_b, lang_a)):
        if not a or not b:
            continue
        try:
            terms = load_terms(a, b)
        except InputError:
            continue
        for term in terms:
            pair = ((term.source,), (term.target,))
            out.append(pair if a == lang_a else (pair[1], pair[0]))
    return tuple(out)
