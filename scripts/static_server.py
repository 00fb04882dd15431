"""Serve the built ``site/`` locally the way our hosts serve it.

Why: ``make serve`` (MkDocs' live preview) has no search index and no per-language not-found pages;
those are made after MkDocs. Editors and tests use this server to see the real built site.
Not-found rule (README, "Serving"): a missing address under /ku/, /tr/ or /en/ gets that
language's 404 page, anything else the root's.
"""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

from scripts.site_config import languages


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, plus our not-found rule."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        path = self.path.split("?", 1)[0].lstrip("/")
        prefixes = sorted((language.prefix for language in languages()), key=len, reverse=True)
        prefix = next(prefix for prefix in prefixes if path.startswith(prefix))
        body = (Path(self.directory) / prefix / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the preview and the tests do not need a line per request."""


def make_server(site_dir: Path, host: str = "127.0.0.1", port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server for ``site_dir`` (port 0 picks a free port)."""
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    return http.server.ThreadingHTTPServer((host, port), handler)
