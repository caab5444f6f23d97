"""Checks: one module per check, each behind :class:`~.base.Check`.

Adding a check is one new module plus one entry in :data:`CHECKS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..forked import split_map
from ..model import Comparison, Finding, Severity
from .addition import AdditionCheck
from .base import Check, CheckContext
from .consistency import ConsistencyCheck
from .custom import CustomCheck
from .dates import DatesCheck
from .duplicates import DuplicatesCheck
from .glossary import GlossaryCheck
from .length import LengthCheck
from .links import LinksCheck
from .machine_output import MachineOutputCheck
from .markup import MarkupCheck
from .mechanics import MechanicsCheck
from .moved import MovedCheck
from .names import NamesCheck
from .numbers import NumbersCheck
from .omission import OmissionCheck
from .placeholders import PlaceholdersCheck
from .protected_terms import ProtectedTermsCheck
from .quotes import QuotesCheck
from .replaced import ReplacedCheck
from .residue import ResidueCheck
from .spelling import SpellingCheck
from .subtitle_lines import SubtitleLinesCheck
from .subtitle_speed import SubtitleSpeedCheck
from .unit_state import UnitStateCheck
from .untranslated import UntranslatedCheck
from .wording import WordingCheck

CHECKS: list[Check] = [
    OmissionCheck(),
    AdditionCheck(),
    MovedCheck(),
    ReplacedCheck(),
    WordingCheck(),
    NumbersCheck(),
    DatesCheck(),
    NamesCheck(),
    QuotesCheck(),
    ResidueCheck(),
    DuplicatesCheck(),
    GlossaryCheck(),
    MachineOutputCheck(),
    ProtectedTermsCheck(),
    UnitStateCheck(),
    SubtitleLinesCheck(),
    SubtitleSpeedCheck(),
    PlaceholdersCheck(),
    MarkupCheck(),
    LinksCheck(),
    MechanicsCheck(),
    ConsistencyCheck(),
    UntranslatedCheck(),
    LengthCheck(),
    SpellingCheck(),
    CustomCheck(),
]


#: sentences in a comparison from which the checks share a second core
#: (:func:`~translator.forked.split_map`): the checks take about a
#: millisecond per sentence pair, a fork 10-30 ms
FORK_MIN_SENTENCES = 2000


def check_names() -> list[str]:
    return [c.name for c in CHECKS]


def run_checks(
    comparison: Comparison,
    *,
    enabled: Iterable[str] | None = None,
    disabled: Iterable[str] = (),
    severities: dict[str, Severity] | None = None,
    options: dict[str, dict[str, Any]] | None = None,
    source_langs: Iterable[str] = (),
) -> list[Finding]:
    """Run the selected checks and return findings in document order."""
    wanted = set(enabled) if enabled is not None else set(check_names())
    wanted -= set(disabled)
    ctx = CheckContext(
        comparison, options=options or {}, source_langs=list(source_langs), enabled=frozenset(wanted)
    )
    chosen = [check for check in CHECKS if check.name in wanted]
    # every check reads the comparison and nothing another check writes
    # (``ctx.memo`` only saves recomputing), so on a large comparison a
    # second core runs half of them (the same findings, in the same order)
    sentences = sum(len(doc.segments) for doc in comparison.documents)
    found = split_map(lambda check: list(check.run(ctx)), chosen, fork=sentences >= FORK_MIN_SENTENCES)
    findings: list[Finding] = []
    for check, own in zip(chosen, found, strict=True):
        for finding in own:
            if severities and check.name in severities:
                finding.severity = severities[check.name]
            findings.append(finding)
    findings.sort(key=lambda f: (f.span.version, f.span.start, f.kind))
    return findings


__all__ = ["CHECKS", "Check", "CheckContext", "check_names", "run_checks"]
