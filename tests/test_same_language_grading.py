"""Two same-language versions graded by how they relate: independent
wordings of one content (two translations of one original) against one text
and its edit (a wire story and an outlet's copy). A rewording that keeps
the content is information; a change of what is said stays caught."""

from __future__ import annotations

from processkit import outputs_under_hash_seeds

from translator.ingest.load import document_from_text
from translator.model import Severity
from translator.pipeline import CompareOptions, compare_documents, prepare_document

#: two translators' wordings of the same three sentences: hardly a word in common
A_CONTEXT = [
    "The flood centre reported on Monday that the river had risen sharply overnight.",
    "Residents of the lower town were asked to move their cars to higher ground.",
    "Volunteers filled sandbags along the embankment until late in the evening.",
]
B_CONTEXT = [
    "According to the flood service on Monday, the water level climbed steeply in the night.",
    "People living in the old quarter should park their vehicles away from the riverbank, officials said.",
    "Helpers were busy with sandbags on the dyke well into the night.",
]


def compare(a_lines: list[str], b_lines: list[str], lang: str = "en"):
    docs = [
        prepare_document(document_from_text("\n\n".join(a_lines) + "\n", "a.txt"), lang),
        prepare_document(document_from_text("\n\n".join(b_lines) + "\n", "b.txt"), lang),
    ]
    return compare_documents(docs, CompareOptions())


def about(comparison, kind: str, words: str):
    text = comparison.documents[1].text
    return [f for f in comparison.findings if f.kind == kind and words in text[f.span.start : f.span.end]]


def test_a_sentence_two_translators_word_almost_alike_is_information_but_an_edit_of_a_copy_is_a_warning():
    a = "It is hard to get aid workers to the camps in the south of the country."
    b = "It is difficult to get aid workers to the camps in the south of the country."
    [translated] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "difficult")
    assert translated.severity == Severity.INFO
    [edited] = about(compare([*A_CONTEXT, a], [*A_CONTEXT, b]), "wording", "difficult")
    assert edited.severity == Severity.WARNING


def test_a_negation_said_with_another_word_is_no_change_between_two_translations():
    for a, b, words in [
        (
            "The rescue team failed to reach the remote village.",
            "Rescuers did not get to the isolated hamlet.",
            "hamlet",
        ),
        (
            "Officers took protesters away in unmarked vans.",
            "Protesters were driven off in vans that were not marked.",
            "vans",
        ),
    ]:
        [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", words)
        assert f.severity == Severity.INFO and "negation" not in f.evidence["content"]
    unhurt = compare(
        [*A_CONTEXT, "The other three people in the car remained uninjured, the police said."],
        [*B_CONTEXT, "According to the police, the three other occupants were not unhurt."],
    )
    [flipped] = about(unhurt, "wording", "unhurt")
    assert flipped.severity == Severity.ERROR and "negation" in flipped.evidence["content"]


def test_a_dropped_not_is_caught_between_two_translations():
    a = "The minister said the plant would not close before the end of the year."
    b = "According to the minister, the factory is going to shut down before December."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "factory")
    assert f.severity == Severity.ERROR and f.evidence["content"]["negation"] == ["not"]


def test_a_not_on_the_word_the_other_translator_affirms_is_an_error():
    a = "Officials said the old bridge would reopen to traffic before the winter."
    b = "According to officials, the old bridge would not reopen to traffic before the winter."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "bridge")
    assert f.severity == Severity.ERROR and f.evidence["content"]["negation"] == ["not"]


def test_a_not_on_words_the_other_translator_does_not_use_is_a_warning_not_an_error():
    a = "The old mill by the river has been in a poor shape for years."
    b = "For years the building has not been well maintained."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "building")
    assert f.severity == Severity.WARNING and f.evidence["content"]["polarity"] == ["not"]


def test_two_translators_saying_not_each_in_their_own_words_is_information():
    # "not" repeated counts once, as one "nobody" does; a second negation of
    # one's own ("nothing") is still a wording of one's own
    a = "Nobody came to the meeting of the club on Friday, and nothing was decided."
    b = "Not a single member, not even the chair, attended on Friday."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "single")
    assert f.severity == Severity.INFO and "reworded negation" in f.evidence["content"]


