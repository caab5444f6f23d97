"""Versions given as URLs: fetch the page, extract the article, keep where it came from.

The page is fetched with httpx under firm limits, because a URL is input
from the open web: a connect/read timeout and an overall deadline (a server
that trickles bytes cannot hang a compare), at most :data:`MAX_REDIRECTS`
redirects, at most :func:`~translator.ingest.load.max_input_bytes` of body (refused
by ``Content-Length`` before reading, or as soon as the stream passes it),
HTML only, and an honest ``User-Agent`` that names the tool. The text is
decoded with the charset the server declares, else as local files are
(:func:`translator.ingest.load.decode`), and the article is extracted with
trafilatura exactly as for an HTML file (:mod:`translator.formats.html`).
Title, byline and date go into :attr:`Document.origin` with the URL, the
final URL after redirects and the fetch time.

Every failure — DNS, refused connection, timeout, HTTP error status, not
HTML, too large, no article text — is an :class:`InputError` naming the URL
in one line, so ``compare`` exits 2 without a traceback.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from .. import __version__
from ..errors import InputError
from ..model import Document
from . import pagecache

#: seconds to connect, and between two reads of the response
TIMEOUT = 10.0
#: seconds for the whole response, however the server paces it
DEADLINE = 30.0
MAX_REDIRECTS = 5
#: fewer words than this after extraction is no article: a paywall, a
#: consent wall or a page that builds its text with JavaScript
MIN_ARTICLE_WORDS = 30
USER_AGENT = f"translator/{__version__} (offline article comparison; fetches only the URLs it is given)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def fetch_timeout() -> float:
    """Seconds to wait for a server (TRANSLATOR_FETCH_TIMEOUT, default 10)."""
    from .load import positive_setting

    return positive_setting("TRANSLATOR_FETCH_TIMEOUT", TIMEOUT, "seconds")


def fetch(url: str, *, refresh: bool = False, transport: Any = None) -> pagecache.CachedPage:
    """The page at ``url``: from the cache unless ``refresh``, else fetched
    (and then cached). Raises :class:`InputError` naming the URL.

    ``transport`` is an httpx transport to fetch through instead of the
    network (a proxy-less embedding, or a test's simulated failure)."""
    if not refresh:
        cached = pagecache.load(url)
        if cached is not None:
            return cached
    page = _download(url, fetch_timeout(), transport)
    pagecache.store(page)
    return page


def _download(url: str, timeout: float, transport: Any = None) -> pagecache.CachedPage:
    import httpx

    from .load import max_input_bytes

    limit = max_input_bytes()
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    }
    started = time.monotonic()
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=httpx.Timeout(timeout),
                headers=headers,
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise InputError(f"{url}: the server answered HTTP {response.status_code} {reason}")
            mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if mime not in _HTML_TYPES:
                raise InputError(
                    f"{url}: is {mime or 'of no stated type'}, not an HTML page;"
                    " save it and compare the file if it is text"
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise InputError(_too_large(url, int(declared), limit))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise InputError(_too_large(url, None, limit))
                if time.monotonic() - started > DEADLINE:
                    raise InputError(f"{url}: the page took longer than {DEADLINE:g} s to download")
                chunks.append(chunk)
            return pagecache.CachedPage(
                url=url,
                final_url=str(response.url),
                status=response.status_code,
                content_type=mime,
                charset=response.charset_encoding,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                body=b"".join(chunks),
            )
    except httpx.TooManyRedirects:
        raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise InputError(f"{url}: no answer within {timeout:g} s (timed out)") from None
    except httpx.ConnectError as exc:
        raise InputError(f"{url}: cannot connect ({_reason(exc)})") from None
    except httpx.UnsupportedProtocol:
        raise InputError(f"{url}: only http:// and https:// URLs can be fetched") from None
    except (httpx.InvalidURL, httpx.LocalProtocolError):
        raise InputError(f"{url}: is not a valid URL") from None
    except httpx.HTTPError as exc:
        raise InputError(f"{url}: the download failed ({_reason(exc)})") from None


def _too_large(url: str, size: int | None, limit: int) -> str:
    shown = f"{size / (1024 * 1024):.0f} MB" if size is not None else "the page"
    return (
        f"{url}: {shown} is larger than the {limit / (1024 * 1024):g} MB input limit;"
        " set TRANSLATOR_MAX_INPUT_MB to raise it"
    )


def _reason(exc: Exception) -> str:
    """The innermost cause's words: httpx wraps the socket error, whose text
    says what happened ("Name or service not known", "Connection refused")."""
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "the host name does not resolve"
    return text.split("] ")[-1] or type(exc).__name__


def decode_page(page: pagecache.CachedPage) -> str:
    """The page's text: in the charset the server declared when Python knows
    it, else detected as for a local file (BOM, UTF-8, legacy code pages)."""
    import codecs

    from .load import decode

    if page.charset:
        try:
            codecs.lookup(page.charset)
        except LookupError:
            pass
        else:
            return page.body.decode(page.charset, errors="replace")
    text, _ = decode(page.body, page.url)
    return text


def load_url(url: str, *, name: str | None = None, refresh: bool = False) -> Document:
    """Fetch ``url`` and extract its article into a :class:`Document` (no
    segments yet, as :func:`translator.ingest.load.load_document` returns)."""
    from .load import display_names, document_from_text

    page = fetch(url, refresh=refresh)
    source = decode_page(page)
    try:
        doc = document_from_text(source, url, fmt="html", encoding=page.charset or "detected")
    except InputError:
        doc = None
    words = len(doc.text.split()) if doc is not None else 0
    if doc is None or words < MIN_ARTICLE_WORDS:
        raise InputError(
            f"{url}: no article text found ({words} words; a paywall, a consent page or"
            " a page that needs JavaScript?); save the article and compare the file"
        )
    doc.name = name or display_names([url])[0]
    doc.path = url
    doc.origin = {"url": url, "final_url": page.final_url, "fetched_at": page.fetched_at}
    doc.origin.update(_metadata(source, page.final_url))
    return doc


def _metadata(source: str, url: str) -> dict[str, str]:
    """Title, byline, date and site name as the page states them."""
    import logging

    from trafilatura import extract_metadata

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        # only dates the page states (meta tags, structured data): the
        # extensive search guesses from copyright lines and the like
        meta = extract_metadata(source, default_url=url, date_config={"extensive_search": False})
    except Exception:  # trafilatura raises assorted errors on odd markup
        return {}
    out: dict[str, str] = {}
    for key, field in (("title", "title"), ("author", "author"), ("date", "date"), ("sitename", "sitename")):
        value = getattr(meta, field, None)
        if value:
            out[key] = " ".join(str(value).split())
    return out
