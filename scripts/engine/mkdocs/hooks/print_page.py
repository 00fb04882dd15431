"""Engine hook: each page's printed footer (scripts/render/print_footer.py, through page_steps.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from scripts.engine.mkdocs.page import page_info
from scripts.render import page_steps, print_footer, qr


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Start drawing every page's QR code on the other cores while pages render (a big site has
    thousands). After the language plugin has set each page's address, so the codes are the ones
    pages ask for."""
    urls = [(config.site_url or "/") + page.url for page in nav.pages]
    qr.prepare(urls, print_footer.QR_SIZE)
    return nav


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return page_steps.with_print_footer(output, page_info(page, config))
