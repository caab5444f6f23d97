"""``translator serve`` without a browser: the app driven through Starlette's
test client (HTTP in-process), URLs fetched from the local fixture server."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pytest
from pageserver import private_cache, serving

from translator.cli import main
from translator.webapp import create_app

with warnings.catch_warnings():
    # Starlette's test client prefers the httpx2 fork; httpx (pinned) still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
A = (ROOT / "examples/wire-story/outlet-a.txt").read_text(encoding="utf-8")
B = (ROOT / "examples/wire-story/outlet-b.txt").read_text(encoding="utf-8")


@pytest.fixture
def page_server(monkeypatch):
    yield from serving(monkeypatch)


@pytest.fixture(autouse=True)
def page_cache(tmp_path, monkeypatch):
    return private_cache(tmp_path, monkeypatch)


@pytest.fixture
def client():
    with TestClient(create_app(), base_url="http://127.0.0.1:8765") as c:
        yield c


def submit(client, data: dict[str, str], files=None):
    return client.post("/compare", data={"mt": "", **data}, files=files, follow_redirects=False)


def wait_done(client, job: str, timeout: float = 120) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        status = client.get(f"{job}/status").json()
        if status["state"] in {"done", "failed"}:
            return status
        time.sleep(0.1)
    raise AssertionError(f"{job} did not finish")


def test_pasting_two_versions_gives_the_report_and_its_downloads(client):
    response = submit(client, {"text_1": A, "text_2": B, "lang_1": "en"})
    assert response.status_code == 303
    job = response.headers["location"]
    assert wait_done(client, job) == {"state": "done", "stage": "Done", "progress": 1.0, "error": ""}
    page = client.get(job).text
    assert "12 findings" in page and "(4 errors, 5 warnings, 3 info)" in page
    report = client.get(f"{job}/report.html")
    assert report.headers["content-type"] == "text/html; charset=utf-8"
    assert "Numbers differ: 1.1 only in pasted text 1; 1.12 only in pasted text 2." in report.text
    download = client.get(f"{job}/report.html?download=1")
    assert (
        download.headers["content-disposition"]
        == 'attachment; filename="pasted_text_1-vs-pasted_text_2.html"'
    )
    data = client.get(f"{job}/report.json")
    assert data.headers["content-disposition"].startswith("attachment;")
    parsed = json.loads(data.text)
    assert [d["name"] for d in parsed["documents"]] == ["pasted text 1", "pasted text 2"]
    assert parsed["documents"][0]["lang"] == "en"


def test_uploaded_files_are_named_by_file_name(client, tmp_path):
    files = {
        "file_1": ("outlet-a.txt", A.encode(), "text/plain"),
        "file_2": ("outlet-b.txt", B.encode(), "text/plain"),
    }
    job = submit(client, {}, files=files).headers["location"]
    assert wait_done(client, job)["state"] == "done"
    assert "1.12 only in outlet-b.txt" in client.get(f"{job}/report.html").text


def test_url_versions_come_from_the_page_cache_unless_refresh_is_ticked(client, page_server):
    urls = {"url_1": page_server.url("/a"), "url_2": page_server.url("/b")}
    for extra in ({}, {}, {"refresh": "on"}):
        assert wait_done(client, submit(client, {**urls, **extra}).headers["location"])["state"] == "done"
    assert [path for path, _ in page_server.requests] == ["/a", "/b", "/a", "/b"]


def test_a_url_version_is_fetched_and_a_failing_one_is_reported_on_the_page(client, page_server):
    job = submit(client, {"url_1": page_server.url("/a"), "text_2": B}).headers["location"]
    assert wait_done(client, job)["state"] == "done"
    report = client.get(f"{job}/report.html").text
    assert f'fetched from <code class="url">{page_server.url("/a")}</code>' in report
    bad = page_server.url("/gone")
    job = submit(client, {"url_1": bad, "text_2": B}).headers["location"]
    status = wait_done(client, job)
    assert status["state"] == "failed"
    assert status["error"] == f"{bad}: the server answered HTTP 404 Not Found"
    assert f"{bad}: the server answered HTTP 404 Not Found" in client.get(job).text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text_1": A}, "Give at least two versions to compare."),
        (
            {"text_1": A, "url_1": "https://example.org/", "text_2": B},
            "Version 1: give pasted text, a file or a URL, not text and url",
        ),
        (
            {"text_1": A, "text_2": B, "lang_2": "english!"},
            "Version 2: &#39;english!&#39; is not a language code",
        ),
        (
            {"text_1": A, "url_2": "ftp://example.org/x"},
            "Version 2: &#39;ftp://example.org/x&#39; is not an http:// or https:// URL",
        ),
    ],
)
def test_form_errors_are_shown_with_the_form_refilled(client, data, message):
    response = submit(client, data)
    assert response.status_code == 400
    assert message in response.text
    assert "The council" not in response.text or "textarea" in response.text


def test_pasted_text_and_uploads_over_the_cap_are_refused(client, monkeypatch):
    monkeypatch.setenv("TRANSLATOR_MAX_INPUT_MB", "0.015625")  # 16 kB
    big = "A sentence of words that goes on. " * 600  # 20.4 kB
    response = submit(client, {"text_1": big, "text_2": B})
    assert response.status_code == 413
    assert "each version may be at most 0.015625 MB" in response.text
    files = {"file_1": ("big.txt", big.encode(), "text/plain")}
    response = submit(client, {"text_2": B}, files=files)
    assert response.status_code == 400
    assert "Version 1: big.txt is larger than the 0.015625 MB input limit" in response.text


def test_every_page_escapes_what_the_user_gave(client):
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    response = submit(client, {"text_1": payload, "lang_1": payload})
    assert response.status_code == 400
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    name = "<img src=x onerror=alert(2)>.txt"
    files = {"file_1": (name, A.encode(), "text/plain"), "file_2": ("b.txt", B.encode(), "text/plain")}
    job = submit(client, {}, files=files).headers["location"]
    wait_done(client, job)
    page = client.get(job).text
    assert "<img" not in page and "&lt;img src=x onerror=alert(2)&gt;.txt ↔ b.txt" in page
    assert "default-src 'none'" in client.get(job).headers["content-security-policy"]


def test_posts_from_another_site_and_foreign_host_names_are_refused(client):
    response = client.post(
        "/compare", data={"text_1": A, "text_2": B}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    response = client.post(
        "/compare", data={"text_1": A, "text_2": B}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403
    assert "This form can only be sent from the translator page itself." in response.text
    assert client.get("/", headers={"Host": "attacker.example:8765"}).status_code == 400


def test_the_temporary_folder_is_removed_when_the_server_stops(tmp_path):
    app = create_app()
    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        job = submit(c, {"text_1": A, "text_2": B}).headers["location"]
        wait_done(c, job)
        job_id = job.rsplit("/", 1)[-1]
        folders = Path(tempfile.gettempdir()).glob("translator-serve-*")
        mine = next(f for f in folders if (f / job_id).is_dir())
        assert sorted(p.name for p in (mine / job_id).iterdir()) == ["report.html", "report.json"]
    assert not mine.exists()


def test_an_unknown_job_is_a_404_page(client):
    assert client.get("/jobs/nope").status_code == 404
    assert client.get("/jobs/nope/report.html").status_code == 404


def test_serve_refuses_a_port_in_use(runner):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert (
        result.output
        == f"translator: error: port {port} on 127.0.0.1 is in use; choose another with --port\n"
    )


def test_help_does_not_import_the_web_stack():
    code = "import sys; from translator.cli import main; print(any(m.split('.')[0] in {'starlette', 'uvicorn', 'httpx'} for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
