"""Engine hook: notices about translations (scripts/render/page_steps.py, ``with_translation_notices``)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts.engine.mkdocs.page import page_info
from scripts.render import page_steps


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return page_steps.with_translation_notices(html, page_info(page, config), Path(config.docs_dir))
