"""A local web server of fixture pages for URL inputs (127.0.0.1 only).

The stdlib ``http.server`` in a thread, serving articles wrapped in the
boilerplate of a real news page (navigation, cookie banner, footer) and
every way a fetch can go wrong: redirects and redirect loops, a slow
server, a huge page (declared and streamed), a PDF, a Latin-1 page with a
declared charset and a cp1252 page without one, a paywall stub, 404 and
500. Nothing here touches the internet.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: how long /slow waits before answering (tests set a shorter fetch timeout)
SLOW_SECONDS = 3.0


def article_page(
    paragraphs: list[str], *, title: str, author: str = "", date: str = "", lang: str = "en"
) -> str:
    """An article page as news sites build them: the body paragraphs inside
    ``<article>``, wrapped in navigation, a cookie banner and a footer that
    extraction must drop. Paragraph text is escaped; pass raw text."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    meta = ""
    if author:
        meta += f'<meta name="author" content="{html.escape(author)}">\n'
    if date:
        meta += f'<meta property="article:published_time" content="{html.escape(date)}">\n'
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
{meta}</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>{html.escape(title)}</h1>
{body}
</article>
<footer>Copyright 2024 The Daily Example. All rights reserved. Imprint. Privacy.</footer>
</body></html>"""


def example_paragraphs(name: str) -> list[str]:
    """The paragraphs of an example text file (blank-line separated)."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


@dataclass
class Response:
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    #: seconds to wait before answering
    delay: float = 0.0
    #: send this many bytes of filler after the body without Content-Length
    stream: int = 0


def default_pages() -> dict[str, Response]:
    a = example_paragraphs("wire-story/outlet-a.txt")
    b = example_paragraphs("wire-story/outlet-b.txt")
    page_a = article_page(a[1:], title=a[0], author="Anna Weber", date="2024-10-24")
    page_b = article_page(b[1:], title=b[0], author="Ben Miller", date="2024-10-25")
    latin = article_page(
        [
            "Über die neue Brücke in Dresden fährt künftig auch die Straßenbahn.",
            "Die Arbeiten beginnen im März und sollen gut zwei Jahre dauern, teilte die Stadt mit.",
            "Für die Bauzeit wird eine Umleitung über die Albertbrücke eingerichtet.",
            "Anwohner kritisieren den Lärm, Händler fürchten weniger Kundschaft in der Straße.",
            "Der Stadtrat hatte dem Vorhaben im Herbst mit großer Mehrheit zugestimmt.",
        ],
        title="Brücke über die Elbe",
        lang="de",
    )
    cp1252 = latin.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    stub = (
        "<!DOCTYPE html><html><head><title>Subscriber exclusive</title></head><body>"
        "<article><h1>Council approves budget</h1><p>Subscribe to continue reading.</p></article>"
        "<div class='paywall'>Already a subscriber? Log in.</div></body></html>"
    )
    return {
        "/a": Response(body=page_a.encode()),
        "/b": Response(body=page_b.encode()),
        "/moved": Response(status=301, headers=(("Location", "/redirect-2"),)),
        "/redirect-2": Response(status=302, headers=(("Location", "/b"),)),
        "/loop": Response(status=302, headers=(("Location", "/loop"),)),
        "/slow": Response(body=page_a.encode(), delay=SLOW_SECONDS),
        "/huge": Response(body=page_a.encode(), headers=(("Content-Length", str(50 * 1024 * 1024)),)),
        "/endless": Response(body=page_a.encode(), stream=4 * 1024 * 1024),
        "/report.pdf": Response(content_type="application/pdf", body=b"%PDF-1.7\n" + b"0" * 2000),
        "/latin1": Response(content_type="text/html; charset=iso-8859-1", body=latin.encode("latin-1")),
        "/cp1252": Response(content_type="text/html", body=cp1252.encode("cp1252")),
        "/paywall": Response(body=stub.encode()),
        "/gone": Response(status=404, body=b"<html><body>Not found</body></html>"),
        "/broken": Response(status=500, body=b"<html><body>Internal error</body></html>"),
    }


class PageServer:
    """A running fixture server: ``url(path)``, ``pages`` to add or change
    pages, and ``requests`` (every path asked for, with its User-Agent)."""

    def __init__(self, pages: dict[str, Response]) -> None:
        self.pages = pages
        self.requests: list[tuple[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                page = server.pages.get(self.path.split("?")[0])
                if page is None:
                    page = Response(status=404, body=b"<html><body>no such page</body></html>")
                if page.delay:
                    time.sleep(page.delay)
                try:
                    self.send_response(page.status)
                    self.send_header("Content-Type", page.content_type)
                    names = {k.lower() for k, _ in page.headers}
                    for key, value in page.headers:
                        self.send_header(key, value)
                    if "content-length" not in names and not page.stream:
                        self.send_header("Content-Length", str(len(page.body)))
                    if page.stream:
                        self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(page.body)
                    sent = 0
                    while sent < page.stream:
                        self.wfile.write(b" " * 65536)
                        sent += 65536
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on purpose (too large, timed out)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serving(monkeypatch) -> Iterator[PageServer]:
    """A running fixture server for one test (body of a ``page_server``
    fixture: test modules define it as ``yield from serving(monkeypatch)``)."""
    # a proxy configured on the machine must not see (or swallow) local requests
    monkeypatch.setenv("NO_PROXY", "*")
    server = PageServer(default_pages())
    yield server
    server.close()


def private_cache(tmp_path: Path, monkeypatch) -> Path:
    """Point the page cache into ``tmp_path`` (XDG_CACHE_HOME); returns its folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "translator" / "pages"
