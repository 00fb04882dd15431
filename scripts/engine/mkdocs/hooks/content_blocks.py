"""Engine hook: block markers expanded and the last-reviewed date added (scripts/render/page_steps.py).

Unknown markers are reported, with file and line, by the content check (scripts/checks/content_check.py)
before any page is built.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts.engine.mkdocs.page import page_info
from scripts.render import page_steps


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        return page_steps.with_blocks(markdown, page_info(page, config))
    except page_steps.UnknownBlock as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return page_steps.with_reviewed_date(html, page_info(page, config))
