"""``translator align`` and its output formats: TMX parses, round trips hold."""

from __future__ import annotations

import json

from alignkit import make_pair
from lxml import etree

from translator.alignio import AlignedPair, get_writer, read_json, read_ladder, read_tsv
from translator.cli import main
from translator.model import Link


def sample() -> AlignedPair:
    return AlignedPair(
        src=["Der Pegel stieg.", "Tab\there & <b>bold</b> „quoted“.", "Weg."],
        tgt=["The level rose.", "Tab\there & <b>bold</b> “quoted”.", "Added."],
        links=[
            Link([0], [0], 0.9),
            Link([1], [1], 0.8),
            Link([2], [], 0.0),
            Link([], [2], 0.0),
        ],
        src_lang="de",
        tgt_lang="en",
    )


def test_tmx_is_well_formed_tmx_1_4_with_one_unit_per_pair():
    text = get_writer("tmx").write(sample())
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    assert root.find("header").get("srclang") == "de"
    units = root.findall("body/tu")
    assert len(units) == 2  # unaligned sentences are not translation units
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    segs = [(tuv.get(lang), tuv.findtext("seg")) for tuv in units[1].findall("tuv")]
    assert segs == [("de", "Tab\there & <b>bold</b> „quoted“."), ("en", "Tab\there & <b>bold</b> “quoted”.")]


def test_tmx_drops_characters_xml_cannot_carry():
    pair = sample()
    pair.src[0] = "Bad\x00\x07 control"
    root = etree.fromstring(get_writer("tmx").write(pair).encode("utf-8"))
    assert root.findall("body/tu/tuv/seg")[0].text == "Bad control"


def test_ladder_round_trip():
    pair = sample()
    links = read_ladder(get_writer("ladder").write(pair))
    assert [(lk.src, lk.tgt) for lk in links] == [(lk.src, lk.tgt) for lk in pair.links]
    assert [lk.score for lk in links] == [lk.score for lk in pair.links]


def test_json_round_trip():
    pair = sample()
    back = read_json(get_writer("json").write(pair))
    assert back.src == pair.src and back.tgt == pair.tgt
    assert [(lk.src, lk.tgt, lk.score) for lk in back.links] == [
        (lk.src, lk.tgt, lk.score) for lk in pair.links
    ]


def test_tsv_round_trip_keeps_tabs_and_empty_sides():
    pair = sample()
    rows = read_tsv(get_writer("tsv").write(pair))
    assert rows[1] == (pair.src[1], pair.tgt[1], 0.8)
    assert rows[2] == ("Weg.", "", 0.0) and rows[3] == ("", "Added.", 0.0)


def test_align_presplit_files_writes_the_ladder_the_scorer_reads(runner, tmp_path):
    src, tgt, gold = make_pair(40, seed=3)
    a, b = tmp_path / "a.xx", tmp_path / "b.yy"
    a.write_text("\n".join(src) + "\n", encoding="utf-8")
    b.write_text("\n".join(tgt) + "\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = runner.invoke(
        main, ["align", str(a), str(b), "--presplit", "--lang-a", "tlh", "--lang-b", "sux", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    links = read_ladder(out.read_text(encoding="utf-8"))
    assert sorted(i for lk in links for i in lk.src) == list(range(len(src)))
    found = {(tuple(lk.src), tuple(lk.tgt)) for lk in links}
    assert sum((tuple(s), tuple(t)) in found for s, t in gold) / len(gold) >= 0.85


def test_align_documents_to_json(runner, examples):
    result = runner.invoke(
        main,
        [
            "align",
            str(examples / "de-en-news" / "de.md"),
            str(examples / "de-en-news" / "en.md"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"]["lang"] == "de" and data["target"]["lang"] == "en"
    omitted = [x["src_text"] for x in data["links"] if x["src"] and not x["tgt"]]
    assert any("Tschechien" in text for text in omitted)


def test_translation_with_wrong_line_count_is_a_usage_error(runner, tmp_path):
    a, b, mt = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "mt.txt"
    a.write_text("Eins.\nZwei.\n", encoding="utf-8")
    b.write_text("One.\nTwo.\n", encoding="utf-8")
    mt.write_text("One.\n", encoding="utf-8")
    result = runner.invoke(main, ["align", str(a), str(b), "--presplit", "--translation", str(mt)])
    assert result.exit_code == 2
    assert "one line per sentence" in result.output


def test_unknown_signal_and_output_over_input_are_usage_errors(runner, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Eins.\n", encoding="utf-8")
    b.write_text("One.\n", encoding="utf-8")
    result = runner.invoke(main, ["align", str(a), str(b), "--presplit", "--disable", "nope"])
    assert result.exit_code == 2 and "unknown signal" in result.output
    result = runner.invoke(main, ["align", str(a), str(b), "--presplit", "-o", str(a)])
    assert result.exit_code == 2
    assert a.read_text(encoding="utf-8") == "Eins.\n"
