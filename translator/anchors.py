"""Language-independent anchors shared by the aligner and the checks.

Numbers are normalised across locales so that "2,000", "2.000", "2 000" and
"2000" compare equal, and "7,35" (German) equals "7.35" (English). A group of
exactly three digits after a separator is read as a thousands group in every
locale; any other separator is a decimal mark.
"""

from __future__ import annotations

import re
import unicodedata

_NUMBER = re.compile(r"(?<![\w.,])[-−]?(?:\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+|\d+)(?:[.,]\d+)?(?![\d])")
_NAME = re.compile(r"\b[A-ZÄÖÜÀ-ÖØ-Þ][\w'’-]*[\w]")
_QUOTED = re.compile(r"[\"“”„«»‹›‚‘’]([^\"“”„«»‹›‚‘’]{3,})[\"“”„«»‹›‚‘’]")


def parse_number(token: str) -> float | None:
    """Parse one number token written in any common locale."""
    t = token.replace("−", "-").strip()
    neg = t.startswith("-")
    t = t.lstrip("-")
    m = re.fullmatch(r"(\d{1,3}(?:([.,\u00a0\u202f' ])\d{3})+)(?:([.,])(\d+))?", t)
    if m and not (m.group(3) and m.group(3) == m.group(2)):
        whole = re.sub(r"\D", "", m.group(1))
        frac = m.group(4) or ""
        value = float(f"{whole}.{frac}" if frac else whole)
    else:
        m2 = re.fullmatch(r"(\d+)(?:[.,](\d+))?", t)
        if not m2:
            return None
        value = float(f"{m2.group(1)}.{m2.group(2)}" if m2.group(2) else m2.group(1))
    return -value if neg else value


def numbers(text: str) -> list[float]:
    """All numbers in ``text``, normalised (see module docstring)."""
    out = []
    for match in _NUMBER.finditer(text):
        value = parse_number(match.group(0))
        if value is not None:
            out.append(value)
    return out


def number_spans(text: str) -> list[tuple[int, int, float]]:
    out = []
    for match in _NUMBER.finditer(text):
        value = parse_number(match.group(0))
        if value is not None:
            out.append((match.start(), match.end(), value))
    return out


def names(text: str) -> list[str]:
    """Capitalised words that are not sentence-initial: likely proper nouns."""
    found = []
    for match in _NAME.finditer(text):
        start = match.start()
        before = text[:start].rstrip()
        if not before or before[-1] in '.!?:"“„«»':
            continue
        found.append(match.group(0))
    return found


def quotes(text: str) -> list[str]:
    return [m.group(1).strip() for m in _QUOTED.finditer(text)]


def fold(text: str) -> str:
    """Case- and accent-insensitive form for fuzzy matching."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())