def test_a_not_dropped_beside_a_negative_word_both_translators_use_stays_caught():
    a = "He thought a refund was unlikely, since the trip had not been called off by the airline."
    b = "He thought they were unlikely to get their money back, as the airline had scrapped the trip."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "airline")
    assert f.severity >= Severity.WARNING and "reworded negation" not in f.evidence["content"]


def test_a_statement_made_a_denial_is_caught_but_a_denial_said_with_not_is_the_same():
    a = "His wife said she had had problems with him for years."
    denied = "His wife denied having had any difficulties with him over the years."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, denied]), "wording", "denied")
    assert f.severity == Severity.ERROR and "attribution" in f.evidence["content"]
    same = compare(
        [*A_CONTEXT, "His wife denied ever having had problems with him."],
        [*B_CONTEXT, "His wife stated that there had been no difficulties with him."],
    )
    assert all(f.severity == Severity.INFO for f in about(same, "wording", "wife"))


def test_a_name_one_translator_gives_and_the_other_says_with_a_title_is_quiet_but_a_changed_name_is_not():
    a = "Late-night host Stephen Colbert welcomed Thunberg to his show on Tuesday."
    b = "Stephen Colbert had the Swede on his late-night programme on Tuesday."
    assert about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "names", "Swede") == []
    changed = compare(
        [*A_CONTEXT, "But chief executive Greg Moshal said the scheme was popular."],
        [*B_CONTEXT, "Chief executive Greg Marshall, however, called the programme a success."],
    )
    [f] = about(changed, "names", "Marshall")
    assert f.evidence == {"source": ["Moshal"], "target": ["Marshall"]}


def test_a_title_in_quotes_is_no_speech_and_a_quote_two_translators_word_alike_is_information():
    title = compare(
        [*A_CONTEXT, "According to the “New York Times”, the mayor was speechless."],
        [*B_CONTEXT, "The mayor was lost for words, the New York Times reported."],
    )
    assert about(title, "quotes", "Times") == []
    a = "“The way this decision was made in the past 24 hours is downright chaotic,” he said."
    b = "“The way this decision was made in the last 24 hours is really chaotic,” he said."
    [translated] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "quotes", "chaotic")
    assert translated.severity == Severity.INFO
    [edited] = about(compare([*A_CONTEXT, a], [*A_CONTEXT, b]), "quotes", "chaotic")
    assert edited.severity == Severity.ERROR


def test_a_value_one_translator_leaves_to_the_context_is_information_but_a_changed_one_is_an_error():
    a = "Police cleared the square on Saturday, seven days after the riots."
    b = "A week after the riots, the police cleared the square."
    [dropped] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "dates", "riots")
    assert dropped.severity == Severity.INFO
    [edited] = about(compare([*A_CONTEXT, a], [*A_CONTEXT, b]), "dates", "riots")
    assert edited.severity == Severity.WARNING
    changed = compare(
        [*A_CONTEXT, a], [*B_CONTEXT, "A week after the riots, police cleared the square on Sunday."]
    )
    [f] = about(changed, "dates", "Sunday")
    assert f.severity == Severity.ERROR


def test_the_night_before_a_day_is_the_night_of_the_day_before():
    c = compare(
        [*A_CONTEXT, "Some 5000 people attended an illegal party in the night before Sunday."],
        [*B_CONTEXT, "About 5,000 people had an illegal techno party on Saturday night."],
    )
    assert about(c, "dates", "Saturday") == []
    german = compare(
        ["Die Polizei räumte den Opernplatz in der Nacht zum Sonntag."],
        ["The police cleared the Opernplatz on Saturday night."],
    )
    assert [f for f in german.findings if f.kind == "dates"] == []


def test_a_span_of_years_is_the_same_with_its_second_year_short_or_long():
    c = compare(
        [*A_CONTEXT, "The record of 100 points was set in the 2017/18 season."],
        [*B_CONTEXT, "Nobody has beaten the 100 points of the 2017/2018 season."],
    )
    assert about(c, "numbers", "season") == []
    moved = compare(
        [*A_CONTEXT, "The record of 100 points was set in the 2017/18 season."],
        [*B_CONTEXT, "Nobody has beaten the 100 points of the 2017/2019 season."],
    )
    assert [f.severity for f in about(moved, "numbers", "season")] == [Severity.ERROR]


