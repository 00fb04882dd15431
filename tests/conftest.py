"""Shared fixtures: the site is built once per test run, served once, and one browser is started.

Tests assert on what users get (built HTML, pages in Chromium), never on helpers alone.

`make test` runs the suite on every core (pytest-xdist). Each worker process has its own browser
and servers, but the sites are built once for the whole run: the first worker to need one builds
it into the run's shared folder under a file lock, and the others wait for it and read it.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import build, chromium, github_report
from scripts.finish import leaflet_pdfs
from scripts.site_config import ROOT, Language, languages
from tests import nginx_server
from tests.project_copy import CACHES
from tests.run_folder import SHARED_ENV
from tests.shared_builds import FIXTURES, shared, start_prefetch, stop_prefetch

ARTIFACTS = ROOT / "test-artifacts"

# Project copies (and the builds they run in child processes) draw QR codes, print leaflets and
# booklets, compress files and remember clean documents in the project's own caches, keyed by what
# they are made from: a copy whose pages did not change reuses them instead of printing every PDF
# again. A test that needs empty caches sets its own (tests/test_reproducible.py).
for variable, name in CACHES.items():
    os.environ.setdefault(variable, str(ROOT / ".cache" / name))
# Copies are this commit with an edit: dated by its last commit, as the real site is (outside git a
# copy would be dated 1970), so a copy's unchanged leaflets and booklets are the real build's.
os.environ.setdefault("SOURCE_DATE_EPOCH", build.last_commit_time())

# The kind of each test, for `make test-fast` (-m unit): from the fixtures it uses, else from what
# its body calls. A test may also say it itself (@pytest.mark.build).
KINDS = ("unit", "build", "browser")
BROWSER_FIXTURES = frozenset({"browser", "phone", "site_server", "page", "context"})
BUILD_FIXTURES = frozenset({"engine_output", "project", "copied_project", *FIXTURES})  # FIXTURES: shared
BUILD_CALLS = (
    "copy_project(", "build.build(", "run(project", "language_shares.build(", "subprocess.", "chromium.",
    "nginx_server.", "leaflet_pdfs.write(", "sync_playwright",
)  # fmt: skip


def kind_of(item: pytest.Item) -> str:
    """unit, build or browser: the first the test says, or the one its fixtures and calls imply."""
    for marker in item.iter_markers():
        if marker.name in KINDS:
            return marker.name
    fixtures = set(getattr(item, "fixturenames", ()))
    if fixtures & BROWSER_FIXTURES:
        return "browser"
    if fixtures & BUILD_FIXTURES:
        return "build"
    functions = [getattr(item, "function", None)]
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    functions += [definition.func for defs in definitions.values() for definition in defs]
    return "build" if any(calls_a_build(function) for function in functions) else "unit"


def calls_a_build(function: object) -> bool:
    """Whether the test's or a fixture's own code copies the project, builds, or starts a process."""
    try:
        source = inspect.getsource(function) if function else ""
    except (OSError, TypeError):
        return False
    return any(call in source for call in BUILD_CALLS)


SHARED_KEY = pytest.StashKey[Path]()
# pytest's options under which no test runs: no shared build is made for them.
NOTHING_RUNS = ("collectonly", "setupplan", "setuponly", "showfixtures", "show_fixtures_per_test")
FENCE_KEY = pytest.StashKey[contextlib.AbstractContextManager]()


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the controller has made the folder and cleared the artifacts
    # Not under pytest's own temporary base: every pytest that starts (a second run beside this
    # one) resets ``/tmp/pytest-of-<user>`` to 0700, and nginx's unprivileged worker then answers
    # 404 for every address of a site below it. A folder of our own keeps a web root's 0755.
    folder = Path(tempfile.mkdtemp(prefix="jsg-tests-"))
    folder.chmod(0o755)
    os.environ[SHARED_ENV] = str(folder)
    config.stash[SHARED_KEY] = folder
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir()
    if github_report.on_github():
        # Failures quote what editors wrote (file names, link text): on GitHub Actions no line of
        # the run is read as a workflow command. pytest's report goes to standard output; its own
        # capturing puts standard error back after each test, so only that stream is fenced.
        fence = github_report.commands_stopped(sys.stdout)
        fence.__enter__()
        config.stash[FENCE_KEY] = fence


def pytest_unconfigure(config: pytest.Config) -> None:
    fence = config.stash.get(FENCE_KEY, None)
    if fence is not None:
        fence.__exit__(None, None, None)
    folder = config.stash.get(SHARED_KEY, None)
    if folder is not None:
        stop_prefetch(folder)
        shutil.rmtree(folder, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        kind = kind_of(item)
        if not item.get_closest_marker(kind):
            item.add_marker(getattr(pytest.mark, kind))
    items[:] = run_order(items)[1]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start making the shared builds the tests left to run need (after ``-m`` and ``-k`` have
    deselected theirs: `make test-fast` needs none)."""
    option = session.config.option
    if not any(getattr(option, name, False) for name in NOTHING_RUNS):
        start_prefetch(run_order(session.items)[0])


def run_order(items: list[pytest.Item]) -> tuple[list[str], list[pytest.Item]]:
    """(the shared builds these tests need, in the order to make them; the tests in the order to
    run them). The files whose tests need no shared build run first, while the prefetch makes
    them (tests/shared_builds.py); then each file in the order its last shared build is made.
    A file's tests stay together and in their order, so a run without xdist sets up its
    module fixtures once."""
    needs = {
        item: {FIXTURES[name] for name in getattr(item, "fixturenames", ()) if name in FIXTURES}
        for item in items
    }
    names = list(dict.fromkeys(name for item in items for name in sorted(needs[item])))
    if "built" in names:  # first: the copies reuse what it leaves in the caches
        names.insert(0, names.pop(names.index("built")))
    files: dict[Path, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.path, []).append(item)

    def rank(tests: list[pytest.Item]) -> int:
        needed = set().union(*(needs[item] for item in tests))
        return 1 + max(names.index(name) for name in needed) if needed else 0

    return names, [item for tests in sorted(files.values(), key=rank) for item in tests]


@pytest.fixture(scope="session")
def site_languages() -> list[Language]:
    return languages()


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site, built with the same command as ``make build``, once for the whole run."""
    return shared("built") / "site"


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """The built site served by Debian's nginx with serving/nginx.conf included as the README says
    (tests/nginx_server.py): the browser tests see what readers of a real host get. Our Python
    server (scripts/serve/static_server.py) stays for `make preview` and the benchmark."""
    if not nginx_server.available():
        pytest.fail(nginx_server.INSTALL_HINT)
    with nginx_server.running(built_site) as (url, _):
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium: the system's where it exists (downloads fail on our CI machines)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium.find()
    if executable is None and not leaflet_pdfs.playwright_has_chromium():
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
    """Folder for screenshots a person can look at after the run (ignored by git); emptied when
    the run starts (pytest_configure)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def verified_site() -> Path:
    """A project copy whose primary number is verified, with its site built, once for the run.
    Shared by the tests that read it: none may change it."""
    return shared("verified") / "project"


@pytest.fixture(scope="session")
def project_with_new_pages() -> Path:
    """A git copy of the project where an editor added tests/shared_builds.py's NEW_PAGES with
    `new-page` and built the site, once for the run: several tests read it, none may change it."""
    return shared("new-pages") / "project"


@pytest.fixture(scope="session")
def moved_project() -> Path:
    """A copy in which children.md became kids.md in every language, with its line in
    data/redirects.yml, built into its site/ and its serving/nginx.conf written, once for the run:
    several tests read it, none may change it."""
    return shared("moved") / "project"
