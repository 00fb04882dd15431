"""Post-build step: the search index, one per language, made by Pagefind.

Why Pagefind and not Material's lunr search (measured on this site, 19 pages x 4 languages):
lunr ships one index for all languages (238 KB, 38 KB gzipped) fetched on every first page view,
and found 3 of 9 Arabic spelling variants (it missed اطفال for أطفال, قذيفه for قذيفة, and any
word typed with diacritics or tatweel). Pagefind writes a separate index per ``<html lang>``,
fetched in small chunks only when a query is typed, and found all 9 variants, and Turkish and
Kurmanji words typed without their accents.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.problems import BuildStopped

# Files never fetched, so not shipped: Material's lunr search (our search partial has no lunr
# form) and Pagefind's ready-made interfaces (site.js talks to pagefind.js directly).
UNUSED = [
    "search",
    "assets/javascripts/lunr",
    "assets/javascripts/workers",
    "pagefind/pagefind-ui.js",
    "pagefind/pagefind-ui.css",
    "pagefind/pagefind-component-ui.js",
    "pagefind/pagefind-component-ui.css",
    "pagefind/pagefind-modular-ui.js",
    "pagefind/pagefind-modular-ui.css",
    "pagefind/pagefind-highlight.js",
]


def start(site_dir: Path) -> subprocess.Popen:
    """Start indexing every page's article (marked by scripts/engine/mkdocs/markup.py) into
    site/pagefind/. It runs beside steps that only read the pages (scripts/finish/final_pages.py survey)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    return subprocess.Popen(command)


def finish(indexing: subprocess.Popen, site_dir: Path) -> None:
    """Wait for Pagefind; fix its entry file's order; remove what is never fetched."""
    if indexing.wait() != 0:
        raise BuildStopped(
            f"Pagefind could not index the pages (exit status {indexing.returncode}; its messages are "
            "above) — run `make build` again; if it fails the same way, reinstall with `make clean build`"
        )
    sort_entry(site_dir / "pagefind/pagefind-entry.json")
    for unused in UNUSED:
        path = site_dir / unused
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def sort_entry(path: Path) -> None:
    """Write Pagefind's entry file with its languages in a fixed order.

    Why: Pagefind lists them in hash-map order, which changes from run to run; two builds of the
    same commit must give the same bytes (and the service worker's version is a hash of them).
    """
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
