"""Placeholders that must survive translation unchanged.

Software strings and templated copy carry variables the program fills in:
printf (``%s``, ``%d``, ``%1$s``), Python (``%(name)s``, ``{name}``,
``{}``), ``${name}``, ``{{name}}`` and ICU MessageFormat. A renamed
(``{name}`` → ``{nmae}``), dropped or retyped (``%d`` → ``%s``) placeholder
breaks the program or the sentence, so inside an aligned pair the
placeholders of both sides are compared as multisets.

ICU messages are *parsed* (pyicumessageformat, MIT), never pattern-matched:
a plural or select is one placeholder (its argument and type), its branch
keys may differ between languages for plurals (German ``one``/``other``,
Polish ``one``/``few``/``many``/``other``) but not for selects (the keys are
program values), and the placeholders inside the branches are compared as
a set. A target that no longer parses while its source did is a finding.
Text with braces that is not ICU (``{}``, ``{0:>5}``) falls back to Python
brace fields.

Which syntaxes apply is configurable per project (option ``syntaxes``):
``printf``, ``python-format`` (``%(name)s``), ``brace`` (``{name}``, ICU
when it parses), ``dollar-brace`` and ``double-brace``. Printf conversions
glued to a letter (German ``5%ige``) are words, not placeholders.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any

from ..model import Finding, Severity
from .base import CheckContext

SYNTAXES = ("printf", "python-format", "brace", "dollar-brace", "double-brace")

_DOUBLE_BRACE = re.compile(r"\{\{\s*[^{}]+?\s*\}\}")
_DOLLAR_BRACE = re.compile(r"\$\{[^{}\s]+\}")
_PYTHON_FORMAT = re.compile(r"%\([A-Za-z_][\w.]*\)[-+ 0#]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
#: no space flag (``50 % der``) and no letter after the conversion (``5%ige``)
_PRINTF = re.compile(
    r"%(?:\d+\$)?[-+0#]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcsp@](?![A-Za-z])"
)
_PERCENT_LITERAL = re.compile(r"%%")
_BRACE_FIELD = re.compile(r"\{[A-Za-z_0-9]*(?:[.\[][^{}\s]*)?(?:![rsa])?(?::[^{}\s]*)?\}")


def _mask(text: str, pattern: re.Pattern[str], found: list[str]) -> str:
    """Collect the matches of ``pattern`` and blank them out of ``text``, so
    that ``${x}`` is not also read as ``{x}``."""

    def keep(m: re.Match[str]) -> str:
        found.append(re.sub(r"\s+", "", m.group(0)))
        return " " * len(m.group(0))

    return pattern.sub(keep, text)


@cache
def _parser() -> Any:
    from pyicumessageformat import Parser

    return Parser()


class IcuError(ValueError):
    """The text has ICU syntax that does not parse."""


def _icu_tokens(nodes: list[Any], out: Counter[str], inner: set[str]) -> None:
    for node in nodes:
        if isinstance(node, str):
            continue
        if node.get("hash"):  # the ``#`` of a plural branch
            inner.add("#")
            continue
        name, kind = node.get("name"), node.get("type")
        if kind in ("plural", "selectordinal", "select"):
            keys = sorted(node["options"]) if kind == "select" else []
            out[f"{{{name}, {kind}{''.join(' ' + k for k in keys)}}}"] += 1
            for branch in node["options"].values():
                sub: Counter[str] = Counter()
                _icu_tokens(branch, sub, inner)
                inner.update(sub)
        elif kind:
            fmt = node.get("format")
            out[f"{{{name}, {kind}{', ' + str(fmt).strip() if fmt else ''}}}"] += 1
        else:
            out[f"{{{name}}}"] += 1


def brace_tokens(text: str) -> Counter[str]:
    """``{…}`` placeholders: ICU MessageFormat when the text parses as ICU,
    Python brace fields otherwise."""
    if "{" not in text:
        return Counter()
    try:
        nodes = _parser().parse(text)
    except SyntaxError as exc:
        if re.search(r"\{\s*\w+\s*,\s*(plural|select|selectordinal)\s*,", text):
            raise IcuError(str(exc)) from None
        return Counter(m.group(0) for m in _BRACE_FIELD.finditer(text))
    out: Counter[str] = Counter()
    inner: set[str] = set()
    _icu_tokens(nodes, out, inner)
    out.update(f"in branches: {t}" for t in inner if t != "#")
    return out


def placeholders(text: str, syntaxes: tuple[str, ...] = SYNTAXES) -> Counter[str]:
    """Every placeholder in ``text`` as a normalised token, with counts.

    Raises :class:`IcuError` when the text holds an ICU plural/select that
    does not parse.
    """
    found: list[str] = []
    if "double-brace" in syntaxes:
        text = _mask(text, _DOUBLE_BRACE, found)
    if "dollar-brace" in syntaxes:
        text = _mask(text, _DOLLAR_BRACE, found)
    if "python-format" in syntaxes:
        text = _mask(text, _PYTHON_FORMAT, found)
    if "printf" in syntaxes:
        text = _PERCENT_LITERAL.sub("  ", text)
        text = _mask(text, _PRINTF, found)
    out = Counter(found)
    if "brace" in syntaxes:
        out.update(brace_tokens(text))
    return out


def _printf_order(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t.startswith("%") and "$" not in t and not t.startswith("%(")]


class PlaceholdersCheck:
    name = "placeholders"
    severity = Severity.ERROR
    description = "A placeholder (printf, {name}, ICU plural/select, ${x}, {{x}}) differs between source and translation."
    options = {"syntaxes": list(SYNTAXES)}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        syntaxes = tuple(ctx.option(self.name, "syntaxes", list(SYNTAXES)))
        for pair in ctx.aligned_pairs():
            try:
                src = placeholders(pair.source_text, syntaxes)
            except IcuError:
                continue  # a broken source is not the translator's doing
            try:
                tgt = placeholders(pair.target_text, syntaxes)
            except IcuError as exc:
                yield ctx.pair_finding(
                    self.name,
                    self.severity,
                    f"The ICU message no longer parses: {exc}.",
                    pair,
                    evidence={"error": str(exc)},
                )
                continue
            if src == tgt:
                order_a = _printf_order([m.group(0) for m in _PRINTF.finditer(pair.source_text)])
                order_b = _printf_order([m.group(0) for m in _PRINTF.finditer(pair.target_text)])
                if "printf" in syntaxes and len(set(order_a)) > 1 and order_a != order_b:
                    yield ctx.pair_finding(
                        self.name,
                        self.severity,
                        f"The printf placeholders changed order ({' '.join(order_a)} → {' '.join(order_b)}); "
                        "use positional ones (%1$s) to reorder.",
                        pair,
                        evidence={"source": order_a, "target": order_b},
                    )
                continue
            missing = sorted((src - tgt).elements())
            extra = sorted((tgt - src).elements())
            yield ctx.pair_finding(
                self.name,
                self.severity,
                f"Placeholders differ: {ctx.only_in(pair, missing, extra)}.",
                pair,
                evidence={"source": missing, "target": extra},
            )
