"""``translator batch --scheduler/--cluster``: the Dask executor.

A real scheduler and two workers run as processes on 127.0.0.1 (the
``dask scheduler`` and ``dask worker`` commands, started in another folder
than the tests so relative paths are the client's), with a preload
(tests/dask_faults.py) that kills a worker mid-item on cue. Every output is
compared byte for byte with the local pool's (the per-item ``seconds`` are
timings and are blanked first).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batchkit import interrupt_pool_at

from translator.batch import report as report_mod
from translator.batch.run import run_batch
from translator.batch.state import STATE_NAME
from translator.cli import main

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed")

from translator.batch.cluster import QUIET, DaskExecutor  # noqa: E402

HERE = Path(__file__).resolve().parent
EN_1 = "Floods hit Dresden on Monday.\n\nThe river rose to 7.35 metres.\n\nAbout 2,000 people left.\n"
EN_2 = "Floods hit Dresden on Monday.\n\nThe river rose to 7.53 metres.\n"
_SECONDS = re.compile(rb'"seconds": [0-9.]+')


def _isolated_env(folder: Path) -> dict[str, str]:
    """Worker processes get empty home, cache and data folders (hermetic)."""
    env = dict(os.environ)
    for name in ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        (folder / name).mkdir(exist_ok=True)
        env[name] = str(folder / name)
    # the client's retries alone decide (see translator/batch/cluster.py)
    env["DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES"] = "0"
    return env


def _scheduler_address(info: Path, deadline: float) -> str:
    """The scheduler's address, once its file is whole: the scheduler creates
    the file before it writes it, so an existing file may still be empty."""
    while True:
        try:
            return json.loads(info.read_text(encoding="utf-8"))["address"]
        except (OSError, ValueError, KeyError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Cluster:
    """A scheduler and workers as separate processes."""

    def __init__(self, folder: Path, workers: int) -> None:
        self.folder = folder
        self.env = _isolated_env(folder)
        # the client's folder, against which the fault preload resolves an
        # item's relative paths (as the executor's reader does)
        self.env["DASK_FAULTS_CLIENT_DIR"] = os.getcwd()
        self.procs: list[subprocess.Popen] = []
        info = folder / "scheduler.json"
        self.scheduler = self._start(
            [
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(info),
            ]
        )
        self.address = _scheduler_address(info, deadline=time.monotonic() + 60)
        for _ in range(workers):
            self._start(
                [
                    "worker",
                    self.address,
                    "--nthreads",
                    "1",
                    "--host",
                    "127.0.0.1",
                    "--no-dashboard",
                    "--preload",
                    "translator._warm",
                    "--preload",
                    str(HERE / "dask_faults.py"),
                ]
            )
        self.workers = workers
        self.wait_for_workers()

    def _start(self, args: list[str]) -> subprocess.Popen:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dask", *args],
            cwd=self.folder,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.procs.append(proc)
        return proc

    def wait_for_workers(self) -> None:
        """All workers up (a killed one is restarted by its nanny)."""
        with distributed.Client(self.address, set_as_default=False) as client:
            client.wait_for_workers(self.workers, timeout=120)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    started = Cluster(tmp_path_factory.mktemp("dask-cluster"), workers=2)
    yield started
    started.stop()


@pytest.fixture
def scheduler(cluster) -> str:
    cluster.wait_for_workers()
    return cluster.address


def _corpus(folder: Path, n: int = 6, extra: str = "") -> Path:
    """n pairs, a missing input, a binary input and a file given twice."""
    (folder / "in").mkdir(exist_ok=True)
    rows = ["id,a,b,lang_a,lang_b"]
    for i in range(n):
        (folder / "in" / f"a{i}.txt").write_text(EN_1, encoding="utf-8")
        (folder / "in" / f"b{i}.txt").write_text(EN_2 + f"\nItem {i} of the batch.\n", encoding="utf-8")
        rows.append(f"i{i},in/a{i}.txt,in/b{i}.txt,en,{'en' if i % 2 else ''}")
    (folder / "in" / "bin.txt").write_bytes(b"\x00\x01\x02binary\xff" * 40)
    rows += [
        "gone,in/missing.txt,in/b0.txt,en,en",
        "binary,in/bin.txt,in/b0.txt,,",
        "twice,in/a0.txt,in/a0.txt,,",
    ]
    (folder / "m.csv").write_text("\n".join(rows) + "\n" + extra, encoding="utf-8")
    return folder / "m.csv"


def _outputs(out: Path) -> dict[str, bytes]:
    """Every file of an output folder; timings blanked, the state parsed
    (its items are in the order they finished) and its folder left out."""
    files = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = _SECONDS.sub(b'"seconds": 0', path.read_bytes())
        if path.name == STATE_NAME:  # it names the reports by the output folder's path
            state = json.loads(data)["items"]
            for item in state.values():
                if "report" in item:
                    item["report"] = Path(item["report"]).name
            data = json.dumps(state, sort_keys=True).encode()
        files[str(path.relative_to(out))] = data
    return files


def _same_outputs(a: Path, b: Path) -> None:
    left, right = _outputs(a), _outputs(b)
    assert sorted(left) == sorted(right)
    for name in left:
        assert left[name] == right[name], name
    assert not list(b.rglob("*.tmp"))


def test_a_dask_run_writes_every_output_byte_for_byte_like_the_local_pool(scheduler, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative paths: the workers run in another folder
    manifest = _corpus(tmp_path)
    local = run_batch(str(manifest), "local")
    with DaskExecutor(scheduler=scheduler) as executor:
        remote = run_batch(str(manifest), "remote", executor=executor)
    assert (remote.ran, remote.failed) == (local.ran, local.failed) == (9, 3)
    _same_outputs(tmp_path / "local", tmp_path / "remote")
    errors = {i["id"]: i["error"] for i in remote.items if i["status"] == "error"}
    assert errors["gone"].startswith("in/missing.txt: no such file")


def test_bilingual_files_and_consistency_across_items_give_the_same_outputs_on_dask(
    scheduler, tmp_path, monkeypatch
):
    """One XLIFF/PO file per row (its two sides read through the shipped
    bytes) and a conflict between two items, found after the run."""
    import shutil

    monkeypatch.chdir(tmp_path)
    examples = Path(__file__).resolve().parent.parent / "examples" / "l10n"
    for name in ("app.de.xlf", "messages.de.po"):
        shutil.copy(examples / name, tmp_path / name)
    unit = '<trans-unit id="a"><source>The museum opens at nine.</source><target>{}</target></trans-unit>'
    for name, target in (("one", "Das Museum öffnet um neun."), ("two", "Das Museum macht um neun auf.")):
        (tmp_path / f"{name}.xlf").write_text(
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            f'<file source-language="en" target-language="de"><body>{unit.format(target)}</body></file></xliff>\n',
            encoding="utf-8",
        )
    manifest = tmp_path / "m.csv"
    manifest.write_text("id,a\nxliff,app.de.xlf\npo,messages.de.po\none,one.xlf\ntwo,two.xlf\n", "utf-8")
    local = run_batch(str(manifest), "local")
    with DaskExecutor(scheduler=scheduler, ship_inputs=True) as executor:
        remote = run_batch(str(manifest), "remote", executor=executor)
    assert (remote.ran, remote.failed) == (local.ran, local.failed) == (4, 0)
    _same_outputs(tmp_path / "local", tmp_path / "remote")
    two = next(i for i in remote.items if i["id"] == "two")
    assert two["counts"]["kind"].get("consistency") == 1


def test_shipped_inputs_give_the_same_outputs_and_the_clients_size_cap(scheduler, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    manifest = _corpus(tmp_path, n=3)
    (tmp_path / "in" / "big.txt").write_text(EN_1 * 40, encoding="utf-8")
    manifest.write_text(manifest.read_text(encoding="utf-8") + "big,in/big.txt,in/b0.txt,en,en\n", "utf-8")
    monkeypatch.setenv("TRANSLATOR_MAX_INPUT_MB", "0.002")  # the workers do not have this limit
    local = run_batch(str(manifest), "local")
    with DaskExecutor(scheduler=scheduler, ship_inputs=True) as executor:
        run_batch(str(manifest), "shipped", executor=executor)
    _same_outputs(tmp_path / "local", tmp_path / "shipped")
    big = next(i for i in local.items if i["id"] == "big")
    assert "input limit" in big["error"]


def test_a_worker_killed_mid_item_is_retried_and_no_report_is_lost_or_written_twice(scheduler, tmp_path):
    manifest = _corpus(tmp_path, n=4, extra="die-once,in/a1.txt,in/b2.txt,en,en\n")
    marker = tmp_path / "in" / "a1.txt.die-once"
    local = run_batch(str(manifest), str(tmp_path / "local"))
    marker.write_text("kill the first worker that runs this item", encoding="utf-8")
    written: list[str] = []
    real = report_mod.write_atomic

    def counting(path, data, **kwargs):
        if Path(path).parent.name == "reports":
            written.append(str(path))
        return real(path, data, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report_mod, "write_atomic", counting)
        with DaskExecutor(scheduler=scheduler, retries=1) as executor:
            remote = run_batch(str(manifest), str(tmp_path / "remote"), executor=executor)
    assert not marker.exists(), "the worker was not killed"
    assert next(i for i in remote.items if i["id"] == "die-once")["status"] == "ok"
    assert len(written) == len(set(written)) == 5  # the ok items, each once
    assert (remote.ran, remote.failed) == (local.ran, local.failed)
    _same_outputs(tmp_path / "local", tmp_path / "remote")


def test_an_item_that_kills_every_worker_fails_after_bounded_retries_and_the_batch_goes_on(
    scheduler, tmp_path
):
    manifest = _corpus(tmp_path, n=2, extra="die-always,in/a1.txt,in/b1.txt,en,en\n")
    with DaskExecutor(scheduler=scheduler, retries=1) as executor:
        result = run_batch(str(manifest), str(tmp_path / "out"), executor=executor)
    by_id = {i["id"]: i for i in result.items}
    assert by_id["die-always"]["status"] == "error"
    assert by_id["die-always"]["error"].startswith("worker failed 2 times: KilledWorker")
    assert by_id["i0"]["status"] == by_id["i1"]["status"] == "ok"
    assert not (tmp_path / "out" / "reports" / "die-always.html").exists()
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "worker failed 2 times" in index


def test_a_worker_killed_under_a_task_of_several_items_loses_none_of_the_others(scheduler, tmp_path):
    manifest = _corpus(
        tmp_path, n=6, extra="die-always,in/a1.txt,in/b1.txt,en,en\ni9,in/a2.txt,in/b3.txt,en,en\n"
    )
    local = run_batch(str(manifest), str(tmp_path / "local"))
    # one task at a time: no other task is queued on the worker that dies
    with DaskExecutor(scheduler=scheduler, retries=1, items_per_task=4, in_flight=1) as executor:
        remote = run_batch(str(manifest), str(tmp_path / "remote"), executor=executor)
    by_id = {i["id"]: i for i in remote.items}
    assert by_id["die-always"]["error"].startswith("worker failed 2 times: KilledWorker")
    assert by_id["i9"]["status"] == "ok"  # it shared the killed task
    others = [i for i in remote.items if i["id"] != "die-always"]
    assert [i["status"] for i in others] == [i["status"] for i in local.items if i["id"] != "die-always"]
    assert sorted(p.name for p in (tmp_path / "remote" / "reports").iterdir()) == sorted(
        p.name for p in (tmp_path / "local" / "reports").iterdir() if p.name != "die-always.html"
    )


def test_a_run_resumes_across_executors_both_ways(scheduler, tmp_path, monkeypatch):
    manifest = _corpus(tmp_path, n=6)
    out = tmp_path / "out"
    interrupt_pool_at(monkeypatch, 4)
    with pytest.raises(KeyboardInterrupt):
        run_batch(str(manifest), str(out))  # the local pool stops after three items
    monkeypatch.undo()
    with DaskExecutor(scheduler=scheduler) as executor:
        on_dask = run_batch(str(manifest), str(out), executor=executor)
    assert (on_dask.skipped, on_dask.ran) == (3, 6)
    # a cluster run is finished by the local pool: only the failed items again
    back = run_batch(str(manifest), str(out))
    assert (back.skipped, back.ran) == (6, 3)
    run_batch(str(manifest), str(tmp_path / "whole"))
    _same_outputs_but_skips(tmp_path / "whole", out)


def _same_outputs_but_skips(fresh: Path, resumed: Path) -> None:
    """Reports and state as a fresh run's; batch.json and the index differ
    only in the "skipped" marks."""
    left, right = _outputs(fresh), _outputs(resumed)
    assert sorted(left) == sorted(right)
    for name in left:
        if name in ("batch.json", "index.html"):
            continue
        assert left[name] == right[name], name
    items = json.loads(right["batch.json"])["items"]
    for item in items:
        item.pop("skipped")
    assert items == [
        {k: v for k, v in i.items() if k != "skipped"} for i in json.loads(left["batch.json"])["items"]
    ]


def test_ctrl_c_cancels_the_tasks_in_flight_and_keeps_the_state_consistent(scheduler, tmp_path):
    manifest = _corpus(tmp_path, n=12)
    out = tmp_path / "out"

    def interrupt_after_three(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with DaskExecutor(scheduler=scheduler, in_flight=4) as executor:
        with pytest.raises(KeyboardInterrupt):
            run_batch(str(manifest), str(out), executor=executor, progress=interrupt_after_three)
        client = executor._client
        deadline = time.monotonic() + 30
        while _processing(client) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _processing(client) == 0
    state = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))["items"]
    assert len(state) == 3
    reports = {p.stem for p in (out / "reports").glob("*.html")}
    assert {k for k, v in state.items() if v["status"] == "ok"} <= reports
    assert not list(out.rglob("*.tmp"))
    resumed = run_batch(str(manifest), str(out))
    assert resumed.skipped == sum(1 for v in state.values() if v["status"] == "ok")
    assert resumed.ran + resumed.skipped == 15


def _processing(client) -> int:  # type: ignore[no-untyped-def]
    """Tasks the workers are running or about to run."""
    return sum(len(keys) for keys in client.processing().values())


def test_the_cli_runs_on_a_scheduler_and_reports_like_the_local_pool(
    runner, scheduler, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    manifest = _corpus(tmp_path, n=2)
    local = runner.invoke(main, ["batch", str(manifest), "-o", "local"])
    remote = runner.invoke(
        main, ["batch", str(manifest), "-o", "remote", "--scheduler", scheduler, "--jobs", "3"]
    )
    assert remote.exit_code == local.exit_code == 2
    assert remote.stderr.replace("remote", "local") == local.stderr
    _same_outputs(tmp_path / "local", tmp_path / "remote")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_and_exit_2_before_any_output(tmp_path):
    manifest = _corpus(tmp_path, n=1)
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    address = f"tcp://127.0.0.1:{_free_port()}"
    cmd = [sys.executable, "-m", "translator", "batch", str(manifest), "-o", str(tmp_path / "out")]
    proc = subprocess.run(
        [*cmd, "--scheduler", address], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cannot reach the Dask scheduler at {address}" in lines[0], proc.stderr
    assert not (tmp_path / "out").exists()


def test_losing_the_scheduler_mid_run_is_one_line_exit_2_and_the_state_is_kept(tmp_path):
    (tmp_path / "cluster").mkdir()
    own = Cluster(tmp_path / "cluster", workers=1)
    try:
        manifest = _corpus(tmp_path, n=60)
        out = tmp_path / "out"
        cmd = [sys.executable, "-m", "translator", "batch", str(manifest), "-o", str(out), "-q"]
        proc = subprocess.Popen(
            [*cmd, "--scheduler", own.address], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if len(list((out / "reports").glob("*.html"))) >= 3:
                break
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()
        own.scheduler.send_signal(signal.SIGKILL)
        _, stderr = proc.communicate(timeout=120)
    finally:
        own.stop()
    assert proc.returncode == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "lost the Dask scheduler" in lines[0], stderr
    state = json.loads((out / STATE_NAME).read_text(encoding="utf-8"))["items"]
    reports = {p.stem for p in (out / "reports").glob("*.html")}
    assert 3 <= len(state) < 63 and {k for k, v in state.items() if v["status"] == "ok"} <= reports
    resumed = run_batch(str(manifest), str(out))
    assert resumed.skipped == sum(1 for v in state.values() if v["status"] == "ok")


def test_cluster_local_n_starts_its_own_workers_and_gives_the_same_outputs(tmp_path):
    manifest = _corpus(tmp_path, n=3)
    base = [sys.executable, "-m", "translator", "batch", str(manifest), "-q"]
    env = _isolated_env(tmp_path)
    local = subprocess.run([*base, "-o", "local"], cwd=tmp_path, env=env, capture_output=True, timeout=300)
    remote = subprocess.run(
        [*base, "-o", "remote", "--cluster", "local:2"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert remote.returncode == local.returncode == 2
    assert len(remote.stderr.splitlines()) == 1, remote.stderr
    assert remote.stderr.replace(b"remote", b"local") == local.stderr
    _same_outputs(tmp_path / "local", tmp_path / "remote")


def _worker_settings() -> dict[str, object]:
    import dask

    return {key: dask.config.get(key) for key in QUIET}


def _timers(dask_scheduler) -> dict[str, object]:  # type: ignore[no-untyped-def]
    timers = dask_scheduler.periodic_callbacks
    return {
        "tick ms": timers["tick"].callback_time,
        "monitor ms": timers["monitor"].callback_time,
        "stealing": "stealing" in dask_scheduler.extensions,
    }


def test_a_local_cluster_runs_without_dasks_profiler_and_fast_timers():
    with DaskExecutor(local_workers=1) as executor:
        workers = list(executor._client.run(_worker_settings).values())
        scheduler = executor._client.run_on_scheduler(_timers)
    assert workers == [QUIET]  # the workers start with these settings
    assert scheduler == {"tick ms": 1000, "monitor ms": 5000, "stealing": False}


def test_without_scheduler_or_cluster_dask_is_never_imported(tmp_path):
    manifest = _corpus(tmp_path, n=2)
    probe = (
        "import sys\n"
        "from translator.cli import main\n"
        f"try: main(['batch', {str(manifest)!r}, '-o', {str(tmp_path / 'out')!r}, '-q', '--jobs', '2'])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr
    assert (tmp_path / "out" / "batch.json").is_file()


@pytest.mark.parametrize(
    "args,message",
    [
        (["--scheduler", "tcp://127.0.0.1:1", "--cluster", "local:2"], "either --scheduler or --cluster"),
        (["--ship-inputs"], "--ship-inputs needs --scheduler or --cluster"),
        (["--cluster", "local:0"], "expected local:N"),
        (["--cluster", "kubernetes"], "expected local:N"),
    ],
)
def test_cluster_options_are_checked_with_one_line(runner, tmp_path, args, message):
    manifest = _corpus(tmp_path, n=1)
    result = runner.invoke(main, ["batch", str(manifest), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
