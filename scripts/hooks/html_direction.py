"""MkDocs hook: put the text direction on ``<html>``, not only on ``<body>``.

Why: Material writes ``dir`` on ``<body>`` only. Browsers, screen readers, print and translation
tools read the root element's ``lang`` and ``dir`` together; Arabic pages must say ``dir="rtl"`` there.
The direction is copied from Material's own output, so it always matches the theme strings.
"""

from __future__ import annotations

import re

BODY_DIR = re.compile(r'<body dir="(ltr|rtl)"')
HTML_TAG = re.compile(r"<html lang=\"([^\"]+)\"")


def on_post_page(output: str, **_: object) -> str:
    """Copy ``<body dir>`` onto the ``<html>`` tag of every page."""
    return with_direction(output)


def on_post_template(output_content: str, template_name: str, **_: object) -> str:
    """The same for pages made from templates alone (the not-found page)."""
    return with_direction(output_content) if template_name.endswith(".html") else output_content


def with_direction(output: str) -> str:
    """The page with ``dir`` on its ``<html>`` tag."""
    direction = BODY_DIR.search(output)
    if direction is None:
        return output
    return HTML_TAG.sub(f'<html lang="\\1" dir="{direction.group(1)}"', output, count=1)
