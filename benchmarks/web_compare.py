"""A journalist's first compare: two article URLs, and the same in ``translator serve``.

Builds a pair of article pages of about 1,000 words each from the WMT21
news set (two independent professional English translations of the same
German articles, so the pair differs the way two outlets' copies do),
serves them from a local HTTP server on 127.0.0.1, and times:

* ``translator compare URL URL`` in a fresh process with an empty page
  cache (fetch, extract, compare, write the report) — the issue's target
  is under 5 s;
* the same command again (pages from the cache);
* the baseline, measured in the same run: the same texts compared as local
  ``.txt`` files;
* the web app: from posting the two URLs to a running ``translator serve``
  until its report is ready.

Wall time and CPU time (user + system of the child processes) are printed
with the load average, which on a shared machine says how far wall time is
from what an idle one would show.

    python benchmarks/web_compare.py [--data DIR] [--runs 3] [--words 1000]

DIR holds ``wmt21-news/`` (default ``../shared/bench`` from the repository
root, or ``$TRANSLATOR_BENCH_DATA``); without it the benchmark skips.
"""

from __future__ import annotations

import argparse
import html
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article_lines(data: Path, words: int) -> tuple[list[str], list[str]]:
    """Consecutive sentences of both translations until A has ``words`` words."""
    folder = data / "wmt21-news"
    a = (folder / "newstest2021.de-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    b = (folder / "newstest2021.de-en.ref.B.en").read_text(encoding="utf-8").splitlines()
    count = n = 0
    while n < len(a) and count < words:
        count += len(a[n].split())
        n += 1
    return a[:n], b[:n]


def page(lines: list[str], title: str) -> bytes:
    paragraphs = ["\n".join(lines[i : i + 4]) for i in range(0, len(lines), 4)]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{html.escape(title)}</h1>"
        f"{body}</article><footer>Copyright. Imprint. Privacy.</footer></body></html>"
    ).encode()


def serve_pages(pages: dict[str, bytes]) -> tuple[ThreadingHTTPServer, int]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    cpu, start = child_cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, child_cpu() - cpu


def serve_run(exe: str, env: dict[str, str], urls: list[str]) -> tuple[float, float]:
    """Seconds from posting the form to the finished report, and the
    server's CPU seconds for it (from /proc, Linux)."""
    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [exe, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120, trust_env=False) as client:
            while True:
                try:
                    client.get("/")
                    break
                except httpx.ConnectError:
                    time.sleep(0.05)
            cpu = _proc_cpu(proc.pid)
            start = time.perf_counter()
            job = client.post("/compare", data={"url_1": urls[0], "url_2": urls[1], "mt": "on"}).headers[
                "location"
            ]
            while client.get(f"{job}/status").json()["state"] not in {"done", "failed"}:
                time.sleep(0.02)
            return time.perf_counter() - start, _proc_cpu(proc.pid) - cpu
    finally:
        proc.terminate()
        proc.wait()


def _proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()
    data = args.data or Path(os.environ.get("TRANSLATOR_BENCH_DATA") or ROOT.parent / "shared" / "bench")
    if not (data / "wmt21-news").is_dir():
        print(f"skipped: {data / 'wmt21-news'} not found (give --data DIR or TRANSLATOR_BENCH_DATA)")
        return 0
    exe = shutil.which("translator") or str(Path(sys.executable).with_name("translator"))
    a, b = article_lines(data, args.words)
    server, port = serve_pages({"/a": page(a[1:], a[0]), "/b": page(b[1:], b[0])})
    urls = [f"http://127.0.0.1:{port}/a", f"http://127.0.0.1:{port}/b"]
    work = Path(tempfile.mkdtemp(prefix="web-bench-"))
    (work / "a.txt").write_text("\n\n".join(a), encoding="utf-8")
    (work / "b.txt").write_text("\n\n".join(b), encoding="utf-8")
    print(
        f"pair: {sum(len(x.split()) for x in a)} / {sum(len(x.split()) for x in b)} words, {len(a)} sentences each"
    )
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    rows: dict[str, list[tuple[float, float]]] = {
        "files (baseline)": [],
        "URLs, first fetch": [],
        "URLs, cached": [],
        "serve, post to report": [],
    }
    for run in range(args.runs):
        env = {**os.environ, "XDG_CACHE_HOME": str(work / f"cache-{run}"), "NO_PROXY": "*"}
        out = ["-o", str(work / "report.html"), "--no-mt"]
        rows["files (baseline)"].append(
            timed_run([exe, "compare", str(work / "a.txt"), str(work / "b.txt"), *out], env)
        )
        rows["URLs, first fetch"].append(timed_run([exe, "compare", *urls, *out], env))
        rows["URLs, cached"].append(timed_run([exe, "compare", *urls, *out], env))
        serve_env = {**env, "XDG_CACHE_HOME": str(work / f"serve-cache-{run}")}
        rows["serve, post to report"].append(serve_run(exe, serve_env, urls))
    print(f"{'run':<24} {'wall s (median)':>16} {'best':>7} {'CPU s (median)':>15}")
    for name, values in rows.items():
        walls = [w for w, _ in values]
        cpus = [c for _, c in values]
        print(
            f"{name:<24} {statistics.median(walls):16.2f} {min(walls):7.2f} {statistics.median(cpus):15.2f}"
        )
    first = statistics.median(w for w, _ in rows["URLs, first fetch"])
    base = statistics.median(w for w, _ in rows["files (baseline)"])
    print(
        f"fetching costs {first - base:+.2f} s over the files; target under 5 s: {'met' if first < 5 else 'NOT met'}"
    )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    server.shutdown()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
