"""MkDocs hook: expand our block markers and add the page footer notes.

Markers are lines of their own in Markdown, the same in every language:
``{{ steps }}`` the five core steps with pictograms; ``{{ vehicle-steps }}`` what to do about a
suspicious vehicle; ``{{ contacts }}`` every contact card; ``{{ emergency }}`` verified emergency
numbers as call buttons (or what to do while none is); ``{{ offline-bundle }}`` the download link
of the language's offline copy; ``{{ leaflet }}`` the printable sheet of the
leaflet named in the page's front matter, with links to its PDFs.
Every page also gets its "last reviewed" date. Unknown markers are reported, with file and line,
by the content check (scripts/content_check.py) before any page is built.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from scripts import blocks, interface_text, leaflets, offline_bundle
from scripts.dates import format_date
from scripts.pages import reader_language, url_path
from scripts.site_config import language as site_language


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace markers with their HTML (front matter was checked by content_check.py)."""
    language = reader_language(page, config)
    current = site_language(language)

    def asset(path: str) -> str:
        return get_relative_url(path, page.url)

    def page_url(markdown_path: str) -> str:
        return get_relative_url(url_path(PurePosixPath(markdown_path), current), page.url)

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "steps":
            return blocks.steps(language)
        if name == "vehicle-steps":
            return blocks.vehicle_steps(language)
        if name == "leaflet":
            return leaflet_block(page, config, language, asset)
        if name == "offline-bundle":
            return blocks.offline_bundle(language, asset(offline_bundle.site_path_of(language)))
        if name == "contacts":
            return blocks.all_contacts(language)
        if name == "emergency":
            return blocks.emergency(language, page_url)
        # The content check stops the build before this, with the file and line; a guard only.
        raise PluginError(f"{page.file.src_uri}: unknown block '{{{{ {name} }}}}' (run `make check`)")

    return blocks.MARKER.sub(expand, markdown)


def leaflet_block(page: Page, config: MkDocsConfig, language: str, asset: blocks.AssetUrl) -> str:
    """Download links and the sheet of the leaflet this page is about (front matter ``leaflet``)."""
    leaflet = leaflets.load()[page.meta["leaflet"]]
    reviewed = page.meta["last_reviewed"]
    sheet = leaflets.Sheet(
        leaflet=leaflet,
        language=language,
        title=page.meta["title"],
        site_name=config.site_name,
        guide_url=(config.site_url or "/") + url_path(PurePosixPath(leaflet.guide), site_language(language)),
        reviewed=format_date(reviewed, language),
        asset=asset,
    )
    return leaflets.downloads(leaflet, language) + "\n\n" + leaflets.sheet_html(sheet) + "\n"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add the last-reviewed date at the bottom: on a phone the first screen belongs to the steps."""
    language = reader_language(page, config)
    reviewed = page.meta.get("last_reviewed")
    if reviewed:
        label = escape(interface_text.text("page.last_reviewed", language))
        html += (
            f'\n<p class="jsg-reviewed" data-pagefind-ignore>{label}: '
            f'<time datetime="{reviewed.isoformat()}">{escape(format_date(reviewed, language))}</time></p>'
        )
    return html
