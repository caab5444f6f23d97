"""``translator serve``: the comparison as a local web page (Starlette).

For people who never open a terminal: paste text, upload files or enter
URLs for two or more versions, optionally set languages, and get the same
report ``compare`` writes, with downloads of the HTML and the JSON.

* **Local by default.** The CLI binds to 127.0.0.1. Requests must name a
  host the server answers to (no DNS rebinding) and a form post must come
  from the app's own pages (no other web site can make the browser start
  comparisons, which would fetch URLs from this machine).
* **Untrusted text.** Every page is rendered by Jinja2 with autoescape; the
  app's pages allow only their own stylesheet and script
  (Content-Security-Policy); the report is the static report, with its own
  policy, shown in a sandboxed frame.
* **Bounded.** A form post is refused past ``versions x`` the input size
  limit (:func:`translator.ingest.load.max_input_bytes`), each pasted text and
  each file past the limit itself; comparisons run one at a time in a
  worker thread, and only the last :data:`KEEP_JOBS` results are kept.
* **No state** beyond one temporary folder, removed when the server stops:
  each job's report and JSON are files in it.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from .errors import InputError
from .ingest.load import max_input_bytes
from .model import Document, is_url
from .resources import resource_dir

#: versions one comparison may have (the form starts with two)
MAX_VERSIONS = 6
#: finished comparisons kept (oldest removed first, folder and all)
KEEP_JOBS = 20
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*$")
_PAGE_CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_STATIC = {"serve.css": "text/css; charset=utf-8", "serve.js": "text/javascript; charset=utf-8"}


@dataclass
class VersionInput:
    """One version as the form gave it: pasted text, an upload or a URL."""

    kind: str  # "text" | "file" | "url"
    name: str
    text: str = ""
    data: bytes = b""
    url: str = ""
    lang: str | None = None
    #: fetch the URL again instead of using the page cache
    refresh: bool = False


@dataclass
class Job:
    """A comparison in progress or done; its files live in ``folder``."""

    id: str
    folder: Path
    names: list[str]
    state: str = "queued"  # queued | running | done | failed
    stage: str = "Waiting for its turn (one comparison runs at a time)"
    done_steps: int = 0
    total_steps: int = 1
    error: str = ""
    summary: dict[str, Any] = field(default_factory=dict)

    def status(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "stage": self.stage,
            "progress": round(self.done_steps / self.total_steps, 3),
            "error": self.error,
        }


def run_comparison(versions: Sequence[VersionInput], job: Job, *, machine_translation: bool = True) -> None:
    """Load every version, compare, and write the report and JSON into the
    job's folder, updating its stage as it goes (the progress indicator)."""
    from .pipeline import CompareOptions, compare_documents, prepare_document
    from .renderers import get_renderer

    job.state = "running"
    job.total_steps = len(versions) + 2
    docs: list[Document] = []
    for i, version in enumerate(versions):
        verb = "Fetching" if version.kind == "url" else "Reading"
        job.stage = f"{verb} version {i + 1} of {len(versions)}: {version.name}"
        docs.append(prepare_document(_load(version), version.lang))
        job.done_steps += 1
    job.stage = "Aligning the versions and running the checks"
    comparison = compare_documents(docs, CompareOptions(machine_translation=machine_translation))
    job.done_steps += 1
    job.stage = "Writing the report"
    (job.folder / "report.html").write_text(get_renderer("html").render(comparison), encoding="utf-8")
    (job.folder / "report.json").write_text(get_renderer("json").render(comparison), encoding="utf-8")
    job.summary = {"findings": len(comparison.findings), **comparison.counts()["severity"]}
    job.done_steps += 1
    job.stage = "Done"
    job.state = "done"


def _load(version: VersionInput) -> Document:
    from .ingest.load import document_from_bytes, document_from_text, load_document

    if version.kind == "url":
        return load_document(version.url, name=version.name, refresh=version.refresh)
    if version.kind == "file":
        return document_from_bytes(version.data, version.name)
    return document_from_text(version.text, version.name)


