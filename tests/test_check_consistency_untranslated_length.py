"""consistency (both directions, within a file and across the targets of
one check run), untranslated short units, and length."""

from __future__ import annotations

from pathlib import Path

import pytest
from qakit import flagged

from translator.gate.checkrun import Target, run_check
from translator.gate.config import load_config

#: (first pair, second pair): the second contradicts the first
INCONSISTENT = [
    (("Speichern", "Save"), ("Speichern", "Store")),
    (("Abbrechen", "Cancel"), ("Abbrechen", "Abort")),
    (("Datei öffnen", "Open file"), ("Datei öffnen", "Open the file")),
    (("Einstellungen", "Settings"), ("Einstellungen", "Preferences")),
    (("Weiter", "Next"), ("Weiter", "Continue")),
    (("Zurück", "Back"), ("Zurück", "Previous")),
    (
        ("Der Vorgang ist beendet.", "The process has finished."),
        ("Der Vorgang ist beendet.", "The operation is complete."),
    ),
    (("Bitte warten.", "Please wait."), ("Bitte warten.", "Wait, please.")),
    (("Hilfe", "Help"), ("Hilfe", "Support")),
    (("Löschen", "Delete"), ("Löschen", "Remove")),
    (("Drucken", "Print"), ("Drucken", "Print out")),
    (("Suche", "Search"), ("Suche", "Find")),
    # the reverse direction: two sources, one translation
    (("Speichern", "Save"), ("Sichern", "Save")),
    (("Schließen", "Close"), ("Beenden", "Close")),
    (("Neu laden", "Reload"), ("Aktualisieren", "Reload")),
    (("Datei", "File"), ("Akte", "File")),
    (("Er kam spät.", "He came late."), ("Er ging spät.", "He came late.")),
    (("Ansicht", "View"), ("Anzeigen", "View")),
    (("Benutzer", "User"), ("Nutzer", "User")),
    (("Start", "Start"), ("Beginn", "Start")),
    (("Ende", "End"), ("Schluss", "End")),
]


@pytest.mark.parametrize(("first", "second"), INCONSISTENT)
def test_a_consistent_file_passes(first, second):
    assert flagged([first, ("Etwas anderes.", "Something else."), first], "consistency") == []


@pytest.mark.parametrize(("first", "second"), INCONSISTENT)
def test_each_planted_inconsistency_is_found_and_points_at_the_first(first, second):
    (finding,) = flagged([first, ("Etwas anderes.", "Something else."), second], "consistency")
    assert "target.txt:1" in finding.message
    assert finding.span.start > 0  # the later occurrence is flagged


def test_case_and_spacing_are_not_inconsistency():
    assert flagged([("Speichern", "Save"), ("speichern", "save ")], "consistency") == []


def test_the_reverse_direction_can_be_switched_off():
    assert flagged([("Speichern", "Save"), ("Sichern", "Save")], "consistency", reverse=False) == []


