"""Language codes given by the user, validated once for every command.

A code reaches file names (cache keys, dictionary and model look-ups) and
every message, so ``--lang ../../etc`` or a typo such as ``--lang xx`` is
refused up front instead of silently matching nothing. Codes are BCP 47
style: an ISO 639 language known to CLDR (through Babel, already a
dependency), optionally followed by subtags (``pt-BR``, ``zh-Hant``).
"""

from __future__ import annotations

import re
from functools import cache

from ..errors import InputError

_SHAPE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


#: codes Argos Translate packages use that are not ISO 639: Chinese
#: (traditional) and Portuguese (Brazil)
ARGOS_CODES = frozenset({"zt", "pb"})


@cache
def known_languages() -> frozenset[str]:
    """ISO 639 codes CLDR has a name for (about 600), plus :data:`ARGOS_CODES`."""
    from ..lexicon.cldr import language_codes

    return frozenset(code.lower() for code in language_codes("en") if "_" not in code) | ARGOS_CODES


def language_code(code: str, where: str) -> str:
    """``code`` normalised (lower case, ``-`` between subtags), or an
    :class:`InputError` naming ``where`` (the option or file it came from)."""
    text = code.strip()
    if not _SHAPE.match(text):
        raise InputError(
            f"{where}: {code!r} is not a language code; use an ISO 639 code such as en, de or pt-BR"
        )
    normalised = text.replace("_", "-").lower()
    primary = normalised.split("-")[0]
    if primary not in known_languages():
        raise InputError(f"{where}: unknown language code {code!r}; use an ISO 639 code such as en, de or fr")
    return normalised


def primary_language(code: str | None) -> str:
    """The primary language subtag: "de" for "de", "de-CH", "de_AT" or "DE",
    "" for None. Tables keyed by language (stemmers, compound links,
    negation words, the checks' own lists) are keyed by it, whatever
    region or script a code names."""
    return (code or "").replace("_", "-").split("-")[0].casefold()


def optional_language(code: str | None, where: str) -> str | None:
    """:func:`language_code` for an optional value (None and "" stay None)."""
    if code is None or not code.strip():
        return None
    return language_code(code, where)
