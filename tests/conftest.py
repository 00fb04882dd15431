"""Shared fixtures: the site is built once per test run, served once, and one browser is started.

Tests assert on what users get (built HTML, pages in Chromium), never on helpers alone.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import build, chromium
from scripts.site_config import ROOT, Language, languages
from tests import nginx_server
from tests.project_copy import copy_project, run

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def site_languages() -> list[Language]:
    return languages()


@pytest.fixture(scope="session")
def built_site() -> Iterator[Path]:
    """The real site, built with the same command as ``make build``, into a temporary folder.

    Not under pytest's own temporary base: every pytest that starts (a second run beside this one)
    resets ``/tmp/pytest-of-<user>`` to 0700, and nginx's unprivileged worker then answers 404 for
    every address of a site below it. A folder of our own under the system's temporary directory
    keeps the ordinary 0755 of a web root's parents."""
    folder = Path(tempfile.mkdtemp(prefix="jsg-built-site-"))
    folder.chmod(0o755)
    site_dir = folder / "site"
    try:
        assert build.build(site_dir=site_dir) == 0, "the site does not build; run `make build` to see why"
        yield site_dir
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """The built site served by Debian's nginx with serving/nginx.conf included as the README says
    (tests/nginx_server.py): the browser tests see what readers of a real host get. Our Python
    server (scripts/static_server.py) stays for `make preview` and the benchmark."""
    if not nginx_server.available():
        pytest.fail(nginx_server.INSTALL_HINT)
    with nginx_server.running(built_site) as (url, _):
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium: the system's where it exists (downloads fail on our CI machines)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium.find()
    if executable is None and not os.environ.get("PLAYWRIGHT_BROWSERS_PATH"):
        pytest.fail(
            "No Chromium found. Install it with `apt install chromium` "
            "(or `playwright install chromium` where downloads work)."
        )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=chromium.ARGS,
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


def verify_primary(project: Path, on: dt.date) -> None:
    """Mark the primary contact verified in a temporary copy (never in the real data file)."""
    path = project / "data/contacts.yml"
    text = path.read_text(encoding="utf-8")
    block_start = text.index("- id: jarablus-police-2018")
    head, tail = text[:block_start], text[block_start:]
    tail = tail.replace("verified: null", f"verified: {on.isoformat()}", 1)
    tail = tail.replace("verified_by: null", "verified_by: Test fixture", 1)
    path.write_text(head + tail, encoding="utf-8")


@pytest.fixture(scope="session")
def verified_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("verified") / "project")
    verify_primary(project, dt.date(2026, 11, 20))
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    return project
