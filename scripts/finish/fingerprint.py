"""Post-build step: put a content hash in the file name of every asset we add, and update references.

Why: a fingerprinted file never changes under its name, so hosts can tell browsers to keep it for a
year (``immutable``) and a repeat visit downloads no asset bytes at all, while a change makes a new
name that browsers fetch at once. Material's own files are already fingerprinted; ours (our CSS, our
script, our pictograms) are found in overrides/assets and docs/assets, so a new file is covered
without editing a list.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from scripts import project

REFERENCING = {".css", ".js", ".json", ".webmanifest", ".xml"}  # and pages: final_pages.py
# Files that keep their names: the service worker must stay at one address.
NOT_FINGERPRINTED = {"assets/javascripts/sw.js"}


def our_assets(site_dir: Path) -> list[PurePosixPath]:
    """Site paths of the assets we add (those under an assets/ folder of ours)."""
    found = set()
    for source in (project.current().overrides_dir, project.current().docs_dir):
        for path in (source / "assets").rglob("*"):
            relative = PurePosixPath(path.relative_to(source).as_posix())
            if path.is_file() and str(relative) not in NOT_FINGERPRINTED and (site_dir / relative).exists():
                found.add(relative)
    return sorted(found)


def hashed_name(path: PurePosixPath, content: bytes) -> PurePosixPath:
    digest = hashlib.sha256(content).hexdigest()[:8]
    return path.with_name(f"{path.stem}.{digest}{path.suffix}")


def renamer(renames: dict[str, str]) -> Callable[[str], str]:
    """A function that puts the new names in a text. One pass over the text for all old names,
    longest first, so assets/x.css never matches inside assets/x.css.map or similar."""
    if not renames:
        return lambda text: text
    names = re.compile("|".join(re.escape(old) for old in sorted(renames, key=len, reverse=True)))
    return lambda text: names.sub(lambda found: renames[found.group(0)], text)


def fingerprint(site_dir: Path) -> dict[str, str]:
    """Rename our assets to hashed names; rewrite references in every file but the pages (those
    are rewritten with their other last changes, scripts/finish/final_pages.py). Returns the renames."""
    renames: dict[str, str] = {}
    for asset in our_assets(site_dir):
        source = site_dir / asset
        target = hashed_name(asset, source.read_bytes())
        source.rename(site_dir / target)
        renames[str(asset)] = str(target)
    rename = renamer(renames)
    for path in site_dir.rglob("*"):
        if path.suffix not in REFERENCING or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        updated = rename(text)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
    return renames
