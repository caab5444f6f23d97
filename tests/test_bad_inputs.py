"""Bad input: every odd file a CMS can export is handled or refused cleanly.

The contract for each case in ``tests/bad_inputs/`` (and the large inputs
generated here in tmp_path, never committed): either the input is handled
correctly, or ``translator`` prints one line on stderr saying what is wrong
and what to do, exits with code 2, shows no traceback, modifies no input and
leaves no partial output behind.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
from pathlib import Path

import pytest

from translator.align import align_texts
from translator.cli import main
from translator.errors import InputError
from translator.ingest.load import load_document
from translator.ingest.segment import MAX_SENTENCE_CHARS, split_sentences
from translator.pipeline import compare_paths

BAD = Path(__file__).resolve().parent / "bad_inputs"
PARTNER = str(BAD / "partner_en.txt")
DE = str(BAD / "de_utf8.txt")
DE_TEXT = (BAD / "de_utf8.txt").read_text(encoding="utf-8")


def _digest_corpus() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(BAD.iterdir())}


@pytest.fixture(autouse=True)
def corpus_is_never_modified():
    """No case may change a file the user gave (here: the whole corpus)."""
    before = _digest_corpus()
    yield
    assert _digest_corpus() == before


def assert_one_line_error(result, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("translator: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.output and "Traceback" not in result.stderr


def no_leftovers(folder: Path) -> list[str]:
    """Temporary files an interrupted atomic write would have left."""
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def compare_json(runner, a: str, b: str, *extra: str) -> dict:
    result = runner.invoke(main, ["compare", a, b, "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


# -- files that must be refused ----------------------------------------------------


@pytest.mark.parametrize(
    "name,fragment",
    [
        ("binary.bin", "looks like a binary file"),
        ("empty.txt", "is empty"),
        ("whitespace.txt", "is empty"),
    ],
)
def test_unusable_files_are_refused_with_one_line_and_exit_2(runner, tmp_path, name, fragment):
    out = tmp_path / "r.html"
    result = runner.invoke(main, ["compare", str(BAD / name), PARTNER, "-o", str(out)])
    assert_one_line_error(result, fragment)
    assert not out.exists() and not no_leftovers(tmp_path)


def test_a_directory_given_as_a_version_is_refused(runner, tmp_path):
    result = runner.invoke(main, ["compare", str(tmp_path), PARTNER, "--format", "json"])
    assert_one_line_error(result, "is a directory")


def test_a_missing_file_says_to_check_the_path(runner, tmp_path):
    result = runner.invoke(main, ["compare", str(tmp_path / "nope.txt"), PARTNER, "--format", "json"])
    assert_one_line_error(result, "no such file; check the path")


def test_unreadable_file_is_refused_with_one_line(runner, tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Some text here.", encoding="utf-8")
    real = Path.read_bytes

    def deny(self):  # root ignores chmod 000, so simulate the refusal
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    result = runner.invoke(main, ["compare", str(path), PARTNER, "--format", "json"])
    assert_one_line_error(result, "permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_really_chmod_000(runner, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Some text here.", encoding="utf-8")
    path.chmod(0)
    try:
        result = runner.invoke(main, ["compare", str(path), PARTNER, "--format", "json"])
    finally:
        path.chmod(0o644)
    assert_one_line_error(result, "permission denied")


# -- encodings and line endings that must be read correctly -------------------------


@pytest.mark.parametrize(
    "name,encoding",
    [
        ("utf16_bom.txt", "utf-16"),
        ("utf16le_nobom.txt", "utf-16-le"),
        ("utf16be_nobom.txt", "utf-16-be"),
        ("latin1.txt", None),
        ("cr.txt", "utf-8"),
        ("crlf.txt", "utf-8"),
    ],
)
def test_encodings_and_line_endings_give_the_same_document_as_utf8_lf(name, encoding):
    doc = load_document(str(BAD / name))
    reference = load_document(DE)
    if encoding:
        assert doc.encoding == encoding
    assert doc.text == reference.text
    assert [(p.start, p.end, p.line) for p in doc.paragraphs] == [
        (p.start, p.end, p.line) for p in reference.paragraphs
    ]


@pytest.mark.parametrize("name", ["cr.txt", "crlf.txt", "latin1.txt", "utf16_bom.txt"])
def test_odd_encodings_compare_exactly_like_the_utf8_file(runner, name):
    odd = compare_json(runner, str(BAD / name), PARTNER)
    reference = compare_json(runner, DE, PARTNER)
    assert [s["text"] for s in odd["documents"][0]["segments"]] == [
        s["text"] for s in reference["documents"][0]["segments"]
    ]
    assert [(f["kind"], f["fingerprint"]) for f in odd["findings"]] == [
        (f["kind"], f["fingerprint"]) for f in reference["findings"]
    ]


def test_invalid_utf8_bytes_become_replacement_characters_not_mojibake():
    doc = load_document(str(BAD / "invalid_utf8.txt"))
    assert doc.encoding == "utf-8"
    assert "\ufffd" in doc.text
    assert "höchsten" in doc.text and "Straße" in doc.text  # the valid UTF-8 around it is intact
    assert doc.text.replace("\ufffd", "") == DE_TEXT


def test_invalid_utf8_file_compares(runner):
    data = compare_json(runner, str(BAD / "invalid_utf8.txt"), PARTNER)
    assert data["documents"][0]["lang"] == "de"


# -- markup ---------------------------------------------------------------------


def test_html_scripts_and_iframes_are_dropped_and_entities_decoded():
    doc = load_document(str(BAD / "scripts_iframes_entities.html"))
    assert doc.format == "html"
    for leaked in ("INJECTED-SCRIPT", "SCRIPT-IN-ARTICLE", "IFRAME-FALLBACK", "IFRAME-SRCDOC", "var leak"):
        assert leaked not in doc.text
    assert "&amp;" not in doc.text and "&ndash;" not in doc.text and "&nbsp;" not in doc.text
    assert "Monday & the river" in doc.text
    assert "residents flee" in doc.text and "–" in doc.text
    assert "<script>alert(1)</script>" in doc.text  # an escaped tag in the article is article text


def test_html_entities_that_spell_markup_are_escaped_again_in_every_report(runner, tmp_path):
    html_in = str(BAD / "scripts_iframes_entities.html")
    out = tmp_path / "r.html"
    result = runner.invoke(main, ["compare", html_in, PARTNER, "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = out.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    data = compare_json(runner, html_in, PARTNER)
    assert "<script>alert(1)</script>" in data["documents"][0]["text"]  # JSON keeps the text as-is


def test_markdown_front_matter_is_not_article_text():
    doc = load_document(str(BAD / "front_matter.md"))
    assert doc.format == "markdown"
    assert "FRONTMATTER-AUTHOR" not in doc.text and "tags:" not in doc.text
    assert doc.paragraphs[0].kind == "heading"
    assert doc.paragraphs[0].line == 7  # lines still count the front matter


# -- language -----------------------------------------------------------------------


def test_text_in_no_known_language_is_compared_without_crashing(runner):
    data = compare_json(runner, str(BAD / "no_language.txt"), PARTNER)
    assert data["mode"] in ("model-free", "same-language")
    assert len(data["documents"][0]["segments"]) >= 2
    detected = runner.invoke(main, ["detect", str(BAD / "no_language.txt"), "--format", "json"])
    assert detected.exit_code == 0, detected.output


def test_symbols_only_text_has_no_language_and_still_compares():
    comparison = compare_paths([str(BAD / "no_language.txt"), PARTNER])
    assert comparison.documents[1].lang == "en"
    assert all(link.src or link.tgt for link in comparison.alignments[0].links)


def test_language_pair_without_installed_model_falls_back_to_model_free_and_says_so(tmp_path, monkeypatch):
    empty = tmp_path / "argos-packages"
    empty.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(empty))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    comparison = compare_paths([DE, PARTNER])
    assert comparison.mode == "model-free"
    assert not comparison.packages
    assert any("model" in note.lower() for note in comparison.notes)
    assert all(seg.translation is None for doc in comparison.documents for seg in doc.segments)


@pytest.mark.parametrize("name", ["missing.argosmodel", "corrupt.argosmodel"])
def test_missing_or_corrupt_argos_model_is_refused_by_models_install(runner, tmp_path, monkeypatch, name):
    packages = tmp_path / "argos-packages"
    packages.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = BAD / name if (BAD / name).exists() else tmp_path / name
    result = runner.invoke(main, ["models", "install", str(path)])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert list(packages.iterdir()) == []  # nothing half-installed


# -- size ---------------------------------------------------------------------------


def test_fifty_megabyte_file_is_refused_by_the_size_limit_with_advice(runner, tmp_path):
    big = tmp_path / "huge.txt"
    line = "The river rose to seven metres and the town was evacuated overnight.\n"
    with big.open("w", encoding="utf-8") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    out = tmp_path / "r.html"
    result = runner.invoke(main, ["compare", str(big), PARTNER, "-o", str(out)])
    assert_one_line_error(result, "larger than the 8 MB input limit")
    assert "TRANSLATOR_MAX_INPUT_MB" in result.stderr
    assert not out.exists() and not no_leftovers(tmp_path)


def test_oversized_stdin_is_refused_without_reading_it_all(runner):
    result = runner.invoke(
        main, ["compare", "-", PARTNER, "--format", "json"], input=b"word " * (9 * 1024 * 1024 // 5)
    )
    assert_one_line_error(result, "<stdin>")


def test_the_size_limit_can_be_raised_and_must_be_a_number(monkeypatch, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("A sentence. " * 200_000, encoding="utf-8")  # 2.4 MB
    monkeypatch.setenv("TRANSLATOR_MAX_INPUT_MB", "1")
    with pytest.raises(InputError, match="larger than the 1 MB"):
        load_document(str(path))
    monkeypatch.setenv("TRANSLATOR_MAX_INPUT_MB", "lots")
    with pytest.raises(InputError, match="not a number"):
        load_document(str(path))
    monkeypatch.setenv("TRANSLATOR_MAX_INPUT_MB", "3")
    assert load_document(str(path)).text.startswith("A sentence.")


def _one_megabyte_line(tmp_path: Path, size_limit: int = 1024 * 1024) -> Path:
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor".split()
    parts, size, i = [], 0, 0
    while size < size_limit:
        word = words[(i * 7 + i // 3) % len(words)]
        parts.append(word)
        size += len(word) + 1
        i += 1
    path = tmp_path / "one-line.txt"
    path.write_text(" ".join(parts) + "\n", encoding="utf-8")
    return path


def test_one_megabyte_line_without_punctuation_is_cut_into_bounded_sentences(tmp_path):
    path = _one_megabyte_line(tmp_path)
    doc = load_document(str(path))
    spans = split_sentences(doc.text, "en")
    assert len(spans) >= len(doc.text) // MAX_SENTENCE_CHARS
    assert all(0 < end - start <= MAX_SENTENCE_CHARS for start, end in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    # nothing lost: the pieces are the whole line, cut only at spaces
    assert " ".join(doc.text[s:e] for s, e in spans) == doc.text.strip()
    partner = load_document(PARTNER)
    tgt = [partner.text[s:e] for s, e in split_sentences(partner.text, "en")]
    links, _ = align_texts([doc.text[s:e] for s, e in spans], tgt, src_lang="en", tgt_lang="en")
    assert sorted(i for link in links for i in link.src) == list(range(len(spans)))
    assert sorted(j for link in links for j in link.tgt) == list(range(len(tgt)))


@pytest.mark.slow
def test_a_long_line_without_punctuation_compares_end_to_end(runner, tmp_path):
    # a quarter of the 1 MB line goes through the same windows and cuts; the
    # whole megabyte costs ~20 s of language detection per sentence, which
    # is measured in benchmarks/scale.py rather than paid in every test run
    path = _one_megabyte_line(tmp_path, 256 * 1024)
    data = compare_json(runner, str(path), PARTNER, "--lang-a", "en", "--lang-b", "en")
    segments = data["documents"][0]["segments"]
    assert all(len(s["text"]) <= MAX_SENTENCE_CHARS for s in segments)
    covered = sorted(i for link in data["alignments"][0]["links"] for i in link["src"])
    assert covered == list(range(len(segments)))


# -- output paths and writing ---------------------------------------------------------


def test_output_in_a_missing_directory_is_refused_and_nothing_is_created(runner, tmp_path):
    out = tmp_path / "nodir" / "r.html"
    result = runner.invoke(main, ["compare", DE, PARTNER, "-o", str(out)])
    assert_one_line_error(result, "does not exist")
    assert not (tmp_path / "nodir").exists()


@pytest.mark.parametrize("which", [0, 1])
def test_output_equal_to_an_input_is_refused_and_the_input_kept(runner, which):
    inputs = [DE, PARTNER]
    result = runner.invoke(main, ["compare", *inputs, "-o", inputs[which]])
    assert_one_line_error(result, "overwrite an input")


def test_full_disk_leaves_neither_partial_output_nor_temporary_file(runner, tmp_path, monkeypatch):
    out = tmp_path / "r.json"
    out.write_text("previous report\n", encoding="utf-8")
    real_write = os.write

    def nearly_full(fd, data):  # the first chunk fits, then the disk is full
        if fd > 2:
            if not getattr(nearly_full, "wrote", False):
                nearly_full.wrote = True
                return real_write(fd, bytes(data[:100]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", nearly_full)
    result = runner.invoke(main, ["compare", DE, PARTNER, "--format", "json", "-o", str(out)])
    monkeypatch.undo()
    assert_one_line_error(result, "disk is full")
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert not no_leftovers(tmp_path)


@pytest.mark.parametrize("sig,code", [(None, 130), (signal.SIGTERM, 143)])
def test_interrupt_while_writing_keeps_the_old_file_and_removes_the_temporary(
    runner, tmp_path, monkeypatch, sig, code
):
    out = tmp_path / "r.json"
    out.write_text("previous report\n", encoding="utf-8")
    real_write = os.write

    def interrupted(fd, data):
        if fd > 2:
            real_write(fd, bytes(data[:50]))
            if sig is None:
                raise KeyboardInterrupt  # Ctrl-C
            os.kill(os.getpid(), sig)  # the CLI turns SIGTERM into an interrupt
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", interrupted)
    result = runner.invoke(main, ["compare", DE, PARTNER, "--format", "json", "-o", str(out)])
    monkeypatch.undo()
    assert result.exit_code == code, result.output
    assert "no partial output" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert not no_leftovers(tmp_path)


def test_atomic_write_flushes_the_file_to_disk_before_renaming_and_then_the_folder(tmp_path, monkeypatch):
    """README and docs/fuzzing.md promise output that survives a power cut:
    the data is fsynced before the rename publishes it, the folder after."""
    from translator import atomic

    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", str(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    target = tmp_path / "report.html"
    atomic.write_atomic(target, "<p>done</p>")
    assert target.read_text(encoding="utf-8") == "<p>done</p>"
    kinds = [kind for kind, _ in events]
    assert kinds == ["fsync", "replace", "fsync"], events
    assert events[0][1].startswith(str(tmp_path / ".report.html."))  # the temporary file's data
    assert events[2][1] == str(tmp_path)  # then the folder's entry
