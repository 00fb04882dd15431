"""Which Chromium we start and how: one place for the build's PDFs, the tests, pr-report's screenshots
and the benchmark.

Why: our CI machines cannot download a browser, so there everything uses Debian's Chromium, started
with the same flags (no sandbox inside containers, no background network traffic). GitHub's Ubuntu
runners are the opposite: Ubuntu's ``chromium`` package is a snap, which cannot read files under
``/tmp`` (the tests' sites and ``file://`` pages), while downloads work. So on GitHub Actions we
use Playwright's own Chromium (``playwright install chromium``, the build Playwright is made for),
and a snap is never chosen anywhere. ``None`` below means "Playwright's own download".
"""

from __future__ import annotations

import os
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
ACTIONS_ENV = "GITHUB_ACTIONS"
NAMED_ENV = "JSG_CHROMIUM"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    # No name is looked up: even with background networking off, Chromium asks the system resolver
    # for Google's account and update hosts (seen with strace). Our pages, tests and PDFs need
    # only this machine, so every host name but the loopback address resolves to nothing.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
HOW_TO_GET = (
    "  On Debian or Ubuntu:   sudo apt install chromium fonts-noto-core\n"
    "  Where downloads work:  .venv/bin/playwright install chromium\n"
    "  Or name one:           JSG_CHROMIUM=/path/to/chromium make build"
)


def is_snap(path: Path) -> bool:
    """Whether ``path`` starts a snap: it lives under /snap, or it is Ubuntu's small script that
    only runs ``snap`` (``/usr/bin/chromium-browser`` on Ubuntu is one)."""
    resolved = path.resolve()
    if resolved.parts[:2] == ("/", "snap"):
        return True
    try:
        with resolved.open("rb") as binary:
            start = binary.read(4096)
    except OSError:
        return False
    return start.startswith(b"#!") and (b"/snap/" in start or b"snap run" in start)


def find() -> str | None:
    """The Chromium to start: $JSG_CHROMIUM when set (None if it does not exist); on GitHub
    Actions None, Playwright's own download; elsewhere the first of CANDIDATES that exists and
    is not a snap, else None (then only Playwright's own download can help)."""
    named = os.environ.get(NAMED_ENV)
    if named:
        return named if Path(named).exists() else None
    if os.environ.get(ACTIONS_ENV) == "true":
        return None
    return next(
        (candidate for candidate in CANDIDATES if Path(candidate).exists() and not is_snap(Path(candidate))),
        None,
    )
