"""MkDocs hook: each menu section is named by its title, for screen readers.

Why: with section index pages (navigation.indexes), Material names a section's <nav> by a label
that holds only an arrow icon, so every section is called "" and two sections cannot be told apart
(axe: landmark-unique). The section's title is written just inside the <nav>; it becomes the name.
"""

from __future__ import annotations

import re

SECTION = re.compile(
    r'aria-labelledby="(?P<path>__nav[\d_]*)_label"(?P<rest>[^>]*>\s*<label class="md-nav__title" '
    r'for="(?P=path)">\s*<span class="md-nav__icon md-icon"></span>\s*(?P<title>[^<]*?)\s*</label>)'
)


def named(html: str) -> str:
    return SECTION.sub(lambda found: f'aria-label="{found["title"]}"{found["rest"]}', html)


def on_post_page(output: str, **_: object) -> str:
    return named(output)


def on_post_template(output_content: str, template_name: str, **_: object) -> str:
    return named(output_content) if template_name.endswith(".html") else output_content
