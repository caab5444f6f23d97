"""URLs as compare versions: fetched from a local fixture server (127.0.0.1).

Every page comes from :mod:`pageserver`; nothing here touches the internet.
"""

from __future__ import annotations

import json
import stat

import httpx
import pytest
from pageserver import private_cache, serving

from translator.cli import main
from translator.errors import InputError
from translator.ingest.fetch import USER_AGENT, fetch, load_url


@pytest.fixture
def page_server(monkeypatch):
    yield from serving(monkeypatch)


@pytest.fixture
def page_cache(tmp_path, monkeypatch):
    return private_cache(tmp_path, monkeypatch)


def run(runner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_compare_two_urls_names_them_by_host_and_path(runner, page_server, page_cache):
    a, b = page_server.url("/a"), page_server.url("/b")
    result = run(runner, "compare", a, b, "--format", "text", "--no-mt")
    assert result.exit_code == 0, result.output
    host = f"127.0.0.1:{page_server.port}"
    assert f"pivot 1: {host}/a [en" in result.output
    assert f"version 2: {host}/b [en" in result.output
    assert f"fetched {a} at " in result.output
    # findings name the versions by host and path, never the scheme
    assert f"Numbers differ: 1.1 only in {host}/a; 1.12 only in {host}/b." in result.output
    assert "http://" not in result.output.split("mode:")[1]


def test_a_fetched_page_keeps_url_final_url_fetch_time_and_its_own_metadata(runner, page_server, page_cache):
    a, moved = page_server.url("/a"), page_server.url("/moved")
    result = run(runner, "compare", a, moved, "--format", "json", "--no-mt")
    assert result.exit_code == 0, result.output
    docs = json.loads(result.output)["documents"]
    assert docs[0]["path"] == a
    assert docs[0]["origin"]["final_url"] == a
    assert docs[0]["origin"]["title"] == "Central bank raises interest rates for the third time this year"
    assert docs[0]["origin"]["author"] == "Anna Weber"
    assert docs[0]["origin"]["date"] == "2024-10-24"
    assert docs[1]["origin"]["url"] == moved
    assert docs[1]["origin"]["final_url"] == page_server.url("/b")
    assert docs[1]["origin"]["author"] == "Ben Miller"
    assert docs[1]["origin"]["fetched_at"].endswith("+00:00")
    # boilerplate around the article is not compared
    assert "cookies" not in docs[0]["text"] and "All rights reserved" not in docs[0]["text"]


def test_the_html_report_shows_url_redirect_and_fetch_time(runner, page_server, page_cache, tmp_path):
    a, moved = page_server.url("/a"), page_server.url("/moved")
    out = tmp_path / "report.html"
    result = run(runner, "compare", a, moved, "-o", str(out), "--no-mt")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert (
        f'fetched from <code class="url">{moved}</code> (redirected to <code class="url">{page_server.url("/b")}</code>)'
        in page
    )
    assert "by Ben Miller, dated 2024-10-25" in page


def test_the_html_report_of_a_page_without_byline_or_date(runner, page_server, page_cache, tmp_path):
    out = tmp_path / "report.html"
    latin = page_server.url("/latin1")
    result = run(runner, "compare", latin, page_server.url("/cp1252"), "-o", str(out), "--no-mt")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert f'fetched from <code class="url">{latin}</code>' in page
    assert "; “Brücke über die Elbe”</span>" in page


def test_urls_and_files_mix(runner, page_server, page_cache, examples):
    local = examples / "wire-story" / "outlet-b.txt"
    result = run(runner, "compare", page_server.url("/a"), str(local), "--format", "text", "--no-mt")
    assert result.exit_code == 0, result.output
    assert "version 2: outlet-b.txt [en" in result.output
    assert "1.12 only in outlet-b.txt" in result.output


def test_requests_carry_an_honest_user_agent(page_server, page_cache):
    fetch(page_server.url("/a"))
    assert page_server.requests == [("/a", USER_AGENT)]
    assert USER_AGENT.startswith("translator/")


def test_pages_are_cached_as_data_in_a_private_folder_until_refresh(runner, page_server, page_cache):
    a, b = page_server.url("/a"), page_server.url("/b")
    assert run(runner, "compare", a, b, "--format", "json", "--no-mt").exit_code == 0
    assert len(page_server.requests) == 2
    assert stat.S_IMODE(page_cache.stat().st_mode) == 0o700
    entries = sorted(p.suffix for p in page_cache.iterdir())
    assert entries == [".body", ".body", ".json", ".json"]
    for meta in page_cache.glob("*.json"):
        assert json.loads(meta.read_text())["url"] in {a, b}
    first = json.loads(run(runner, "compare", a, b, "--format", "json", "--no-mt").output)
    assert len(page_server.requests) == 2  # both from the cache
    page_server.pages["/b"].body = page_server.pages["/b"].body.replace(b"1.12", b"1.15")
    again = json.loads(run(runner, "compare", a, b, "--format", "json", "--no-mt").output)
    assert "1.12" in again["documents"][1]["text"]  # the cached copy, as first fetched
    assert again["documents"][1]["origin"]["fetched_at"] == first["documents"][1]["origin"]["fetched_at"]
    fresh = json.loads(run(runner, "compare", a, b, "--format", "json", "--no-mt", "--refresh").output)
    assert len(page_server.requests) == 4
    assert "1.15" in fresh["documents"][1]["text"]


def test_a_damaged_cache_entry_is_fetched_again(page_server, page_cache):
    url = page_server.url("/a")
    fetch(url)
    body = next(page_cache.glob("*.body"))
    body.write_bytes(b"<html>tampered</html>")
    page = fetch(url)
    assert len(page_server.requests) == 2
    assert b"Lagarde" in page.body


def test_cache_honours_xdg_cache_home(page_server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    fetch(page_server.url("/b"))
    assert len(list((tmp_path / "elsewhere" / "translator" / "pages").glob("*.json"))) == 1


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/loop", "more than 5 redirects"),
        ("/huge", "50 MB is larger than the 8 MB input limit"),
        ("/report.pdf", "is application/pdf, not an HTML page"),
        ("/paywall", "no article text found"),
        ("/gone", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
    ],
)
def test_a_failed_fetch_is_one_line_naming_the_url_and_exit_2(
    runner, page_server, page_cache, path, expected
):
    url = page_server.url(path)
    result = runner.invoke(main, ["compare", url, page_server.url("/a"), "--format", "text"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"translator: error: {url}: ")
    assert expected in result.output
    assert "Traceback" not in result.output


def test_a_streamed_page_over_the_size_cap_is_refused(runner, page_server, page_cache, monkeypatch):
    monkeypatch.setenv("TRANSLATOR_MAX_INPUT_MB", "1")
    url = page_server.url("/endless")  # no Content-Length: refused while reading
    result = runner.invoke(main, ["compare", url, page_server.url("/a")])
    assert result.exit_code == 2
    assert f"{url}: the page is larger than the 1 MB input limit" in result.output


def test_a_slow_server_times_out(runner, page_server, page_cache, monkeypatch):
    monkeypatch.setenv("TRANSLATOR_FETCH_TIMEOUT", "0.5")
    url = page_server.url("/slow")
    result = runner.invoke(main, ["compare", url, page_server.url("/a")])
    assert result.exit_code == 2
    assert result.output == f"translator: error: {url}: no answer within 0.5 s (timed out)\n"


def test_a_refused_connection_names_the_url(runner, page_server, page_cache):
    port = page_server.port
    page_server.close()  # nothing listens on the port any more
    url = f"http://127.0.0.1:{port}/a"
    result = runner.invoke(main, ["compare", url, "-"], input="Some text.")
    assert result.exit_code == 2
    assert result.output.startswith(f"translator: error: {url}: cannot connect (")


def test_a_host_name_that_does_not_resolve_is_said_so(page_cache):
    def no_dns(request: httpx.Request) -> httpx.Response:
        # what httpx raises when getaddrinfo fails, without asking any resolver
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    url = "https://news.example.invalid/story"
    with pytest.raises(InputError) as caught:
        fetch(url, transport=httpx.MockTransport(no_dns))
    assert str(caught.value) == f"{url}: cannot connect (the host name does not resolve)"


@pytest.mark.parametrize("path", ["/latin1", "/cp1252"])
def test_non_utf8_pages_are_decoded(page_server, page_cache, path):
    doc = load_url(page_server.url(path))
    assert "Über die neue Brücke in Dresden fährt künftig auch die Straßenbahn." in doc.text
    assert doc.origin["title"] == "Brücke über die Elbe"
    assert "date" not in doc.origin  # the copyright year is not the article's date


def test_the_same_url_twice_is_refused(runner, page_server, page_cache):
    url = page_server.url("/a")
    result = runner.invoke(main, ["compare", url, url])
    assert result.exit_code == 2
    assert f"{url}: the same URL is given twice" in result.output
    assert page_server.requests == []


def test_default_report_name_comes_from_the_url_path(runner, page_server, page_cache, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "compare", page_server.url("/a"), page_server.url("/b"), "--no-mt")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a-vs-b.html").is_file()
