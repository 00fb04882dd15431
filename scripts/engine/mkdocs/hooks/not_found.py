"""MkDocs hook: a not-found page in every language, at ``<prefix>404.html``.

Why: with mkdocs-static-i18n every language build writes the theme's ``404.html`` to the site
root, each overwriting the last, so the root ended up with the English page (and a switcher
pointing at whichever page was built last). Here each language's 404 is moved to its own folder
as it is written, and the default language's is put back at the root. ``overrides/404.html``
gets its words and absolute links from the ``jsg`` helper (template_helpers.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from scripts.site_config import default_language, language, languages, site_path

NOT_FOUND = "404.html"
SWITCHER_LINK = re.compile(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link"')
ALTERNATE_LINK = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="([^"]+)">')
_default_page: dict[str, bytes] = {}


def with_switcher_to_homes(html: str, config: MkDocsConfig) -> str:
    """Without JavaScript, the switcher on a 404 page leads to each language's home page, and so
    do its ``<link rel="alternate">`` tags.

    (The theme fills both from whichever page was rendered last, so they named some guide page;
    site.js then points each switcher link at the same address in the other language.)
    """
    root = site_path(config.site_url)
    prefixes = {item.code: item.prefix for item in languages()}

    def home(code: str) -> str:
        return root + prefixes.get(code, "")

    def switcher_link(found: re.Match[str]) -> str:
        return f'<a href="{home(found[1])}" hreflang="{found[1]}" class="md-select__link"'

    def alternate_link(found: re.Match[str]) -> str:
        return f'<link rel="alternate" href="{home(found[1])}" hreflang="{found[1]}">'

    return ALTERNATE_LINK.sub(alternate_link, SWITCHER_LINK.sub(switcher_link, html))


def on_post_build(config: MkDocsConfig) -> None:
    """Move the 404 page just written for this language to its own folder."""
    site = Path(config.site_dir)
    written = site / NOT_FOUND
    written.write_text(with_switcher_to_homes(written.read_text(encoding="utf-8"), config), "utf-8")
    code = config.theme["language"]
    if code == default_language().code:
        _default_page["content"] = written.read_bytes()
        return
    target = site / language(code).prefix / NOT_FOUND
    target.parent.mkdir(parents=True, exist_ok=True)
    written.replace(target)
    if "content" in _default_page:  # not when this process builds only other languages
        written.write_bytes(_default_page["content"])
