"""``translator batch`` on localisation files: a manifest row naming one
bilingual file (XLIFF, PO, TMX) or a resource pair, and the consistency
check across the batch's items (also after a resumed run)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from translator.batch.items import read_manifest
from translator.batch.run import run_batch
from translator.cli import main
from translator.gate.checkrun import Target, run_check
from translator.gate.config import defaults

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "l10n"


def _xliff(units: list[tuple[str, str, str]]) -> str:
    """An XLIFF 1.2 file (English to German), one unit a line group."""
    body = "\n".join(
        f'      <trans-unit id="{uid}">\n        <source>{src}</source>\n'
        f'        <target state="translated">{tgt}</target>\n      </trans-unit>'
        for uid, src, tgt in units
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file source-language="en" target-language="de" datatype="plaintext" original="app">\n'
        f"    <body>\n{body}\n    </body>\n  </file>\n</xliff>\n"
    )


def _batch_json(out: Path) -> dict:
    return json.loads((out / "batch.json").read_text(encoding="utf-8"))


def test_a_row_naming_one_bilingual_file_or_a_resource_pair_is_checked_like_check_does(tmp_path):
    for name in ("app.de.xlf", "messages.de.po", "memory.tmx", "en.json", "de.json"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    (tmp_path / "m.csv").write_text(
        "id,a,b\nxliff,app.de.xlf,\npo,messages.de.po,\ntmx,memory.tmx,\njson,en.json,de.json\n",
        encoding="utf-8",
    )
    result = run_batch(str(tmp_path / "m.csv"), str(tmp_path / "out"))
    assert result.failed == 0
    items = {i["id"]: i for i in _batch_json(tmp_path / "out")["items"]}
    targets = {
        "xliff": Target(str(tmp_path / "app.de.xlf")),
        "po": Target(str(tmp_path / "messages.de.po")),
        "tmx": Target(str(tmp_path / "memory.tmx")),
        "json": Target(str(tmp_path / "de.json"), source=str(tmp_path / "en.json")),
    }
    for item_id, target in targets.items():
        checked = run_check([target], defaults())
        expected = sorted((loc.location.line, loc.finding.kind) for loc in checked.findings())
        got = sorted((f["line"], f["kind"]) for f in items[item_id]["findings"])
        assert got == expected and got, item_id
    # the planted problems of the example files, at the units' lines
    assert (11, "numbers") in [(f["line"], f["kind"]) for f in items["xliff"]["findings"]]
    assert {f["kind"] for f in items["po"]["findings"]} >= {"numbers", "unit-state"}


def test_a_single_file_row_that_is_not_bilingual_fails_that_item_only(tmp_path):
    shutil.copy(EXAMPLES / "en.json", tmp_path / "en.json")
    shutil.copy(EXAMPLES / "memory.tmx", tmp_path / "memory.tmx")
    (tmp_path / "m.jsonl").write_text(
        '{"id": "one", "versions": ["en.json"]}\n{"id": "tm", "a": "memory.tmx"}\n', encoding="utf-8"
    )
    result = run_batch(str(tmp_path / "m.jsonl"), str(tmp_path / "out"))
    by_id = {i["id"]: i for i in result.items}
    assert by_id["tm"]["status"] == "ok"
    assert by_id["one"]["status"] == "error"
    assert "holds both sides (XLIFF, PO, TMX)" in by_id["one"]["error"]


def test_lang_a_and_lang_b_of_a_bilingual_row_name_its_two_sides(tmp_path):
    (tmp_path / "m.csv").write_text("id,a,lang_a,lang_b\nx,f.xlf,en,de\ny,g.po,,fr\n", encoding="utf-8")
    first, second = read_manifest(str(tmp_path / "m.csv"))
    assert len(first.paths) == 1 and first.langs == ["en", "de"]
    assert second.langs == [None, "fr"]


def test_one_source_translated_two_ways_in_two_items_is_a_consistency_finding_of_the_later_one(tmp_path):
    (tmp_path / "one.xlf").write_text(
        _xliff([("a", "The museum opens at nine.", "Das Museum öffnet um neun.")]), encoding="utf-8"
    )
    (tmp_path / "two.xlf").write_text(
        _xliff(
            [
                ("x", "Tickets are sold at the door.", "Karten gibt es an der Kasse."),
                ("b", "The museum opens at nine.", "Das Museum macht um neun auf."),
            ]
        ),
        encoding="utf-8",
    )
    (tmp_path / "m.csv").write_text("id,a\nfirst,one.xlf\nsecond,two.xlf\n", encoding="utf-8")
    out = tmp_path / "out"

    def consistency(data: dict) -> dict[str, list[dict]]:
        return {
            i["id"]: [f for f in i.get("findings", []) if f["kind"] == "consistency"] for i in data["items"]
        }

    result = run_batch(str(tmp_path / "m.csv"), str(out))
    assert result.ran == 2
    data = _batch_json(out)
    found = consistency(data)
    assert found["first"] == []
    [finding] = found["second"]
    assert finding["line"] == 11 and finding["file"].endswith("two.xlf")
    assert "translated differently at one.xlf:7" in finding["message"]
    second = next(i for i in data["items"] if i["id"] == "second")
    assert second["counts"]["kind"]["consistency"] == 1
    assert data["summary"]["findings"]["warning"] == 1
    assert "pairs" not in second  # the pairs travel in the state, not in the outputs
    assert "1 warning" in (out / "index.html").read_text(encoding="utf-8")

    resumed = run_batch(str(tmp_path / "m.csv"), str(out))
    assert (resumed.ran, resumed.skipped) == (0, 2)
    assert consistency(_batch_json(out)) == found  # compared again, not doubled

    (tmp_path / "two.xlf").write_text(
        _xliff([("b", "The museum opens at nine.", "Das Museum öffnet um neun.")]), encoding="utf-8"
    )
    fixed = run_batch(str(tmp_path / "m.csv"), str(out))
    assert (fixed.ran, fixed.skipped) == (1, 1)
    assert consistency(_batch_json(out)) == {"first": [], "second": []}


def test_disabling_consistency_leaves_the_items_alone(tmp_path, runner):
    for name, target in (("one", "Das Museum öffnet um neun."), ("two", "Das Museum macht um neun auf.")):
        (tmp_path / f"{name}.xlf").write_text(
            _xliff([("a", "The museum opens at nine.", target)]), encoding="utf-8"
        )
    (tmp_path / "m.csv").write_text("id,a\nfirst,one.xlf\nsecond,two.xlf\n", encoding="utf-8")
    result = runner.invoke(main, ["batch", str(tmp_path / "m.csv"), "-o", str(tmp_path / "on"), "-q"])
    assert result.exit_code == 0, result.output
    assert _batch_json(tmp_path / "on")["summary"]["findings"]["warning"] == 1
    result = runner.invoke(
        main,
        ["batch", str(tmp_path / "m.csv"), "-o", str(tmp_path / "off"), "-q", "--disable", "consistency"],
    )
    assert result.exit_code == 0, result.output
    assert _batch_json(tmp_path / "off")["summary"]["findings"]["warning"] == 0
