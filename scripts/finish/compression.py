"""Post-build steps: minify our HTML, then write ``.br`` and ``.gz`` twins of every text file.

Why: precompressed files let any static host (nginx ``gzip_static``/``brotli_static``, Netlify,
Cloudflare) send the smallest version without compressing on every request. Both use fixed
settings and no timestamps, so two builds of the same commit give identical bytes.

Brotli's best setting (11) compresses about 0.5 MB a second. A site with up to 20 MB of text (the
guide today has about 3 MB) gets it; a bigger one gets 7, about 80 times faster and some 15 %
larger, so a site of thousands of pages still builds in minutes (``python -m scripts scaling``).
Measured on the scaling run's pages: setting 9 was eight times slower than 7 for 0.3 % less.
The choice depends only on the site's content, so builds stay reproducible. Work is spread over
the machine's processor cores.
"""

from __future__ import annotations

import functools
import gzip
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli
import minify_html

from scripts.finish import compressed_cache
from scripts.parallel import chunks, workers

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".txt"}
BEST_QUALITY_UP_TO = 20 * 1024 * 1024  # bytes of text in the whole site


def minify(html: str) -> str:
    """One page minified: whitespace and optional quotes (scripts and styles left as they are).
    Called for every page by scripts/finish/final_pages.py."""
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True)


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


# The ten header bytes ``gzipped`` writes for any content (no name, no comment, time 0).
GZIP_HEADER = gzipped(b"")[:10]


def gunzipped(kept: bytes) -> bytes:
    """A kept gzip twin's content, only if it has exactly the header ``gzipped`` writes and one
    member: a header can carry a name, a comment or extra bytes that readers would download and
    no decompressor shows (the red team planted a script there)."""
    if kept[:10] != GZIP_HEADER:
        raise ValueError("not the header this build writes")
    inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    content = inflate.decompress(kept[10:])
    if not inflate.eof or len(inflate.unused_data) != 8:  # the member's CRC and size, then nothing
        raise ValueError("more than one member, or bytes after it")
    return content


def compress_files(paths: list[Path], quality: int, folder: Path) -> None:
    """Each file's twins, from .cache/compressed/ where an earlier build made them (compressed_cache)."""
    brotli_at = functools.partial(brotli.compress, quality=quality)
    for path in paths:
        data = path.read_bytes()
        gz = compressed_cache.compressed(data, "gz9", gzipped, gunzipped, folder)
        path.with_name(path.name + ".gz").write_bytes(gz)
        br = compressed_cache.compressed(data, f"br{quality}", brotli_at, brotli.decompress, folder)
        path.with_name(path.name + ".br").write_bytes(br)


def compress(site_dir: Path) -> None:
    """Write name.br and name.gz next to every text file."""
    paths = sorted(path for path in site_dir.rglob("*") if path.is_file() and path.suffix in TEXT_SUFFIXES)
    quality = 11 if sum(path.stat().st_size for path in paths) <= BEST_QUALITY_UP_TO else 7
    groups, folder = chunks(paths), compressed_cache.cache_dir()
    with ProcessPoolExecutor(max_workers=workers()) as pool:
        list(pool.map(compress_files, groups, [quality] * len(groups), [folder] * len(groups)))
    compressed_cache.prune(folder)
