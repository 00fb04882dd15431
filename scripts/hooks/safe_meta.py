"""MkDocs hook: escape the page description before the theme puts it in an HTML attribute.

Why: Material writes ``<meta name="description" content="{{ page.meta.description }}">`` and
MkDocs templates do not auto-escape. A description with a double quote (our Arabic pages quote
the "HOT" test) cut the attribute short and left stray text in ``<head>``.
"""

from __future__ import annotations

from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    """Replace the description by its attribute-safe form for the templates."""
    description = page.meta.get("description")
    if isinstance(description, str):
        page.meta["description"] = escape(description, quote=True)
    return context