def test_a_quote_one_translator_gives_as_reported_speech_is_information():
    c = compare(
        [*A_CONTEXT, "“Both sides are closer than ever to talks,” the State Department said."],
        [*B_CONTEXT, "The parties were nearer to negotiations than at any time before, according to the US."],
    )
    [f] = about(c, "quotes", "negotiations")
    assert f.severity == Severity.INFO and f.evidence["reported_speech"]


def test_a_night_named_by_two_different_mornings_is_still_a_changed_day():
    docs = [
        prepare_document(document_from_text("Die Nacht zum Samstag blieb ruhig.\n", "a.txt"), "de"),
        prepare_document(
            document_from_text("The night before Sunday also remained quite calm.\n", "b.txt"), "en"
        ),
    ]
    [f] = [f for f in compare_documents(docs, CompareOptions()).findings if f.kind == "dates"]
    assert f.severity == Severity.ERROR


def test_a_number_against_another_said_in_words_stays_a_warning_between_two_translations():
    c = compare(
        [*A_CONTEXT, "The lake is not as clear as it was when he moved here twenty years ago."],
        [*B_CONTEXT, "Lake Tahoe is no longer so clean as when he moved here 22 years ago."],
    )
    [f] = about(c, "numbers", "22")
    assert f.severity == Severity.WARNING


def test_a_name_after_a_quotation_that_the_other_translation_replaced_is_caught():
    c = compare(
        [*A_CONTEXT, "“People leaked this error to the press,” Grindel said about the watch."],
        [*B_CONTEXT, "“Individuals went to the press with that mistake,” said Kowalski about the watch."],
    )
    [f] = about(c, "names", "Kowalski")
    assert f.evidence == {"source": ["Grindel"], "target": ["Kowalski"]}


def test_a_quote_two_translators_word_with_a_not_of_their_own_each_is_information_without_the_wording_check():
    a = "“Nobody came to the meeting of the club on Friday, nothing was decided,” the chairman said."
    b = "“Not a single member, not even the treasurer, attended on Friday,” the chairman said."
    docs = [
        prepare_document(document_from_text("\n\n".join([*A_CONTEXT, a]) + "\n", "a.txt"), "en"),
        prepare_document(document_from_text("\n\n".join([*B_CONTEXT, b]) + "\n", "b.txt"), "en"),
    ]
    quiet = compare_documents(docs, CompareOptions(disabled_checks=("wording",)))
    [f] = about(quiet, "quotes", "treasurer")
    assert f.severity == Severity.INFO and "reworded negation" in f.evidence["content"]


#: two German translators' wordings of the same three sentences
A_DE = [
    "Das Hochwasserzentrum meldete am Montag, der Fluss sei über Nacht stark gestiegen.",
    "Die Bewohner der Unterstadt wurden gebeten, ihre Autos auf höher gelegenes Gelände zu bringen.",
    "Freiwillige füllten bis spät am Abend Sandsäcke entlang des Damms.",
]
B_DE = [
    "Laut Hochwasserdienst kletterte der Pegel in der Nacht zum Montag steil nach oben.",
    "Anwohner im alten Viertel sollten ihre Fahrzeuge abseits des Ufers parken, hieß es.",
    "Helfer waren bis tief in die Nacht mit Sandsäcken auf dem Deich beschäftigt.",
]


def test_a_name_put_in_the_place_of_one_the_sentence_still_names_elsewhere_is_caught():
    a = "His cart was overturned by officials, and the boy who lives in Indore got help from all over the country."
    b = "Officials in Indore overturned his cart, and the boy who lives in Kowalski has received support."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "names", "Kowalski")
    assert f.evidence == {"source": ["Indore"], "target": ["Kowalski"]}
    unit_a = [
        "The exhaustion of his players was immense, said the Juve coach.",
        "The defeat meant the title could not be sealed in style.",
    ]
    unit_b = [
        "His players were mentally exhausted, said the Kowalski coach.",
        "Recently Juve have had their rivals' weakness to thank for the lead.",
    ]
    c = compare([*A_CONTEXT, " ".join(unit_a)], [*B_CONTEXT, " ".join(unit_b)])
    [f] = about(c, "names", "Kowalski")
    assert f.evidence["source"] == ["Juve"]
    # a known place, even one the other version names elsewhere
    a = "Für britische Spanienreisende gibt es keine Regeln, wenn Sie jedoch nach Spanien reisen, fragen Sie vor Ort."
    b = "Für Reisende aus England nach Spanien gibt es keine Regeln, wenn Sie jedoch nach Polen reisen, fragen Sie nach."
    [f] = about(compare([*A_DE, a, "In Polen gelten andere Regeln."], [*B_DE, b], "de"), "names", "Polen")
    assert f.evidence == {"source": ["Spanien"], "target": ["Polen"]}