class App:
    """The application's state: its temporary folder and its jobs."""

    def __init__(self, *, allowed_hosts: Sequence[str] = ("127.0.0.1", "localhost", "[::1]")) -> None:
        self.allowed_hosts = list(allowed_hosts)
        self.folder: Path | None = None
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.lock = threading.Lock()
        self.worker: ThreadPoolExecutor | None = None

    # -- lifecycle -----------------------------------------------------
    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self.folder = Path(tempfile.mkdtemp(prefix="translator-serve-"))
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="translator-compare")
        try:
            yield
        finally:
            self.worker.shutdown(wait=True, cancel_futures=True)
            shutil.rmtree(self.folder, ignore_errors=True)
            self.jobs.clear()

    def starlette(self) -> Starlette:
        routes = [
            Route("/", self.index),
            Route("/compare", self.compare, methods=["POST"]),
            Route("/jobs/{id}", self.job_page),
            Route("/jobs/{id}/status", self.job_status),
            Route("/jobs/{id}/report.html", self.job_file),
            Route("/jobs/{id}/report.json", self.job_file),
            Route("/static/{name}", self.static),
            Route("/favicon.ico", lambda request: Response(status_code=204)),
        ]
        middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=self.allowed_hosts)]
        return Starlette(routes=routes, middleware=middleware, lifespan=self.lifespan)

    # -- pages ---------------------------------------------------------
    async def index(self, request: Request) -> Response:
        return _page("form.html.j2", versions=_blank_versions(2), error="", limits=_limits())

    async def compare(self, request: Request) -> Response:
        if not _same_origin(request):
            return _page("form.html.j2", status=403, versions=_blank_versions(2), limits=_limits(),
                         error="This form can only be sent from the translator page itself.")  # fmt: skip
        limit = max_input_bytes()
        declared = request.headers.get("content-length", "")
        if not declared.isdigit():
            return _page("form.html.j2", status=411, versions=_blank_versions(2), limits=_limits(),
                         error="The browser sent no Content-Length; try another browser.")  # fmt: skip
        if int(declared) > MAX_VERSIONS * limit + 65536:
            return _too_large(limit)
        try:
            form = await request.form(
                max_files=MAX_VERSIONS, max_fields=8 * MAX_VERSIONS, max_part_size=limit
            )
        except Exception:  # starlette's MultiPartException: a part over the limit, too many fields
            return _too_large(limit)
        async with _closing(form):
            fields, versions, error = await _versions_from_form(form, limit)
        if error:
            return _page("form.html.j2", status=400, versions=fields, error=error, limits=_limits())
        job = self._new_job(versions)
        machine_translation = form.get("mt") == "on"
        for version in versions:
            version.refresh = form.get("refresh") == "on"
        assert self.worker is not None
        self.worker.submit(self._run, versions, job, machine_translation)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    def _new_job(self, versions: Sequence[VersionInput]) -> Job:
        assert self.folder is not None
        job_id = secrets.token_urlsafe(12)
        folder = self.folder / job_id
        folder.mkdir(mode=0o700)
        job = Job(job_id, folder, [v.name for v in versions])
        with self.lock:
            self.jobs[job_id] = job
            while len(self.jobs) > KEEP_JOBS:
                _, old = self.jobs.popitem(last=False)
                shutil.rmtree(old.folder, ignore_errors=True)
        return job

    @staticmethod
    def _run(versions: Sequence[VersionInput], job: Job, machine_translation: bool) -> None:
        try:
            run_comparison(versions, job, machine_translation=machine_translation)
        except InputError as exc:
            job.error, job.state = str(exc), "failed"
        except Exception as exc:  # a bug: say so on the page rather than spin forever
            job.error, job.state = (
                f"the comparison failed unexpectedly ({type(exc).__name__}: {exc})",
                "failed",
            )

    def _job(self, request: Request) -> Job | None:
        return self.jobs.get(request.path_params["id"])

    async def job_page(self, request: Request) -> Response:
        job = self._job(request)
        if job is None:
            return _page("job.html.j2", status=404, job=None)
        return _page("job.html.j2", job=job)

    async def job_status(self, request: Request) -> Response:
        job = self._job(request)
        if job is None:
            return JSONResponse({"state": "missing"}, status_code=404)
        return JSONResponse(job.status(), headers={"Cache-Control": "no-store"})

    async def job_file(self, request: Request) -> Response:
        job = self._job(request)
        name = request.url.path.rsplit("/", 1)[-1]
        if job is None or job.state != "done" or not (job.folder / name).is_file():
            return Response("no such report", status_code=404, media_type="text/plain")
        headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
        download = request.query_params.get("download") == "1" or name.endswith(".json")
        stem = "-vs-".join(_file_stem(n) for n in job.names[:3])
        media = "application/json" if name.endswith(".json") else "text/html; charset=utf-8"
        return FileResponse(
            job.folder / name,
            media_type=media,
            headers=headers,
            filename=f"{stem}{Path(name).suffix}" if download else None,
            content_disposition_type="attachment" if download else "inline",
        )

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC:
            return Response("not found", status_code=404, media_type="text/plain")
        path = resource_dir("templates") / "serve" / name
        return FileResponse(path, media_type=_STATIC[name], headers={"X-Content-Type-Options": "nosniff"})


def create_app(*, allowed_hosts: Sequence[str] = ("127.0.0.1", "localhost", "[::1]")) -> Starlette:
    """The ASGI application (``uvicorn`` serves it; tests drive it directly)."""
    return App(allowed_hosts=allowed_hosts).starlette()


