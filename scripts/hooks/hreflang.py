"""MkDocs hook: every page's ``<head>`` names the same page in all languages, plus ``x-default``.

Why: Material writes relative ``<link rel="alternate">`` tags from the switcher config. Search
engines want absolute URLs and an ``x-default`` (our Arabic root). Material's script also fetches
``sitemap.xml`` next to every ``link[rel=alternate]`` it finds (made for language roots, not pages;
mkdocs-material#6582), which costs three failing requests per page view. Our tags are written with
``rel="alternate "``: the same link type for every HTML parser and crawler (a space-separated token
list), but not matched by that script's exact ``[rel=alternate]`` selector. tests/test_languages.py
checks both the tags and that no such request is made.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from scripts.site_config import default_language

# Starts with the tag, not with white space: a leading \s* made every search try each space of a
# page (quadratic on 4,000-page sites, found by the scaling run).
MATERIAL_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


def alternate_links(page: Page, config: MkDocsConfig) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each language of this page, default language first as x-default."""
    site_url = config.site_url or "/"
    alternates = getattr(page.file, "alternates", {}) or {}
    links = sorted(
        (code, site_url + file.url.removeprefix("./").lstrip("/")) for code, file in alternates.items()
    )
    default_url = dict(links).get(default_language().code)
    if default_url:
        links.append(("x-default", default_url))
    return links


SWITCHER_LINK = re.compile(r'(<a href="[^"]*" hreflang="([^"]+)" class="md-select__link")')


def with_language_of_names(output: str) -> str:
    """Each language name in the switcher is marked as written in that language (WCAG 3.1.2)."""
    return SWITCHER_LINK.sub(r'\1 lang="\2"', output)


def on_post_template(output_content: str, template_name: str, **_: object) -> str:
    return with_language_of_names(output_content) if template_name.endswith(".html") else output_content


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Replace Material's relative alternates by absolute ones with x-default."""
    output = with_language_of_names(output)
    links = alternate_links(page, config)
    if not links:
        return output
    tags = "".join(
        f'\n    <link rel="alternate " hreflang="{code}" href="{escape(url)}">' for code, url in links
    )
    head_end = output.find("</head>")
    head, rest = output[:head_end], output[head_end:]
    first = MATERIAL_ALTERNATE.search(head)
    if first is None:
        return head + tags + "\n" + rest
    return head[: first.start()] + tags + "\n    " + MATERIAL_ALTERNATE.sub("", head[first.start() :]) + rest
