"""A test server that serves a built site the way GitHub Pages does, to show what readers there get.

Why: GitHub Pages is the default host (README, "Deploying") and it cannot be run here. What it does
differently from our other hosts is small and documented, and this server does exactly that:
- no custom headers: ``_headers`` is ignored, so the security policy comes only from each page's
  ``<meta http-equiv=Content-Security-Policy>``;
- ``Cache-Control: max-age=600`` on every answer;
- a directory address gets its ``index.html``; without its trailing slash, a 301 to it;
- every missing address gets the root ``/404.html`` with status 404 (no per-language pages);
- ``answering = False`` stops answering (the connection is closed), for offline reading tests.
Our own scripts/serve/static_server.py (``make preview``) is left as it is: it follows ``_headers``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from scripts.serve.static_server import Body, QuietServer, in_background

CACHE_CONTROL = "max-age=600"
TEXT_TYPES = ("application/javascript", "application/json", "application/manifest+json", "image/svg+xml")


class GitHubPagesServer(QuietServer):
    """The server, with ``answering`` (False: every connection is closed without an answer)."""

    answering: bool = True


class GitHubPagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with GitHub Pages' rules only."""

    server: GitHubPagesServer
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".webmanifest": "application/manifest+json",
    }

    def handle_one_request(self) -> None:
        if not self.server.answering:
            self.close_connection = True
            return
        super().handle_one_request()

    def send_head(self) -> Body | None:
        address = unquote(urlsplit(self.path).path)
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            if not address.endswith("/"):
                self.send_response(301)
                self.send_header("Location", address + "/")
                self.send_header("Cache-Control", CACHE_CONTROL)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            local = local / "index.html"
        if local.is_file():
            return self.answer(200, local)
        return self.answer(404, Path(self.directory) / "404.html")

    def answer(self, status: int, local: Path) -> Body:
        body = local.read_bytes()
        kind = self.guess_type(str(local))
        if kind.startswith("text/") or kind in TEXT_TYPES:
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.end_headers()
        return Body(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests do not need a line per request."""


@contextlib.contextmanager
def running(site: Path) -> Iterator[tuple[str, GitHubPagesServer]]:
    """Serve ``site`` on a free port of 127.0.0.1: (base URL ending in '/', the server)."""
    handler = functools.partial(GitHubPagesHandler, directory=str(site))
    server = GitHubPagesServer(("127.0.0.1", 0), handler)
    with in_background(server) as url:
        yield url, server
