"""``translator batch``: manifests, per-item reports, index, combined JSON,
per-item errors, resumable runs and the process pool."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from batchkit import interrupt_pool_at

from translator.batch import run as batch_mod
from translator.batch.items import BatchSettings, read_manifest
from translator.batch.run import run_batch
from translator.batch.state import STATE_NAME
from translator.cli import main
from translator.errors import InputError

BAD = Path(__file__).resolve().parent / "bad_inputs"

EN_1 = "Floods hit Dresden on Monday.\n\nThe river rose to 7.35 metres.\n\nAbout 2,000 people left.\n"
EN_2 = "Floods hit Dresden on Monday.\n\nThe river rose to 7.53 metres.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three same-language pairs, one missing input and one binary input."""
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"a{i}.txt").write_text(EN_1, encoding="utf-8")
        (tmp_path / "in" / f"b{i}.txt").write_text(EN_2 if i != 1 else EN_1, encoding="utf-8")
    (tmp_path / "in" / "bin.txt").write_bytes((BAD / "binary.bin").read_bytes())
    (tmp_path / "m.csv").write_text(
        "id,a,b,lang_a,lang_b\n"
        "first,in/a0.txt,in/b0.txt,en,en\n"
        "# a comment line\n"
        "\n"
        "same,in/a1.txt,in/b1.txt,en,en\n"
        "third,in/a2.txt,in/b2.txt,,\n"
        "gone,in/missing.txt,in/b0.txt,en,en\n"
        "binary,in/bin.txt,in/b0.txt,en,en\n",
        encoding="utf-8",
    )
    return tmp_path


def test_csv_manifest_paths_are_relative_to_the_manifest(corpus, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path / "in")
    items = read_manifest(str(corpus / "m.csv"))
    assert [i.id for i in items] == ["first", "same", "third", "gone", "binary"]
    assert Path(items[0].paths[0]).resolve() == corpus / "in" / "a0.txt"
    assert items[0].langs == ["en", "en"] and items[2].langs == [None, None]
    assert items[1].line == 5


def test_jsonl_manifest_accepts_columns_and_version_lists(tmp_path):
    (tmp_path / "m.jsonl").write_text(
        '{"id": "x", "a": "a.txt", "b": "b.txt", "lang_b": "de"}\n'
        "\n"
        '{"id": "grp", "versions": ["a.txt", "b.txt", "c.txt"], "langs": ["en"]}\n',
        encoding="utf-8",
    )
    items = read_manifest(str(tmp_path / "m.jsonl"))
    assert items[0].langs == [None, "de"]
    assert len(items[1].paths) == 3 and items[1].langs == ["en", None, None]


@pytest.mark.parametrize(
    "content,fragment",
    [
        ("id,x,y\n1,a,b\n", "needs version columns 'a' and 'b'"),
        ("id,a,b\n1,,b.txt\n", "version column a is empty"),
        ("id,a,b\nx,,\n", "needs two versions"),
        ("id,a,b\n1,a.txt,b.txt\n1,c.txt,d.txt\n", "used twice"),
        ("id,a,b\n", "lists no items"),
        ("id,a,b\n1,a.txt,b.txt,extra\n", "fields but the header has"),
    ],
)
def test_malformed_manifest_is_an_input_error_naming_the_line(tmp_path, content, fragment):
    (tmp_path / "m.csv").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=fragment):
        read_manifest(str(tmp_path / "m.csv"))


