"""spelling (with a tiny Hunspell dictionary the test writes itself) and
custom rules from the configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from qakit import findings, pairs, single

from translator.checks.spelling import doctor_lines, find_dictionary, search_paths
from translator.errors import InputError
from translator.gate.config import Overrides, load_config

AFF = """SET UTF-8
TRY esianrtolcdugmphbyfvkwzxjqESIANRTOLCDUGMPHBYFVKWZXJQ
SFX S Y 1
SFX S 0 s .

SFX D Y 2
SFX D 0 ed [^e]
SFX D 0 d e
"""
WORDS = """report/S publish/D government/S minister/S announce/D building/S election/S parliament/S
financial yesterday council/S weather police research company increase/D budget/S student/S
hospital/S conference/S announcement/S scientist/S the a an of to in on for and was were is are has have
new city said by at it this that with from its their our we they he she about more than"""


@pytest.fixture
def dictionaries(tmp_path: Path) -> Path:
    folder = tmp_path / "hunspell"
    folder.mkdir()
    words = WORDS.split()
    (folder / "en_US.aff").write_text(AFF, encoding="utf-8")
    (folder / "en_US.dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    return folder


#: (correct sentence, the same with a planted typo, the typo)
TYPOS = [
    ("The report was published.", "The reprot was published.", "reprot"),
    ("The report was published.", "The report was publishd.", "publishd"),
    ("The government has a new budget.", "The goverment has a new budget.", "goverment"),
    ("The minister announced it.", "The minsiter announced it.", "minsiter"),
    ("The minister announced it.", "The minister anounced it.", "anounced"),
    ("The building is new.", "The buidling is new.", "buidling"),
    ("The election was yesterday.", "The electoin was yesterday.", "electoin"),
    ("The election was yesterday.", "The election was yesterdya.", "yesterdya"),
    ("The parliament has a budget.", "The parliment has a budget.", "parliment"),
    ("The financial report was new.", "The finacial report was new.", "finacial"),
    ("The council said it.", "The councl said it.", "councl"),
    ("The weather was new.", "The weahter was new.", "weahter"),
    ("The police said it.", "The polcie said it.", "polcie"),
    ("The research was published.", "The reserach was published.", "reserach"),
    ("The company said it.", "The compnay said it.", "compnay"),
    ("The budget was increased.", "The budget was incresaed.", "incresaed"),
    ("The budgets increased.", "The budegts increased.", "budegts"),
    ("The students said it.", "The stuents said it.", "stuents"),
    ("The hospital is new.", "The hosptial is new.", "hosptial"),
    ("The conference was new.", "The confrence was new.", "confrence"),
    ("The announcement was new.", "The annoucement was new.", "annoucement"),
    ("The scientists said it.", "The scienitsts said it.", "scienitsts"),
]


@pytest.mark.parametrize(("good", "bad", "typo"), TYPOS)
def test_a_correctly_spelt_sentence_passes(dictionaries, good, bad, typo):
    assert findings(single([good]), "spelling", {"paths": [str(dictionaries)]}) == []


@pytest.mark.parametrize(("good", "bad", "typo"), TYPOS)
def test_each_planted_typo_is_found(dictionaries, good, bad, typo):
    (finding,) = findings(single([bad]), "spelling", {"paths": [str(dictionaries)]})
    assert finding.evidence["words"] == [typo]
    assert finding.severity.value == "warning"


def test_a_dictionary_is_loaded_only_when_a_word_is_rarer_than_any_misspelling_can_be(
    dictionaries, monkeypatch
):
    """Frequent words are never reported (the Zipf rule), so a sentence made
    of them is decided without loading Hunspell; a rare word loads it."""
    from translator.checks import spelling

    loaded = []
    real = spelling._speller.__wrapped__

    def speller(dic):  # noqa: ANN001, ANN202
        loaded.append(dic.stem)
        return real(dic)

    monkeypatch.setattr(spelling, "_speller", speller)
    assert (
        findings(single(["The council said it was new."]), "spelling", {"paths": [str(dictionaries)]}) == []
    )
    assert loaded == []
    (finding,) = findings(single(["The councl said it was new."]), "spelling", {"paths": [str(dictionaries)]})
    assert finding.evidence["words"] == ["councl"]
    assert set(loaded) == {"en_US"}


def test_a_typo_is_decided_without_hunspells_time_limited_suggestions(dictionaries, monkeypatch):
    """Hunspell's ``suggest`` gives up after a quarter of a CPU-second, which
    long words reach: a finding must not depend on the machine's speed."""
    from translator.checks import spelling

    real = spelling._speller.__wrapped__

    class OutOfTime:
        def __init__(self, dic):  # noqa: ANN001
            self.inner = real(dic)

        def spell(self, word):  # noqa: ANN001, ANN202
            return self.inner.spell(word)

        def suggest(self, word):  # noqa: ANN001, ANN202
            return ()  # what a loaded machine's suggest returns for a long word

    monkeypatch.setattr(spelling, "_speller", OutOfTime)
    spelling._is_typo.cache_clear()
    (finding,) = findings(single(["The goverment said it."]), "spelling", {"paths": [str(dictionaries)]})
    assert finding.evidence["words"] == ["goverment"]
    spelling._is_typo.cache_clear()