def test_a_name_one_translator_extends_or_renders_in_a_compound_stays_quiet():
    # a club's full name, and a word holding the other's name
    for a, b, words in [
        (
            "Sarri spoke after the 1:2 against Udinese Calcio on Thursday.",
            "Sarri explained after the 1:2 against Udinese on Thursday.",
            "Udinese",
        ),
        (
            "Zehntausende haben in den USA bereits rekonvaleszentes Plasma erhalten.",
            "Zehntausende Menschen haben in den USA bereits Rekonvaleszenzplasma erhalten.",
            "Zehntausende",
        ),
    ]:
        context_a, context_b = (A_CONTEXT, B_CONTEXT) if "Sarri" in a else (A_DE, B_DE)
        lang = "en" if "Sarri" in a else "de"
        assert about(compare([*context_a, a], [*context_b, b], lang), "names", words) == []


def test_a_title_after_a_hyphen_and_an_acronym_two_translators_spell_out_differently_are_no_name_change():
    for a, b, words in [
        (
            "Damals antwortete CBS News-Reporter Weijia Jiang mit einer Anspielung auf Rassismus.",
            "Als der CBS News-Journalist Weijia Jiang mit einer Anspielung auf Rassismus reagierte.",
            "Jiang",
        ),
        (
            "QB Herbert ist unter den vier Spielern, die unter Vertrag genommen wurden.",
            "Quarterback Herbert gehört zu den vier Spielern, die einen Vertrag erhielten.",
            "Herbert",
        ),
        (
            "Dembele wurde zuletzt mit einem Wechsel zu PSG in Verbindung gebracht.",
            "Für Dembele stand kürzlich ein Wechsel zu Paris Saint-Germain im Raum.",
            "Dembele",
        ),
    ]:
        assert about(compare([*A_DE, a], [*B_DE, b], "de"), "names", words) == []


def test_a_name_after_a_noun_that_ends_like_an_adjective_is_a_name():
    a = "2012 ließ der Autohersteller Hyundai 40 Affen auf sein neues Modell los."
    b = "2012 ließ der Autofabrikant Kowalski 40 Affen aus dem Park auf sein Modell los."
    [f] = about(compare([*A_DE, a], [*B_DE, b], "de"), "names", "Kowalski")
    assert f.evidence == {"source": ["Hyundai"], "target": ["Kowalski"]}


def test_a_changed_digit_is_caught_when_both_translators_also_say_that_number_in_words():
    a = "He scored three in the 5:1 (1:1) win, two of them penalties in extra time."
    changed = "He got three in the 5:1 (1:2) victory, including two penalties in added time."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, changed]), "numbers", "victory")
    assert f.evidence == {"source": [1.0], "target": [2.0]} and f.severity == Severity.ERROR
    same = "He got three in the 5:1 (1:1) victory, including two penalties in added time."
    assert about(compare([*A_CONTEXT, a], [*B_CONTEXT, same]), "numbers", "victory") == []
    # a digit against the word on the other side is still the same number
    digits = "He got 3 in the 5:1 (1:1) victory, including 2 penalties in added time."
    assert about(compare([*A_CONTEXT, a], [*B_CONTEXT, digits]), "numbers", "victory") == []


def negation_kinds(comparison, words: str) -> set[str]:
    return {
        kind
        for f in about(comparison, "wording", words)
        for kind in f.evidence["content"]
        if kind in ("negation", "polarity")
    }


