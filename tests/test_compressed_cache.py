"""The compressed twins readers download are the page's own bytes, whether compressed now or taken
from .cache/compressed/ (scripts/finish/compressed_cache.py), and the same either way."""

from __future__ import annotations

import gzip
import struct
import zlib
from pathlib import Path

import brotli
import pytest

from scripts.finish import compressed_cache, compression

pytestmark = pytest.mark.unit

PAGE = "<!doctype html><title>Report</title><p>Call the police.</p>" * 40


def small_site(folder: Path) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    (folder / "style.css").write_text("body{margin:0}" * 50, encoding="utf-8")
    return folder


def twins(site: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(site.iterdir()) if path.suffix in (".br", ".gz")}


def test_twins_from_the_cache_are_the_ones_compressed_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv(compressed_cache.CACHE_ENV, str(tmp_path / "cache"))
    first = small_site(tmp_path / "first")
    compression.compress(first)
    kept = sorted((tmp_path / "cache").glob("*/*"))
    assert len(kept) == 4  # two files, each .br and .gz
    second = small_site(tmp_path / "second")
    compression.compress(second)
    assert twins(first) == twins(second)
    assert brotli.decompress((second / "index.html.br").read_bytes()).decode() == PAGE
    assert gzip.decompress((second / "index.html.gz").read_bytes()).decode() == PAGE


def zlib_body(text: str) -> bytes:
    """A gzip member's deflate stream, CRC and size for ``text``: what follows its header."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    data = text.encode()
    body = packer.compress(data) + packer.flush()
    return body + struct.pack("<II", zlib.crc32(data), len(data))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"",
        lambda data: brotli.compress(PAGE.replace("police", "number 0999").encode()),  # other words
        lambda data: gzip.compress(PAGE.replace("police", "number 0999").encode()),
        # The page's own bytes, with a script riding in the gzip header's comment field (FCOMMENT),
        # which decompressors skip and readers still download.
        lambda data: b"\x1f\x8b\x08\x10" + bytes(6) + b"<script>alert(1)</script>\0" + zlib_body(PAGE),
        lambda data: gzip.compress(PAGE.encode(), mtime=0) + gzip.compress(b"", mtime=0),  # two members
        lambda data: gzip.compress(b"x" * 10_000_000),  # far bigger once unpacked than any page
    ],
    ids=[
        "cut short",
        "empty",
        "other words, brotli",
        "other words, gzip",
        "script in a gzip comment",
        "a second gzip member",
        "a bomb",
    ],
)
def test_a_damaged_or_altered_cache_never_reaches_readers(tmp_path, monkeypatch, damage):
    monkeypatch.setenv(compressed_cache.CACHE_ENV, str(tmp_path / "cache"))
    compression.compress(small_site(tmp_path / "first"))
    for path in (tmp_path / "cache").glob("*/*"):
        path.write_bytes(damage(path.read_bytes()))
    site = small_site(tmp_path / "second")
    compression.compress(site)
    assert brotli.decompress((site / "index.html.br").read_bytes()).decode() == PAGE
    assert gzip.decompress((site / "index.html.gz").read_bytes()).decode() == PAGE
    # And the damaged entries were made again: readers get the twins a fresh build writes.
    assert twins(site) == twins(tmp_path / "first")
    assert b"alert" not in b"".join(twins(site).values())


def test_the_cache_stays_under_its_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(compressed_cache, "LIMIT", 3)
    folder = tmp_path / "cache"
    for number in range(5):
        compressed_cache.compressed(str(number).encode(), "gz9", compression.gzipped, gzip.decompress, folder)
    compressed_cache.prune(folder)
    assert len(list(folder.glob("*/*"))) <= 3
