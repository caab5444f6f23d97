"""markup (tags, Markdown links, images, code, emphasis) and links (URLs,
e-mail addresses) between aligned sentences."""

from __future__ import annotations

import pytest
from qakit import flagged

from translator.checks.markup import markup_of, segment_markup
from translator.ingest.load import document_from_text
from translator.pipeline import CompareOptions, compare_documents, prepare_document

MARKUP = [
    ('Siehe <a href="/hilfe">Hilfe</a>.', 'See <a href="/hilfe">help</a>.', "See help."),
    ('Siehe <a href="/hilfe">Hilfe</a>.', 'See <a href="/hilfe">help</a>.', 'See <a href="/help">help</a>.'),
    ("Das ist <b>wichtig</b>.", "This is <b>important</b>.", "This is important."),
    ("Das ist <b>wichtig</b>.", "This is <b>important</b>.", "This is <i>important</i>."),
    ("Das ist <b>wichtig</b>.", "This is <b>important</b>.", "This is <b>important."),
    (
        'Schreib <a href="mailto:a@x.de">uns</a>.',
        'Write <a href="mailto:a@x.de">to us</a>.',
        'Write <a href="mailto:b@x.de">to us</a>.',
    ),
    (
        'Bild <img src="a.png" alt="Ein Hund">.',
        'Image <img src="a.png" alt="A dog">.',
        'Image <img src="b.png" alt="A dog">.',
    ),
    (
        'Bild <img src="a.png" alt="Ein Hund">.',
        'Image <img src="a.png" alt="A dog">.',
        'Image <img src="a.png" alt="Ein Hund">.',
    ),
    ("Zeile<br/>zwei", "Line<br/>two", "Line two"),
    ("Text <em>kursiv</em> hier.", "Text <em>italic</em> here.", "Text italic here."),
    ("Siehe [die Doku](https://x.org/doku).", "See [the docs](https://x.org/doku).", "See the docs."),
    (
        "Siehe [die Doku](https://x.org/doku).",
        "See [the docs](https://x.org/doku).",
        "See [the docs](https://x.org/docs).",
    ),
    ("![Ein Hund](hund.png) im Park.", "![A dog](hund.png) in the park.", "![A dog](dog.png) in the park."),
    (
        "![Ein Hund](hund.png) im Park.",
        "![A dog](hund.png) in the park.",
        "![Ein Hund](hund.png) in the park.",
    ),
    ("Führe `make test` aus.", "Run `make test`.", "Run `mache test`."),
    ("Führe `make test` aus.", "Run `make test`.", "Run make test."),
    ("Das ist **wichtig**.", "This is **important**.", "This is important."),
    ("Das ist *sehr* gut.", "This is *very* good.", "This is very good."),
    ("Das ist **fett** und *kursiv*.", "This is **bold** and *italic*.", "This is *bold* and *italic*."),
    ('<span class="x">Hallo</span> Welt', '<span class="y">Hello</span> world', "Hello world"),
    (
        "Drücke <kbd>Strg</kbd>+<kbd>C</kbd>.",
        "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.",
        "Press <kbd>Ctrl</kbd>+C.",
    ),
    (
        'Lade <a href="/app.zip">die App</a> herunter.',
        'Download <a href="/app.zip">the app</a>.',
        "Download <a>the app</a>.",
    ),
]


@pytest.mark.parametrize(("source", "good", "bad"), MARKUP)
def test_markup_kept_in_a_faithful_translation_passes(source, good, bad):
    assert flagged([(source, good)], "markup") == []


@pytest.mark.parametrize(("source", "good", "bad"), MARKUP)
def test_each_planted_markup_error_is_found(source, good, bad):
    assert len(flagged([(source, bad)], "markup")) >= 1


def test_a_lost_link_names_its_address():
    (finding,) = flagged([('Siehe <a href="/hilfe">Hilfe</a>.', "See help.")], "markup")
    assert '<a href="/hilfe">' in finding.message and "</a>" in finding.message


def test_an_untranslated_alt_text_is_flagged_only_across_languages():
    pair = [('<img src="a.png" alt="Ein Hund">', '<img src="a.png" alt="Ein Hund">')]
    (finding,) = flagged(pair, "markup")
    assert "Ein Hund" in finding.message
    assert flagged(pair, "markup", "de", "de") == []
    assert flagged(pair, "markup", alt=False) == []


def test_emphasis_can_be_left_out_of_the_comparison():
    assert flagged([("Das ist **wichtig**.", "This is important.")], "markup", emphasis=False) == []


def test_block_tags_belong_to_paragraphs_not_sentences():
    assert markup_of("<p>Hallo</p>") == []


def test_markdown_documents_read_markup_from_the_file_behind_the_sentence():
    def prepared(text, name, lang):
        return prepare_document(document_from_text(text, name), lang)

    de = prepared("# Titel\n\nLies [die Anleitung](https://x.org/a) heute.\n", "de.md", "de")
    en_ok = prepared("# Title\n\nRead [the guide](https://x.org/a) today.\n", "en.md", "en")
    en_bad = prepared("# Title\n\nRead the guide today.\n", "en-bad.md", "en")
    tokens = [m.token for s in de.segments for m in segment_markup(de, s)]
    assert tokens == ["[link](https://x.org/a)"]
    options = CompareOptions(enabled_checks=["markup"], machine_translation=False, mt_cache=False)
    assert compare_documents([de, en_ok], options).findings == []
    (finding,) = compare_documents([de, en_bad], options).findings
    assert finding.kind == "markup"


