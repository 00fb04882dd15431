"""Compressed twins made by earlier builds, kept in .cache/compressed/ by the bytes they compress.

Why: brotli at its best setting is slow (about 0.5 MB a second); compressing every text file took
1.7 s of a 13 s warm build, although after a one-word change almost every file is byte for byte
what the last build compressed. The result depends only on the bytes, the method and setting and
the compressor's version, which together make the key, so a kept twin is the one the compressor
would write again: builds stay reproducible. A kept twin is used only if it decompresses to the
very bytes it stands for (fast next to compressing), so a damaged or altered cache can never put
other words in what readers download; otherwise it is made again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import zlib
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from scripts import project

CACHE_ENV = "JSG_COMPRESSED_CACHE"
# More files than this (hundreds of builds) and the oldest half goes: the cache never grows unbounded.
LIMIT = 40_000
# A twin is never much bigger than what it compresses (headers only): a kept file that is, is not
# a twin this code wrote, and is not even decompressed (it could be a decompression bomb).
SLACK = 64


def cache_dir() -> Path:
    """Where twins are kept (.cache/compressed, or $JSG_COMPRESSED_CACHE)."""
    return project.current().cache("compressed", CACHE_ENV)


@cache
def versions() -> str:
    """The compressors' versions: a new one may compress differently (Python's gzip module has
    changed the header it writes between releases, hence Python's own version too)."""
    return f"brotli {metadata.version('brotli')} zlib {zlib.ZLIB_RUNTIME_VERSION} python {sys.version}"


def compressed(
    data: bytes,
    method: str,
    make: Callable[[bytes], bytes],
    unmake: Callable[[bytes], bytes],
    folder: Path | None = None,
) -> bytes:
    """``make(data)``, from the cache when an earlier build made it and ``unmake`` gives ``data``
    back (``method`` names the compressor and its setting, as in "br11")."""
    key = hashlib.sha256(f"{versions()}\0{method}\0".encode() + data).hexdigest()
    path = (folder or cache_dir()) / key[:2] / f"{key}.{method}"
    with contextlib.suppress(Exception):  # absent, unreadable or not a valid stream: made again
        kept = path.read_bytes()
        if len(kept) <= len(data) + SLACK and unmake(kept) == data:
            os.utime(path)  # pruning goes by last use
            return kept
    result = make(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_bytes(result)
    partial.replace(path)  # whole or not at all, for a build running beside this one
    return result


def prune(folder: Path | None = None) -> None:
    """Keep the cache under LIMIT files: over it, delete the half least recently used. Another
    build may write or delete files meanwhile: a file that is gone is skipped, and another
    build's half-written ``.partial`` file is left alone."""
    root = folder or cache_dir()
    used: list[tuple[float, Path]] = []
    for path in root.glob("*/*") if root.is_dir() else ():
        if path.name.endswith(".partial"):
            continue
        with contextlib.suppress(OSError):
            used.append((path.stat().st_mtime, path))
    if len(used) <= LIMIT:
        return
    for _, path in sorted(used)[: len(used) // 2]:
        path.unlink(missing_ok=True)
