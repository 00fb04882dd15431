"""A proxy in front of the test nginx that can delay, change or drop answers.

Why: Playwright's offline mode does not reach service workers (their fetches still go out), so
"the network failed" is made the way it happens to readers: the server stops answering. Slow
networks and newly published pages are made the same way, without touching the site on disk.
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scripts.serve.static_server import in_background

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}


@dataclass
class Control:
    """What the proxy does to the next answers; tests change it while the browser runs."""

    drop: bool = False  # close every connection without an answer
    delay: dict[str, float] = field(default_factory=dict)  # path -> seconds before answering
    replace: dict[str, bytes] = field(default_factory=dict)  # path -> HTML body sent instead


def handler_for(upstream: tuple[str, int], control: Control) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if control.drop:
                self.close_connection = True
                return
            time.sleep(control.delay.get(path, 0))
            if control.drop:
                self.close_connection = True
                return
            connection = http.client.HTTPConnection(*upstream, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            if path in control.replace:
                headers.pop("Accept-Encoding", None)
            try:
                connection.request("GET", self.path, headers=headers)
                answer = connection.getresponse()
                body = answer.read()
            except OSError:  # the test has ended and its server stopped while this answer waited
                self.close_connection = True
                return
            sent = [
                (k, v) for k, v in answer.getheaders() if k.lower() not in HOP_BY_HOP | {"content-length"}
            ]
            if path in control.replace:
                body = control.replace[path]
                sent = [
                    (k, v) for k, v in sent if k.lower() not in ("content-encoding", "etag", "last-modified")
                ]
            connection.close()
            self.send_response(answer.status)
            for name, value in sent:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    return Handler


@contextlib.contextmanager
def running(upstream_url: str) -> Iterator[tuple[str, Control]]:
    """Proxy ``upstream_url`` (the test nginx) on a free port: (base URL, Control)."""
    parts = urlsplit(upstream_url)
    control = Control()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), handler_for((parts.hostname or "127.0.0.1", parts.port or 80), control)
    )
    server.daemon_threads = True
    with in_background(server) as url:
        yield url, control
