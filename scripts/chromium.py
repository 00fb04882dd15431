"""Where Chromium is and how we start it: one place for the build's PDFs, the tests and the benchmark.

Why: our CI machines cannot download a browser, so everything uses the system's Chromium, started
with the same flags (no sandbox inside containers, no background network traffic).
"""

from __future__ import annotations

import os
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
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


def find() -> str | None:
    """The system's Chromium: $JSG_CHROMIUM, or the first of CANDIDATES that exists; None if none
    (then only Playwright's own download can help)."""
    named = os.environ.get("JSG_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    return next((candidate for candidate in CANDIDATES if Path(candidate).exists()), None)