def test_malformed_jsonl_line_is_named(tmp_path):
    (tmp_path / "m.jsonl").write_text('{"id": "1", "a": "a", "b": "b"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"m.jsonl:2: not valid JSON"):
        read_manifest(str(tmp_path / "m.jsonl"))


def test_batch_writes_reports_index_and_combined_json_and_records_item_errors(runner, corpus):
    out = corpus / "out"
    result = runner.invoke(main, ["batch", str(corpus / "m.csv"), "-o", str(out), "--quiet"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "2 of 5 items failed" in lines[0]
    data = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    by_id = {i["id"]: i for i in data["items"]}
    assert data["summary"]["ok"] == 3 and data["summary"]["failed"] == 2
    assert "no such file" in by_id["gone"]["error"]
    assert "binary" in by_id["binary"]["error"]
    # the changed number is a finding; identical versions have none
    assert by_id["first"]["counts"]["kind"].get("numbers") == 1
    assert by_id["same"]["counts"]["severity"] == {"info": 0, "warning": 0, "error": 0}
    for item_id in ("first", "same", "third"):
        report = out / by_id[item_id]["report"]
        assert report.is_file() and report.read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE html>")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="reports/first.html"' in index
    assert "no such file" in index
    assert not list(out.rglob("*.tmp"))


def test_index_escapes_ids_and_errors_from_the_manifest(corpus, tmp_path):
    (tmp_path / "x.csv").write_text(
        'id,a,b\n"<img src=x onerror=alert(1)>",in/a0.txt,in/<b>.txt\n', encoding="utf-8"
    )
    run_batch(str(tmp_path / "x.csv"), str(tmp_path / "o"))
    index = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in index and "&lt;img src=x onerror=alert(1)&gt;" in index
    assert "<b>.txt" not in index


def test_rerun_skips_unchanged_items_and_redoes_changed_ones(corpus):
    out = str(corpus / "out")
    first = run_batch(str(corpus / "m.csv"), out)
    assert (first.ran, first.skipped, first.failed) == (5, 0, 2)
    second = run_batch(str(corpus / "m.csv"), out)
    assert second.skipped == 3 and second.ran == 2  # the failed items are retried
    (corpus / "in" / "b2.txt").write_text(EN_1, encoding="utf-8")
    third = run_batch(str(corpus / "m.csv"), out)
    redone = [i["id"] for i in third.items if not i.get("skipped") and i["status"] == "ok"]
    assert redone == ["third"]
    forced = run_batch(str(corpus / "m.csv"), out, force=True)
    assert forced.skipped == 0


def test_changed_settings_invalidate_the_resume_state(corpus):
    out = str(corpus / "out")
    run_batch(str(corpus / "m.csv"), out)
    again = run_batch(str(corpus / "m.csv"), out, settings=BatchSettings(disabled_checks=["numbers"]))
    assert again.skipped == 0
    assert all("numbers" not in (i.get("counts") or {}).get("kind", {}) for i in again.items)


def test_a_deleted_report_is_regenerated_on_rerun(corpus):
    out = corpus / "out"
    run_batch(str(corpus / "m.csv"), str(out))
    (out / "reports" / "same.html").unlink()
    again = run_batch(str(corpus / "m.csv"), str(out))
    assert (out / "reports" / "same.html").is_file()
    assert again.skipped == 2


def test_interrupted_batch_saves_state_and_resumes(corpus, monkeypatch):
    out = corpus / "out"
    interrupt_pool_at(monkeypatch, 3)
    with pytest.raises(KeyboardInterrupt):
        run_batch(str(corpus / "m.csv"), str(out))
    monkeypatch.undo()
    state = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    assert set(state["items"]) == {"first", "same"}
    partial = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert partial["summary"]["interrupted"] and partial["summary"]["not_run"] == 3
    resumed = run_batch(str(corpus / "m.csv"), str(out))
    assert resumed.skipped == 2 and resumed.ran == 3
    assert not list(out.rglob("*.tmp"))


def test_a_report_that_would_overwrite_an_input_is_an_item_error(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "x.html").write_text(EN_1, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EN_2, encoding="utf-8")
    (tmp_path / "m.csv").write_text("id,a,b\nx,reports/x.html,b.txt\n", encoding="utf-8")
    result = run_batch(str(tmp_path / "m.csv"), str(tmp_path))
    assert result.failed == 1 and "overwrite this input" in result.items[0]["error"]
    assert (tmp_path / "reports" / "x.html").read_text(encoding="utf-8") == EN_1


def test_output_folder_that_is_a_file_is_refused(runner, corpus):
    (corpus / "file").write_text("x", encoding="utf-8")
    result = runner.invoke(main, ["batch", str(corpus / "m.csv"), "-o", str(corpus / "file")])
    assert result.exit_code == 2 and "not a folder" in result.stderr


@pytest.mark.slow
def test_process_pool_gives_the_same_results_as_one_job(corpus):
    one = run_batch(str(corpus / "m.csv"), str(corpus / "one"))
    two = run_batch(str(corpus / "m.csv"), str(corpus / "two"), jobs=2, tasks_per_worker=1)
    strip = [{k: v for k, v in i.items() if k not in ("seconds", "report")} for i in one.items]
    assert strip == [{k: v for k, v in i.items() if k not in ("seconds", "report")} for i in two.items]
    assert two.failed == 2


@pytest.mark.slow
def test_sigterm_stops_a_running_batch_cleanly_and_the_rerun_resumes(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    rows = ["id,a,b,lang_a,lang_b"]
    for i in range(40):
        (tmp_path / f"{i}a.txt").write_text(EN_1, encoding="utf-8")
        (tmp_path / f"{i}b.txt").write_text(EN_2 + f"\n\nItem {i}.\n", encoding="utf-8")
        rows.append(f"i{i},{i}a.txt,{i}b.txt,en,en")
    (tmp_path / "m.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    exe = [sys.executable, "-m", "translator", "batch", str(tmp_path / "m.csv"), "-o", str(out), "-q"]
    proc = subprocess.Popen(exe, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / "reports").glob("*.html"))) >= 3:
            break
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 143, stderr
    assert "terminated" in stderr and "Traceback" not in stderr
    assert not list(out.rglob("*.tmp"))
    state = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))
    done = len(state["items"])
    # the signal may land between an item's report and its record: that
    # item is not counted (and is redone on resume), the ones before it are
    assert 2 <= done < 40
    resumed = run_batch(str(tmp_path / "m.csv"), str(out))
    assert resumed.skipped == done and resumed.ran == 40 - done


def test_pool_workers_fork_from_a_warmed_up_server():
    """Importing ``translator._warm`` (the fork server's preload) leaves the
    process with what a first comparison would otherwise load: langdetect's
    profiles, the locale tables of the date anchors, the report template."""
    import subprocess
    import sys

    probe = (
        "import translator._warm, translator.ingest.langid as l, translator.lexicon.anchors as a, "
        "translator.renderers.html as h; "
        "print(l._loaded, a._calendar_names.cache_info().currsize, h._environment.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "1", "1"]


def test_pool_is_preloaded_with_the_warm_up_module(corpus, monkeypatch):
    import multiprocessing

    preloads: list[list[str]] = []
    real = multiprocessing.get_context

    def spy(method=None):
        context = real(method)
        original = context.set_forkserver_preload
        context.set_forkserver_preload = lambda names: (preloads.append(list(names)), original(names))[1]
        return context

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    run_batch(str(corpus / "m.csv"), str(corpus / "out"), jobs=2)
    assert preloads == [["translator._warm"]]


def test_pool_workers_are_recycled_after_their_share_of_items(corpus, monkeypatch):
    """Each worker process is replaced after ``tasks_per_worker`` items, so a
    long batch never grows one process's memory without bound."""
    import concurrent.futures

    seen: list[dict] = []
    real = concurrent.futures.ProcessPoolExecutor

    class Spy(real):
        def __init__(self, *args, **kwargs):
            seen.append(kwargs)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Spy)
    run_batch(str(corpus / "m.csv"), str(corpus / "out"), jobs=2, tasks_per_worker=3)
    assert [k.get("max_tasks_per_child") for k in seen] == [3]


def test_jobs_and_force_from_the_command_line(runner, corpus, monkeypatch):
    calls = []
    real = batch_mod.run_batch

    results = []

    def spy(*args, **kwargs):
        calls.append(kwargs)
        results.append(real(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(batch_mod, "run_batch", spy)
    out = str(corpus / "out")
    first = runner.invoke(main, ["batch", str(corpus / "m.csv"), "-o", out, "-q", "--jobs", "2"])
    assert first.exit_code == 2  # two items fail by design
    again = runner.invoke(main, ["batch", str(corpus / "m.csv"), "-o", out])
    forced = runner.invoke(main, ["batch", str(corpus / "m.csv"), "-o", out, "--force"])
    assert [(c["jobs"], c["force"]) for c in calls] == [(2, False), (1, False), (1, True)]
    assert [r.skipped for r in results] == [0, 3, 0]  # the three good items, unchanged, are skipped
    assert again.exit_code == forced.exit_code == 2