def test_two_known_words_run_together_are_a_compound_not_a_typo(dictionaries):
    # "tohe" is one edit from "the", and reads as "to he": a word made of two
    # the dictionary knows is more often a compound it lacks (German, names
    # such as "arap Moi") than a slip, and precision comes first here
    assert findings(single(["It was tohe council."]), "spelling", {"paths": [str(dictionaries)]}) == []
    (finding,) = findings(single(["It was thw council."]), "spelling", {"paths": [str(dictionaries)]})
    assert finding.evidence["words"] == ["thw"]


def test_names_numbers_addresses_and_placeholders_are_not_spelling_errors(dictionaries):
    text = "The minister met Zelensky in Kyiv on 3rd May at www.exmple.org, mail a@exmple.org, {usre}."
    assert findings(single([text]), "spelling", {"paths": [str(dictionaries)]}) == []


def test_words_copied_from_the_source_are_not_spelling_errors(dictionaries):
    comparison = pairs(
        [("Der Verein Grünsteifen e.V. tagte.", "The grünsteifen council said it.")], "de", "en"
    )
    assert findings(comparison, "spelling", {"paths": [str(dictionaries)]}) == []


def test_glossary_terms_are_not_spelling_errors(dictionaries, tmp_path):
    glossary = tmp_path / "de-en-terms.tsv"
    glossary.write_text("source\ttarget\nMinisterrat\tministerrat council\n", encoding="utf-8")
    from translator.checks import run_checks

    comparison = pairs([("Der Ministerrat tagte.", "The ministerrat council said it.")], "de", "en")
    options = {"spelling": {"paths": [str(dictionaries)]}, "glossary": {"files": [str(glossary)]}}
    assert run_checks(comparison, enabled=["spelling"], options=options) == []


def test_the_original_is_not_spell_checked_only_the_translation(dictionaries):
    comparison = pairs([("The reprot was published.", "The report was published.")], "en", "en")
    assert findings(comparison, "spelling", {"paths": [str(dictionaries)]}) == []


def test_spelling_is_off_without_a_dictionary_for_the_language(dictionaries, tmp_path):
    empty = tmp_path / "none"
    empty.mkdir()
    assert findings(single(["The reprot was published."]), "spelling", {"paths": [str(empty)]}) == []
    assert findings(single(["Der Berciht ist da."], "de"), "spelling", {"paths": [str(dictionaries)]}) == []
    assert find_dictionary("en-GB", [str(dictionaries)]) == dictionaries / "en_US.dic"
    assert find_dictionary("de", [str(dictionaries)]) is None


def test_the_doctor_says_which_languages_have_a_dictionary(dictionaries, tmp_path):
    assert doctor_lines([str(dictionaries)]) == [("ok", "spelling dictionaries: en (en_US)")]
    empty = tmp_path / "none"
    empty.mkdir()
    ((status, message),) = doctor_lines([str(empty)])
    assert status == "warn" and "spelling check is off" in message and "hunspell-en-us" in message


