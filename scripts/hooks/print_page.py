"""MkDocs hook: give each page its printed footer (see scripts/print_footer.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from scripts import print_footer, qr
from scripts.dates import format_date
from scripts.pages import reader_language
from scripts.site_config import language as site_language


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Start drawing every page's QR code on the other cores while pages render (a big site has
    thousands). After the language plugin has set each page's address, so the codes are the ones
    pages ask for."""
    urls = [(config.site_url or "/") + page.url for page in nav.pages]
    qr.prepare(urls, print_footer.QR_SIZE)
    return nav


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    code = reader_language(page, config)
    reviewed = page.meta.get("last_reviewed")
    style = print_footer.style(
        site_name=config.site_name,
        url=(config.site_url or "/") + page.url,
        reviewed=format_date(reviewed, code) if reviewed else None,
        language=code,
        direction=site_language(code).direction,
        leaflet="leaflet" in page.meta,
    )
    return output.replace("</head>", style + "</head>", 1)
