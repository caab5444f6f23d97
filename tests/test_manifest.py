"""One manifest reader for ``check --manifest`` and ``batch``
(translator.ingest.manifest): the two commands agree on suffixes, comments,
decoding, paths and messages, and differ only in their columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translator.batch.items import read_manifest as batch_manifest
from translator.cli import main
from translator.errors import InputError
from translator.gate.checkrun import read_manifest as check_manifest

CHECK_ROW = {"translation": "en.md", "source": "de.md"}
BATCH_ROW = {"id": "one", "a": "de.md", "b": "en.md"}


def _csv(row: dict[str, str], delimiter: str = ",") -> str:
    return delimiter.join(row) + "\n" + delimiter.join(row.values()) + "\n"


def _message(read, path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read(str(path))
    return str(caught.value)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".ndjson", ".json"])
def test_both_commands_read_every_manifest_suffix(tmp_path, suffix):
    for read, row, name in ((check_manifest, CHECK_ROW, "check"), (batch_manifest, BATCH_ROW, "batch")):
        path = tmp_path / f"{name}{suffix}"
        if suffix in (".csv", ".tsv"):
            path.write_text(_csv(row, "\t" if suffix == ".tsv" else ","), encoding="utf-8")
        else:
            path.write_text(json.dumps(row) + "\n", encoding="utf-8")
        assert len(read(str(path))) == 1


def test_an_unknown_suffix_is_refused_with_the_same_message_by_both(tmp_path):
    path = tmp_path / "pairs.txt"
    path.write_text(_csv(CHECK_ROW), encoding="utf-8")
    first = _message(check_manifest, path)
    assert first == _message(batch_manifest, path)
    assert "a manifest is a .csv or .jsonl file" in first and "'.txt'" in first


def test_comment_lines_are_skipped_by_both_and_still_count_for_line_numbers(tmp_path):
    check_csv = tmp_path / "c.csv"
    check_csv.write_text(
        "# pairs to check\ntranslation,source\n# the news piece\nen.md,de.md\n", encoding="utf-8"
    )
    # a listed path is resolved against the manifest's folder, wherever
    # pytest runs from (shown relative when below the working directory)
    assert [Path(t.translation).resolve() for t in check_manifest(str(check_csv))] == [tmp_path / "en.md"]
    batch_jsonl = tmp_path / "b.jsonl"
    batch_jsonl.write_text("# items\n" + json.dumps(BATCH_ROW) + "\n", encoding="utf-8")
    (item,) = batch_manifest(str(batch_jsonl))
    assert item.line == 2
    check_csv.write_text("translation,source\n# a note\nen.md,de.md,extra\n", encoding="utf-8")
    assert ":3: 3 fields but the header has 2" in _message(check_manifest, check_csv)


def test_a_bad_json_line_gets_the_same_message_from_both(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text('{"translation": "en.md", "a": "x", "b": "y"}\n{oops\n', encoding="utf-8")
    message = _message(check_manifest, path)
    assert message == _message(batch_manifest, path)
    assert message.startswith(f"{path}:2: not valid JSON (")


def test_a_manifest_that_is_not_utf8_gets_the_same_message_from_both(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes("translation\nÜbersetzung.md\n".encode("latin-1"))
    message = _message(check_manifest, path)
    assert message == _message(batch_manifest, path)
    assert "the manifest is not UTF-8" in message


def test_a_bom_and_header_case_are_accepted_by_both(tmp_path):
    check_csv = tmp_path / "c.csv"
    check_csv.write_text("\ufeffTranslation , Source\nen.md,de.md\n", encoding="utf-8")
    assert Path(check_manifest(str(check_csv))[0].source).resolve() == tmp_path / "de.md"
    batch_csv = tmp_path / "b.csv"
    batch_csv.write_text("\ufeffID,A,B\nx,de.md,en.md\n", encoding="utf-8")
    assert batch_manifest(str(batch_csv))[0].id == "x"


def test_listed_paths_are_resolved_the_same_way_by_both(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "c.csv").write_text(
        "translation,source\n../texts/en.md,../texts/./de.md\n", encoding="utf-8"
    )
    (tmp_path / "lists" / "b.csv").write_text("a,b\n../texts/./de.md,../texts/en.md\n", encoding="utf-8")
    target = check_manifest("lists/c.csv")[0]
    item = batch_manifest("lists/b.csv")[0]
    assert (target.source, target.translation) == tuple(item.paths) == ("texts/de.md", "texts/en.md")


@pytest.mark.parametrize("value, fragment", [("-", "stdin ('-') cannot be listed in a manifest")])
def test_stdin_cannot_be_listed_in_either_manifest(tmp_path, value, fragment):
    check_csv = tmp_path / "c.csv"
    check_csv.write_text(f"translation\n{value}\n", encoding="utf-8")
    batch_csv = tmp_path / "b.csv"
    batch_csv.write_text(f"a,b\nx.md,{value}\n", encoding="utf-8")
    assert _message(check_manifest, check_csv) == f"{check_csv}:2: {fragment}"
    assert _message(batch_manifest, batch_csv) == f"{batch_csv}:2: {fragment}"


def test_batch_refuses_a_misspelt_column_as_check_does(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("id,a,b,lang-b\nx,de.md,en.md,en\n", encoding="utf-8")
    message = _message(batch_manifest, path)
    # the column is named on the header line, where it is misspelt
    assert message.startswith(f"{path}:1: unknown column lang-b (known: id, a, b, lang_a, lang_b)")


def test_check_reads_its_manifest_from_stdin_like_batch(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "en.md").write_text("The minister said on Monday that the plan works.\n", encoding="utf-8")
    result = runner.invoke(
        main,
        ["check", "--manifest", "-", "--no-config", "--lang", "en", "--format", "json"],
        input="translation\nen.md\n",
    )
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["counts"]["files"] == 1
