"""Shared fixtures: the site is built once per test run, served once, and one browser is started.

Tests assert on what users get (built HTML, pages in Chromium), never on helpers alone.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import build
from scripts.site_config import ROOT, Language, languages

ARTIFACTS = ROOT / "test-artifacts"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def site_languages() -> list[Language]:
    return languages()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built with the same command as ``make build``, into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("build") / "site"
    assert build.build(site_dir=site_dir) == 0, "the site does not build; run `make build` to see why"
    return site_dir


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static file server with the not-found rule of our nginx config (README, "Serving"):
    a missing address under /ku/, /tr/ or /en/ gets that language's 404 page, any other the root's."""

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

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """Serve the built site on a free local port; yields the base URL ending in ``/``."""
    handler = functools.partial(SiteHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium: Debian's where it exists (downloads fail on our CI machines)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = DEBIAN_CHROMIUM if DEBIAN_CHROMIUM.exists() else None
    if executable is None and not os.environ.get("PLAYWRIGHT_BROWSERS_PATH"):
        pytest.fail(
            "No Chromium found. Install it with `apt install chromium` "
            "(or `playwright install chromium` where downloads work)."
        )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(executable) if executable else None,
            args=CHROMIUM_ARGS,
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for screenshots a person can look at after the run (ignored by git)."""
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir()
    return ARTIFACTS
