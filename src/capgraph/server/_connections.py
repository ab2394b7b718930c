"""Limits on the connections themselves: how many, how slow, how long idle.

A thread per connection is cheap until a client opens hundreds and sends
nothing (slowloris), or sends its body a byte a second. So:

- at most ``max_connections`` are open at once; one more gets ``503`` naming
  the limit and is closed at once;
- a request's line and headers must arrive within ``header_timeout`` seconds
  of its first byte being awaited; otherwise the client gets ``408`` and the
  connection is closed. The same socket timeout closes a keep-alive
  connection idle for that long;
- a body must arrive within ``body_timeout`` seconds in all (not per read:
  a byte a second would never trip a per-read timeout), else ``408``.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from io import BufferedIOBase

__all__ = [
    "DEFAULT_BODY_TIMEOUT",
    "DEFAULT_HEADER_TIMEOUT",
    "DEFAULT_MAX_CONNECTIONS",
    "ConnectionLimits",
    "HeaderWatch",
    "read_within",
    "refuse_connection",
]

DEFAULT_MAX_CONNECTIONS = 64
DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_BODY_TIMEOUT = 30.0


@dataclass(frozen=True)
class ConnectionLimits:
    """How many connections, and how long a request line, headers and body may take."""

    max_connections: int = DEFAULT_MAX_CONNECTIONS
    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    body_timeout: float = DEFAULT_BODY_TIMEOUT


def _plain(status: int, reason: str, message: str) -> bytes:
    body = (message + "\n").encode("utf-8")
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def refuse_connection(connection: socket.socket, limit: int) -> None:
    """Answer 503 on a connection past the limit, and close it."""
    message = f"busy: the server has its limit of {limit} open connections; retry later"
    try:
        connection.settimeout(1.0)
        connection.sendall(_plain(503, "Service Unavailable", message))
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        connection.close()


class HeaderWatch:
    """Cut a connection whose request line and headers take over ``seconds`` (408)."""

    def __init__(self, connection: socket.socket, seconds: float) -> None:
        self._connection = connection
        self._seconds = seconds
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self.fired = False

    def start(self) -> None:
        self._timer = threading.Timer(self._seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def _fire(self) -> None:
        with self._lock:
            if self._timer is None:
                return
            self._timer = None
            self.fired = True
        message = f"the request line and headers did not arrive within {self._seconds:g} s"
        try:
            self._connection.sendall(_plain(408, "Request Timeout", message))
            self._connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class BodyTimeout(Exception):
    """The body did not arrive in time."""


def read_within(stream: BufferedIOBase, length: int, seconds: float) -> bytes:
    """Read ``length`` bytes within ``seconds`` in all; ``BodyTimeout`` otherwise."""
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    remaining = length
    while remaining > 0:
        if time.monotonic() > deadline:
            raise BodyTimeout
        try:
            chunk = stream.read1(min(remaining, 65536))
        except TimeoutError:
            raise BodyTimeout from None
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
