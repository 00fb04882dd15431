"""MkDocs hook: two fixes so the theme's pages conform to the HTML standard (W3C Nu checker).

Why: Material for MkDocs writes ``autocomplete="off"`` on its checkbox toggles (only allowed on
text-like inputs) and, on section index pages, a table-of-contents label whose ``for="__toc"``
names a checkbox it did not write. We fix the output rather than override the templates, so a
theme upgrade stays a version bump (tests/test_html_valid.py runs the checker on every page).
"""

from __future__ import annotations

import re

CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
TOC_LABEL_FOR = ' for="__toc"'


def conform(html: str) -> str:
    html = CHECKBOX.sub(lambda found: found.group(0).replace(' autocomplete="off"', ""), html)
    if 'id="__toc"' not in html:
        html = html.replace(TOC_LABEL_FOR, "")
    return html


def on_post_page(output: str, **_: object) -> str:
    return conform(output)


def on_post_template(output_content: str, template_name: str, **_: object) -> str:
    return conform(output_content) if template_name.endswith(".html") else output_content
