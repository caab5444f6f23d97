"""``translator serve``: the comparison as a local web page."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Only this computer can connect unless you give another (e.g. 0.0.0.0).",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on."
)
def serve(host: str, port: int) -> None:
    """Open a local web page to compare versions without a terminal.

    Paste text, upload files or enter URLs for two or more versions and get
    the same report as 'translator compare', with downloads of the HTML and
    the JSON. Nothing is kept after the server stops (Ctrl-C).
    """
    import errno
    import socket

    from ..errors import InputError

    local = host in {"127.0.0.1", "localhost", "::1"}
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise InputError(f"port {port} on {host} is in use; choose another with --port") from None
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    finally:
        probe.close()

    import uvicorn

    from ..webapp import create_app

    app = create_app(allowed_hosts=("127.0.0.1", "localhost", "[::1]") if local else ("*",))
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"translator serve: open http://{shown}:{port}/ in your browser (Ctrl-C stops the server)", err=True
    )
    if not local:
        click.echo(
            f"translator serve: warning: listening on {host}, other computers can use this page", err=True
        )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)
