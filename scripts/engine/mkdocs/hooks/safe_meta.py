"""Engine hook: escape what front matter and the menu put into the theme's HTML.

Why: Material writes ``<title>{{ page.meta.title }}</title>``, ``<h1>{{ page.title }}</h1>``, the
menu labels and ``<meta name="description" content="{{ page.meta.description }}">``, and MkDocs
templates do not auto-escape. A description with a double quote (our Arabic pages quote the "HOT"
test) cut the attribute short; a title ``Report</title><script>…`` put a script on every page whose
menu names that page. Titles are escaped for every page at once (the menu of one page shows the
titles of all the others), as markupsafe's ``Markup``, which is never escaped twice when a hook or
a second language pass comes back to the same value.
"""

from __future__ import annotations

from html import escape

from jinja2 import Environment
from markupsafe import Markup
from markupsafe import escape as escape_once
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def safe_title(value: object) -> object:
    """A title as HTML-safe text (a ``Markup`` is already safe and stays as it is)."""
    return escape_once(value) if isinstance(value, str) else value


def on_nav(nav: Navigation, **_: object) -> Navigation:
    """Section and link labels from mkdocs.yml (and their translations) as safe text."""
    for item in nav.items:
        escape_item(item)
    return nav


def escape_item(item: object) -> None:
    if not isinstance(item, Page) and isinstance(getattr(item, "title", None), str):
        item.title = safe_title(item.title)
    for child in getattr(item, "children", None) or []:
        escape_item(child)


def on_env(env: Environment, config: MkDocsConfig, files: Files, **_: object) -> Environment:
    """Every page's front-matter title, once all pages are read and before any page is written."""
    for file in files.documentation_pages():
        page = file.page
        if page is not None and isinstance(page.meta.get("title"), str):
            page.meta["title"] = safe_title(page.meta["title"])
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    """The description in its attribute-safe form; the title again, in case a plugin replaced it."""
    description = page.meta.get("description")
    if isinstance(description, str) and not isinstance(description, Markup):
        page.meta["description"] = Markup(escape(description, quote=True))
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = safe_title(page.meta["title"])
    return context