def test_a_negation_repeated_over_coordinated_parts_says_what_one_negation_says():
    same = [
        (
            "“Until day six they received no fresh towel or any gel,” the paper wrote.",
            "“They were given no fresh towels and no shower gel until day six,” the paper wrote.",
            "towels",
            "en",
        ),
        (
            "Es gibt keine Kraft oder Macht außer in Gott, schloss der Präsident.",
            "Es gibt keine Kraft und keine Macht außer in Gott, endete der Präsident.",
            "Kraft",
            "de",
        ),
    ]
    for a, b, words, lang in same:
        context_a, context_b = (A_CONTEXT, B_CONTEXT) if lang == "en" else (A_DE, B_DE)
        assert negation_kinds(compare([*context_a, a], [*context_b, b], lang), words) == set()
    handed = "“They were handed fresh towels and shower gel until day six,” the paper wrote."
    c = compare([*A_CONTEXT, same[0][0]], [*B_CONTEXT, handed])
    assert negation_kinds(c, "handed")


def test_a_not_before_an_any_word_is_the_no_word_and_a_word_that_excludes_answers_a_not():
    a = "“That he remains expelled does not say anything and changes nothing,” he said."
    b = "“The fact that he is excluded now says nothing and changes nothing,” he told the paper."
    assert negation_kinds(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "excluded") == set()
    a = "Das Amt rät von allen Reisen, außer unbedingt notwendigen, auf das Festland ab."
    b = "Das Amt rät von allen Reisen auf das Festland ab, die nicht unbedingt notwendig sind."
    assert negation_kinds(compare([*A_DE, a], [*B_DE, b], "de"), "Festland") == set()


def test_a_negation_negates_what_follows_it_not_the_object_before_it():
    a = "Die Besucher bleiben während der Safari im Auto, versicherte der Park."
    b = "Der Park betonte, dass die Besucher auf der Safari ihr Auto nicht verlassen."
    [f] = about(compare([*A_DE, a], [*B_DE, b], "de"), "wording", "Safari")
    assert f.severity < Severity.ERROR
    # a German ordinal's full stop ends no clause: the date is what is denied
    a = "Die Zeremonie soll am 5. August stattfinden, sagen die Veranstalter."
    b = "Die Feier ist nicht für den 5. August geplant, sagen die Organisatoren."
    [f] = about(compare([*A_DE, a], [*B_DE, b], "de"), "wording", "Feier")
    assert f.severity == Severity.ERROR and "negation" in f.evidence["content"]


def test_a_verb_that_denies_only_with_its_particle_is_no_denial():
    a = "Alles wies darauf hin, dass der Spieler den Verein in diesem Sommer verlassen würde."
    b = "Man hatte nicht erwartet, dass der Spieler den Verein in diesem Sommer verlassen würde."
    assert negation_kinds(compare([*A_DE, a], [*B_DE, b], "de"), "erwartet")


def test_will_be_able_to_is_can_but_may_against_will_stays_a_change():
    a = "He hopes that the 4,000 seats in the hospitality area can be opened up again."
    b = "He is hoping that they will be able to open up the 4,000 seats in the hospitality area."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "hoping")
    assert "modality" not in f.evidence["content"]
    a = "The club may open the 4,000 seats in the hospitality area next month."
    b = "The club will open up the 4,000 seats of the hospitality area next month."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "club")
    assert f.severity == Severity.WARNING and "modality" in f.evidence["content"]


def test_goals_denied_by_a_referee_are_no_denial_of_a_statement_but_a_denial_of_what_was_said_is():
    a = "Goals by Caputo and Berardi were denied by the referee team after consulting the VAR."
    b = "The goals from Caputo and Berardi were withdrawn by the referees at the VAR's instruction."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "withdrawn")
    assert "attribution" not in f.evidence["content"]
    # a denial on each side is none added, whatever its grammar
    a = "Sassuolo's Filip Djuricic was even denied two goals by the referee."
    b = "Sassuolo's Filip Djuricic was denied two goals, the referee said."
    assert all(
        "attribution" not in f.evidence["content"]
        for f in about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "Djuricic")
    )
    a = "It was said that he lived on the streets and worked as a gardener in a cemetery."
    b = "It is denied that he sometimes lived on the streets and worked as a gardener."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "wording", "gardener")
    assert f.severity == Severity.ERROR and "attribution" in f.evidence["content"]