def test_the_doctor_report_includes_the_spelling_line(monkeypatch, dictionaries):
    from translator.translate.doctor import run_doctor

    monkeypatch.setenv("TRANSLATOR_HUNSPELL_PATH", str(dictionaries))
    messages = [m for _, m in run_doctor().lines]
    assert any(m.startswith("spelling dictionaries:") and "en (en_US)" in m for m in messages)


def _config(tmp_path: Path, body: str):
    (tmp_path / ".translator.toml").write_text(body, encoding="utf-8")
    return load_config(start=tmp_path)


def test_tests_see_no_hunspell_dictionary_the_machine_has_installed(isolated_machine):
    """The machine's /usr/share/hunspell must not decide a test's outcome."""
    root = isolated_machine["dictd"].parent
    assert search_paths() and all(root in folder.parents for folder in search_paths())


def test_the_system_folders_can_be_replaced_and_the_users_folder_is_searched(
    dictionaries, tmp_path, monkeypatch, isolated_machine
):
    monkeypatch.setenv("TRANSLATOR_HUNSPELL_SYSTEM_PATH", str(dictionaries))
    assert find_dictionary("en") == dictionaries / "en_US.dic"
    monkeypatch.setenv("TRANSLATOR_HUNSPELL_SYSTEM_PATH", "")
    assert find_dictionary("en") is None
    user = isolated_machine["data"] / "hunspell"
    user.mkdir()
    for name in ("en_US.aff", "en_US.dic"):
        (user / name).write_bytes((dictionaries / name).read_bytes())
    assert find_dictionary("en") == user / "en_US.dic"


def test_custom_rules_are_read_from_the_configuration(tmp_path):
    config = _config(
        tmp_path,
        '[[checks.custom.rules]]\nid = "no-ss"\nlang = "de"\npattern = "ß"\n'
        'message = "Swiss German writes ss."\nseverity = "error"\n',
    )
    options = config.check_options()["custom"]
    (finding,) = findings(single(["Die Straße ist nass.", "Alles gut."], "de"), "custom", options)
    assert finding.severity.value == "error"
    assert finding.message == "Swiss German writes ss. [no-ss]"
    assert findings(single(["Die Straße ist nass."], "en"), "custom", options) == []


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('[[checks.custom.rules]]\nid = "x"\npattern = "(unclosed"\n', "invalid regular expression"),
        ('[[checks.custom.rules]]\nid = "x"\n', "needs a pattern"),
        ('[[checks.custom.rules]]\npattern = "x"\n', "id is required"),
        ('[[checks.custom.rules]]\nid = "x"\npattern = "x"\nseverity = "fatal"\n', "severity"),
        ('[[checks.custom.rules]]\nid = "x"\npatern = "x"\n', "unknown key patern"),
    ],
)
def test_a_malformed_custom_rule_is_a_configuration_error(tmp_path, body, problem):
    with pytest.raises(InputError, match=problem):
        _config(tmp_path, body)


def test_a_malformed_rule_on_the_command_line_is_an_error_too():
    with pytest.raises(InputError, match="invalid regular expression"):
        load_config(isolated=True, overrides=Overrides(options=('custom.rules=[{id = "x", pattern = "["}]',)))


