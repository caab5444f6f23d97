"""Numbers, dates, names, quotes, duplicates and glossary checks: each with
positive and negative cases, and each can be switched off."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.checks import check_names
from translator.checks.duplicates import repeats
from translator.checks.quotes import extract_quotes
from translator.ingest.load import document_from_text
from translator.lexicon.anchors import DateValue, amounts, dates, weekdays
from translator.model import Severity
from translator.pipeline import CompareOptions, check_document, compare_documents, prepare_document


def compare_texts(a: str, b: str, la: str | None = None, lb: str | None = None, **options):
    docs = [
        prepare_document(document_from_text(a, "a.txt"), la),
        prepare_document(document_from_text(b, "b.txt"), lb),
    ]
    return compare_documents(docs, CompareOptions(**options))


def of_kind(comparison, kind):
    return [f for f in comparison.findings if f.kind == kind]


# --- dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["am 24. Oktober 2024", "on October 24, 2024", "2024-10-24", "am 24.10.2024", "le 24 octobre 2024",
     "el 24 de octubre de 2024", "il 24 ottobre 2024", "on 24th October 2024"],
)  # fmt: skip
def test_one_date_written_in_every_usual_form(text):
    assert [d for _, _, d in dates(text)] == [DateValue(2024, 10, 24)]


def test_weekdays_and_lone_months_across_languages():
    assert [d for _, _, d in weekdays("Montag / Monday / lundi")] == [0, 0, 0]
    assert [d for _, _, d in dates("im Oktober")] == [d for _, _, d in dates("in October")]


def test_pronoun_that_is_a_month_abbreviation_elsewhere_is_not_a_date():
    assert dates("Sie füllen Sandsäcke und sichern Deiche.") == []


def test_same_date_in_two_languages_is_not_flagged():
    c = compare_texts(
        "Die Sitzung findet am Donnerstag, 24. Oktober 2024, in Berlin statt.",
        "The meeting takes place on Thursday, October 24, 2024, in Berlin.",
        "de",
        "en",
    )
    assert of_kind(c, "dates") == [] and of_kind(c, "numbers") == []


def test_changed_day_and_weekday_are_flagged():
    c = compare_texts(
        "Die Sitzung findet am Donnerstag, 24. Oktober 2024, in Berlin statt.",
        "The meeting takes place on Friday, October 25, 2024, in Berlin.",
        "de",
        "en",
    )
    [f] = of_kind(c, "dates")
    assert f.severity == Severity.ERROR
    assert f.evidence == {"source": ["2024-10-24", "Thursday"], "target": ["2024-10-25", "Friday"]}


# --- numbers, amounts, units ----------------------------------------------


def test_scale_words_and_currencies_are_normalised():
    assert [(a.value, a.unit) for a in amounts("50 Millionen Euro", "de")] == [(50e6, "EUR")]
    assert [(a.value, a.unit) for a in amounts("€50m", "en")] == [(50e6, "EUR")]
    assert [(a.value, a.unit) for a in amounts("5,3 Prozent", "de")] == [(5.3, "%")]
    assert [(a.value, a.unit) for a in amounts("5.3%", "en")] == [(5.3, "%")]


def test_german_billion_is_an_english_trillion():
    c = compare_texts(
        "Die Schulden stiegen auf drei Komma zwei, genauer 3 Billionen Euro, sagte das Amt.",
        "The debt rose to 3 billion euros, the office said.",
        "de",
        "en",
    )
    [f] = of_kind(c, "numbers")
    assert f.evidence == {"source": [3e12], "target": [3e9]}
    # the message spells both out in digits, never "3e+12"
    assert "3,000,000,000,000" in f.message and "3,000,000,000" in f.message
    assert "e+" not in f.message


def test_same_amount_in_two_locales_is_not_flagged():
    c = compare_texts(
        "Die Regierung kündigte Soforthilfen von 2,5 Millionen Euro und 1.200 Zelte an.",
        "The government announced emergency aid of 2.5 million euros and 1,200 tents.",
        "de",
        "en",
    )
    assert of_kind(c, "numbers") == []


def test_number_word_on_one_side_and_digit_on_the_other_is_not_flagged():
    c = compare_texts(
        "Normal sind an dieser Stelle etwa zwei Meter Wasser.",
        "Normally the water is about 2 metres deep here.",
        "de",
        "en",
    )
    assert of_kind(c, "numbers") == []


def test_number_present_on_one_side_only_is_flagged():
    c = compare_texts("The river rose 3 metres on Monday.", "The river rose on Monday.")
    [f] = of_kind(c, "numbers")
    assert f.evidence == {"source": [3.0], "target": []}


def test_percent_versus_percentage_points_is_a_unit_difference():
    c = compare_texts(
        "Die Zentralbank erhöhte den Leitzins um 0,25 Prozentpunkte auf 4,5 Prozent.",
        "The central bank raised its key rate by 0.25 percent to 4.5 percent.",
        "de",
        "en",
    )
    [f] = of_kind(c, "numbers")
    assert f.evidence == {"value": 0.25, "source_unit": ["pp"], "target_unit": ["%"]}


def test_numbers_check_can_be_switched_off():
    c = compare_texts(
        "The fund has 2,000 members.", "The fund has 2,500 members.", disabled_checks=["numbers"]
    )
    assert of_kind(c, "numbers") == []


# --- names -----------------------------------------------------------------


def test_dropped_name_is_flagged_as_a_warning():
    c = compare_texts(
        "The decision was unanimous, president Christine Lagarde told reporters in Frankfurt.",
        "The decision was unanimous, the president told reporters in Frankfurt.",
    )
    [f] = of_kind(c, "names")
    assert f.severity == Severity.WARNING and f.evidence["source"] == ["Christine", "Lagarde"]


def test_weekday_and_month_names_are_left_to_the_dates_check():
    c = compare_texts(
        "The council met in Leipzig on Monday, 3 March.",
        "The council met in Leipzig on Tuesday, 3 April.",
    )
    assert of_kind(c, "names") == []
    assert len(of_kind(c, "dates")) == 1


def test_german_nouns_are_not_names():
    c = compare_texts(
        "Die Feuerwehr füllt Sandsäcke und sichert Deiche entlang der Elbe.",
        "The fire brigade is filling sandbags and securing dykes along the Elbe.",
        "de",
        "en",
    )
    assert of_kind(c, "names") == []


def test_transliterated_and_inflected_names_match():
    c = compare_texts(
        "Wladimir Putin sprach mit Selenskyjs Berater in Kiew über Moskau.",
        "Vladimir Putin spoke to Zelensky's adviser in Kyiv about Moscow.",
        "de",
        "en",
    )
    assert of_kind(c, "names") == []


def test_name_replaced_by_another_is_flagged_across_languages():
    c = compare_texts(
        "Bundeskanzler Olaf Scholz traf am Montag Emmanuel Macron in Paris.",
        "Chancellor Olaf Scholz met Giorgia Meloni in Paris on Monday.",
        "de",
        "en",
    )
    [f] = of_kind(c, "names")
    assert "Macron" in f.evidence["source"] and "Meloni" in f.evidence["target"]


# --- quotes ----------------------------------------------------------------


def test_every_quote_mark_style_is_normalised():
    styles = [
        "„Wir sind bereit“",
        "“We are ready”",
        '"We are ready"',
        "« Nous sommes prêts »",
        "»Wir sind bereit«",
    ]
    assert [len(extract_quotes(f"Er sagte {s} gestern.")) for s in styles] == [1] * 5


def test_changed_word_inside_a_quote_is_an_error():
    c = compare_texts(
        '"We are not at the peak yet," Lagarde said in Frankfurt.',
        "“We are not at the top yet,” Lagarde said in Frankfurt.",
    )
    [f] = of_kind(c, "quotes")
    assert f.severity == Severity.ERROR
    assert [(o["a"], o["b"]) for o in f.evidence["diff"]] == [("peak", "top")]


def test_same_quote_with_other_marks_is_fine():
    c = compare_texts(
        '"We are not at the peak yet," Lagarde said in Frankfurt.',
        "“We are not at the peak yet,” Lagarde said in Frankfurt.",
    )
    assert of_kind(c, "quotes") == []


def test_quote_turned_into_reported_speech_is_a_warning_that_says_so():
    c = compare_texts(
        'Lagarde said: "We are not at the peak yet." Markets were calm.',
        "Lagarde said that they were not at the peak yet. Markets were calm.",
    )
    [f] = of_kind(c, "quotes")
    assert f.evidence["quote"] == "We are not at the peak yet"
    assert f.severity == Severity.WARNING and "reported speech" in f.message


def test_dropped_quote_is_an_error():
    c = compare_texts(
        'Lagarde told reporters in Frankfurt on Thursday that rates would rise: "Inflation remains far too high."',
        "Lagarde told reporters in Frankfurt on Thursday that rates would rise.",
    )
    [f] = of_kind(c, "quotes")
    assert f.severity == Severity.ERROR and "no quoted counterpart" in f.message


def test_straight_quote_between_letters_is_an_apostrophe():
    assert extract_quotes('Ash O"Brien said: "We had lunch in the park."') == ["We had lunch in the park"]


def test_quote_marks_read_as_parentheses_by_ocr_still_pair():
    c = compare_texts(
        "Le maire a dit: «Nous sommes prêts pour le pire» hier soir.",
        "Le maire a dit: (Nous sommes prêts pour le pire) hier soir.",
        "fr",
        "fr",
    )
    assert of_kind(c, "quotes") == []


def test_cross_language_quote_is_compared_through_machine_translation():
    c = compare_texts(
        'Hilbert said: "We are preparing for the worst." The river rose.',
        "Hilbert sagte: „Wir hoffen auf das Beste.“ Der Fluss stieg.",
        "en",
        "de",
    )
    assert of_kind(c, "quotes") == []  # no translation: nothing to compare the wording with
    c.documents[1].segments[0].translation = 'Hilbert said: "We hope for the best."'
    from translator.checks import run_checks

    found = [f for f in run_checks(c, enabled=["quotes"])]
    assert len(found) == 1 and found[0].evidence["source"] == "We are preparing for the worst"


# --- duplicates ------------------------------------------------------------


def test_repeated_pull_quote_is_found_once_pointing_at_the_first():
    texts = [
        "The mayor said the city was preparing for the worst case.",
        "Rain is expected until Wednesday.",
        "The mayor said the city was preparing for the worst case!",
    ]
    assert repeats(texts) == {2: (0, pytest.approx(98.3, abs=2))}


def test_duplicates_in_a_single_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(
        "The mayor said the city was preparing for the worst case.\n\n"
        "Rain is expected to continue until Wednesday evening.\n\n"
        "The mayor said the city was preparing for the worst case.\n",
        encoding="utf-8",
    )
    c = check_document(str(path), lang="en")
    [f] = of_kind(c, "duplicates")
    assert f.related is not None and f.related.start == 0 and f.evidence["first_line"] == 1


def test_similar_but_different_sentences_are_not_duplicates():
    texts = [
        "The river rose sharply on Monday in the city centre.",
        "The river fell slowly on Tuesday in the northern suburbs.",
    ]
    assert repeats(texts) == {}


# --- glossary --------------------------------------------------------------

NEWS = {"glossary": {"glossaries": ["de-en-news"]}}


def test_required_glossary_term_missing_in_the_translation():
    c = compare_texts(
        "Präsident Selenskyj sprach am Montag vor dem Parlament.",
        "The president spoke to parliament on Monday.",
        "de",
        "en",
        check_options=NEWS,
    )
    [f] = of_kind(c, "glossary")
    assert f.evidence["rule"] == "required" and f.evidence["target"] == "Zelensky"


def test_bundled_news_glossary_is_opt_in():
    a, b = "Präsident Selenskyj sprach am Montag in Kiew.", "President Zelensky spoke in Kiev on Monday."
    assert of_kind(compare_texts(a, b, "de", "en"), "glossary") == []
    bundled = compare_texts(a, b, "de", "en", check_options={"glossary": {"bundled": True}})
    assert [f.evidence["rule"] for f in of_kind(bundled, "glossary")] == ["forbidden"]


def test_glossary_runs_on_the_translation_not_on_the_original():
    # an English original that writes "Kiev" is what it is; its German translation is judged
    c = compare_texts(
        "President Zelensky spoke in Kiev on Monday.",
        "Präsident Selenskyj sprach am Montag in Kiew.",
        "en",
        "de",
        check_options=NEWS,
    )
    assert of_kind(c, "glossary") == []
    both = compare_texts(
        "President Zelensky spoke in Kiev on Monday.",
        "Präsident Selenskyj sprach am Montag in Kiew.",
        "en",
        "de",
        check_options={"glossary": {"glossaries": ["de-en-news"], "originals": True}},
    )
    assert [(f.span.version, f.evidence["rule"]) for f in of_kind(both, "glossary")] == [(0, "forbidden")]


def test_accepted_variant_satisfies_a_required_term(tmp_path):
    extra = tmp_path / "de-en-house.tsv"
    extra.write_text(
        "source\ttarget\tforbidden\tvariants\nSelenskyj\tZelensky\tSelenskyj\tZelenskyy|Zelenskiy\n",
        encoding="utf-8",
    )
    options = {"glossary": {"files": [str(extra)]}}
    ok = compare_texts("Selenskyj sprach.", "Zelenskyy spoke.", "de", "en", check_options=options)
    assert of_kind(ok, "glossary") == []
    missing = compare_texts("Selenskyj sprach.", "The president spoke.", "de", "en", check_options=options)
    assert [f.evidence["rule"] for f in of_kind(missing, "glossary")] == ["required"]


def test_forbidden_variant_is_flagged_at_the_word():
    c = compare_texts(
        "Präsident Selenskyj sprach am Montag in Kiew.",
        "President Zelensky spoke in Kiev on Monday.",
        "de",
        "en",
        check_options=NEWS,
    )
    [f] = of_kind(c, "glossary")
    assert f.evidence["rule"] == "forbidden"
    assert c.documents[1].text[f.span.start : f.span.end] == "Kiev"


def test_correct_glossary_terms_are_fine():
    c = compare_texts(
        "Präsident Selenskyj sprach am Montag in Kiew.",
        "President Zelensky spoke in Kyiv on Monday.",
        "de",
        "en",
    )
    assert of_kind(c, "glossary") == []


def test_glossary_forbidden_variants_in_single_file_check(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("President Zelensky spoke in Kiev on Monday.\n", encoding="utf-8")
    news = CompareOptions(check_options=NEWS)
    assert (
        len(of_kind(check_document(str(path), lang="en", source_langs=["de"], options=news), "glossary")) == 1
    )
    assert of_kind(check_document(str(path), lang="en", options=news), "glossary") == []


def test_extra_glossary_file_from_the_check_options(tmp_path):
    extra = tmp_path / "de-en-floods.tsv"
    extra.write_text(
        "source\ttarget\tforbidden\tnotes\nDeich\tdyke\tdike\tBritish spelling\n", encoding="utf-8"
    )
    c = compare_texts(
        "Die Helfer sichern den Deich am Fluss.",
        "The helpers are securing the dike by the river.",
        "de",
        "en",
        check_options={"glossary": {"files": [str(extra)]}},
    )
    assert [f.evidence["rule"] for f in of_kind(c, "glossary")] == ["forbidden"]


def test_every_new_check_is_registered_and_can_change_severity():
    assert {"dates", "names", "quotes", "duplicates", "glossary", "residue", "numbers"} <= set(check_names())
    c = compare_texts(
        "The fund has 2,000 members.", "The fund has 2,500 members.", severities={"numbers": Severity.INFO}
    )
    assert [f.severity for f in of_kind(c, "numbers")] == [Severity.INFO]


def test_ordinal_word_on_one_side_and_digit_on_the_other_is_not_flagged():
    c = compare_texts(
        "Die Mannschaft belegte im Finale den dritten Platz.",
        "The team finished 3rd in the final.",
        "de",
        "en",
    )
    assert of_kind(c, "numbers") == []


def test_lowercase_english_verb_is_not_a_month():
    assert dates("Thousands march through the city.") == []
    assert [d for _, _, d in dates("Thousands gathered in March.")] == [DateValue(None, 3, None)]


def test_repeats_finds_every_pair_a_full_pairwise_scan_finds():
    """The length window and blocked C++ scan skip no pair that reaches the threshold."""
    import random

    from rapidfuzz import fuzz

    from translator.lexicon.anchors import fold

    rng = random.Random(7)
    words = "the city river flood police said new old water bridge town people year rose fell".split()
    texts = []
    for _ in range(600):  # several blocks of the scan, near-equal lengths
        text = " ".join(rng.choice(words) for _ in range(rng.randint(6, 10)))
        texts.append(text)
        if rng.random() < 0.2:
            texts.append(text.replace(" the ", " a ", 1) + rng.choice(["", "s", " now"]))
    found = repeats(texts)
    best: dict[int, float] = {}
    folded = [fold(t) for t in texts]
    for j in range(len(texts)):
        for i in range(j):
            score = fuzz.ratio(folded[i], folded[j], score_cutoff=90)
            if score:
                best[j] = max(best.get(j, 0.0), score)
    repeated = {j for j in best}
    assert set(found) == repeated and repeated
    assert all(found[j][0] < j for j in found)
    assert all(found[j][1] == pytest.approx(best[j]) for j in found)


# --- issue 15: checks that know the languages they compare -------------------


def test_an_hour_said_with_o_clock_is_a_time_so_a_changed_hour_is_one_finding():
    same = compare_texts("Die Führung beginnt um 9 Uhr.", "The tour starts at 9 o'clock.", "de", "en")
    assert of_kind(same, "numbers") == []
    changed = compare_texts("Die Führung beginnt um 10 Uhr.", "The tour starts at 9 o’clock.", "de", "en")
    [f] = of_kind(changed, "numbers")
    assert f.evidence == {"source_times": ["10:00"], "target_times": ["09:00"]}


def test_clock_times_on_the_12_and_24_hour_clock_are_equal():
    c = compare_texts(
        "Die Sitzung beginnt um 15 Uhr, die Pause ist um 12.30 Uhr.",
        "The meeting starts at 3 pm, the break is at 12:30.",
        "de",
        "en",
    )
    assert of_kind(c, "numbers") == []
    changed = compare_texts("Die Sitzung beginnt um 15 Uhr.", "The meeting starts at 4 pm.", "de", "en")
    [f] = of_kind(changed, "numbers")
    assert f.evidence == {"source_times": ["15:00"], "target_times": ["16:00"]}


def test_a_german_am_after_a_number_is_a_preposition_not_a_clock_time():
    # "3 am Stück" is "3 in a row": read as 03:00 it hid the changed number
    # behind a time only German seemed to have
    changed = compare_texts("Das Team gewann 3 am Stück.", "The team won 4 in a row.", "de", "en")
    [f] = of_kind(changed, "numbers")
    assert f.evidence == {"source": [3.0], "target": [4.0]}
    same = compare_texts("Das Team gewann 3 am Stück.", "The team won 3 in a row.", "de", "en")
    assert of_kind(same, "numbers") == []
    # in English, and in German written with dots, it is still the clock
    clock = compare_texts(
        "Der Zug fährt um 7 a.m. Ortszeit.", "The train leaves at 7 am local time.", "de", "en"
    )
    assert of_kind(clock, "numbers") == []


def test_numbers_written_as_words_match_digits():
    c = compare_texts(
        "Zweiundsechzig Menschen spendeten eine Million Euro.",
        "62 people donated 1 million euros.",
        "de",
        "en",
    )
    assert of_kind(c, "numbers") == []


def test_changed_currency_is_flagged_also_for_an_amount_in_words():
    c = compare_texts(
        "Der Verein verlor vier Millionen Euro pro Spiel.",
        "The club lost 4 million dollars per game.",
        "de",
        "en",
    )
    [f] = of_kind(c, "numbers")
    assert f.evidence["source_unit"] == ["EUR"] and f.evidence["target_unit"] == ["USD"]


def test_currency_letter_written_onto_an_amount_is_read():
    assert [(a.value, a.unit) for a in amounts("a budget of N585 million")] == [(585e6, "NGN")]


def test_german_trillion_is_ten_to_the_eighteenth():
    assert [a.value for a in amounts("2 Trillionen Euro", "de")] == [2e18]
    assert [a.value for a in amounts("2 Trillion Euro", "de")] == [2e18]
    assert [a.value for a in amounts("2 trillion euros", "en")] == [2e12]


def test_weekday_and_month_inside_a_german_compound_are_dates():
    c = compare_texts(
        "Am Freitagabend erschien die Samstagsausgabe der zweiten Januarwoche.",
        "On Friday evening the Saturday edition of the second week of January came out.",
        "de",
        "en",
    )
    assert of_kind(c, "dates") == []
    changed = compare_texts("Am Freitagabend regnete es.", "On Thursday evening it rained.", "de", "en")
    [f] = of_kind(changed, "dates")
    assert f.evidence == {"source": ["Friday"], "target": ["Thursday"]}
    assert weekdays("Junior Augustinus") == [] and dates("Junior Augustinus") == []


def test_german_titles_before_a_name_are_not_names():
    c = compare_texts(
        "Er dankte seiner Frau Kim und Premierminister Boris Johnson.",
        "He thanked his wife Kim and Prime Minister Boris Johnson.",
        "de",
        "en",
    )
    assert of_kind(c, "names") == []


def test_exonyms_country_names_and_acronym_initials_match_across_languages():
    c = compare_texts(
        "In Peking und München sprach der Minister aus Nordrhein-Westfalen über Deutschland.",
        "In Beijing and Munich the minister from NRW spoke about Germany.",
        "de",
        "en",
    )
    assert of_kind(c, "names") == []
    swapped = compare_texts(
        "Der Minister sprach über Deutschland.", "The minister spoke about Poland.", "de", "en"
    )
    [f] = of_kind(swapped, "names")
    assert "Poland" in f.evidence["target"]


def test_rewording_that_keeps_the_content_is_info():
    c = compare_texts(
        "Police detained sixteen people on Saturday for resisting arrest.",
        "On Saturday, sixteen people were taken into custody by police for resisting arrest.",
    )
    [f] = of_kind(c, "wording")
    assert f.severity == Severity.INFO and f.message.startswith("Reworded")


@pytest.mark.parametrize(
    ("b", "kind", "severity"),
    [
        ("The minister did not confirm that the plant would close next year.", "negation", Severity.ERROR),
        ("The minister denied that the plant would close next year.", "attribution", Severity.ERROR),
        ("The minister confirmed that the plant may close next year.", "modality", Severity.WARNING),
    ],
)
def test_changed_content_words_are_named(b, kind, severity):
    a = "The minister confirmed that the plant will close next year."
    [f] = of_kind(compare_texts(a, b), "wording")
    assert f.severity == severity and kind in f.evidence["content"] and kind in f.message


def test_a_repeat_that_both_versions_share_is_not_a_difference():
    head = "Floods force thousands of people to leave their homes"
    a = f"{head}\n\n{head}.\n\nThe river rose sharply on Monday."
    b = f"{head}\n\n{head}.\n\nThe river rose quickly on Monday."
    assert of_kind(compare_texts(a, b, "en", "en"), "duplicates") == []
    only_b = compare_texts(
        f"{head}\n\nThe river rose sharply on Monday.", f"{head}\n\n{head}.\n\nThe river rose on Monday."
    )
    [f] = of_kind(only_b, "duplicates")
    assert f.span.version == 1


def test_a_sentence_repeated_inside_a_longer_one_is_a_repeat():
    from translator.checks.duplicates import contained

    texts = [
        "Nous ne céderons pas devant les menaces de ce gouvernement.",
        "La séance a été levée à midi.",
        "«Nous ne céderons pas devant les menaces de ce gouvernement», a-t-il ajouté.",
    ]
    assert contained(texts) == {2: (0, 100.0)}


def test_contracted_negation_and_inflection_are_not_content_changes():
    c = compare_texts(
        "And that obviously did not happen to the three injured riders on Sunday.",
        "And that obviously didn’t happen to the three injured rider on Sunday.",
    )
    [f] = of_kind(c, "wording")
    assert f.severity == Severity.INFO and not f.evidence["content"]


def test_the_nth_of_a_month_is_a_date():
    assert [d for _, _, d in dates("up to the 19th of July")] == [DateValue(None, 7, 19)]
    c = compare_texts(
        "Bis zum 19. Juli gab es vier Fälle.", "Up to the 19th of July there were four cases.", "de", "en"
    )
    assert of_kind(c, "dates") == [] and of_kind(c, "numbers") == []


def test_memoised_anchors_give_the_same_report_as_uncached_ones(monkeypatch):
    # folding, date finding, the unit after a number and number words are
    # memoised per word and per text (a long pair calls them over a million
    # times); the memo is a cache, not a different answer: the whole JSON
    # report of a long pair is the same byte for byte with the plain functions
    import random

    from translator.lexicon import anchors
    from translator.model import to_dict

    rng = random.Random(18)
    months = ["Januar", "März", "Oktober", "Dezember", "Mai", "Sept."]
    days = ["Montag", "Freitagabend", "Sonntag"]
    a, b = [], []
    for i in range(240):
        year = rng.randint(1990, 2030)
        sentence = (
            f"Am {rng.choice(days)}, dem {rng.randint(1, 28)}. {rng.choice(months)} {year}, sagte Müller "
            f"in Leipzig, dass {rng.randint(2, 900)} Millionen Euro fehlten und {i} Personen kamen."
        )
        a.append(sentence)
        b.append(sentence.replace(str(year), str(year + 1)) if i % 9 == 0 else sentence)
    text_a = "\n\n".join(" ".join(a[i : i + 3]) for i in range(0, len(a), 3))
    text_b = "\n\n".join(" ".join(b[i : i + 3]) for i in range(0, len(b), 3))

    def report() -> str:
        for memo in (
            anchors._fold_name,
            anchors._dates,
            anchors._amounts,
            anchors._times,
            anchors.spelled_out,
            anchors.fold,
            anchors._unit_after,
            anchors._unit_only,
            anchors._word_numbers,
            anchors._weekday_of,
        ):
            getattr(memo, "cache_clear", lambda: None)()
        comparison = compare_texts(text_a, text_b, "de", "de")
        return json.dumps(to_dict(comparison), sort_keys=True)

    cached = report()
    assert anchors._dates.cache_info().hits > 0 and anchors._fold_name.cache_info().hits > 0
    assert anchors._amounts.cache_info().hits > 0 and anchors.spelled_out.cache_info().hits > 0
    assert anchors._unit_after.cache_info().hits > 0 and anchors._word_numbers.cache_info().hits > 0
    assert anchors._weekday_of.cache_info().hits > 0
    memos = ("_fold_name", "_dates", "_amounts", "_times", "spelled_out", "fold", "_unit_after", "_unit_only")
    memos += ("_weekday_of",)
    for name in (*memos, "_word_numbers"):
        monkeypatch.setattr(anchors, name, getattr(anchors, name).__wrapped__)
    assert report() == cached
    assert '"dates"' in cached


def test_json_report_is_the_standard_librarys_indented_dump_written_token_by_token():
    # the renderer streams the encoder's tokens into a buffer (a long
    # comparison made millions of them, held in one list); the text must be
    # exactly what json.dumps(..., ensure_ascii=False, indent=2) gives
    from translator.model import to_dict as model_dict
    from translator.renderers.json import JsonRenderer

    comparison = compare_texts(
        "Am 3. Oktober 2024 kamen 120 Gäste nach Köln. «Wir sind froh», sagte Müller.",
        "Am 4. Oktober 2024 kamen 12 Gäste nach Köln. «Wir sind sehr froh», sagte Müller.",
        "de",
        "de",
    )
    expected = json.dumps(model_dict(comparison), ensure_ascii=False, indent=2) + "\n"
    assert JsonRenderer().render(comparison) == expected
    assert "Köln" in expected and comparison.findings


# --- issue 15, second round: what faithful professional translations do ---------


def test_german_compounds_and_nouns_after_an_article_are_not_names():
    c = compare_texts(
        "Die oberste Sportbehörde CSD prüft den Fall nach einer Explosion im Hundepark Dusty Rhodes.",
        "The highest sports authority, the CSD, is examining the case after a blast in Dusty Rhodes dog park.",
        "de",
        "en",
    )
    assert of_kind(c, "names") == []


def test_a_rare_name_put_in_a_german_translation_is_flagged():
    c = compare_texts(
        "Afterwards Arteta said the forwards had been gambling.",
        "Hinterher sagte Kowalski, dass die Stürmer gezockt hätten.",
        "en",
        "de",
    )
    [f] = of_kind(c, "names")
    assert f.evidence == {"source": ["Arteta"], "target": ["Kowalski"]}


def test_a_name_inside_a_german_compound_or_named_elsewhere_in_the_version_is_present():
    c = compare_texts(
        "Dr. Stefanie Kramer arbeitet in Niederbayern.\n\nDas erklärte sie im Gespräch.",
        "Dr. Stefanie Kramer works in Lower Bavaria.\n\nStefanie said so in an interview.",
        "de",
        "en",
    )
    assert of_kind(c, "names") == []


def test_demonyms_and_contractions_are_not_names():
    c = compare_texts(
        "Mechichi will eine Regierung für alle Tunesier bilden, sagte der gebürtige Russe.",
        "I'm going to form a government for all Tunisians, said Mechichi, who is Russian-born.",
        "de",
        "en",
    )
    assert of_kind(c, "names") == []


def test_quotes_counted_in_any_length_or_across_a_sentence_break_are_not_reported_speech():
    short = compare_texts(
        "„Ich bin zutiefst erschüttert“, sagte er der BBC.", '"I\'m devastated," he told the BBC.', "de", "en"
    )
    assert of_kind(short, "quotes") == []
    unclosed = compare_texts(
        'Der Verteidiger fügte hinzu: "Er bedauert die Taten sehr, das Geständnis war eine Befreiung".',
        "The defense counsel added: “He regrets his actions very much, the confession was liberating.",
        "de",
        "en",
    )
    assert of_kind(unclosed, "quotes") == []


def test_two_translations_of_one_quote_worded_differently_are_information():
    c = compare_texts(
        "“Even though they don’t cry as loudly as large babies, of course,” she said.",
        "“But they do not scream quite like the big newborns in the ward next door,” she said.",
        "en",
        "en",
    )
    [f] = of_kind(c, "quotes")
    assert f.severity == Severity.INFO and f.message.startswith("Quote reworded")


def test_a_number_on_one_side_only_is_a_warning_and_a_changed_one_an_error():
    [one_sided] = of_kind(compare_texts("The river rose 3 metres.", "The river rose."), "numbers")
    [changed] = of_kind(compare_texts("The river rose 3 metres.", "The river rose 4 metres."), "numbers")
    assert one_sided.severity == Severity.WARNING and changed.severity == Severity.ERROR


def test_days_sharing_a_month_hyphenated_amounts_and_conversions_are_read():
    c = compare_texts(
        "Die erste Runde wird zwischen dem 11. und 14. September im 220 Hektar großen Park ausgetragen, "
        "mit einem 10-Millionen-Pfund-Fonds.",
        "The first round will be played between September 11 and 14 in the 550-acre park, with a £10m fund.",
        "de",
        "en",
    )
    assert of_kind(c, "dates") == [] and of_kind(c, "numbers") == []


def test_a_foreign_spelling_the_own_language_uses_is_not_residue():
    c = compare_texts(
        "Der FC Bayern gewann in München.\n\nBayern\n",
        "FC Bayern won in Munich.\n\nBayern\n",
        "de",
        "en",
    )
    assert of_kind(c, "residue") == []


def test_a_negation_added_to_a_negative_sentence_and_not_only_are_told_apart():
    c = compare_texts(
        "Nobody is allowed to leave the premises.", "Nobody is not allowed to leave the premises."
    )
    [f] = of_kind(c, "wording")
    assert f.severity == Severity.WARNING and "negations" in f.evidence["content"]
    same = compare_texts(
        "He was not only the interior minister but also an adviser of the president.",
        "He was the interior minister and also advised the president.",
    )
    assert all("negation" not in f.evidence["content"] for f in of_kind(same, "wording"))


def test_a_place_swapped_for_another_is_flagged_even_when_named_elsewhere():
    c = compare_texts(
        "Russland hat einen Vorteil.\n\nDer Minister sprach über Großbritannien.",
        "Russia has one advantage.\n\nThe minister spoke about Russia.",
        "de",
        "en",
    )
    [f] = of_kind(c, "names")
    assert f.evidence == {"source": ["Großbritannien"], "target": ["Russia"]}


def test_a_german_compound_left_in_english_copy_is_not_a_name():
    c = compare_texts(
        "The draw was shown on the ARD Sportschau on Sunday.",
        "The draw was shown on the ARD sports show on Sunday.",
        "en",
        "en",
    )
    assert of_kind(c, "names") == []


def test_a_country_swapped_in_one_of_two_same_language_versions_is_flagged():
    c = compare_texts(
        "Vienna and Upper Austria have particularly high levels of new infections.",
        "Vienna and Upper Japan have particularly high levels of new infections.",
        "en",
        "en",
    )
    [f] = of_kind(c, "names")
    assert f.evidence == {"source": ["Austria"], "target": ["Japan"]}


def test_a_pronoun_that_abbreviates_a_month_elsewhere_does_not_open_a_date():
    assert dates("Als sie 1820 eröffnete, halten Sie 2 m Abstand.") == []
    assert [d for _, _, d in dates("Oct 24 and Oct. 25")] == [
        DateValue(None, 10, 24),
        DateValue(None, 10, 25),
    ]


def _calendar_compound_by_trying_every_name(word: str):
    """:func:`anchors.calendar_compound` as first written: every weekday and
    month name of every language tried in turn (the specification the
    grouped look-up must keep)."""
    from translator.lexicon import anchors

    if not word[:1].isupper():
        return None
    _, wide, days = anchors._calendar_names()
    key = anchors.fold(word)
    for table, kind in ((days, "day"), (wide, "month")):
        for name, number in table.items():
            if len(name) >= 5 and key.startswith(name) and len(key) > len(name):
                rest = key[len(name) :]
                if anchors._compound_part(rest) or (rest[0] == "s" and anchors._compound_part(rest[1:])):
                    return kind, number
    return None


@given(
    head=st.sampled_from(
        ["Freitag", "Samstag", "Januar", "Zaterdag", "Juli", "Mittwoch", "Dimanche", "August", "Sept"]
    ),
    link=st.sampled_from(["", "s"]),
    tail=st.sampled_from(["abend", "ausgabe", "woche", "avond", "inus", "ior", "frage", "x", ""]),
)
@settings(max_examples=200, deadline=None)
def test_calendar_compounds_are_those_that_trying_every_name_finds(head, link, tail):
    from translator.lexicon.anchors import calendar_compound

    word = head + link + tail
    assert calendar_compound(word) == _calendar_compound_by_trying_every_name(word)


def test_a_compounds_second_part_is_judged_as_wordfreq_judges_it_without_reading_its_lists(monkeypatch):
    import wordfreq

    from translator.lexicon import anchors
    from translator.lexicon.wordlists import common_words

    parts = ["abend", "ausgabe", "woche", "avond", "inus", "ior", "morgen", "xqzv", "frage"]
    expected = {p: any(wordfreq.word_frequency(p, lang) >= 1e-6 for lang in ("de", "nl")) for p in parts}
    assert expected["abend"] and expected["avond"] and not expected["xqzv"]
    for lang in ("de", "nl"):
        common_words(lang, 1e-6)  # built (by wordfreq) before the look-ups below
    anchors._compound_part.cache_clear()

    def no_list_reading(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("wordfreq's lists were read for a plain word")

    monkeypatch.setattr(wordfreq, "word_frequency", no_list_reading)
    assert {p: anchors._compound_part(p) for p in parts} == {
        p: len(p) >= 4 and e for p, e in expected.items()
    }
    anchors._compound_part.cache_clear()