def test_a_german_compound_noun_left_in_english_copy_is_no_name_but_a_changed_name_is():
    a = "If Würzburg reach the final, 1860 would qualify for the first round of the DFB Cup in the Bundesliga."
    b = "Should the newly promoted team reach the final, 1860 would qualify for the first round of the DFB-Pokal."
    assert about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "names", "Pokal") == []
    b = "Should Kowalski reach the final, 1860 would qualify for the first round of the DFB-Pokal."
    [f] = about(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "names", "Pokal")
    assert f.evidence["target"] == ["Kowalski"]


def test_a_not_on_a_verb_of_stopping_turns_it_round_but_stopped_against_prevented_is_the_same():
    a = "Es gelang, die weitere Ausbreitung des Feuers zu verhindern, teilte die Feuerwehr mit."
    b = "Das Vorrücken des Feuers konnte gestoppt werden, erklärte die Feuerwehr."
    assert negation_kinds(compare([*A_DE, a], [*B_DE, b], "de"), "Vorrücken") == set()
    # the "not" negates the stopping next to it, before or after it: the fire
    # spread, where the other translator says it was prevented
    for flipped in (
        "Das Vorrücken des Feuers konnte nicht gestoppt werden, erklärte die Feuerwehr.",
        "Das Vorrücken des Feuers konnte gestoppt werden nicht, erklärte die Feuerwehr.",
    ):
        [f] = about(compare([*A_DE, a], [*B_DE, flipped], "de"), "wording", "Vorrücken")
        assert f.severity == Severity.ERROR and "negation" in f.evidence["content"]


def test_hardly_on_the_word_the_other_translator_affirms_is_an_error_but_hardly_before_a_number_is_quiet():
    a = "Besprühte Kakteen unter der Farbschicht werden wohl kaum ein langes Leben haben."
    b = "Besprühte Kakteen unter der Farbschicht überleben wahrscheinlich lange."
    [f] = about(compare([*A_DE, a], [*B_DE, b], "de"), "wording", "überleben")
    assert f.severity == Severity.ERROR and f.evidence["content"]["negation"] == ["kaum"]
    said_not = "Besprühte Kakteen unter der Farbschicht überleben wahrscheinlich nicht lange."
    assert negation_kinds(compare([*A_DE, a], [*B_DE, said_not], "de"), "überleben") == set()
    a = "Hardly 50 residents came to the meeting in the town hall on Friday."
    b = "Only just under 50 residents came to the town hall meeting on Friday."
    assert negation_kinds(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "residents") == set()
    a = "The small shop can hardly pay its rent since the lockdown began."
    b = "Since the lockdown the small shop can pay its rent, the owner said."
    assert negation_kinds(compare([*A_CONTEXT, a], [*B_CONTEXT, b]), "owner") == {"negation"}


def test_a_flips_negations_are_named_in_reading_order_whatever_the_hash_seed():
    """The words were gathered through sets, so the same report named
    them "kein, ohne" in one run and "ohne, kein" in the next."""
    probe = (
        "from translator.checks.wording import content_changes\n"
        "print(content_changes('Sie hatten kein Geld und nie eine Chance, ohne Hilfe nicht weiterzukommen.',"
        " 'Sie hatten Geld und eine Chance, mit Hilfe weiterzukommen.', 'de', independent=True))\n"
    )
    outputs = outputs_under_hash_seeds(probe)
    assert outputs == {"{'negation': ['kein', 'nie', 'ohne', 'nicht']}\n"}


def test_a_changed_large_number_is_named_in_digits_not_in_exponent_notation():
    from translator.checks.wording import content_changes

    changes = content_changes(
        "The bill would reach 2,000,000 people.",
        "The bill would reach 3,000,000 people.",
        "en",
        independent=True,
    )
    assert changes["numbers"] == ["2,000,000 → 3,000,000"]


