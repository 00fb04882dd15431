"""MkDocs hook: tell Pagefind which part of a page to index: the article, not menus or footers.

Why: without it every page's index entry would repeat the navigation in four languages' worth of
words, and results would match menu text instead of advice.
"""

from __future__ import annotations

ARTICLE = '<article class="md-content__inner md-typeset">'


def on_post_page(output: str, **_: object) -> str:
    """Mark the article as the searchable body of the page."""
    return output.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)
