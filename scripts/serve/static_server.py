"""Serve the built ``site/`` locally the way our hosts serve it.

Why: ``make serve`` (MkDocs' live preview) has no search index, no per-language not-found pages,
no cache headers and no compression; those come after MkDocs. Editors, tests and the benchmark use
this server to see the real built site:
- headers from ``site/_headers`` (Netlify format, written by the build), so cache rules are tested;
- the precompressed ``.br`` / ``.gz`` twins when the browser accepts them (gzip made on the fly
  for a site without twins, such as the benchmark's reference build);
- the not-found rule (README, "Serving"): a missing address under /ku/, /tr/ or /en/ gets that
  language's 404 page, anything else the root's.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import mimetypes
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from scripts.finish.compression import TEXT_SUFFIXES
from scripts.site_config import languages

mimetypes.add_type("application/manifest+json", ".webmanifest")
# Netlify's and Cloudflare Pages' Cache-Control for a file no _headers rule names (scripts/serve/serving.py).
HOST_DEFAULT_CACHE = "public, max-age=0, must-revalidate"


def read_headers_file(site_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Address -> headers, from a Netlify-style _headers file (exact addresses and `*` at the end)."""
    rules: ClassVar[dict[str, list[tuple[str, str]]]] = {}
    path = site_dir / "_headers"
    if not path.exists():
        return rules
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            current = line.strip()
            rules.setdefault(current, [])
        elif current is not None:
            name, _, value = line.strip().partition(":")
            rules[current].append((name.strip(), value.strip()))
    return rules


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with our headers, compression and not-found rule."""

    rules: ClassVar[dict[str, list[tuple[str, str]]]] = {}

    def headers_for(self, address: str) -> list[tuple[str, str]]:
        found = list(self.rules.get(address, []))
        for pattern, headers in self.rules.items():
            if pattern.endswith("*") and address.startswith(pattern[:-1]) and pattern != address:
                found += headers
        if not any(name.lower() == "cache-control" for name, _ in found):
            found.append(("Cache-Control", HOST_DEFAULT_CACHE))  # what Netlify and Cloudflare send
        return found

    def send_head(self) -> Body | None:
        address = unquote(urlsplit(self.path).path)
        self.server.requests.append(address)
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            if not address.endswith("/"):
                self.send_response(301)
                self.send_header("Location", address + "/")
                self.end_headers()
                return None
            local = local / "index.html"
        if not local.is_file():
            self.send_error(404)
            return None
        body, encoding = self.body_for(local)
        self.send_response(200)
        kind = self.guess_type(str(local))
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        for name, value in self.headers_for(address):
            self.send_header(name, value)
        self.end_headers()
        return Body(body)

    def body_for(self, local: Path) -> tuple[bytes, str]:
        accepted = self.headers.get("Accept-Encoding", "")
        if local.suffix in TEXT_SUFFIXES:
            for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
                twin = local.with_name(local.name + suffix)
                if encoding in accepted and twin.exists():
                    return twin.read_bytes(), encoding
            if "gzip" in accepted:
                return gzip.compress(local.read_bytes(), mtime=0), "gzip"
        return local.read_bytes(), ""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        path = self.path.split("?", 1)[0].lstrip("/")
        prefixes = sorted((language.prefix for language in languages()), key=len, reverse=True)
        prefix = next(prefix for prefix in prefixes if path.startswith(prefix))
        page = Path(self.directory) / prefix / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the preview and the tests do not need a line per request."""


class Body:
    """What send_head returns: something copyfile() can read."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading server that says nothing when a browser hangs up before its answer is sent
    (a reader moved on, a test closed the page): the standard one prints a traceback for each,
    many times over in `make preview`, the benchmark and a test run. Any other error is printed."""

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        if isinstance(sys.exception(), ConnectionError):
            return
        super().handle_error(request, client_address)


def make_server(site_dir: Path, host: str = "127.0.0.1", port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server for ``site_dir`` (port 0 picks a free port)."""
    handler_class = type("Handler", (SiteHandler,), {"rules": read_headers_file(site_dir)})
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = QuietServer((host, port), handler)
    server.requests = []  # every address asked for, in order: tests count what a view downloads
    return server


@contextlib.contextmanager
def in_background(server: http.server.HTTPServer) -> Iterator[str]:
    """Run ``server`` (bound to 127.0.0.1) in a thread for the ``with`` block: its base URL, ending
    in '/'. One place for the start and the stop of every local server the tests use."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def running(site_dir: Path) -> Iterator[tuple[str, http.server.ThreadingHTTPServer]]:
    """Serve a site in the background on a free port: (base URL ending in '/', the server,
    whose ``requests`` list logs every address asked for). Used by the tests and the benchmark."""
    server = make_server(site_dir)
    with in_background(server) as url:
        yield url, server