def _html_page(*paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return f"<html><body><article>\n{body}</article></body></html>\n"


def test_html_inline_tags_are_kept_in_the_model_with_their_original_text():
    doc = document_from_text(
        _html_page('Lies den <a href="https://x.org/b">Bericht</a>. Dann <b>ruf an</b>.'), "de.html"
    )
    (paragraph,) = doc.paragraphs
    text = doc.text[paragraph.start : paragraph.end]
    assert " ".join(text.replace(" .", ".").split()) == "Lies den Bericht. Dann ruf an."
    where = [(e["start"] - paragraph.start, e["kind"], e["original"]) for e in paragraph.inline]
    assert where == [
        (text.index("Bericht"), "open", '<a href="https://x.org/b">'),
        (text.index("Bericht") + len("Bericht"), "close", "</a>"),  # right after the word it marks up
        (text.index("ruf"), "open", "<b>"),
        (text.index("ruf an") + len("ruf an"), "close", "</b>"),
    ]


def test_html_pairs_compare_the_inline_elements_of_each_sentence():
    def prepared(html, name, lang):
        return prepare_document(document_from_text(html, name), lang)

    de = prepared(
        _html_page('Lies den <a href="https://x.org/b">Bericht</a> heute. Dann <b>ruf an</b>.'),
        "de.html",
        "de",
    )
    en_ok = prepared(
        _html_page('Read the <a href="https://x.org/b">report</a> today. Then <b>call</b>.'), "en.html", "en"
    )
    en_moved = prepared(
        _html_page('Read the report today. Then <a href="https://x.org/b"><b>call</b></a>.'), "m.html", "en"
    )
    tokens = [[m.token for m in segment_markup(de, s)] for s in de.segments]
    assert tokens == [['<a href="https://x.org/b">', "</a>"], ["<b>", "</b>"]]
    options = CompareOptions(enabled_checks=["markup"], machine_translation=False, mt_cache=False)
    assert compare_documents([de, en_ok], options).findings == []
    # the link moved to the other sentence: both sentences' markup differs
    assert len(compare_documents([de, en_moved], options).findings) == 2


LINKS = [
    (
        "Mehr auf https://example.org/info.",
        "More at https://example.org/info.",
        "More at https://exmaple.org/info.",
    ),
    ("Mehr auf https://example.org/info.", "More at https://example.org/info.", "More online."),
    ("Schreiben Sie an info@example.org.", "Write to info@example.org.", "Write to info@example.com."),
    ("Schreiben Sie an info@example.org.", "Write to info@example.org.", "Write to us."),
    ("Siehe www.example.org/a", "See www.example.org/a", "See www.example.org/b"),
    ("Siehe http://a.de und http://b.de.", "See http://a.de and http://b.de.", "See http://a.de."),
    ("Kontakt: max@firma.de", "Contact: max@firma.de", "Contact: mux@firma.de"),
    ("Link: https://x.org/p?id=1", "Link: https://x.org/p?id=1", "Link: https://x.org/p?id=2"),
    ("Link: https://x.org/Pfad", "Link: https://x.org/Pfad", "Link: https://x.org/pfad"),
    ("Web: https://x.org", "Web: https://x.org", "Web: http://y.org"),
    ("Mail an a.b@c.org bitte", "Mail a.b@c.org please", "Mail ab@c.org please"),
    ("Details: https://x.org/d.pdf.", "Details: https://x.org/d.pdf.", "Details: https://x.org/e.pdf."),
    ("Quelle: https://x.org/2024/1", "Source: https://x.org/2024/1", "Source: https://x.org/2024/2"),
    (
        "Hilfe unter help@x.org oder https://x.org/h",
        "Help at help@x.org or https://x.org/h",
        "Help at help@x.org",
    ),
    ("Siehe https://x.org/a#b", "See https://x.org/a#b", "See https://x.org/a"),
    ("Antwort an noreply@x.org", "Reply to noreply@x.org", "Reply to no-reply@x.org"),
    ("Unter https://x.org/de/preise", "At https://x.org/en/preise", "At https://x.org/en/prices"),
    ("Web www.x.org", "Web www.x.org", "Web www.x.com"),
    (
        "Siehe https://x.org/a und https://x.org/a",
        "See https://x.org/a and https://x.org/a",
        "See https://x.org/a",
    ),
    ("Presse: presse@x.de, Tel. 123", "Press: presse@x.de, tel. 123", "Press: press@x.de, tel. 123"),
    (
        "Portal https://portal.x.org/login",
        "Portal https://portal.x.org/login",
        "Portal https://portal.x.org/logon",
    ),
]


@pytest.mark.parametrize(("source", "good", "bad"), LINKS)
def test_a_faithful_translation_keeps_its_links(source, good, bad):
    assert flagged([(source, good)], "links") == []


@pytest.mark.parametrize(("source", "good", "bad"), LINKS)
def test_each_planted_link_error_is_found(source, good, bad):
    (finding,) = flagged([(source, bad)], "links")
    assert finding.severity.value == "error"


def test_hosts_and_addresses_compare_case_insensitively():
    assert flagged([("Siehe https://Example.ORG/a", "See https://example.org/a")], "links") == []
    assert flagged([("Mail: Info@X.org", "Mail: info@x.org")], "links") == []


def test_localised_paths_are_a_difference_only_when_asked():
    pair = [("Unter https://x.org/de/preise", "At https://x.org/en/preise")]
    assert flagged(pair, "links") == []
    assert len(flagged(pair, "links", locale_paths=False)) == 1


def test_handles_and_hashtags_are_not_links():
    assert flagged([("Folgt #Wahl2024 und @tagesschau", "Follow #Election2024 and @bbc")], "links") == []


def test_a_link_to_the_localised_page_is_not_a_markup_change():
    pair = [("[Preise](https://x.org/de/preise)", "[Prices](https://x.org/en/preise)")]
    assert flagged(pair, "markup") == []
    assert len(flagged(pair, "markup", locale_paths=False)) == 1
