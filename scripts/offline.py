"""Post-build step: what makes the guide installable and readable offline after one visit.

Writes, for each language: ``offline/<lang>.json`` (every page of that language and every file
those pages need, which the service worker saves when a reader first visits) and
``manifest.<lang>.webmanifest`` (name, icon and start page in that language). Moves the service
worker to the site root (its scope must cover every page) and stamps it with a hash of the whole
site, so each build has its own caches and the old ones are deleted.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scripts import interface_text, site_config
from scripts.pages import source_pages, url_path
from scripts.site_config import languages, site_path

SERVICE_WORKER_SOURCE = "assets/javascripts/sw.js"
REFERENCE = re.compile(r"""(?:href|src)=["']?([^"'\s>]+)""")
THEME_COLOUR = "#b71c1c"
# Not saved for offline reading: pages (listed on their own), and downloads a reader asks for
# (leaflet PDFs, the offline zip: hundreds of KB that would cost every first visit).
NOT_SAVED = (".map", ".html", ".xml", ".pdf", ".zip")


def referenced_files(site_dir: Path, root: str, page_url: str, html: str) -> set[str]:
    """Same-site files (not pages) a page loads: stylesheets, scripts, pictures, icons."""
    found = set()
    for reference in REFERENCE.findall(html):
        path = urlsplit(urljoin(page_url, reference)).path
        if not path.startswith(root) or path.endswith("/") or path.endswith(NOT_SAVED):
            continue
        if (site_dir / path.removeprefix(root)).is_file():
            found.add(path)
    return found


def site_names() -> dict[str, str]:
    """Each language's site name, from mkdocs.yml."""
    for plugin in site_config.load()["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return {item["locale"]: item["site_name"] for item in plugin["i18n"]["languages"]}
    return {}


def write(site_dir: Path, icon: str) -> None:
    """Offline lists and manifests for every language, then the stamped service worker."""
    root = site_path()
    names = site_names()
    (site_dir / "offline").mkdir(exist_ok=True)
    for language in languages():
        pages = [root + url_path(page, language) for page in source_pages(language)]
        pages.append(f"{root}{language.prefix}404.html")
        files: set[str] = {f"{root}{icon}"}
        for page in pages:
            local = site_dir / page.removeprefix(root)
            local = local / "index.html" if page.endswith("/") else local
            files |= referenced_files(site_dir, root, page, local.read_text(encoding="utf-8"))
        manifest = f"manifest.{language.code}.webmanifest"
        files.add(root + manifest)
        listing = {"pages": pages, "files": sorted(files)}
        (site_dir / "offline" / f"{language.code}.json").write_text(json.dumps(listing, indent=1), "utf-8")
        (site_dir / manifest).write_text(
            json.dumps(
                {
                    "name": names.get(language.code, language.name),
                    "short_name": interface_text.text("app.short_name", language.code),
                    "lang": language.code,
                    "dir": language.direction,
                    "start_url": root + language.prefix,
                    "scope": root,
                    "display": "standalone",
                    "background_color": "#ffffff",
                    "theme_color": THEME_COLOUR,
                    "icons": [
                        {"src": root + icon, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
                    ],
                },
                ensure_ascii=False,
                indent=1,
            ),
            "utf-8",
        )
    source = site_dir / SERVICE_WORKER_SOURCE
    worker = source.read_text(encoding="utf-8")
    source.unlink()
    (site_dir / "sw.js").write_text(worker.replace("__JSG_VERSION__", site_version(site_dir)), "utf-8")


def site_version(site_dir: Path) -> str:
    """A hash of every file of the built site: changes whenever anything a reader gets changes."""
    digest = hashlib.sha256()
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(site_dir).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
