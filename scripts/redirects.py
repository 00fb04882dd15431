"""Old addresses keep working: a page at each old address sends readers to the page that replaced it.

Why: QR codes on thousands of printed leaflets point at page addresses for years. When a page is
renamed or moved, ``data/redirects.yml`` says where it went, in one line for all languages, and the
build writes the old address in every language: a small page in the reader's language with a
meta refresh and a link (no script, so the site's Content-Security-Policy needs no exception), plus
``_redirects`` for hosts that redirect on the server (Netlify, Cloudflare Pages) and the same rules
in serving/nginx.conf.

Written here rather than with mkdocs-redirects: that plugin does not find pages in
mkdocs-static-i18n's per-language folders ("Redirect target 'children.md' does not exist"), and its
page is English-only with an inline script, which would need a policy hash per redirect.
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path, PurePosixPath
from typing import NamedTuple

import yaml

from scripts import interface_text
from scripts.pages import url_path
from scripts.site_config import ROOT, Language, languages, site_path

REDIRECTS_FILE = ROOT / "data" / "redirects.yml"


@cache
def load(path: Path = REDIRECTS_FILE) -> dict[str, str]:
    """Old Markdown path -> new Markdown path."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(old): str(new) for old, new in (data.get("redirects") or {}).items()}


class Move(NamedTuple):
    """One page that moved, in one language: addresses site-relative, without the leading slash."""

    old: str
    new: str
    language: Language


def moves() -> list[Move]:
    """Every move of data/redirects.yml, in every language."""
    return [
        Move(url_path(PurePosixPath(old), language), url_path(PurePosixPath(new), language), language)
        for old, new in sorted(load().items())
        for language in languages()
    ]


def page(language_code: str, direction: str, target: str) -> str:
    text = interface_text.text
    title = escape(text("moved.title", language_code))
    return (
        f'<!doctype html><html lang="{language_code}" dir="{direction}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<title>{title}</title><meta name="robots" content="noindex">'
        f'<link rel="canonical" href="{escape(target)}">'
        f'<meta http-equiv="refresh" content="0; url={escape(target)}"></head>'
        f'<body><h1>{title}</h1><p><a href="{escape(target)}">{escape(text("moved.link", language_code))}</a>'
        "</p></body></html>\n"
    )


def write(site_dir: Path) -> list[str]:
    """Post-build step: the page at each old address, and ``_redirects``. Returns problems: an old
    address that is still a page, or a new one that is not."""
    root = site_path()
    problems = []
    rules = []
    for old, new, language in moves():
        old_file, new_file = site_dir / old / "index.html", site_dir / new / "index.html"
        if not new_file.exists():
            problems.append(f"data/redirects.yml: '/{old}' should go to '/{new}', which is not a page")
            continue
        if old_file.exists():
            problems.append(f"data/redirects.yml: '/{old}' is still a page; remove the line or the page")
            continue
        old_file.parent.mkdir(parents=True, exist_ok=True)
        old_file.write_text(page(language.code, language.direction, root + new), encoding="utf-8")
        rules.append(f"{root}{old} {root}{new} 301")
    # Then each language's own not-found page (the host's default is the root one, in Arabic).
    for language in sorted(languages(), key=lambda item: len(item.prefix), reverse=True):
        if language.prefix:
            rules.append(f"{root}{language.prefix}*  {root}{language.prefix}404.html  404")
    (site_dir / "_redirects").write_text("".join(line + "\n" for line in rules), encoding="utf-8")
    return problems
