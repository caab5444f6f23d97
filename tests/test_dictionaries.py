"""FreeDict dictionaries: where the aligner looks, `translator dictionaries`, `translator doctor`.

Installing is tested against a FreeDict release database served on
127.0.0.1 (the real database's schema: a JSON list of dictionaries with
``releases`` of ``platform``, ``version``, ``URL``, ``checksum`` (SHA-512),
``size``, ``date``; a trailing ``software`` item without a name).
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from dictdkit import DEU_ENG, dictd_release, write_dictd
from netkit import closed_port

from translator.align import align_texts, dictd
from translator.align.signals.dictionary import load_lexicon
from translator.cli import main

ENG_DEU = [
    ("level", "level <n>\nPegel\n"),
    ("helper", "helper <n>\nHelfer\n"),
    ("metre", "metre <n>\nMeter\n"),
]

OMISSION_DE = [
    "Der Pegel erreichte 7,35 Meter.",
    "Rund 2.400 Helfer von Feuerwehr und THW sind im Einsatz.",
    "Auch in Tschechien steigen die Pegel.",
    "Kretschmer kündigte 50 Millionen Euro an.",
]
OMISSION_EN = [
    "The level reached 7.35 metres.",
    "Around 2,400 helpers from the fire brigade and THW are deployed.",
    "Kretschmer announced 50 million euros.",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class FreeDictSite:
    """A local FreeDict: release archives and the database listing them."""

    def __init__(self, root: Path, url: str) -> None:
        self.root, self.url = root, url
        self.entries: list[dict] = []

    def publish(
        self, name: str, archive: bytes, *, checksum: str | None = None, version: str = "1.0"
    ) -> None:
        file = f"freedict-{name}-{version}.dictd.tar.xz"
        (self.root / file).write_bytes(archive)
        self.entries.append(
            {
                "name": name,
                "edition": version,
                "headwords": "11",
                "date": "2024-10-10",
                "maintainerName": "FreeDict test",
                "releases": [
                    {
                        "platform": "src",
                        "version": version,
                        "URL": self.url + "missing.src.tar.xz",
                        "checksum": "0" * 128,
                        "size": "1",
                        "date": "2024-10-10",
                    },
                    {
                        "platform": "dictd",
                        "version": version,
                        "URL": self.url + file,
                        "checksum": checksum or hashlib.sha512(archive).hexdigest(),
                        "size": str(len(archive)),
                        "date": "2024-10-10",
                    },
                ],
            }
        )
        software = [{"software": [{"tools": {"version": "0.6", "URL": self.url, "checksum": "x"}}]}]
        (self.root / "freedict-database.json").write_text(
            json.dumps(self.entries + software), encoding="utf-8"
        )


@pytest.fixture
def freedict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FreeDictSite]:
    root = tmp_path / "freedict-site"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a, **k: _Quiet(*a, directory=str(root), **k)
    )
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    site = FreeDictSite(root, url)
    monkeypatch.setenv("TRANSLATOR_FREEDICT_DATABASE", url + "freedict-database.json")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def _user_files() -> list[str]:
    folder = dictd.user_dir()
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


# ---------------------------------------------------------------- isolation and search


def test_a_dictionary_in_the_system_folder_is_not_seen_by_tests(tmp_path, monkeypatch):
    system = tmp_path / "usr-share-dictd"
    write_dictd(system, "deu-eng", DEU_ENG)
    monkeypatch.setattr(dictd, "DEFAULT_DIR", str(system))
    load_lexicon.cache_clear()
    # the isolation fixture replaces the system folder with an empty one ...
    assert dictd.dictionary_path("deu", "eng") is None
    assert load_lexicon("de", "en", None) == {}
    links, method = align_texts(OMISSION_DE, OMISSION_EN, src_lang="de", tgt_lang="en")
    assert "dictionary" not in method
    # ... and without it the planted dictionary is found and used
    monkeypatch.delenv("TRANSLATOR_DICTD_DIR")
    load_lexicon.cache_clear()
    assert dictd.dictionary_path("deu", "eng") == system / "freedict-deu-eng.index"
    links, method = align_texts(OMISSION_DE, OMISSION_EN, src_lang="de", tgt_lang="en")
    assert "dictionary" in method
    load_lexicon.cache_clear()


def test_every_folder_the_tool_reads_or_writes_is_private_to_the_test():
    from translator.translate.cache import default_path
    from translator.translate.packages import data_dir, packages_dir

    home = Path.home()
    for path in (
        dictd.user_dir(),
        dictd.cache_dir(),
        *dictd.search_dirs(),
        packages_dir(),
        data_dir(),
        default_path(),
    ):
        assert not path.is_relative_to(home / ".local"), path
        assert not path.is_relative_to(home / ".cache"), path
        assert not path.is_relative_to("/usr/share"), path
        assert not any(path.rglob("*")) if path.is_dir() else not path.exists(), path


def test_user_folder_and_every_configured_folder_are_searched(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    write_dictd(b, "deu-fra", [("Gletscher", "Gletscher <n>\nglacier\n")])
    monkeypatch.setenv("TRANSLATOR_DICTD_DIR", f"{a}{os.pathsep}{b}")
    assert dictd.dictionary_path("deu", "fra") == b / "freedict-deu-fra.index"
    write_dictd(dictd.user_dir(), "deu-fra", [("Gipfel", "Gipfel <n>\nsommet\n")])
    assert dictd.dictionary_path("deu", "fra") == dictd.user_dir() / "freedict-deu-fra.index"
    # FreeDict's own file names (an archive unpacked by hand) are found too
    write_dictd(a, "fra-deu", [("neige", "neige <n>\nSchnee\n")], prefix="")
    assert dictd.dictionary_path("fra", "deu") == a / "fra-deu.index"
    assert dictd.has_dictionary("fr", "de") and not dictd.has_dictionary("fr", "en")


def test_an_index_without_its_data_file_is_not_a_dictionary(tmp_path, monkeypatch):
    folder = Path(os.environ["TRANSLATOR_DICTD_DIR"])
    index = write_dictd(folder, "deu-eng", DEU_ENG)
    index.with_suffix(".dict.dz").unlink()
    assert dictd.dictionary_path("deu", "eng") is None


# ---------------------------------------------------------------- list


def test_list_says_where_dictionaries_are_and_what_a_pair_lacks(runner):
    system = Path(os.environ["TRANSLATOR_DICTD_DIR"])
    write_dictd(system, "deu-eng", DEU_ENG)
    result = runner.invoke(main, ["dictionaries"])
    assert result.exit_code == 0, result.output
    assert f"deu-eng  {system / 'freedict-deu-eng.index'}" in result.output
    assert str(dictd.user_dir()) in result.output
    result = runner.invoke(main, ["dictionaries", "list", "de", "en"])
    assert result.exit_code == 0, result.output
    assert "eng-deu  missing" in result.output
    assert "translator dictionaries install de en" in result.output
    assert "apt-get install dict-freedict-deu-eng dict-freedict-eng-deu" in result.output
    data = json.loads(runner.invoke(main, ["dictionaries", "list", "de", "en", "--format", "json"]).output)
    assert data["pair"]["directions"] == [
        {"name": "deu-eng", "index": str(system / "freedict-deu-eng.index")},
        {"name": "eng-deu", "index": None},
    ]
    assert data["pair"]["install"] == "translator dictionaries install de en"


def test_list_with_nothing_installed_says_how_to_install(runner):
    result = runner.invoke(main, ["dictionaries", "list"])
    assert result.exit_code == 0
    assert "no FreeDict dictionary installed" in result.output
    assert "translator dictionaries install" in result.output


# ---------------------------------------------------------------- install


def test_install_puts_both_directions_in_the_user_folder_and_the_aligner_uses_them(runner, freedict):
    freedict.publish("deu-eng", dictd_release("deu-eng", DEU_ENG))
    freedict.publish("eng-deu", dictd_release("eng-deu", ENG_DEU), version="2024.10.10")
    result = runner.invoke(main, ["dictionaries", "install", "de", "en"])
    assert result.exit_code == 0, result.output
    assert f"installed deu-eng 1.0 in {dictd.user_dir()}" in result.output
    assert "installed eng-deu 2024.10.10" in result.output
    assert _user_files() == [
        "freedict-deu-eng.dict.dz",
        "freedict-deu-eng.index",
        "freedict-eng-deu.dict.dz",
        "freedict-eng-deu.index",
    ]
    load_lexicon.cache_clear()
    links, method = align_texts(OMISSION_DE, OMISSION_EN, src_lang="de", tgt_lang="en")
    assert "dictionary" in method
    assert [(link.src, link.tgt) for link in links] == [([0], [0]), ([1], [1]), ([2], []), ([3], [2])]
    load_lexicon.cache_clear()
    listed = runner.invoke(main, ["dictionaries", "list", "de", "en"]).output
    assert "missing" not in listed and "install" not in listed
    removed = runner.invoke(main, ["dictionaries", "remove", "de", "en"])
    assert removed.exit_code == 0 and _user_files() == []


def test_install_takes_only_the_pair_that_exists(runner, freedict):
    freedict.publish("deu-fra", dictd_release("deu-fra", [("Gipfel", "Gipfel <n>\nsommet\n")]))
    result = runner.invoke(main, ["dictionaries", "install", "fr", "de"])
    assert result.exit_code == 0, result.output
    assert _user_files() == ["freedict-deu-fra.dict.dz", "freedict-deu-fra.index"]


def _fails_cleanly(runner, args: list[str], expected: str) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("translator: error: "), result.output
    assert expected in lines[0]
    assert "Traceback" not in result.output
    assert not any(name.endswith((".index", ".dict.dz", ".dict")) for name in _user_files()), _user_files()
    assert not [n for n in _user_files() if n.startswith(".install-")]


def test_a_wrong_checksum_installs_nothing(runner, freedict):
    freedict.publish("deu-eng", dictd_release("deu-eng", DEU_ENG), checksum="ab" * 64)
    _fails_cleanly(runner, ["dictionaries", "install", "de", "en"], "does not match FreeDict's checksum")


def test_a_bad_archive_installs_nothing(runner, freedict):
    freedict.publish("deu-eng", b"<html>502 Bad Gateway</html>")
    _fails_cleanly(runner, ["dictionaries", "install", "de", "en"], "not a dictd release archive")


def test_an_archive_without_the_dictd_files_installs_nothing(runner, freedict):
    freedict.publish("deu-eng", dictd_release("eng-fra", DEU_ENG))
    _fails_cleanly(runner, ["dictionaries", "install", "de", "en"], "has no deu-eng.index")


def test_one_bad_direction_installs_neither(runner, freedict):
    freedict.publish("deu-eng", dictd_release("deu-eng", DEU_ENG))
    freedict.publish("eng-deu", dictd_release("eng-deu", ENG_DEU), checksum="00" * 64)
    _fails_cleanly(runner, ["dictionaries", "install", "de", "en"], "eng-deu")


def test_no_network_is_one_line_and_exit_2(runner, monkeypatch):
    monkeypatch.setenv(
        "TRANSLATOR_FREEDICT_DATABASE", f"http://127.0.0.1:{closed_port()}/freedict-database.json"
    )
    _fails_cleanly(runner, ["dictionaries", "install", "de", "en"], "no network?")


def test_a_pair_freedict_does_not_publish_is_named(runner, freedict):
    freedict.publish("deu-fra", dictd_release("deu-fra", [("Gipfel", "Gipfel <n>\nsommet\n")]))
    _fails_cleanly(runner, ["dictionaries", "install", "de", "fi"], "no dictionary for deu-fin or fin-deu")


def test_the_database_option_overrides_the_environment(runner, freedict, monkeypatch):
    freedict.publish("deu-eng", dictd_release("deu-eng", DEU_ENG))
    monkeypatch.setenv("TRANSLATOR_FREEDICT_DATABASE", f"http://127.0.0.1:{closed_port()}/x.json")
    result = runner.invoke(
        main, ["dictionaries", "install", "de", "en", "--database", freedict.url + "freedict-database.json"]
    )
    assert result.exit_code == 0, result.output
    assert "freedict-deu-eng.index" in _user_files()


def test_removing_a_pair_that_is_not_installed_is_an_error(runner):
    _fails_cleanly(runner, ["dictionaries", "remove", "de", "en"], "no de-en dictionary is installed")


# ---------------------------------------------------------------- doctor


def test_doctor_reports_models_dictionaries_and_browser(runner, tmp_path, monkeypatch):
    from translator.devtools import chromium

    monkeypatch.setattr(chromium, "CHROMIUM", tmp_path / "no-chromium")
    write_dictd(Path(os.environ["TRANSLATOR_DICTD_DIR"]), "deu-eng", DEU_ENG)
    result = runner.invoke(main, ["doctor"])
    assert result.exit_code == 1  # no model is installed: the one failure
    out = result.output
    assert out.index("models:") < out.index("dictionaries:") < out.index("browser:")
    assert "[fail] no usable translation package" in out
    assert "[ok] deu-eng:" in out
    assert f"[warn] no chromium at {tmp_path / 'no-chromium'}" in out
    assert "1 problem(s) found" in out
    data = json.loads(runner.invoke(main, ["doctor", "--format", "json"]).output)
    assert set(data["sections"]) == {"models", "dictionaries", "browser"}
    assert data["problems"] == 1 and data["sections"]["models"]["problems"] == 1


def test_doctor_warns_without_any_dictionary_and_names_the_command(runner):
    data = json.loads(runner.invoke(main, ["doctor", "--format", "json"]).output)
    checks = data["sections"]["dictionaries"]["checks"]
    assert any(c["status"] == "warn" and "translator dictionaries install" in c["message"] for c in checks)
    assert data["sections"]["dictionaries"]["problems"] == 0


def test_doctor_flags_a_damaged_dictionary(runner):
    folder = Path(os.environ["TRANSLATOR_DICTD_DIR"])
    index = write_dictd(folder, "deu-eng", DEU_ENG)
    index.with_suffix(".dict.dz").write_bytes(b"not gzip at all")
    result = runner.invoke(main, ["doctor"])
    assert "[fail] deu-eng" in result.output and "unreadable" in result.output


# ---------------------------------------------------------------- the notice


def test_compare_without_model_or_dictionary_says_so_with_the_install_command(runner, examples, tmp_path):
    out = tmp_path / "report.html"
    de, en = str(examples / "de-en-news" / "de.md"), str(examples / "de-en-news" / "en.md")
    result = runner.invoke(main, ["compare", de, en, "-o", str(out)])
    assert result.exit_code == 0, result.output
    notice = [line for line in result.output.splitlines() if "no dictionary for de-en" in line]
    assert len(notice) == 1 and "'translator dictionaries install de en'" in notice[0]
    assert notice[0].count(". ") == 0  # one sentence
    html = out.read_text(encoding="utf-8")
    assert "no dictionary for de-en" in html and "translator dictionaries install de en" in html


def test_compare_with_a_dictionary_does_not_warn(runner, examples, tmp_path):
    write_dictd(Path(os.environ["TRANSLATOR_DICTD_DIR"]), "deu-eng", DEU_ENG)
    out = tmp_path / "report.html"
    de, en = str(examples / "de-en-news" / "de.md"), str(examples / "de-en-news" / "en.md")
    result = runner.invoke(main, ["compare", de, en, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "no dictionary" not in result.output
    assert "FreeDict dictionary" in result.output
    assert "no dictionary" not in out.read_text(encoding="utf-8")
