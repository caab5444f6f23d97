"""CLDR's month, weekday and territory names (Babel), kept as JSON tables.

The date anchors know the month and weekday names of eight languages, the
dates signal and check those of the pair, the names check every country's
name in both languages. Babel reads them from its pickled CLDR files: the
import and eight locales cost a short comparison about 0.06 CPU-s. The
first process reads them through Babel and keeps each language's names as
a JSON table (:mod:`translator.diskcache`, keyed by Babel's data files, so
an upgraded Babel is read afresh); later processes read the tables back
without importing Babel. Every name, number and order is Babel's own.

Only plain language codes Babel has a locale file for are tabled; anything
else (``pt-BR``, an unknown code) goes to Babel as before.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..diskcache import cached, load_strings
from ..resources import package_data_dir

#: month and weekday name tables: context -> width -> [(number, name), ...]
Names = dict[str, dict[str, list[tuple[int, str]]]]
CONTEXTS = ("format", "stand-alone")
WIDTHS = ("wide", "abbreviated", "narrow")


def months(lang: str, width: str = "wide", context: str = "format") -> dict[int, str]:
    """Babel's ``get_month_names(width, context, locale=lang)`` (empty when Babel
    cannot parse ``lang``)."""
    table = _table(lang)
    if table is None:
        locale = _babel_locale(lang)
        return dict(locale.months[context][width].items()) if locale else {}
    return dict(table["months"][context][width])


def days(lang: str, width: str = "wide", context: str = "format") -> dict[int, str]:
    """Babel's ``get_day_names(width, context, locale=lang)`` (empty when Babel
    cannot parse ``lang``)."""
    table = _table(lang)
    if table is None:
        locale = _babel_locale(lang)
        return dict(locale.days[context][width].items()) if locale else {}
    return dict(table["days"][context][width])


def territories(lang: str) -> dict[str, str]:
    """Babel's ``Locale.parse(lang).territories``, region code -> name
    (empty when Babel cannot parse ``lang``)."""
    table = _table(lang)
    if table is None:
        locale = _babel_locale(lang)
        return dict(locale.territories.items()) if locale else {}
    return dict(table["territories"])


def language_codes(lang: str = "en") -> tuple[str, ...]:
    """The codes of Babel's ``Locale.parse(lang).languages``, in its order
    (empty when Babel cannot parse ``lang``): every command that takes a
    language code checks it against these, and importing Babel for them
    cost about 0.03 CPU-s."""
    paths = _paths(lang)
    if paths is None:
        locale = _babel_locale(lang)
        return tuple(locale.languages) if locale else ()
    return tuple(
        cached(paths, f"cldr-languages-{lang}", lambda: _build_codes(lang), dump=list, load=load_strings)
    )


def _build_codes(lang: str) -> list[str]:
    from babel import Locale

    return list(Locale.parse(lang).languages)


def _babel_locale(lang: str) -> Any:  # noqa: ANN401 - babel.Locale
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None


def _data_dir() -> Path | None:
    """Babel's CLDR folder, found without importing it."""
    return package_data_dir("babel", "locale-data")


@cache
def _table(lang: str) -> dict[str, Any] | None:
    paths = _paths(lang)
    if paths is None:
        return None
    return cached(paths, f"cldr-{lang}", lambda: _build(lang), dump=_dump, load=_load)


def _paths(lang: str) -> list[Path] | None:
    """The files a table of ``lang`` comes from (None: not tabled)."""
    folder = _data_dir()
    if folder is None or not (lang.isascii() and lang.isalpha() and lang.islower()):
        return None
    # Babel merges a language's file over root's; global.dat says how codes
    # parse: a change to any of them is a new table
    paths = [folder.parent / "global.dat", folder / "root.dat", folder / f"{lang}.dat"]
    return paths if all(p.is_file() for p in paths) else None


def _build(lang: str) -> dict[str, Any]:
    from babel import Locale

    locale = Locale.parse(lang)

    def names(data: Any) -> Names:  # noqa: ANN401 - Babel's LocaleDataDict
        return {
            c: {w: list(data[c][w].items()) for w in WIDTHS if w in data[c]} for c in CONTEXTS if c in data
        }

    return {
        "months": names(locale.months),
        "days": names(locale.days),
        "territories": list(locale.territories.items()),
    }


def _dump(table: dict[str, Any]) -> dict[str, Any]:
    return table


def _load(data: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON
    """The table back from JSON; ``ValueError`` when it is not one."""
    if not isinstance(data, dict):
        raise ValueError("not a CLDR table")
    out: dict[str, Any] = {}
    for kind, number in (("months", int), ("days", int)):
        out[kind] = {
            context: {
                width: [(_typed(k, number), _typed(v, str)) for k, v in pairs]
                for width, pairs in widths.items()
            }
            for context, widths in data[kind].items()
        }
    out["territories"] = [(_typed(k, str), _typed(v, str)) for k, v in data["territories"]]
    return out


def _typed(value: Any, kind: type) -> Any:  # noqa: ANN401 - JSON
    if type(value) is not kind:
        raise ValueError("not a CLDR table")
    return value
