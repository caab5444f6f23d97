"""Custom rules from the configuration: a project's own regular expressions,
as Xbench checklists and CheckMate patterns offer.

Each rule is a table in ``[[checks.custom.rules]]``::

    [[checks.custom.rules]]
    id = "no-ss"                      # shown with the finding (required)
    lang = "de-CH"                    # language of the translation (optional)
    pattern = "ß"                     # the translation must not match …
    message = "Swiss German writes ss, not ß."
    severity = "error"                # error | warning | info (default warning)

    [[checks.custom.rules]]
    id = "keep-ticket"
    source-lang = "de"                # language of the source (optional)
    source-pattern = "\\bJIRA-\\d+\\b"  # … or, with a source pattern:
    message = "Keep ticket numbers."

Semantics: a ``pattern`` alone flags every sentence of the translation that
matches it (also in single-file ``check``). A ``source-pattern`` alone
requires every match in the source sentence to appear verbatim in the
aligned translation. Both together flag a pair whose source matches and
whose translation does not match ``pattern``. ``ignore-case`` (false) makes
both case-insensitive. A rule with an invalid expression or an unknown key is
a configuration error, reported when the configuration is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..model import Finding, Severity
from .base import CheckContext

_KEYS = {"id", "lang", "source-lang", "pattern", "source-pattern", "message", "severity", "ignore-case"}


@dataclass(frozen=True)
class Rule:
    id: str
    message: str
    severity: Severity
    pattern: re.Pattern[str] | None
    source_pattern: re.Pattern[str] | None
    lang: str | None
    source_lang: str | None


def parse_rule(raw: Any, where: str = "checks.custom.rules") -> Rule:
    """A rule from its configuration table; InputError naming the problem."""
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected a table with id, pattern and message")
    table = {k.replace("_", "-"): v for k, v in raw.items()}
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise InputError(f"{where}: unknown key {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})")
    rid = table.get("id")
    if not isinstance(rid, str) or not rid:
        raise InputError(f"{where}: id is required (a string)")
    where = f"{where}[{rid}]"
    for key in ("lang", "source-lang", "pattern", "source-pattern", "message", "severity"):
        if key in table and not isinstance(table[key], str):
            raise InputError(f"{where}: {key}: expected a string, got {table[key]!r}")
    if not table.get("pattern") and not table.get("source-pattern"):
        raise InputError(f"{where}: needs a pattern, a source-pattern or both")
    level = table.get("severity", Severity.WARNING.value)
    if level not in {s.value for s in Severity}:
        raise InputError(f"{where}: severity: expected one of {', '.join(s.value for s in Severity)}")
    flags = re.IGNORECASE if table.get("ignore-case") else 0
    compiled = {}
    for key in ("pattern", "source-pattern"):
        if table.get(key):
            try:
                compiled[key] = re.compile(table[key], flags)
            except re.error as exc:
                raise InputError(f"{where}: {key}: invalid regular expression ({exc})") from None
    return Rule(
        id=rid,
        message=table.get("message") or f"Matches the custom rule {rid}.",
        severity=Severity(level),
        pattern=compiled.get("pattern"),
        source_pattern=compiled.get("source-pattern"),
        lang=table.get("lang"),
        source_lang=table.get("source-lang"),
    )


def _lang_ok(wanted: str | None, actual: str | None) -> bool:
    if not wanted:
        return True
    if not actual:
        return False
    w, a = wanted.casefold().replace("_", "-"), actual.casefold().replace("_", "-")
    return a == w or a.split("-")[0] == w


class CustomCheck:
    name = "custom"
    severity = Severity.WARNING
    description = "A custom rule of the configuration (a regular expression with its message) matched."
    options = {"rules": []}

    def validate_option(self, key: str, value: Any) -> None:
        """Raise InputError for a malformed rule (called when reading config)."""
        if key == "rules":
            for i, raw in enumerate(value):
                parse_rule(raw, f"checks.custom.rules[{i}]")

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        rules = [
            parse_rule(r, f"checks.custom.rules[{i}]")
            for i, r in enumerate(ctx.option(self.name, "rules", []))
        ]
        if not rules:
            return
        for rule in rules:
            if rule.source_pattern is None:
                yield from self._target_only(ctx, rule)
            else:
                yield from self._pairs(ctx, rule)

    def _target_only(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        assert rule.pattern is not None
        for v in ctx.checked_versions():
            doc = ctx.documents[v]
            if not _lang_ok(rule.lang, doc.lang):
                continue
            for seg in doc.segments:
                m = rule.pattern.search(seg.text)
                if m:
                    yield ctx.finding(
                        self.name,
                        rule.severity,
                        f"{rule.message} [{rule.id}]",
                        v,
                        [seg.index],
                        evidence={"rule": rule.id, "match": m.group(0)},
                    )

    def _pairs(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        assert rule.source_pattern is not None
        for pair in ctx.aligned_pairs():
            if not _lang_ok(rule.lang, ctx.documents[pair.alignment.target].lang):
                continue
            if not _lang_ok(rule.source_lang, ctx.documents[pair.alignment.source].lang):
                continue
            matches = [m.group(0) for m in rule.source_pattern.finditer(pair.source_text)]
            if not matches:
                continue
            if rule.pattern is not None:
                missing = [] if rule.pattern.search(pair.target_text) else matches[:1]
            else:
                missing = [m for m in matches if m not in pair.target_text]
            if missing:
                yield ctx.pair_finding(
                    self.name,
                    rule.severity,
                    f"{rule.message} [{rule.id}]",
                    pair,
                    evidence={"rule": rule.id, "source_match": missing},
                )
