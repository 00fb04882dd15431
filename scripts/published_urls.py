"""The registry of every address ever printed, and the check that each still leads to a page.

Why: every printed page carries a QR code of its own address, and leaflets carry their guides'.
Once printed, an address must work for years. ``data/published-urls.yml`` lists them all; the
build fails when one no longer reaches a page (directly or through data/redirects.yml), naming the
address and the fix. ``python -m scripts urls`` adds the addresses of new pages to the list.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts import redirects
from scripts.pages import source_pages, url_path
from scripts.site_config import ROOT, languages

REGISTRY_FILE = ROOT / "data" / "published-urls.yml"
HEADER = """\
# Every address printed on paper: each page's own QR code on its printed footer, and the guides
# that leaflets point to. Site-relative ("/" is the Arabic home page).
# Added by `python -m scripts urls` (run it after adding a page). Never remove a line: when a page
# moves, add a line to data/redirects.yml and the old address keeps working. The build fails when
# an address here no longer leads to a page.
"""


def load(path: Path = REGISTRY_FILE) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list(data.get("urls") or [])


def current_addresses() -> list[str]:
    return sorted(
        "/" + url_path(page, language) for language in languages() for page in source_pages(language)
    )


def add_current(path: Path = REGISTRY_FILE) -> list[str]:
    """Add today's page addresses to the registry (never removing any); return those added."""
    known = load(path) if path.exists() else []
    added = [address for address in current_addresses() if address not in known]
    if added or not path.exists():
        lines = "".join(f'  - "{address}"\n' for address in sorted({*known, *added}))
        path.write_text(HEADER + "urls:\n" + lines, encoding="utf-8")
    return added


def check(site_dir: Path, path: Path = REGISTRY_FILE) -> list[str]:
    """Printed addresses that no longer lead to a page (nor to a redirect to one)."""
    moved = {"/" + move.old: "/" + move.new for move in redirects.moves()}
    problems = []
    for address in load(path):
        target = moved.get(address, address)
        if not (site_dir / target.lstrip("/") / "index.html").exists():
            problems.append(
                f"data/published-urls.yml: '{address}' was printed on paper and no longer leads to a page. "
                "If the page moved, add 'old.md: new.md' to data/redirects.yml"
            )
    return problems
