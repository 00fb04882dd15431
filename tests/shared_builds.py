"""The builds a test run shares, by name, and the background process that makes them early.

Why: most tests read one of five builds (the real site, and copies with a verified number, new
pages, a renamed page, a missing translation). Each is made once per run (tests/run_folder.py),
by the first worker that asks, while any other worker that asks waits for it. In a run on two
cores, the two workers reached each of them at nearly the same moment, so one core idled for
about three minutes in all. Now a prefetch process, started as soon as the tests are collected,
makes the ones the run needs one after another, and the tests that need none of them run first
(tests/conftest.py puts them first). Each is still made under the run's lock, so a worker that asks
before the prefetch gets there makes it itself, and nothing is ever made twice.

Run as ``python -m tests.shared_builds NAME...`` by ``start_prefetch`` only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from scripts.site_config import ROOT
from tests.project_copy import copy_project, git, rename_children_to_kids, run
from tests.run_folder import SHARED_ENV, made_once


def built(folder: Path) -> None:
    """The real site, built with the command ``make build`` runs. Its own messages are kept in the
    failure: they reach every test that needs the site, whichever process made it."""
    folder.mkdir()
    folder.chmod(0o755)
    result = run(ROOT, "build", "--site-dir", str(folder / "site"))
    assert result.returncode == 0, f"the site does not build; run `make build`:\n{result.stderr[-5000:]}"


def verify_primary(project: Path, on: dt.date) -> None:
    """Mark the primary contact verified in a temporary copy (never in the real data file)."""
    path = project / "data/contacts.yml"
    text = path.read_text(encoding="utf-8")
    block_start = text.index("- id: jarablus-police-2018")
    head, tail = text[:block_start], text[block_start:]
    tail = tail.replace("verified: null", f"verified: {on.isoformat()}", 1)
    tail = tail.replace("verified_by: null", "verified_by: Test fixture", 1)
    path.write_text(head + tail, encoding="utf-8")


def verified(folder: Path) -> None:
    """A project copy whose primary number is verified, with its site built."""
    folder.mkdir()
    project = copy_project(folder / "project")
    verify_primary(project, dt.date(2026, 11, 20))
    result = run(project, "build")
    assert result.returncode == 0, result.stderr


# Pages added with `new-page`, each (path, kind, title): one of each starter, and names that once
# gave the ids of other pages in the guide on one page and the print page (tests/test_single_file.py).
NEW_PAGES = [
    ("ordnance/thermobaric.md", "item", "New item"),
    ("safe-routes", "howto", "New howto"),
    ("leaflets/market.md", "leaflet", "New leaflet"),
    ("contents", None, "Test page 8"),
    ("home", None, "Test page 4"),
    ("ordnance-shells", None, "Test page 15"),
]


def new_pages(folder: Path) -> None:
    """A git copy of the project where an editor added NEW_PAGES with `new-page` and built the site."""
    folder.mkdir()
    project = copy_project(folder / "project")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        git(project, *command)
    for path, kind, title in NEW_PAGES:
        result = run(project, "new-page", path, "--title", title, *(["--kind", kind] if kind else []))
        assert result.returncode == 0, result.stderr
        assert "added /en/" in result.stdout, f"new-page {path} did not say what it added:\n{result.stdout}"
    result = run(project, "build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def moved(folder: Path) -> None:
    """A copy in which children.md became kids.md in every language, with its line in
    data/redirects.yml, built into its site/ and its serving/nginx.conf written."""
    folder.mkdir()
    project = copy_project(folder / "project")
    rename_children_to_kids(project)
    redirects = project / "data/redirects.yml"
    text = redirects.read_text(encoding="utf-8")
    assert "redirects: {}" in text, (
        f"data/redirects.yml is no longer empty; the copy expects it to be:\n{text}"
    )
    redirects.write_text(text.replace("redirects: {}", "redirects:\n  children.md: kids.md"), "utf-8")
    for command in ("build", "serving"):
        result = run(project, command)
        assert result.returncode == 0, result.stderr


def translations(folder: Path) -> None:
    """A copy where the English report page changed and the Kurmanji children page is missing:
    refused by the build, then built with --allow-missing-translations."""
    folder.mkdir()
    project = copy_project(folder / "project")
    report = project / "docs/en/report.md"
    report.write_text(report.read_text(encoding="utf-8") + "\nNew advice added to the source.\n", "utf-8")
    (project / "docs/ku/children.md").unlink()
    refused = run(project, "build")
    assert refused.returncode == 1, f"a missing translation must stop the build:\n{refused.stderr[-3000:]}"
    missing = "docs/ku/children.md:1: the Kurmancî translation of docs/en/children.md is missing"
    assert missing in refused.stderr, f"the build did not say '{missing}':\n{refused.stderr[-3000:]}"
    result = run(project, "build", "--allow-missing-translations")
    assert result.returncode == 0, result.stderr


# Each shared build: its name in the run's folder, how it is made, and the fixture that hands it to
# tests (tests/conftest.py, tests/test_multilingual.py). "built" comes first: the copies reuse the
# PDFs, QR codes and checked pages it leaves in the caches.
MAKERS: dict[str, Callable[[Path], None]] = {
    "built": built,
    "verified": verified,
    "new-pages": new_pages,
    "moved": moved,
    "translations": translations,
}
FIXTURES = {
    "built_site": "built",
    "verified_site": "verified",
    "project_with_new_pages": "new-pages",
    "moved_project": "moved",
    "changed_project": "translations",
}


def shared(name: str) -> Path:
    """The shared build ``name``, made now unless the prefetch or another worker made it."""
    return made_once(name, MAKERS[name])


def run_owner() -> int:
    """The process that owns the run and removes its folder at the end: the process that started
    the xdist workers (their parent), or this one when there are none."""
    return os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()


def start_prefetch(names: Iterable[str]) -> None:
    """Start making ``names`` in the background, in that order, unless another worker of this run
    has started it already (the first to get here does) or nothing is to be made. It lives as
    long as the run: the run's owner stops it (``stop_prefetch``), not the worker that started
    it, which may finish first while another worker still waits for a build the prefetch makes."""
    names = list(names)
    folder = Path(os.environ[SHARED_ENV])
    if not names:
        return
    try:
        os.close(os.open(folder / "prefetch.started", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    with (folder / "prefetch.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.shared_builds", str(run_owner()), *names],
            cwd=ROOT,  # this project's tests and scripts, whatever folder pytest was started in
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with every build it started
        )
    (folder / "prefetch.pid").write_text(str(process.pid), encoding="ascii")


def stop_prefetch(folder: Path) -> None:
    """Stop the run's prefetch and every build it started, if it is still running (a run cut
    short, or a build no test asked for after all)."""
    try:
        pid = int((folder / "prefetch.pid").read_text(encoding="ascii"))
    except (OSError, ValueError):
        return
    if not running(pid):
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)  # its group: the builds it started too
    deadline = time.monotonic() + 20
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def running(pid: int) -> bool:
    """Whether process ``pid`` is still at work: an ended one that no process has collected yet
    (a zombie: this process's own child in a run without xdist, or one left to init) counts as
    ended, or the run would wait for it until the time limit."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # collect it, if it is a child of this process
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def stop_with_owner(owner: int) -> None:
    """Stop this process and every build it started when the run's owner ends without stopping
    it (killed, or a timeout): it would go on building into a folder that is gone."""

    def watch() -> None:
        while True:
            try:
                os.kill(owner, 0)
            except ProcessLookupError:
                if os.getpgid(0) == os.getpid():  # its own group (start_prefetch), never a caller's
                    os.killpg(0, signal.SIGTERM)
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()


def main(owner: int, names: list[str]) -> int:
    """Make each named build in turn. A failure is kept in the run's folder by ``made_once``, for
    every test that asks to fail with its message; the others are still made."""
    stop_with_owner(owner)
    for name in names:
        try:
            shared(name)
        except (Exception, pytest.fail.Exception) as error:  # kept for the tests; on with the next
            print(error, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), sys.argv[2:]))
