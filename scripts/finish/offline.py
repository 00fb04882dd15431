"""Post-build step: what makes the guide installable and readable offline after one visit.

Writes, for each language: ``offline/<lang>.json`` (every page of that language and every file
those pages need, which the service worker saves when a reader first visits) and
``manifest.<lang>.webmanifest`` (name, icon and start page in that language). Moves the service
worker to the site root (its scope must cover every page) and stamps it with a hash of all it
saves, so a build that changes any saved page or file has new caches and the old ones are deleted.
It also writes into the worker the page a reader gets offline when the saved copy was damaged, in
each language (the words from data/interface.yml, escaped here, checked by the output policy).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scripts import interface_text, site_config
from scripts.finish import output_policy
from scripts.pages import PRINT_PAGE, source_pages, url_path
from scripts.problems import BuildStopped
from scripts.site_config import languages, site_path

SERVICE_WORKER_SOURCE = "assets/javascripts/sw.js"
REFERENCE = re.compile(r"""(?:href|src)=["']?([^"'\s>]+)""")
THEME_COLOUR = "#b71c1c"
# Not saved for offline reading: pages (listed on their own), and downloads a reader asks for
# (leaflet PDFs, the offline zip and ZIM file: hundreds of KB that would cost every first visit).
NOT_SAVED = (".map", ".html", ".xml", ".pdf", ".zip", ".zim")
# The damaged-copy page's only style; its policy allows exactly this text (by hash), nothing else.
DAMAGED_STYLE = (
    "body{margin:0;padding:1.5rem 1rem;background:#fff;color:#1a1a1a;line-height:1.6;"
    'font-family:system-ui,"Noto Sans","Noto Sans Arabic",Tahoma,Arial,sans-serif}'
    "main{max-width:36rem;margin:0 auto;padding-inline-start:1rem;border-inline-start:.3rem solid "
    + THEME_COLOUR
    + "}h1{margin:0 0 .75rem;font-size:1.4rem;line-height:1.35}p{margin:0;font-size:1.05rem}"
)


def referenced_files(
    site_dir: Path, root: str, page_url: str, html: str, seen: dict[str, bool] | None = None
) -> set[str]:
    """Same-site files (not pages) a page loads: stylesheets, scripts, pictures, icons.
    ``seen`` remembers which paths are files, so a big site's menu links are looked up once."""
    seen = {} if seen is None else seen
    found = set()
    for reference in REFERENCE.findall(html):
        if reference.endswith("/"):  # a page: most links, skipped before any work
            continue
        path = urlsplit(urljoin(page_url, reference)).path
        if not path.startswith(root) or path.endswith("/") or path.endswith(NOT_SAVED):
            continue
        if path not in seen:
            seen[path] = (site_dir / path.removeprefix(root)).is_file()
        if seen[path]:
            found.add(path)
    return found


def site_names() -> dict[str, str]:
    """Each language's site name, from mkdocs.yml."""
    return {item["locale"]: item["site_name"] for item in site_config.i18n_languages(site_config.load())}


def saved_hashes(site_dir: Path, root: str) -> dict[str, str]:
    """Address -> base64 SHA-256 of its bytes, for every page and file of every language's list.
    The service worker stores and shows only these addresses, and only with these bytes (as
    Workbox's precache manifests carry revisions, but checked on every read, so a cache entry
    written by another script on the same origin is never shown as ours)."""
    hashes = {}
    for listing in sorted((site_dir / "offline").glob("*.json")):
        entries = json.loads(listing.read_text(encoding="utf-8"))
        for address in [*entries["pages"], *entries["files"]]:
            local = site_dir / address.removeprefix(root)
            local = local / "index.html" if address.endswith("/") else local
            digest = hashlib.sha256(local.read_bytes()).digest()
            hashes[address] = base64.b64encode(digest).decode()
    return hashes


def damaged_policy() -> str:
    """The damaged-copy page's Content-Security-Policy: nothing may load or run but its one style."""
    style = base64.b64encode(hashlib.sha256(DAMAGED_STYLE.encode()).digest()).decode()
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src 'sha256-{style}'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def damaged_pages(root: str) -> dict[str, str]:
    """Address prefix of each language -> the page the service worker shows when the reader is
    offline and the saved copy of the page they asked for failed its hash (and was deleted).
    Why built here: the worker makes the answer itself, so no build step would otherwise read it;
    its words are escaped here and it is held to the output policy like any published page."""
    names = site_names()
    pages = {}
    for language in languages():
        title = interface_text.text("offline.damaged.title", language.code)
        text = interface_text.text("offline.damaged.text", language.code)
        name = names.get(language.code, language.name)
        pages[root + language.prefix] = (
            "<!doctype html>"
            f'<html lang="{language.code}" dir="{language.direction}">'
            '<head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} · {escape(name)}</title>"
            f"<style>{DAMAGED_STYLE}</style></head>"
            f"<body><main><h1>{escape(title)}</h1><p>{escape(text)}</p></main></body></html>"
        )
    problems = [
        output_policy.traced(violation)
        for prefix, page in pages.items()
        for violation in output_policy.check_html(page, f"sw.js (damaged-copy page for {prefix})")
    ]
    if problems:
        raise BuildStopped(
            "The service worker's damaged-copy page would break the output policy; change the words "
            "in data/interface.yml (offline.damaged.*) or scripts/finish/offline.py:\n" + "\n".join(problems)
        )
    return pages


def filled(worker: str, placeholder: str, value: str) -> str:
    """``worker`` with its one ``placeholder`` replaced: a placeholder renamed in sw.js but not here
    stops the build instead of publishing a worker with empty lists."""
    if worker.count(placeholder) != 1:
        where = f"overrides/{SERVICE_WORKER_SOURCE}"
        raise BuildStopped(
            f"{where}:1: the service worker must contain {placeholder!r} exactly once — "
            "put it back, or change scripts/finish/offline.py to match"
        )
    return worker.replace(placeholder, value)


def write(site_dir: Path, icon: str) -> None:
    """Offline lists and manifests for every language, then the stamped service worker."""
    root = site_path()
    names = site_names()
    (site_dir / "offline").mkdir(exist_ok=True)
    seen: dict[str, bool] = {}
    version = hashlib.sha256()
    for language in languages():
        # Not the print page: it repeats every other page, and is made to be printed, not read offline.
        pages = [root + url_path(page, language) for page in source_pages(language) if page != PRINT_PAGE]
        pages.append(f"{root}{language.prefix}404.html")
        files: set[str] = {f"{root}{icon}"}
        for page in pages:
            local = site_dir / page.removeprefix(root)
            local = local / "index.html" if page.endswith("/") else local
            html = local.read_text(encoding="utf-8")
            version.update(f"{page}\n{html}\n".encode())
            files |= referenced_files(site_dir, root, page, html, seen)
        for file in sorted(files):
            version.update(file.encode() + b"\n" + (site_dir / file.removeprefix(root)).read_bytes())
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
    worker = filled(worker, "/*__JSG_SAVED__*/ {}", json.dumps(saved_hashes(site_dir, root), sort_keys=True))
    damaged = {"policy": damaged_policy(), "pages": damaged_pages(root)}
    worker = filled(
        worker, "/*__JSG_DAMAGED__*/ { policy: \"default-src 'none'\", pages: {} }", json.dumps(damaged)
    )
    # The caches' version: a hash of everything the service worker saves (every page and file of
    # every language's list), so it changes whenever a saved page or file changes. Read while the
    # lists are made: hashing the whole site again (PDFs, zips) cost seconds on a big site.
    version.update(worker.encode())
    (site_dir / "sw.js").write_text(filled(worker, "__JSG_VERSION__", version.hexdigest()[:12]), "utf-8")
