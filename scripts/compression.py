"""Post-build steps: minify our HTML, then write ``.br`` and ``.gz`` twins of every text file.

Why: precompressed files let any static host (nginx ``gzip_static``/``brotli_static``, Netlify,
Cloudflare) send the smallest version without compressing on every request. Both use fixed
settings and no timestamps, so two builds of the same commit give identical bytes.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import minify_html

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".txt"}


def minify(site_dir: Path) -> None:
    """Minify every HTML page (whitespace and optional quotes; scripts and styles left as they are)."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(
            minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True),
            encoding="utf-8",
        )


def compress(site_dir: Path) -> None:
    """Write name.br and name.gz next to every text file."""
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        data = path.read_bytes()
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
