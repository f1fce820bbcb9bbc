"""A local stand-in for the Fingertips API: a real HTTP server on 127.0.0.1, in a thread.

It answers ``/api/all_data/csv/by_indicator_id`` (also when asked as a proxy, with the
absolute URL as the request target) with the fixture
``tests/fixtures/fingertips/<indicator_ids>_<child_area_type_id>_<parent_area_type_id>.csv``
(hand-made in the documented shape, see the README there) and 404 for anything else. A test
scripts failures per fixture name: each request takes the next action from its queue
("500", "503-retry-after", "slow", "truncate", or a fixture name to serve instead); an
empty queue serves the fixture normally.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent.parent / "fixtures" / "fingertips"
ENDPOINT = "/api/all_data/csv/by_indicator_id"


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that timed out and hung up is part of the test, not news


class FingertipsStandIn:
    """Start with ``with FingertipsStandIn() as api:``; ``api.base_url`` is the API root."""

    def __init__(self, slow_seconds: float = 1.0) -> None:
        self.actions: dict[str, deque[str]] = defaultdict(deque)
        self.requests: list[str] = []  # every path+query received, in order
        self.slow_seconds = slow_seconds
        self.pause = 0.0  # seconds every answer waits (to see requests overlap)
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/api"

    def script(self, fixture: str, *actions: str) -> None:
        """Queue ``actions`` for the requests that ask for ``fixture`` (e.g. '41001_502_6')."""
        self.actions[fixture].extend(actions)

    def __enter__(self) -> FingertipsStandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, fixture: str) -> str | None:
        with self._lock:
            queue = self.actions[fixture]
            return queue.popleft() if queue else None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep the test output quiet
                pass

            def do_GET(self) -> None:
                with stand_in._lock:
                    stand_in.requests.append(self.path)
                    stand_in.in_flight += 1
                    stand_in.most_in_flight = max(stand_in.most_in_flight, stand_in.in_flight)
                try:
                    time.sleep(stand_in.pause)
                    self._answer()
                finally:
                    with stand_in._lock:
                        stand_in.in_flight -= 1

            def _answer(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                names = ("indicator_ids", "child_area_type_id", "parent_area_type_id")
                if parts.path != ENDPOINT or not all(n in query for n in names):
                    return self._send(404, b"not found", "text/plain")
                fixture = "_".join(query[n] for n in names)
                action = stand_in._next(fixture)
                if action == "500":
                    return self._send(500, b"Internal Server Error", "text/plain")
                if action == "503-retry-after":
                    return self._send(503, b"busy", "text/plain", {"Retry-After": "3"})
                if action == "slow":
                    time.sleep(stand_in.slow_seconds)  # longer than the client's timeout
                served = action if action not in (None, "slow", "truncate") else fixture
                path = FIXTURES / f"{served}.csv"
                if not path.exists():
                    return self._send(404, b"no such fixture", "text/plain")
                body = path.read_bytes()
                if action == "truncate":
                    # announce the whole length, send half, hang up: a cut-short download
                    self.send_response(200)
                    self.send_header("Content-Type", "text/csv")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return None
                return self._send(200, body, "text/csv")

            def _send(
                self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
