"""The primary language of a code: one reading of "de-CH" for every table
keyed by language (stemmers, compound links, negation words, checks)."""

from __future__ import annotations

import pytest

from translator.ingest.languages import primary_language
from translator.lexicon.anchors import times


@pytest.mark.parametrize(
    ("code", "primary"),
    [
        ("de", "de"),
        ("de-CH", "de"),
        ("de_AT", "de"),
        ("DE", "de"),
        ("pt-BR", "pt"),
        ("zh-Hant-TW", "zh"),
        (None, ""),
        ("", ""),
    ],
)
def test_a_codes_primary_language_ignores_region_script_and_case(code, primary):
    assert primary_language(code) == primary


def test_a_regional_or_underscored_german_code_reads_german_text_as_german():
    # "3 am Stück" is not 03:00 in German, whichever way the code is written
    for code in ("de", "de-CH", "de_AT"):
        assert times("Das Team gewann 3 am Stück.", code) == []
    assert times("The team left at 3 am sharp.", "en-GB") != []