#: a story two translators word differently, around the sentence under test
#: (which stands fourth)
A_SHOP = [
    "Police were called to a supermarket in the north of the city on Friday afternoon.",
    "A man had refused to put on a face covering and argued with a member of staff.",
    "Officers said the employee was pushed to the ground and hurt his arm.",
    "The man was arrested at the scene and will appear in court next month.",
    "Shop workers have reported a rise in abuse since the rules came in.",
]
B_SHOP = [
    "Police were called to a supermarket in the north of the city on Friday afternoon.",
    "A man had declined to wear a face covering and quarrelled with an employee.",
    "According to officers, the worker was shoved to the floor and injured his arm.",
    "The man was arrested on the spot and is due in court next month.",
    "Retail staff say abuse has increased since the rules were introduced.",
]


def in_shop_story(a: str, b: str, lang: str = "en"):
    return compare([*A_SHOP[:3], a, *A_SHOP[3:]], [*B_SHOP[:3], b, *B_SHOP[3:]], lang)


def test_a_negation_added_to_a_freely_reworded_sentence_keeps_the_pair_and_is_named():
    """A rewording twice as long as its counterpart was paired, barely; the
    "not" planted in it was the difference that left it unpaired, reported
    as a replaced sentence instead of a negation (WMT21 en-de-000)."""
    a = "Mask-shaming is one thing, assault is another."
    b = "It is one thing to criticise people over masks, but physical assault is something else altogether."
    negated = b.replace("is something", "is not something")
    quiet = in_shop_story(a, b)
    assert not [f for f in quiet.findings if f.severity != Severity.INFO]
    caught = in_shop_story(a, negated)
    assert not [f for f in caught.findings if f.kind in ("replaced", "omission", "addition")]
    [f] = [f for f in caught.findings if f.kind == "wording" and f.severity != Severity.INFO]
    assert "not" in f.message and f.related is not None


def test_the_aligner_pairs_a_sentence_and_its_negation_as_it_pairs_the_sentence():
    from translator.align import align_texts

    a = "Mask-shaming is one thing, assault is another."
    for b, negated in [
        (
            "It is one thing to criticise people over masks, but physical assault is something else altogether.",
            "It is one thing to criticise people over masks, but physical assault is not something else altogether.",
        ),
        (
            "It is one thing to shame people over masks, but physical attacks are something else entirely.",
            "It is one thing to shame people over masks, but physical attacks aren't something else entirely.",
        ),
        (
            "It is one thing to reproach people who refuse masks, but physical attacks are something else.",
            "It is one thing to reproach people who refuse masks, but physical attacks are never something else.",
        ),
    ]:
        plain, _ = align_texts(
            [*A_SHOP[:3], a, *A_SHOP[3:]], [*B_SHOP[:3], b, *B_SHOP[3:]], src_lang="en", tgt_lang="en"
        )
        turned, _ = align_texts(
            [*A_SHOP[:3], a, *A_SHOP[3:]], [*B_SHOP[:3], negated, *B_SHOP[3:]], src_lang="en", tgt_lang="en"
        )
        assert [(x.src, x.tgt) for x in turned] == [(x.src, x.tgt) for x in plain]


def test_a_sentence_worded_too_freely_to_pair_is_a_replacement_but_a_negation_in_it_is_named():
    """Two translations of "Sie seien aber durch „listige Systeme“ umgangen
    worden" share no word the aligner can pair on (WMT21 de-en-016); with a
    "not" planted in one, the user saw only "replaces a different
    sentence"."""
    a = "It was largely ignored, however, through devious designs."
    b = "But they had been circumvented by cunning systems."
    faithful = in_shop_story(a, b)
    [replaced] = [f for f in faithful.findings if f.kind == "replaced"]
    assert not [f for f in faithful.findings if f.kind == "wording" and f.severity != Severity.INFO]
    negated = in_shop_story(a, b.replace("had been", "had not been"))
    assert not [f for f in negated.findings if f.kind == "replaced"]
    [f] = [f for f in negated.findings if f.kind == "wording" and f.severity != Severity.INFO]
    assert f.severity == Severity.WARNING and f.evidence["content"] == {"polarity": ["not"]}
    assert "devious designs" in f.message and f.related == replaced.related
    # both say "not", each in words of its own: a replacement, no negation
    said_too = in_shop_story(
        "It was not heeded, however, because of devious designs.", b.replace("had been", "had never been")
    )
    assert [f.kind for f in said_too.findings if f.severity != Severity.INFO] == ["replaced"]