#: (rule, source, faithful translation, planted error)
RULES = [
    ({"id": "no-ss", "pattern": "ß"}, "Straße", "Strasse", "Straße"),
    ({"id": "no-double-dash", "pattern": "--"}, "Ende – gut", "End – good", "End -- good"),
    ({"id": "ellipsis", "pattern": r"\.\.\."}, "Und…", "And…", "And..."),
    ({"id": "no-etc", "pattern": r"\betc\b", "ignore-case": True}, "usw.", "and so on", "ETC."),
    (
        {"id": "no-click-here", "pattern": "click here", "ignore-case": True},
        "Hier klicken",
        "Select",
        "Click here",
    ),
    ({"id": "curly", "pattern": '"'}, "„Ja“", "“Yes”", '"Yes"'),
    ({"id": "no-ok", "pattern": r"\bOk\b"}, "OK", "OK", "Ok"),
    ({"id": "no-trailing-colon", "pattern": r":$"}, "Name", "Name", "Name:"),
    ({"id": "no-email-caps", "pattern": r"\bE-Mail\b", "lang": "en"}, "E-Mail", "email", "E-Mail"),
    ({"id": "ticket", "source-pattern": r"JIRA-\d+"}, "Siehe JIRA-12", "See JIRA-12", "See JIRA-21"),
    (
        {"id": "ticket2", "source-pattern": r"JIRA-\d+"},
        "JIRA-1 und JIRA-2",
        "JIRA-1 and JIRA-2",
        "JIRA-1 and 2",
    ),
    ({"id": "version", "source-pattern": r"v\d+\.\d+"}, "Version v2.1", "Version v2.1", "Version 2.1"),
    (
        {"id": "sku", "source-pattern": r"[A-Z]{3}-\d{4}"},
        "Artikel ABC-1234",
        "Item ABC-1234",
        "Item ABC-1243",
    ),
    (
        {"id": "brand", "source-pattern": "Acme", "pattern": "Acme"},
        "Acme liefert",
        "Acme delivers",
        "ACME delivers",
    ),
    ({"id": "euro", "source-pattern": "€", "pattern": "€|EUR|euro"}, "5 €", "5 euros", "5 dollars"),
    (
        {
            "id": "du-sie",
            "source-lang": "en",
            "source-pattern": r"\byou\b",
            "pattern": r"\bSie\b",
            "lang": "de",
        },
        "Can you help?",
        "Können Sie helfen?",
        "Kannst du helfen?",
    ),
    ({"id": "tm", "source-pattern": "™"}, "Acme™", "Acme™", "Acme"),
    ({"id": "key", "source-pattern": r"\[[A-Z]+\]"}, "Drücke [ENTER]", "Press [ENTER]", "Press [EINGABE]"),
    ({"id": "hashtag", "source-pattern": r"#\w+"}, "Folgt #acme", "Follow #acme", "Follow #Acme"),
    (
        {"id": "percent", "source-pattern": r"\d+ ?%", "pattern": r"\d+ ?%|percent"},
        "5 %",
        "5 percent",
        "five",
    ),
    ({"id": "no-exclaim", "pattern": "!!"}, "Toll!", "Great!", "Great!!"),
]


@pytest.mark.parametrize(("rule", "source", "good", "bad"), RULES)
def test_a_translation_that_follows_the_rule_passes(rule, source, good, bad):
    assert findings(pairs([(source, good)], "de", "en"), "custom", {"rules": [rule]}) == []


@pytest.mark.parametrize(("rule", "source", "good", "bad"), RULES)
def test_each_planted_rule_violation_is_found(rule, source, good, bad):
    source_lang, target_lang = ("en", "de") if rule["id"] == "du-sie" else ("de", "en")
    if rule["id"] == "du-sie":
        assert findings(pairs([(source, good)], source_lang, target_lang), "custom", {"rules": [rule]}) == []
    (finding,) = findings(pairs([(source, bad)], source_lang, target_lang), "custom", {"rules": [rule]})
    assert finding.evidence["rule"] == rule["id"]
    assert finding.severity.value == "warning"


def test_check_command_fails_on_a_custom_rule_from_the_project_configuration(runner, tmp_path, monkeypatch):
    from translator.cli import main

    (tmp_path / "de.txt").write_text("Die Straße ist nass.\n", encoding="utf-8")
    (tmp_path / "ch.txt").write_text("Die Straße ist sehr nass.\n", encoding="utf-8")
    (tmp_path / ".translator.toml").write_text(
        'lang = "de"\nsource-lang = "de"\n[[checks.custom.rules]]\nid = "no-ss"\npattern = "ß"\n'
        'message = "Swiss German writes ss."\nseverity = "error"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["check", "ch.txt", "--source", "de.txt"])
    assert result.exit_code == 1, result.output
    assert "error custom: Swiss German writes ss. [no-ss]" in result.stdout
    (tmp_path / ".translator.toml").write_text(
        '[[checks.custom.rules]]\nid = "x"\npattern = "("\n', encoding="utf-8"
    )
    result = runner.invoke(main, ["check", "ch.txt", "--source", "de.txt"])
    assert result.exit_code == 2
    assert "invalid regular expression" in result.stderr and "Traceback" not in result.output
