"""placeholders: printf, Python, ${x}, {{x}} and parsed ICU MessageFormat."""

from __future__ import annotations

import pytest
from qakit import flagged

from translator.checks.placeholders import IcuError, placeholders

#: (source, faithful translation, translation with a planted error)
CORPUS = [
    ("Hallo {name}!", "Hello {name}!", "Hello {nmae}!"),
    ("{name} wohnt in {address}.", "{name} lives at {address}.", "{name} lives there."),
    ("%d Dateien gelöscht.", "%d files deleted.", "%s files deleted."),
    ("%s hat %d Punkte.", "%s has %d points.", "%s has points."),
    ("%1$s schrieb an %2$s.", "%2$s got a letter from %1$s.", "%1$s wrote to %1$s."),
    ("Noch %(count)d Tage.", "%(count)d days left.", "%(cnt)d days left."),
    ("Guten Tag, ${user}.", "Good day, ${user}.", "Good day, user."),
    ("Preis: ${price} Euro", "Price: ${price} euros", "Price: ${preis} euros"),
    ("Willkommen, {{ firstName }}!", "Welcome, {{firstName}}!", "Welcome, {{ vorname }}!"),
    ("{{count}} neue Nachrichten", "{{count}} new messages", "{count} new messages"),
    ("Datei {0} von {1}", "File {0} of {1}", "File {0} of {0}"),
    ("Fehler: {}", "Error: {}", "Error: "),
    (
        "{count, plural, one {# Datei} other {# Dateien}}",
        "{count, plural, one {# file} other {# files}}",
        "{cnt, plural, one {# file} other {# files}}",
    ),
    (
        "{count, plural, one {# Datei} other {# Dateien}}",
        "{count, plural, one {# file} other {# files}}",
        "{count, select, one {# file} other {# files}}",
    ),
    (
        "{g, select, male {Er} female {Sie} other {Sie}} kommt.",
        "{g, select, male {He} female {She} other {They}} come.",
        "{g, select, masculine {He} female {She} other {They}} come.",
    ),
    (
        "{n, plural, one {{name} hat # Datei} other {{name} hat # Dateien}}",
        "{n, plural, one {{name} has # file} other {{name} has # files}}",
        "{n, plural, one {{nmae} has # file} other {{nmae} has # files}}",
    ),
    (
        "{n, plural, one {# Datei} other {# Dateien}}",
        "{n, plural, one {# file} other {# files}}",
        "{n, plural, one {# file} other {# files}",
    ),
    ("Am {d, date, short} um {t, time}", "On {d, date, short} at {t, time}", "On {d, date} at {t, time}"),
    ("Betrag {a, number, currency}", "Amount {a, number, currency}", "Amount {a}"),
    ("%.2f %% erreicht", "%.2f %% reached", "%.1f %% reached"),
    ("Von %s an %s", "From %s to %s", "From %s to %d"),
    ("<b>{name}</b> ist online", "<b>{name}</b> is online", "<b>{Name}</b> is online"),
]


@pytest.mark.parametrize(("source", "good", "bad"), CORPUS)
def test_a_faithful_translation_keeps_its_placeholders(source, good, bad):
    assert flagged([(source, good)], "placeholders") == []


@pytest.mark.parametrize(("source", "good", "bad"), CORPUS)
def test_each_planted_placeholder_error_is_found(source, good, bad):
    found = flagged([(source, bad)], "placeholders")
    assert len(found) == 1 and found[0].severity.value == "error"


def test_a_correct_icu_plural_with_other_categories_passes():
    # Polish needs few/many: the plural's branch keys are the target language's
    source = "{n, plural, one {# file} other {# files}}"
    polish = "{n, plural, one {# plik} few {# pliki} many {# plików} other {# pliku}}"
    assert flagged([(source, polish)], "placeholders", "en", "pl") == []


def test_renamed_placeholder_names_both_sides_in_the_message():
    (finding,) = flagged([("Hallo {name}!", "Hello {nmae}!")], "placeholders")
    assert "{name} only in source.txt" in finding.message and "{nmae} only in target.txt" in finding.message
    assert finding.evidence == {"source": ["{name}"], "target": ["{nmae}"]}


def test_printf_placeholders_that_change_order_need_positions():
    (finding,) = flagged([("%s hat %d Punkte.", "%d points for %s.")], "placeholders")
    assert "order" in finding.message


def test_percent_signs_in_prose_are_not_placeholders():
    assert placeholders("Eine 5%ige Steigerung, 50 % der Stimmen, 20%.") == {}
    assert flagged([("Eine 5%ige Steigerung.", "A 5% increase.")], "placeholders") == []


def test_an_icu_plural_that_no_longer_parses_is_reported_as_such():
    (finding,) = flagged(
        [("{n, plural, one {# Datei} other {# Dateien}}", "{n, plural, one {# file} other {# files}")],
        "placeholders",
    )
    assert "no longer parses" in finding.message
    with pytest.raises(IcuError):
        placeholders("{n, plural, one {# file} other {# files}")


def test_syntaxes_are_configurable_per_project():
    pair = [("Hallo ${user}.", "Hello user.")]
    assert flagged(pair, "placeholders")
    assert flagged(pair, "placeholders", syntaxes=["printf", "python-format"]) == []
