"""Hardening, round two: inputs an attacker or an unlucky user would try.

One test (or a parametrised group) per row of issue #16's table, beside
``test_bad_inputs.py`` and with the same contract: the input is handled, or
refused with one line on stderr and exit 2; an unexpected exception exits 3;
nothing outside the requested output is written; nothing hangs.
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import stat
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest
from test_bad_inputs import BAD, DE, PARTNER, assert_one_line_error

from translator.cli import main
from translator.errors import CRASH_EXIT_CODE, InputError, ModelError

ROOT = Path(__file__).resolve().parent.parent
ONE_LINE_FORMATS = ["html", "json", "text"]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    a = tmp_path / "de.txt"
    b = tmp_path / "en.txt"
    a.write_bytes(Path(DE).read_bytes())
    b.write_bytes(Path(PARTNER).read_bytes())
    return str(a), str(b)


# -- row 1: devices, FIFOs and sockets as output ------------------------------------


def test_output_to_dev_null_writes_to_the_device_and_never_replaces_it(runner, pair):
    before = os.stat("/dev/null")
    result = runner.invoke(main, ["compare", *pair, "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_output_to_dev_full_is_a_one_line_disk_full_error_and_the_device_stays(runner, pair):
    result = runner.invoke(main, ["compare", *pair, "-o", "/dev/full"])
    assert_one_line_error(result, "No space left on device")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_output_to_a_fifo_without_reader_is_refused_not_waited_on(runner, pair, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    result = runner.invoke(main, ["compare", *pair, "-o", str(fifo)])
    assert_one_line_error(result, "pipe with no reader")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_to_a_socket_is_refused_and_the_socket_kept(runner, pair, tmp_path):
    import socket

    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = runner.invoke(main, ["check", pair[1], "--no-config", "--lang", "en", "-o", str(path)])
        assert_one_line_error(result, "it is a socket")
        assert stat.S_ISSOCK(os.stat(path).st_mode)


# -- rows 2 and 3: caches hold data, damaged ones are rebuilt ---------------------------


class _Payload:
    def __reduce__(self):
        return (Path.touch, (Path(os.environ["PAYLOAD_MARK"]),))


@pytest.mark.parametrize("damage", ["pickle", "truncated", "text", "empty", "other-schema", "blob-output"])
def test_a_damaged_or_planted_translation_cache_is_rebuilt_and_never_executed(tmp_path, monkeypatch, damage):
    from translator.translate.cache import TranslationCache

    mark = tmp_path / "payload-ran"
    monkeypatch.setenv("PAYLOAD_MARK", str(mark))
    path = tmp_path / "cache" / "translations.sqlite3"
    path.parent.mkdir()
    if damage == "pickle":
        path.write_bytes(pickle.dumps(_Payload()))
    elif damage == "truncated":
        good = TranslationCache(path)
        good.put_many({f"k{i}": "x" * 4000 for i in range(100)})
        good.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.write_bytes(path.read_bytes()[:5000])
    elif damage == "text":
        path.write_text("[1, 2, 3]\n")
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        conn = sqlite3.connect(path)
        if damage == "other-schema":
            conn.execute("CREATE TABLE mt (key TEXT, value TEXT)")
        else:
            conn.execute("CREATE TABLE mt (key TEXT PRIMARY KEY, output TEXT, size INTEGER, used REAL)")
            conn.execute("INSERT INTO mt VALUES ('k', x'00ff', 3, 0)")
        conn.commit()
        conn.close()
    cache = TranslationCache(path)
    assert cache.get_many(["k"]) == {}  # nothing but text comes back
    cache.put_many({"k": "translated"})
    assert cache.get_many(["k"]) == {"k": "translated"}
    assert cache.disabled_reason is None
    cache.close()
    assert not mark.exists()
    # the rebuilt file is a real cache the next run reads
    assert TranslationCache(path).get_many(["k"]) == {"k": "translated"}


def test_cache_folder_is_private_to_its_owner(tmp_path):
    from translator.translate.cache import TranslationCache

    path = tmp_path / "fresh" / "translations.sqlite3"
    cache = TranslationCache(path)
    cache.put_many({"a": "b"})
    cache.close()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# -- rows 4, 10 and 15: files read whole ---------------------------------------------------


def _check_args(pair, tmp_path, which: str, target: str) -> list[str]:
    if which == "baseline":
        return ["check", pair[1], "--no-config", "--lang", "en", "--baseline", target]
    if which == "config":
        return ["check", pair[1], "--lang", "en", "--config", target]
    if which == "manifest":
        return ["check", "--manifest", target, "--no-config"]
    if which == "glossary":
        return ["glossary", "validate", target]
    raise AssertionError(which)


@pytest.mark.parametrize("which", ["baseline", "config", "manifest"])
def test_dev_zero_as_a_whole_file_is_refused_without_reading_it(runner, pair, tmp_path, which):
    result = runner.invoke(main, _check_args(pair, tmp_path, which, "/dev/zero"))
    assert_one_line_error(result, "not a regular file")


def test_dev_zero_named_by_the_configuration_file_is_refused(runner, pair, tmp_path, monkeypatch):
    write(tmp_path / ".translator.toml", 'baseline = "/dev/zero"\nlang = "en"\n')
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["check", pair[1]])
    assert_one_line_error(result, "/dev/zero: not a regular file")


@pytest.mark.parametrize("which", ["baseline", "config", "manifest"])
def test_a_fifo_without_writer_is_refused_not_waited_on(runner, pair, tmp_path, which):
    fifo = tmp_path / f"{which}.jsonl"
    os.mkfifo(fifo)
    result = runner.invoke(main, _check_args(pair, tmp_path, which, str(fifo)))
    assert_one_line_error(result, "not a regular file")


@pytest.mark.parametrize("which", ["baseline", "config", "manifest"])
def test_whole_files_over_the_input_limit_are_refused_before_reading(
    runner, pair, tmp_path, monkeypatch, which
):
    monkeypatch.setenv("TRANSLATOR_MAX_INPUT_MB", "0.01")
    big = tmp_path / ("big.jsonl" if which == "manifest" else "big.toml" if which == "config" else "big.json")
    big.write_text("#" * 20_000 + "\n")
    result = runner.invoke(main, _check_args(pair, tmp_path, which, str(big)))
    assert_one_line_error(result, "larger than the 10,485 bytes input limit")


def test_the_glossary_reader_refuses_devices_and_oversized_files(tmp_path, monkeypatch):
    from translator.lexicon.terms import parse_glossary

    monkeypatch.setenv("TRANSLATOR_MAX_INPUT_MB", "0.01")
    big = write(tmp_path / "de-en.tsv", "source\ttarget\n" + "Haus\thouse\n" * 2000)
    _, problems = parse_glossary(big)
    assert len(problems) == 1 and "input limit" in problems[0]


def test_a_200000_character_glossary_field_is_a_validation_problem(runner, tmp_path):
    path = write(tmp_path / "de-en.tsv", "source\ttarget\n" + "a" * 200_000 + "\tb\nHaus\thouse\n")
    result = runner.invoke(main, ["glossary", "validate", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and ":2:" in result.stdout + result.stderr


def nested(n: int = 100_000) -> str:
    return "[" * n + "]" * n


def test_deeply_nested_baseline_is_a_one_line_error(runner, pair, tmp_path):
    base = write(tmp_path / "b.json", nested())
    result = runner.invoke(main, _check_args(pair, tmp_path, "baseline", str(base)))
    assert_one_line_error(result, "nested too deeply")


def test_deeply_nested_manifest_line_is_a_one_line_error_for_check_and_batch(runner, pair, tmp_path):
    manifest = write(tmp_path / "m.jsonl", nested() + "\n")
    result = runner.invoke(main, ["check", "--manifest", str(manifest), "--no-config"])
    assert_one_line_error(result, "nested too deeply")
    result = runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "out"), "-q"])
    assert_one_line_error(result, "nested too deeply")


def test_deeply_nested_toml_is_a_one_line_error(runner, pair, tmp_path):
    config = write(tmp_path / "c.toml", "lang = " + "[" * 100_000 + "\n")
    result = runner.invoke(main, _check_args(pair, tmp_path, "config", str(config)))
    assert_one_line_error(result, "nested too deeply")


def test_an_unparsable_ignore_pattern_names_the_key(runner, pair, tmp_path):
    config = write(tmp_path / "c.toml", 'ignore = ["a\\\\"]\n')
    result = runner.invoke(main, _check_args(pair, tmp_path, "config", str(config)))
    assert_one_line_error(result, "ignore[0]: invalid pattern")


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e-9", "abc"])
def test_a_bad_input_limit_is_a_clear_error(runner, pair, monkeypatch, value):
    monkeypatch.setenv("TRANSLATOR_MAX_INPUT_MB", value)
    result = runner.invoke(main, ["compare", *pair, "--format", "text"])
    assert_one_line_error(result, f"TRANSLATOR_MAX_INPUT_MB={value!r}")
    assert "0 MB" not in result.stderr


def test_a_small_input_limit_names_sizes_in_bytes_not_zero_megabytes(runner, pair, monkeypatch):
    monkeypatch.setenv("TRANSLATOR_MAX_INPUT_MB", "0.001")
    Path(pair[0]).write_text(Path(DE).read_text(encoding="utf-8") * 20, encoding="utf-8")
    result = runner.invoke(main, ["compare", *pair, "--format", "text"])
    assert_one_line_error(result, "larger than the 1,048 bytes input limit")


def test_a_symlink_loop_as_output_is_a_one_line_error(runner, pair, tmp_path):
    loop = tmp_path / "loop.html"
    loop.symlink_to(loop)
    result = runner.invoke(main, ["compare", *pair, "-o", str(loop)])
    assert_one_line_error(result, "symbolic links")


def test_a_300_character_output_name_is_a_one_line_error(runner, pair, tmp_path):
    result = runner.invoke(main, ["compare", *pair, "-o", str(tmp_path / ("x" * 300 + ".html"))])
    assert_one_line_error(result, "too long")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_250_character_output_name_that_the_file_system_allows_is_written(runner, pair, tmp_path):
    out = tmp_path / ("y" * 245 + ".html")
    result = runner.invoke(main, ["compare", *pair, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()


@pytest.mark.parametrize("fmt", ONE_LINE_FORMATS)
def test_an_input_file_name_with_invalid_utf8_bytes_works_in_every_compare_format(tmp_path, fmt):
    bad = os.fsencode(tmp_path) + b"/caf\xe9-\xff.txt"
    with open(bad, "wb") as handle:
        handle.write(Path(DE).read_bytes())
    out = tmp_path / f"r.{fmt}"
    done = _cli(["compare", os.fsdecode(bad), PARTNER, "--format", fmt, "-o", str(out)], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\ufffd" in out.read_text(encoding="utf-8")  # the name is shown, the bad bytes replaced


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_an_input_file_name_with_invalid_utf8_bytes_works_in_every_check_format(tmp_path, fmt):
    bad = os.fsencode(tmp_path) + b"/\xff-en.txt"
    with open(bad, "wb") as handle:
        handle.write(Path(PARTNER).read_bytes())
    done = _cli(["check", os.fsdecode(bad), "--no-config", "--lang", "en", "--format", fmt], cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr


def _cli(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    """The real command in a subprocess: file names with undecodable bytes
    arrive through argv exactly as a shell passes them."""
    return subprocess.run(
        [sys.executable, "-m", "translator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=300,
        **kwargs,
    )


# -- rows 5, 10 and 13: batch --------------------------------------------------------------


def _manifest(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["id,a,b"] + [",".join(r) for r in rows]
    return write(tmp_path / "m.csv", "\n".join(lines) + "\n")


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder"])
def test_a_batch_item_naming_a_device_fifo_or_folder_fails_and_the_batch_finishes(
    runner, pair, tmp_path, kind
):
    if kind == "dev-zero":
        odd = "/dev/zero"
    elif kind == "fifo":
        odd = str(tmp_path / "pipe.txt")
        os.mkfifo(odd)
    else:
        odd = str(tmp_path / "folder")
        os.mkdir(odd)
    manifest = _manifest(tmp_path, [("bad", odd, pair[1]), ("good", pair[0], pair[1])])
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(manifest), "-o", str(out), "-q"])
    assert result.exit_code == 2 and "1 of 2 items failed" in result.stderr
    items = {i["id"]: i for i in json.loads((out / "batch.json").read_text())["items"]}
    assert items["good"]["status"] == "ok"
    assert items["bad"]["status"] == "error" and "not a regular file" in items["bad"]["error"]


def test_a_nul_byte_in_a_manifest_path_is_a_one_line_error(runner, pair, tmp_path):
    manifest = write(tmp_path / "m.jsonl", json.dumps({"id": "x", "a": "a\u0000b.txt", "b": pair[1]}) + "\n")
    result = runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "out"), "-q"])
    assert_one_line_error(result, "NUL byte")


@pytest.mark.parametrize(
    "state",
    [
        nested(),
        '{"format": 1, "items": {"good": {"id": "good", "status": "ok", "key": "k", "inputs": []},'
        ' "bad": {"id": "bad", "status": "ok", "key": 5, "counts": {"severity": {"error": "many"}}}}}',
        '{"format": 1, "items": {"bad": {"id": "bad", "status": "ok", "key": "k", "inputs": ["x"],'
        ' "counts": {"severity": {"error": "many"}}, "findings": "no"}}}',
        '{"format": 1, "items": [1, 2]}',
    ],
    ids=["nested", "bad-key", "bad-counts", "items-list"],
)
def test_a_damaged_batch_state_never_crashes_and_bad_entries_are_not_saved_again(
    runner, pair, tmp_path, state
):
    manifest = _manifest(tmp_path, [("good", pair[0], pair[1])])
    out = tmp_path / "out"
    out.mkdir()
    write(out / ".batch-state.json", state)
    for _ in range(2):
        result = runner.invoke(main, ["batch", str(manifest), "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
    saved = json.loads((out / ".batch-state.json").read_text())
    assert set(saved["items"]) == {"good"} and saved["items"]["good"]["status"] == "ok"


def test_a_valid_state_entry_still_skips_its_item(runner, pair, tmp_path):
    manifest = _manifest(tmp_path, [("good", pair[0], pair[1])])
    out = tmp_path / "out"
    assert runner.invoke(main, ["batch", str(manifest), "-o", str(out), "-q"]).exit_code == 0
    again = runner.invoke(main, ["batch", str(manifest), "-o", str(out)])
    assert "1 unchanged (skipped)" in again.stderr


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_batch_workers_exit_when_the_parent_is_killed(pair, tmp_path):
    rows = []
    for i in range(12):
        b = tmp_path / f"en{i}.txt"
        b.write_bytes(Path(PARTNER).read_bytes() * (i + 1))
        rows.append((f"i{i}", pair[0], str(b)))
    manifest = _manifest(tmp_path, rows)
    marker = f"TRANSLATOR_TEST_MARK={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    parent = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "translator",
            "batch",
            str(manifest),
            "-o",
            str(tmp_path / "out"),
            "-j",
            "2",
            "-q",
        ],
        env=env,
        cwd=tmp_path,
    )
    deadline = time.monotonic() + 120
    while len(_processes_with(marker)) < 3 and time.monotonic() < deadline:  # parent + server + workers
        time.sleep(0.2)
    assert len(_processes_with(marker)) >= 3
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 60
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.5)
    leftover = _processes_with(marker)
    for pid in leftover:  # never leave them behind, even when the test fails
        os.kill(pid, 9)
    assert leftover == []


# -- row 6: deep HTML nesting --------------------------------------------------------------


def test_a_paragraph_nested_in_300_divs_and_the_one_after_it_are_kept():
    from translator.ingest.load import load_document

    doc = load_document(str(BAD / "deep_divs.html"))
    assert "tief verschachtelt" in doc.text
    assert "nicht verschwinden" in doc.text


def test_nesting_deeper_than_the_parser_can_read_is_refused_loudly(runner, tmp_path):
    page = write(
        tmp_path / "deep.html",
        "<html><body><p>Erster Absatz mit genug Wörtern für einen Satz.</p>"
        + "<div>" * 3000
        + "<p>Tief.</p>"
        + "</div>" * 3000
        + "<p>Letzter Absatz.</p></body></html>",
    )
    result = runner.invoke(main, ["compare", str(page), PARTNER, "--format", "text"])
    assert_one_line_error(result, "nested too deeply")
    assert "deep.html" in result.stderr


# -- rows 7, 8 and 9: model packages --------------------------------------------------------


def _package(tmp_path: Path, *, top: str = "translate-de_en", metadata: object = None, extra=()) -> Path:
    meta = {"package_version": "1.0", "from_code": "de", "to_code": "en", "type": "translate"}
    path = tmp_path / "pkg.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        data = metadata if isinstance(metadata, (bytes, str)) else json.dumps(metadata or meta)
        zf.writestr(f"{top}/metadata.json", data)
        zf.writestr(f"{top}/model/model.bin", b"\0" * 16)
        zf.writestr(f"{top}/model/config.json", "{}")
        zf.writestr(f"{top}/sentencepiece.model", b"\0" * 16)
        for name, payload in extra:
            zf.writestr(f"{top}/{name}", payload)
    return path


@pytest.fixture
def packages_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "argos-packages"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return folder


@pytest.mark.parametrize(
    "metadata,fragment",
    [
        ({"from_code": "de", "to_code": {"x": 1}}, "to_code must be a language code"),
        ({"from_code": "de", "to_code": "../../etc"}, "not a language code"),
        ({"from_code": "de", "to_code": "xx"}, "unknown language code"),
        ({"from_code": "de", "to_code": "en", "package_version": [1]}, "package_version"),
        ({"from_code": "de", "to_code": "en", "from_name": 3}, "from_name must be a string"),
        (nested(), "nested too deeply"),
        ([1, 2], "must hold an object"),
    ],
)
def test_package_metadata_is_validated_before_anything_is_written(
    runner, tmp_path, packages_dir, metadata, fragment
):
    path = _package(tmp_path, metadata=metadata)
    result = runner.invoke(main, ["models", "install", str(path)])
    assert_one_line_error(result, fragment)
    assert list(packages_dir.iterdir()) == []


def test_a_hand_placed_package_with_bad_metadata_does_not_break_list_or_compare(runner, pair, packages_dir):
    folder = packages_dir / "translate-de_en"
    (folder / "model").mkdir(parents=True)
    write(folder / "metadata.json", json.dumps({"from_code": "de", "to_code": {"x": 1}}))
    listed = runner.invoke(main, ["models", "list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)["packages"] == []
    compared = runner.invoke(main, ["compare", *pair, "--format", "text"])
    assert compared.exit_code == 0, compared.output


def test_a_zip_bomb_is_refused_before_extracting(runner, tmp_path, packages_dir):
    path = _package(tmp_path, extra=[("model/huge.bin", b"\0" * (64 * 1024 * 1024))])
    assert path.stat().st_size < 1024 * 1024
    result = runner.invoke(main, ["models", "install", str(path)])
    assert_one_line_error(result, "zip bomb")
    assert list(packages_dir.iterdir()) == []


def test_an_archive_larger_than_the_unpacked_limit_is_refused(tmp_path, packages_dir, monkeypatch):
    from translator.translate import packages

    monkeypatch.setattr(packages, "MAX_UNCOMPRESSED", 1000)
    path = _package(tmp_path, extra=[("model/data.bin", os.urandom(2000))])
    with pytest.raises(ModelError, match="would unpack to"):
        packages.install_from_file(path)
    assert list(packages_dir.iterdir()) == []


def test_too_many_members_are_refused(tmp_path, packages_dir, monkeypatch):
    from translator.translate import packages

    monkeypatch.setattr(packages, "MAX_MEMBERS", 10)
    path = _package(tmp_path, extra=[(f"f{i}.txt", "x") for i in range(20)])
    with pytest.raises(ModelError, match="files in the archive"):
        packages.install_from_file(path)


def test_a_one_gib_metadata_json_is_refused_without_reading_it(runner, tmp_path, packages_dir):
    path = _package(tmp_path, metadata=os.urandom(1024 * 1024).hex())  # 2 MB that does not compress
    result = runner.invoke(main, ["models", "install", str(path)])
    assert_one_line_error(result, "metadata.json is larger than")


def test_a_hidden_top_folder_is_refused(runner, tmp_path, packages_dir):
    path = _package(tmp_path, top=".hidden")
    result = runner.invoke(main, ["models", "install", str(path)])
    assert_one_line_error(result, "hidden")
    assert list(packages_dir.iterdir()) == []


# -- row 11: duplicates --------------------------------------------------------------------


def test_one_sentence_repeated_ten_thousand_times_is_grouped_not_compared_pairwise():
    from translator.checks.duplicates import repeats

    sentence = "The committee approved the new budget for the coming year after a long debate."
    texts = [sentence] * 10_000 + ["A different sentence that has nothing in common with it at all."]
    started = time.process_time()
    found = repeats(texts)
    assert time.process_time() - started < 5  # was minutes: 50 million pairs in Python
    assert len(found) == 9_999 and all(found[i] == (0, 100.0) for i in range(1, 10_000))


def test_grouping_keeps_fuzzy_repeats_of_distinct_sentences():
    from translator.checks.duplicates import repeats

    a = "The committee approved the new budget for the coming year after a long debate."
    b = "The committee approved the new budget for the coming year after a long debate!"
    found = repeats([a, b, a, b, "Something else entirely, with six words or more."])
    assert found[1][0] == 0 and found[1][1] >= 90
    assert found[2] == (0, 100.0) and found[3][0] == 0


# -- row 12: 100,000 one-character paragraphs ----------------------------------------------


def _one_character_lines(n: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    return [rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n)]


def test_aligning_thousands_of_one_character_paragraphs_stays_within_bounded_memory():
    # 100,000 of them made compare take 2-3 GB: the aligner's band-sized
    # temporaries (link costs, chance coverage, sentence terms, predecessor
    # indices) all lived at once. They are computed in slices now; what is
    # left grows with the band at a few dozen bytes per node. At 6,000 lines
    # a side the old code's Python/numpy peak was 155 MB, then 91 MB; the
    # first pass no longer gathers 1-1 evidence that the second replaces and
    # no pass keeps the band's row and column arrays whole: 83 MB.
    import tracemalloc

    from translator.align import align_texts

    a, b = _one_character_lines(6_000, 1), _one_character_lines(6_000, 2)
    tracemalloc.start()
    try:
        links, _ = align_texts(a, b, src_lang="cy", tgt_lang="ca")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100e6, f"{peak / 1e6:.0f} MB"
    assert sorted(i for link in links for i in link.src) == list(range(6_000))
    assert sorted(j for link in links for j in link.tgt) == list(range(6_000))


def test_slicing_the_band_gives_the_same_links_and_scores_as_one_slice(monkeypatch):
    # the slices are a memory bound, not a different computation: with
    # slices of 997 nodes (hundreds of them, boundaries everywhere) every
    # link and every score is bit-identical to one slice for the whole band
    from alignkit import make_pair

    from translator.align import align_texts, bag, dp, engine

    src, tgt, _ = make_pair(800, seed=3)
    edited = [s.replace(" a", " e", 1) if k % 7 == 0 else s for k, s in enumerate(src) if k % 11]
    pairs = [
        (src, tgt, "de", "fr"),
        (src, edited, "en", "en"),
        (_one_character_lines(900, 3), _one_character_lines(850, 4), "cy", "ca"),
    ]
    for src, tgt, src_lang, tgt_lang in pairs:
        whole = []
        for size in (1 << 40, 997):
            monkeypatch.setattr(engine, "_SLICE", size)
            monkeypatch.setattr(bag, "_PAIR_SLICE", size)
            monkeypatch.setattr(dp, "_CHUNK", size)
            links, method = align_texts(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)
            whole.append(([(x.src, x.tgt, x.score) for x in links], method))
        assert whole[0] == whole[1]


# -- row 14: symlinks ----------------------------------------------------------------------


def test_the_default_report_name_never_follows_a_symlink(runner, pair, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    victim = write(tmp_path / "victim.txt", "keep me\n")
    (tmp_path / "de-vs-en.html").symlink_to(victim)
    result = runner.invoke(main, ["compare", *pair])
    assert_one_line_error(result, "symbolic link")
    assert victim.read_text() == "keep me\n"


def test_an_explicit_output_symlink_is_written_through_like_an_editor(runner, pair, tmp_path):
    target = write(tmp_path / "real.html", "old\n")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    result = runner.invoke(main, ["compare", *pair, "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and target.read_text().startswith("<!DOCTYPE html>")


def test_batch_reports_never_follow_a_planted_symlink(runner, pair, tmp_path):
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    victim = write(tmp_path / "victim.txt", "keep me\n")
    (out / "reports" / "x.html").symlink_to(victim)
    manifest = _manifest(tmp_path, [("x", pair[0], pair[1])])
    runner.invoke(main, ["batch", str(manifest), "-o", str(out), "-q"])
    assert victim.read_text() == "keep me\n"


# -- row 16: codes, options, switches -----------------------------------------------------


@pytest.mark.parametrize(
    "args,fragment",
    [
        (["compare", "{a}", "{b}", "--lang-a", "xx"], "unknown language code 'xx'"),
        (["compare", "{a}", "{b}", "--lang", "2=../../etc"], "expected N=CODE"),
        (["check", "{b}", "--no-config", "--lang", "../../etc"], "not a language code"),
        (["check", "{b}", "--no-config", "--source-lang", "xx"], "unknown language code"),
        (["batch", "{m}", "--lang-a", "xx", "-q"], "unknown language code"),
        (["translate", "{b}", "--to", "../x"], "not a language code"),
        (["align", "{a}", "{b}", "--lang-b", "qq"], "unknown language code"),
    ],
)
def test_language_codes_are_validated_in_every_command(runner, pair, tmp_path, args, fragment):
    manifest = _manifest(tmp_path, [("x", pair[0], pair[1])])
    argv = [a.format(a=pair[0], b=pair[1], m=manifest) for a in args]
    assert_one_line_error(runner.invoke(main, argv), fragment)


def test_a_language_code_in_a_batch_manifest_fails_only_that_item(runner, pair, tmp_path):
    manifest = write(
        tmp_path / "m.csv", f"id,a,b,lang_a\nbad,{pair[0]},{pair[1]},xx\ngood,{pair[1]},{pair[0]},\n"
    )
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(manifest), "-o", str(out), "-q"])
    items = {i["id"]: i for i in json.loads((out / "batch.json").read_text())["items"]}
    assert result.exit_code == 2
    assert items["good"]["status"] == "ok" and "unknown language code" in items["bad"]["error"]


@pytest.mark.parametrize(
    "option,fragment",
    [
        ("residue.min_words=-1", "must not be negative"),
        ("residue.min_words=nan", "finite"),
        ("residue.min_words=1e999", "finite"),
        ("residue.min_words=2.5", "whole number"),
        ("residue.prior=1.5", "probability"),
        ("duplicates.threshold=101", "percentage"),
    ],
)
def test_check_thresholds_are_validated_by_type_and_range(runner, pair, option, fragment):
    result = runner.invoke(main, ["check", pair[1], "--no-config", "--lang", "en", "--option", option])
    assert_one_line_error(result, fragment)


def test_thresholds_in_the_configuration_file_are_validated_the_same_way(runner, pair, tmp_path):
    config = write(tmp_path / "c.toml", "[checks.residue]\nmin_words = nan\n")
    result = runner.invoke(main, _check_args(pair, tmp_path, "config", str(config)))
    assert_one_line_error(result, "finite")


@pytest.mark.parametrize("command", ["compare", "check", "batch"])
def test_disable_all_means_every_check_in_every_command(runner, pair, tmp_path, command):
    if command == "compare":
        result = runner.invoke(main, ["compare", *pair, "--disable", "all", "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["findings"] == []
    elif command == "check":
        result = runner.invoke(
            main, ["check", pair[1], "--source", pair[0], "--no-config", "--disable", "all"]
        )
        assert result.exit_code == 0, result.output
    else:
        manifest = _manifest(tmp_path, [("x", pair[0], pair[1])])
        result = runner.invoke(
            main, ["batch", str(manifest), "-o", str(tmp_path / "o"), "--disable", "all", "-q"]
        )
        assert result.exit_code == 0, result.output
        item = json.loads((tmp_path / "o" / "batch.json").read_text())["items"][0]
        assert item["findings"] == []


# -- crashes: exit 3, one line, where to report ------------------------------------------


def _crash(*args, **kwargs):
    raise ZeroDivisionError("simulated bug")


@pytest.mark.parametrize(
    "argv,target",
    [
        (["check", "{b}", "--no-config", "--lang", "en"], "translator.gate.checkrun.check_target"),
        (["compare", "{a}", "{b}", "--format", "text"], "translator.pipeline.compare_documents"),
        (["detect", "{a}"], "translator.ingest.detect.detect_document"),
        (
            ["baseline", "create", "{b}", "--no-config", "-o", "{tmp}/b.json"],
            "translator.gate.checkrun.check_target",
        ),
        (["models", "list"], "translator.translate.packages.installed_packages"),
        (["glossary", "validate", "{b}"], "translator.lexicon.terms.parse_glossary"),
    ],
)
def test_an_unexpected_exception_exits_3_with_one_line_saying_where_to_report_it(
    runner, pair, tmp_path, monkeypatch, argv, target
):
    monkeypatch.delenv("TRANSLATOR_DEBUG", raising=False)
    monkeypatch.setattr(target, _crash)
    args = [a.format(a=pair[0], b=pair[1], tmp=tmp_path) for a in argv]
    result = runner.invoke(main, args)
    assert result.exit_code == CRASH_EXIT_CODE == 3, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "internal error" in lines[0] and "ZeroDivisionError: simulated bug" in lines[0]
    assert "report it" in lines[0]


def test_a_crash_in_check_is_not_mistaken_for_findings(runner, pair, monkeypatch):
    monkeypatch.setattr("translator.gate.checkrun.check_target", _crash)
    assert runner.invoke(main, ["check", pair[1], "--no-config", "--lang", "en"]).exit_code not in (0, 1)


def test_translator_debug_shows_the_traceback(runner, pair, monkeypatch):
    monkeypatch.setenv("TRANSLATOR_DEBUG", "1")
    monkeypatch.setattr("translator.gate.checkrun.check_target", _crash)
    result = runner.invoke(main, ["check", pair[1], "--no-config", "--lang", "en"])
    assert isinstance(result.exception, ZeroDivisionError)


def test_input_errors_still_exit_2_not_3(runner, tmp_path):
    result = runner.invoke(main, ["compare", str(tmp_path / "missing.txt"), PARTNER])
    assert result.exit_code == 2


def test_read_whole_refuses_what_is_not_a_regular_file(tmp_path):
    from translator.ingest.smallfiles import read_whole

    os.mkfifo(tmp_path / "f")
    for path, fragment in [
        (tmp_path / "f", "not a regular file"),
        (tmp_path, "is a directory"),
        (tmp_path / "missing", "not found"),
        ("a\0b", "NUL byte"),
    ]:
        with pytest.raises(InputError, match=fragment):
            read_whole(path, "thing")


@pytest.mark.parametrize(
    "name,text,fragment",
    [
        ("m.csv", "\r0", "the manifest lists no files"),
        ("m.jsonl", '{"a\\nb": 1}', "unknown column 'a\\nb'"),
    ],
)
def test_check_manifest_oddities_found_by_fuzzing_are_one_line_errors(runner, tmp_path, name, text, fragment):
    manifest = write(tmp_path / name, text)
    assert_one_line_error(
        runner.invoke(main, ["check", "--manifest", str(manifest), "--no-config"]), fragment
    )