# -- form handling ------------------------------------------------------


@dataclass
class FormVersion:
    """What the form shows for one version slot (refilled after an error)."""

    number: int
    text: str = ""
    url: str = ""
    lang: str = ""


def _blank_versions(n: int) -> list[FormVersion]:
    return [FormVersion(i + 1) for i in range(n)]


async def _versions_from_form(form: Any, limit: int) -> tuple[list[FormVersion], list[VersionInput], str]:
    """The versions a form post gives, in slot order, or an error message."""
    from starlette.datastructures import UploadFile

    numbers = sorted(
        {int(m.group(1)) for key in form for m in [re.match(r"^(?:text|url|file|lang)_(\d+)$", key)] if m}
    )
    fields: list[FormVersion] = []
    versions: list[VersionInput] = []
    for n in numbers[: MAX_VERSIONS * 2]:
        text = str(form.get(f"text_{n}") or "")
        url = str(form.get(f"url_{n}") or "").strip()
        lang = str(form.get(f"lang_{n}") or "").strip().lower()
        upload = form.get(f"file_{n}")
        fields.append(FormVersion(len(fields) + 1, text, url, lang))
        given = [kind for kind, present in (("text", text.strip()), ("url", url)) if present]
        if isinstance(upload, UploadFile) and upload.filename:
            given.append("file")
        if not given:
            continue
        label = f"Version {len(fields)}"
        if len(given) > 1:
            return fields, [], f"{label}: give pasted text, a file or a URL, not {' and '.join(given)}"
        if lang and not _LANG.match(lang):
            return fields, [], f"{label}: {lang!r} is not a language code (ISO 639-1, e.g. de, en, fr)"
        version = VersionInput(kind=given[0], name="", lang=lang or None)
        if version.kind == "url":
            if not is_url(url):
                return fields, [], f"{label}: {url!r} is not an http:// or https:// URL"
            version.url = url
        elif version.kind == "file":
            assert isinstance(upload, UploadFile)
            data = await upload.read(limit + 1)
            if len(data) > limit:
                return fields, [], f"{label}: {upload.filename} is larger than the {_mb(limit)} input limit"
            version.data, version.name = data, Path(upload.filename or "upload").name
        else:
            if len(text.encode("utf-8")) > limit:
                return fields, [], f"{label}: the pasted text is larger than the {_mb(limit)} input limit"
            version.text, version.name = text, f"pasted text {len(fields)}"
        versions.append(version)
    if len(versions) < 2:
        return fields or _blank_versions(2), [], "Give at least two versions to compare."
    if len(versions) > MAX_VERSIONS:
        return fields, [], f"At most {MAX_VERSIONS} versions can be compared at once."
    _name_versions(versions)
    return fields, versions, ""


def _name_versions(versions: list[VersionInput]) -> None:
    """Names people read: URLs by host and path, files by file name, pasted
    text by its slot; a name given twice gets the slot number."""
    from .ingest.load import display_names

    for version in versions:
        if version.kind == "url":
            version.name = display_names([version.url])[0]
    seen: dict[str, int] = {}
    for version in versions:
        seen[version.name] = seen.get(version.name, 0) + 1
    for i, version in enumerate(versions):
        if seen[version.name] > 1:
            version.name = f"{version.name} (version {i + 1})"


@contextlib.asynccontextmanager
async def _closing(form: Any) -> AsyncIterator[None]:
    try:
        yield
    finally:
        await form.close()


def _same_origin(request: Request) -> bool:
    """A post from our own page. Browsers say where a request comes from in
    Sec-Fetch-Site (or at least Origin); requests with neither (curl,
    scripts) pass: they are not a browser steered by another site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in {"same-origin", "none"}
    origin = request.headers.get("origin")
    if origin is not None:
        return origin == f"{request.url.scheme}://{request.headers.get('host', '')}"
    return True


def _mb(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"


def _limits() -> dict[str, Any]:
    return {"mb": _mb(max_input_bytes()), "versions": MAX_VERSIONS}


def _too_large(limit: int) -> Response:
    return _page(
        "form.html.j2",
        status=413,
        versions=_blank_versions(2),
        limits=_limits(),
        error=f"The upload is too large: each version may be at most {_mb(limit)}.",
    )


def _file_stem(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name.split("/")[-1].split(".")[0] or "version")


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates") / "serve")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


_ENV: Any = None


def _page(template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    from . import __version__

    html = _ENV.get_template(template).render(version=__version__, **context)
    headers = {
        "Content-Security-Policy": _PAGE_CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cache-Control": "no-store",
    }
    return HTMLResponse(html, status_code=status, headers=headers)
