"""Network helpers for hermetic tests: nothing here ever leaves 127.0.0.1."""

from __future__ import annotations

import socket


def closed_port() -> int:
    """A local port nothing listens on: a request to it fails at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