def test_targets_of_one_check_run_are_compared_with_each_other(tmp_path: Path):
    files = {
        "a.de.txt": "Speichern\n\nDer Bericht ist fertig.\n",
        "a.en.txt": "Save\n\nThe report is ready.\n",
        "b.de.txt": "Speichern\n\nDie Sitzung beginnt.\n",
        "b.en.txt": "Store\n\nThe meeting begins.\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = load_config(isolated=True)
    targets = [
        Target(str(tmp_path / f"{x}.en.txt"), str(tmp_path / f"{x}.de.txt"), "en", "de") for x in ("a", "b")
    ]
    run = run_check(targets, config)
    found = [f for c in run.comparisons for f in c.findings if f.kind == "consistency"]
    assert len(found) == 1
    assert "a.en.txt:1" in found[0].message
    assert run.comparisons[1].findings.count(found[0]) == 1


UNTRANSLATED = [
    ("Abbrechen", "Cancel", "Abbrechen", "de", "en"),
    ("Speichern", "Save", "Speichern", "de", "en"),
    ("Einstellungen", "Settings", "Einstellungen", "de", "en"),
    ("Schließen", "Close", "Schließen", "de", "en"),
    ("Weiter", "Next", "Weiter", "de", "en"),
    ("Zurück", "Back", "zurück", "de", "en"),
    ("Hilfe", "Help", "Hilfe", "de", "en"),
    ("Löschen", "Delete", "Löschen", "de", "en"),
    ("Suchen", "Search", "Suchen", "de", "en"),
    ("Drucken", "Print", "Drucken", "de", "en"),
    ("Anmelden", "Sign in", "Anmelden", "de", "en"),
    ("Abbrechen", "Cancel", "Beenden", "de", "en"),
    ("Datei", "File", "Datei", "de", "en"),
    ("Bearbeiten", "Edit", "Bearbeiten", "de", "en"),
    ("Cancel", "Abbrechen", "Cancel", "en", "de"),
    ("Save", "Speichern", "Save", "en", "de"),
    ("Delete", "Löschen", "Delete", "en", "de"),
    ("Download", "Télécharger", "Herunterladen", "de", "fr"),
    ("Close", "Fermer", "Close", "en", "fr"),
    ("Search", "Buscar", "Search", "en", "es"),
    ("Weather", "Wetter", "Weather", "en", "de"),
    ("Nachrichten", "News", "Nachrichten", "de", "en"),
]


@pytest.mark.parametrize(("source", "good", "bad", "sl", "tl"), UNTRANSLATED)
def test_a_translated_short_unit_passes(source, good, bad, sl, tl):
    assert flagged([(source, good)], "untranslated", sl, tl) == []


@pytest.mark.parametrize(("source", "good", "bad", "sl", "tl"), UNTRANSLATED)
def test_each_planted_untranslated_unit_is_found(source, good, bad, sl, tl):
    (finding,) = flagged([(source, bad)], "untranslated", sl, tl)
    assert finding.severity.value == "error"


def test_names_and_international_words_equal_to_the_source_are_not_untranslated():
    for word in ("Berlin", "Hotel", "OK", "Angela Merkel", "New York", "2024", "Taxi", "Computer"):
        assert flagged([(word, word)], "untranslated") == [], word


def test_a_do_not_translate_glossary_term_is_not_untranslated(tmp_path: Path):
    assert flagged([("Bundesliga", "Bundesliga")], "untranslated")
    (tmp_path / "de-en-sport.tsv").write_text("source\ttarget\nBundesliga\tBundesliga\n", encoding="utf-8")
    from qakit import pairs

    from translator.checks import run_checks

    found = run_checks(
        pairs([("Bundesliga", "Bundesliga")]),
        enabled=["untranslated"],
        options={"glossary": {"files": [str(tmp_path / "de-en-sport.tsv")]}},
    )
    assert found == []


def test_long_identical_prose_is_left_to_residue_while_it_runs():
    line = "Die Regierung hat heute beschlossen"
    from qakit import pairs

    from translator.checks import run_checks

    found = run_checks(pairs([(line, line)]), enabled=["untranslated", "residue"])
    assert [f.kind for f in found if f.kind == "untranslated"] == []


def test_identical_units_at_any_length_are_flagged_when_residue_is_off():
    line = "Die Regierung hat heute beschlossen"
    from qakit import findings, pairs

    (finding,) = findings(pairs([(line, line)]), "untranslated")
    assert finding.evidence["reason"] == "equal"


#: (source, faithful translation) pairs; each yields two planted length errors
FAITHFUL = [
    (
        "Die Regierung hat am Montag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.",
        "On Monday the government passed a new law to promote renewable energy.",
    ),
    (
        "Der Bürgermeister eröffnete die neue Brücke über den Fluss am Samstagmorgen feierlich.",
        "The mayor ceremonially opened the new bridge over the river on Saturday morning.",
    ),
    (
        "Die Polizei sucht weiterhin nach Zeugen des Unfalls auf der Autobahn bei Leipzig.",
        "Police are still looking for witnesses to the accident on the motorway near Leipzig.",
    ),
    (
        "Nach Angaben des Wetterdienstes wird es am Wochenende in ganz Bayern kräftig regnen.",
        "According to the weather service, it will rain heavily across Bavaria at the weekend.",
    ),
    (
        "Die Gewerkschaft fordert für die Beschäftigten im Nahverkehr acht Prozent mehr Lohn.",
        "The union is demanding eight percent more pay for employees in local transport.",
    ),
    (
        "Das Museum zeigt ab Freitag eine große Ausstellung über die Geschichte der Stadt.",
        "From Friday the museum is showing a large exhibition on the history of the city.",
    ),
    (
        "Wegen Bauarbeiten bleibt die Hauptstraße bis Ende des Monats für Autos gesperrt.",
        "Because of construction work, the main street remains closed to cars until the end of the month.",
    ),
    (
        "Die Schule bekommt im kommenden Jahr endlich eine neue Turnhalle und eine Mensa.",
        "Next year the school will finally get a new gym and a canteen.",
    ),
    (
        "Der Verein feierte am Sonntag mit vielen Gästen sein hundertjähriges Bestehen.",
        "On Sunday the club celebrated its hundredth anniversary with many guests.",
    ),
    (
        "Im Stadtrat gab es eine lange Debatte über die Zukunft des alten Bahnhofsgebäudes.",
        "There was a long debate in the city council about the future of the old station building.",
    ),
]
PADDING = (
    "and officials added that further details would be announced at a press conference "
    "later in the week, once all the figures had been checked by the responsible office"
)


def _truncated(text: str) -> str:
    """A translation that stops after its first few words."""
    return " ".join(text.split()[:3]) + "."


def _padded(text: str) -> str:
    """A translation with a long clause the source does not have."""
    return text.rstrip(".") + ", " + PADDING + "."


LENGTH = [(src, good, _truncated(good)) for src, good in FAITHFUL] + [
    (src, good, _padded(good)) for src, good in FAITHFUL
]


def _file(extra: tuple[str, str] | None) -> list[tuple[str, str]]:
    base = [
        (
            "Die Stadt plant einen neuen Park im Norden der Altstadt.",
            "The city is planning a new park north of the old town.",
        ),
        (
            "Der Stadtrat stimmte dem Vorschlag mit großer Mehrheit zu.",
            "The city council approved the proposal by a large majority.",
        ),
        (
            "Die Arbeiten sollen im Frühjahr des kommenden Jahres beginnen.",
            "Work is due to begin in the spring of next year.",
        ),
        (
            "Anwohner hatten sich seit Jahren für mehr Grünflächen eingesetzt.",
            "Residents had campaigned for more green space for years.",
        ),
        (
            "Die Kosten werden auf rund zwei Millionen Euro geschätzt.",
            "The cost is estimated at around two million euros.",
        ),
    ]
    return base + ([extra] if extra else [])


@pytest.mark.parametrize(("source", "good", "bad"), LENGTH)
def test_a_translation_of_usual_length_passes(source, good, bad):
    assert flagged(_file((source, good)), "length") == []


@pytest.mark.parametrize(("source", "good", "bad"), LENGTH)
def test_a_translation_far_off_the_pairs_usual_ratio_is_flagged(source, good, bad):
    (finding,) = flagged(_file((source, bad)), "length")
    assert finding.severity.value == "warning" and "usual" in finding.message


def test_absolute_limits_per_file_or_for_every_sentence():
    items = [
        ("Kurz.", "Short."),
        ("Ein etwas längerer Satz steht hier.", "A somewhat longer sentence stands here."),
    ]
    (finding,) = flagged(items, "length", max_chars=20)
    assert finding.evidence == {"length": 39, "limit": 20}
    assert flagged(items, "length", limits=[{"key": "target.txt", "max": 50}]) == []
    assert len(flagged(items, "length", limits=[{"key": "*.txt", "max": 5}])) == 2


def _units(items: list[tuple[str, str]], sl: str = "en", tl: str = "de"):
    """A bilingual file's units as a gold comparison (whole units, judged at any length)."""
    from qakit import pairs

    comparison = pairs(items, sl, tl)
    for doc in comparison.documents:
        doc.format = "xliff"
    return comparison


def test_units_read_as_the_target_language_need_no_word_frequencies(monkeypatch):
    # every whole unit goes to the language identifier; a unit it reads as
    # the translation's language is cleared before wordfreq's large lists
    # (0.4-0.7 s to load) are asked about a single word
    from qakit import findings

    from translator.checks import untranslated

    def no_lookup(word: str, lang: str) -> float:
        raise AssertionError(f"word frequency of {word!r} looked up")

    monkeypatch.setattr(untranslated, "_zipf", no_lookup)
    items = [
        ("The museum opens at nine in the morning.", "Das Museum öffnet um neun Uhr morgens."),
        ("Your order has been shipped.", "Ihre Bestellung wurde versandt."),
    ]
    assert findings(_units(items), "untranslated") == []


def test_a_unit_left_in_the_source_language_is_still_flagged_with_its_source_words():
    from qakit import findings

    items = [
        ("The museum opens at nine in the morning.", "Das Museum öffnet um neun Uhr morgens."),
        ("Your order has been shipped to you.", "Your order has been shipped to you."),
    ]
    (finding,) = findings(_units(items), "untranslated")
    assert finding.evidence["reason"] == "equal"
    assert "order" in finding.evidence["words"] and "shipped" in finding.evidence["words"]
