"""CLDR names kept as JSON tables are Babel's own, and a process that finds
them cached does not import Babel.

The date anchors, the dates signal and check and the names check read
month, weekday and territory names through :mod:`translator.lexicon.cldr`;
every name, number and order must be what Babel gives, read back from the
(per-test, empty) cache folder, and codes Babel parses differently or not
at all behave as they did with Babel.
"""

from __future__ import annotations

import pytest
from babel import Locale
from babel.dates import get_day_names, get_month_names
from processkit import outputs_of_two_fresh_processes

from translator import diskcache
from translator.lexicon import anchors, cldr


def _fresh() -> None:
    cldr._table.cache_clear()


@pytest.mark.parametrize("lang", anchors.DATE_LANGS)
def test_cached_month_and_weekday_names_are_babels(lang):
    _fresh()
    cldr.months(lang)
    _fresh()
    for width in ("wide", "abbreviated", "narrow"):
        for context in ("format", "stand-alone"):
            assert list(cldr.months(lang, width, context).items()) == list(
                get_month_names(width, context, locale=lang).items()
            )
            assert list(cldr.days(lang, width, context).items()) == list(
                get_day_names(width, context, locale=lang).items()
            )
    assert list(cldr.territories(lang).items()) == list(Locale.parse(lang).territories.items())
    assert len(list(diskcache.cache_dir().glob(f"cldr-{lang}_*.json"))) == 1


def test_regional_and_unknown_codes_go_to_babel_as_before():
    _fresh()
    assert cldr.months("pt_BR") == dict(Locale.parse("pt_BR").months["format"]["wide"].items())
    assert cldr.territories("pt-br") == {}  # Babel cannot parse it: no names, as before
    assert cldr.months("xx") == {} and cldr.days("qq") == {} and cldr.territories("") == {}
    assert list(diskcache.cache_dir().glob("cldr-*")) == []


def test_a_damaged_table_is_rebuilt():
    _fresh()
    cldr.days("de")
    (table,) = diskcache.cache_dir().glob("cldr-de_*.json")
    for payload in (
        '{"months": {}}',
        '{"months": {"format": {"wide": [["1", 2]]}}, "days": {}, "territories": []}',
    ):
        table.write_text(payload, encoding="utf-8")
        _fresh()
        assert cldr.days("de") == dict(get_day_names("wide", "format", locale="de").items())


def test_calendar_words_and_date_text_are_unchanged():
    assert anchors.is_calendar_word("Dienstag") and anchors.is_calendar_word("octobre")
    assert str(anchors.DateValue(None, 10, 24)) == "24 October"


def test_a_process_that_finds_the_tables_cached_does_not_import_babel():
    probe = (
        "import sys\n"
        "from translator.lexicon import anchors, names\n"
        "assert anchors.is_calendar_word('Montag')\n"
        "assert names.equivalent_names('de', 'fr')\n"
        "print('babel' in sys.modules)\n"
    )
    assert outputs_of_two_fresh_processes(probe) == ["True", "False"]


def test_cached_language_codes_are_babels_and_known_codes_are_unchanged():
    from translator.ingest.languages import known_languages

    assert cldr.language_codes("en") == tuple(Locale.parse("en").languages)
    assert cldr.language_codes("en") == tuple(Locale.parse("en").languages)  # read back
    assert len(list(diskcache.cache_dir().glob("cldr-languages-en_*.json"))) == 1
    known_languages.cache_clear()
    expected = {code.lower() for code in Locale("en").languages if "_" not in code}
    assert known_languages() == frozenset(expected | {"zt", "pb"})
    assert cldr.language_codes("xx") == ()


def test_a_process_that_reads_dates_and_checks_codes_with_the_tables_cached_does_not_import_babel():
    # a date in a known language reads its month names from the tables too
    probe = (
        "import sys\n"
        "from translator.ingest.languages import language_code\n"
        "from translator.lexicon import anchors\n"
        "assert language_code('de', 'test') == 'de'\n"
        "assert anchors.dates('am 3. März 2020 und Sie 2', 'de')\n"
        "print('babel' in sys.modules)\n"
    )
    assert outputs_of_two_fresh_processes(probe) == ["True", "False"]
