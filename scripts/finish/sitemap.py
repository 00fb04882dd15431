"""Post-build step: add ``x-default`` to every URL of the sitemap, next to its four languages.

Why: mkdocs-static-i18n writes the per-language alternates but no ``x-default``; search engines
use it for readers whose language we do not have. It points at the Arabic (default) page, as the
``<head>`` of every page does (scripts/engine/mkdocs/markup.py).
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from scripts.site_config import default_language

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def add_x_default(site_dir: Path) -> None:
    """Rewrite sitemap.xml (and its .gz twin) with an x-default alternate per URL."""
    path = site_dir / "sitemap.xml"
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    tree = ET.parse(path)
    default = default_language().code
    for url in tree.getroot().findall(f"{{{SITEMAP}}}url"):
        links = url.findall(f"{{{XHTML}}}link")
        if any(link.get("hreflang") == "x-default" for link in links):
            continue
        target = next((link.get("href") for link in links if link.get("hreflang") == default), None)
        if target:
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang="x-default", href=target)
    ET.indent(tree)
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    gz = site_dir / "sitemap.xml.gz"
    if gz.exists():
        gz.write_bytes(gzip.compress(path.read_bytes(), mtime=0))
