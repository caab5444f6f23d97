"""Lexicon signals: FreeDict dictd files, glossaries, the bootstrapped lexicon."""

from __future__ import annotations

from dictdkit import write_dictd
from processkit import outputs_under_hash_seeds

from translator.align import AlignOptions, align_texts
from translator.align.context import PairContext
from translator.align.dictd import _b64, parse_entry
from translator.align.signals.bootstrap import learn_lexicon
from translator.align.signals.dictionary import load_lexicon


def test_dictd_offsets_and_entry_layouts_are_read():
    assert _b64("BWIQ") == ((1 * 64 + 22) * 64 + 8) * 64 + 16
    assert parse_entry("Berg /bɛɾk/ <masc, n, sg>\nmountain <n>\n see: {Berge}\n") == [("Berg", "mountain")]
    wikdict = (
        "sommet /sɔ.mɛ/ <n, masc>\n1. Spitze\nle plus haut degré\n2. Gipfel, Berggipfel\npartie élevée\n"
    )
    assert parse_entry(wikdict) == [("sommet", "Spitze"), ("sommet", "Gipfel"), ("sommet", "Berggipfel")]
    assert parse_entry("kalt werden <v>\nto get cold\n") == []  # multi-word headwords are skipped


def test_installed_dictionary_links_words_no_other_signal_sees(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    write_dictd(
        tmp_path,
        "deu-fra",
        [
            ("Gletscher", "Gletscher /x/ <n>\nglacier\nEismasse\n"),
            ("Gipfel", "Gipfel /x/ <n>\n1. sommet\nhöchster Punkt\n"),
        ],
    )
    write_dictd(tmp_path, "fra-deu", [("neige", "neige /x/ <n, fem>\nSchnee\nGouttes d’eau\n")])
    lexicon = load_lexicon("de", "fr", str(tmp_path))
    assert "glaci" in lexicon["gletsch"]
    assert "sommet" in lexicon["gipfel"]
    assert "neig" in lexicon["schnee"]
    ctx = PairContext(
        ["Der Gletscher und der Gipfel."], ["Le glacier et le sommet."], "de", "fr", dict_dir=str(tmp_path)
    )
    from translator.align.signals.dictionary import DictionarySignal

    signal = DictionarySignal()
    signal.prepare(ctx)
    assert signal.active and signal.pair_similarity(0, 0) > 0.5


def test_missing_dictionaries_switch_the_signal_off(tmp_path):
    assert load_lexicon("de", "fr", str(tmp_path)) == {}
    links, method = align_texts(
        ["Eins zwei.", "Drei."],
        ["Un deux.", "Trois."],
        src_lang="de",
        tgt_lang="fr",
        options=AlignOptions(dict_dir=str(tmp_path)),
    )
    assert "dictionary" not in method.split("+")
    assert [link.ladder() for link in links] == ["[0]:[0]", "[1]:[1]"]


def test_glossary_terms_are_anchors_in_both_directions(tmp_path):
    from translator.align.signals.glossary import GlossarySignal

    (tmp_path / "de-en-test.tsv").write_text(
        "source\ttarget\nSchwebebahn\tsuspension railway\n", encoding="utf-8"
    )
    for src_lang, tgt_lang, src, tgt in (
        ("de", "en", "Die Schwebebahn fährt.", "The suspension railway runs."),
        ("en", "de", "The suspension railway runs.", "Die Schwebebahn fährt."),
    ):
        ctx = PairContext(
            [src, "Nichts."], [tgt, "Nothing."], src_lang, tgt_lang, glossaries=(str(tmp_path),)
        )
        signal = GlossarySignal()
        signal.prepare(ctx)
        assert signal.pair_similarity(0, 0) == 1.0 and signal.pair_similarity(1, 1) == 0.0


def test_bootstrap_learns_word_pairs_from_confident_links():
    src = [f"Der Gletscher {k} wächst." for k in range(6)] + ["Anderes."]
    tgt = [f"Le glacier {k} grandit." for k in range(6)] + ["Autre."]
    ctx = PairContext(src, tgt, "de", "fr", previous=[(k, k + 1, k, k + 1) for k in range(7)])
    lexicon = learn_lexicon(ctx)
    assert "glaci" in lexicon["gletsch"]


def test_german_compounds_split_into_dictionary_parts():
    from translator.align.compounds import splitter

    known = {"gletsch", "beck", "seil", "lang", "hoh", "meter", "kost"}
    split = splitter("de", known)
    assert split("gletscherbeck") == ["gletsch", "beck"]
    assert split("seillang") == ["seil", "lang"]
    assert split("hohenmeter") == ["hoh", "meter"]  # linking element -n-/-en- dropped
    assert split("gekost") == ["kost"]  # past participle prefix
    assert split("gletsch") == ["gletsch"]  # known words stay whole
    assert split("kretschmer") == ["kretschmer"]  # no split into known parts: kept
    assert splitter("fr", known) is None  # French writes compounds as several words


def test_dictionary_matches_a_compound_through_its_parts(tmp_path, monkeypatch):
    from translator.align.signals.dictionary import DictionarySignal

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    write_dictd(
        tmp_path,
        "deu-fra",
        [
            ("Gletscher", "Gletscher /x/ <n>\nglacier\n"),
            ("Becken", "Becken /x/ <n>\nbassin\n"),
            ("Himmel", "Himmel /x/ <n>\nciel\n"),
        ],
    )
    ctx = PairContext(
        ["Das Gletscherbecken.", "Der Himmel."],
        ["Le bassin du glacier.", "Le ciel."],
        "de",
        "fr",
        dict_dir=str(tmp_path),
    )
    signal = DictionarySignal()
    signal.prepare(ctx)
    assert signal.pair_similarity(0, 0) > 0.5
    assert signal.pair_similarity(0, 1) == 0.0


def test_dictionary_senses_narrow_to_those_the_other_document_uses(tmp_path, monkeypatch):
    from translator.align.signals.dictionary import DictionarySignal

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    write_dictd(
        tmp_path,
        "deu-fra",
        [
            ("Berg", "Berg /x/ <n>\n1. montagne\n2. mont\n3. colline\n4. tas\n"),
            ("Gipfel", "Gipfel /x/ <n>\n1. sommet\n2. cime\n"),
        ],
    )
    ctx = PairContext(["Der Berg.", "Der Gipfel."], ["La montagne."], "de", "fr", dict_dir=str(tmp_path))
    signal = DictionarySignal()
    signal.prepare(ctx)
    # the one sense the French text uses carries the word's whole weight
    assert signal.pair_similarity(0, 0) == 1.0
    # a word whose translations are all missing keeps them: it is evidence
    # of an omission, not a sentence without content
    assert signal.U.getrow(1).nnz == 2


def test_dictionary_bags_do_not_depend_on_the_hash_seed():
    """A word's senses come from a set, whose order follows PYTHONHASHSEED;
    the bag's order reaches the float sums of the sparse products, so an
    unseeded run could align the same pair differently from the last."""
    probe = (
        "from translator.align.signals.dictionary import translate_bags\n"
        "senses = frozenset(['sommet', 'cime', 'pic', 'crete', 'faite', 'apogee', 'point'])\n"
        "tgt = [['sommet', 'cime', 'pic', 'crete', 'faite', 'apogee', 'point']]\n"
        "src, _ = translate_bags([['gipfel', 'gipfel']], tgt, {'gipfel': senses})\n"
        "print(list(src[0].items()))\n"
    )
    outputs = outputs_under_hash_seeds(probe)
    assert len(outputs) == 1, outputs
