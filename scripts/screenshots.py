"""Screenshots of built pages at phone width, for reviewers who cannot build the site.

Why: most readers open the guide on a small phone, and a reviewer of Kurmanji or Turkish should
see how a change looks there without downloading and serving the site. The built site is served
by our own small server (scripts/serve/static_server.py), not read from ``file://``, and the
browser is the one scripts/chromium.py chooses for this machine.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from scripts import chromium
from scripts.pages import output_file, url_path
from scripts.site_config import Language

WIDTH = 360  # pixels: a small Android phone, the narrowest screen we design for
HEIGHT = 740


def file_name(page: PurePosixPath, language: Language) -> str:
    """``ku-ordnance-shells.png``: language first, so a folder listing groups them."""
    return f"{language.code}-{page.with_suffix('').as_posix().replace('/', '-')}.png"


def take(site_dir: Path, pages: Iterable[PurePosixPath], languages: list[Language], out: Path) -> list[Path]:
    """A full-page screenshot of each page in each language whose page was built; the files made."""
    from playwright.sync_api import sync_playwright

    from scripts.serve.static_server import running

    wanted = [
        (page, language)
        for page in pages
        for language in languages
        if output_file(site_dir, page, language).exists()
    ]
    if not wanted:
        return []
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with running(site_dir) as (base, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium.find(), args=chromium.ARGS)
        try:
            view = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
            for page, language in wanted:
                view.goto(base + url_path(page, language), wait_until="load")
                view.evaluate("document.fonts.ready")
                target = out / file_name(page, language)
                view.screenshot(path=str(target), full_page=True)
                made.append(target)
        finally:
            browser.close()
    return made
