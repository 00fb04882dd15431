"""Engine hook: the print page's chapters, from the pages the engine has just rendered
(scripts/render/whole_guide.py).

Why here: the engine renders every page's Markdown before it writes any page with its template,
so when the print page's template is filled, every other page of the same language has its HTML.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from scripts.engine.mkdocs.page import page_info, page_path
from scripts.pages import PRINT_PAGE
from scripts.render import whole_guide


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page_path(page) != PRINT_PAGE:
        return context
    chapters = [
        whole_guide.Chapter(page_info(other, config), other.content or "")
        for other in nav.pages
        if whole_guide.is_chapter(page_path(other))
    ]
    try:
        page.content = whole_guide.with_chapters(page.content or "", page_info(page, config), chapters)
    except whole_guide.PlaceholderMissing as error:
        raise PluginError(str(error)) from None
    return context
