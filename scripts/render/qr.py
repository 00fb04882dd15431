"""QR codes as SVG, made with segno (a maintained, pure-Python QR encoder).

Why: every printed page and leaflet carries a code that opens the same page in the same language.
Drawn as vector SVG, it stays sharp at any print size and costs a few hundred bytes of HTML.
"""

from __future__ import annotations

import hashlib
import io
import os
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from html import escape
from pathlib import Path
from urllib.parse import quote, urlsplit

import segno

from scripts import project
from scripts.parallel import workers

CACHE_ENV = "JSG_QR_CACHE"
DATA_URI_START = "data:image/svg+xml,"


@cache
def svg(url: str, label: str | None = None, size: str | None = None) -> str:
    """The code for ``url`` as one ``<svg>`` element: black on white, with the standard 4-module
    quiet zone, error correction level M (survives a crease or a smudge). ``label`` makes it an
    image with a name for screen readers; ``size`` (a CSS length) sets width and height."""
    code = segno.make(url, error="m", micro=False, boost_error=False)
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=True,
        border=4,
        svgclass=None,
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    element = buffer.getvalue().decode("ascii")
    attributes = []
    if size:
        attributes.append(f'width="{size}" height="{size}"')
    if label:
        attributes.append(f'role="img" aria-label="{escape(label)}"')
    else:
        attributes.append('aria-hidden="true"')
    return element.replace("<svg ", "<svg " + " ".join(attributes) + " ", 1)


@cache
def data_uri(url: str, size: str) -> str:
    """The code as a ``data:`` URI, for CSS (the print footer's page margin)."""
    return DATA_URI_START + quote(svg(url, size=size), safe=" :/=,.-")


def draw(urls: list[str], size: str) -> list[str]:
    return [data_uri(url, size) for url in urls]


def prepare(urls: list[str], size: str) -> None:
    """Start drawing many codes on the other processor cores, while MkDocs renders pages in this
    one; each page then takes its own code (encoding one takes about 15 ms, and the scaling run
    has 4,000 pages: done before rendering, the codes alone took a tenth of the build)."""
    missing = [url for url in urls if (url, size) not in PENDING and not cache_file(url, size).exists()]
    if len(missing) < 50:
        return
    global POOL
    if POOL is None:
        POOL = ProcessPoolExecutor(max_workers=workers())
    for start in range(0, len(missing), 25):
        batch = missing[start : start + 25]
        future = POOL.submit(draw, batch, size)
        for index, url in enumerate(batch):
            PENDING[(url, size)] = (future, index)


POOL: ProcessPoolExecutor | None = None
PENDING: dict[tuple[str, str], tuple[Future[list[str]], int]] = {}


def page_code(url: str, size: str) -> str:
    """The data URI for a page's printed footer: from the cache of earlier builds, else from
    ``prepare``'s workers where it started one, else drawn here; then kept in the cache."""
    saved = cached(url, size)
    if saved is not None:
        return saved
    if (url, size) in PENDING:
        future, index = PENDING[(url, size)]
        code = future.result()[index]
    else:
        code = data_uri(url, size)
    keep(url, size, code)
    return code


# Codes drawn by earlier builds, in .cache/qr/ (or $JSG_QR_CACHE). Why: choosing the most readable
# mask (segno does, as the standard asks) takes about 15 ms a code, and every page has one; a
# rebuild after an edit draws only the codes of new addresses. A code depends only on its address,
# its size, segno's version and this file, which together name the cached file.
def cache_dir() -> Path:
    return project.current().cache("qr", CACHE_ENV)


@cache
def code_version() -> str:
    return segno.__version__ + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def cache_file(url: str, size: str) -> Path:
    key = hashlib.sha256(f"{code_version()}\n{url}\n{size}".encode()).hexdigest()
    return cache_dir() / key[:2] / f"{key}.txt"


def cached(url: str, size: str) -> str | None:
    path = cache_file(url, size)
    try:
        code = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    return code if code.startswith(DATA_URI_START) and code.endswith("%3C/svg%3E") else None


def keep(url: str, size: str, code: str) -> None:
    """Save a code for the next build: written whole, then renamed, so a build stopped half-way
    (or another build process writing the same code) never leaves half a file."""
    path = cache_file(url, size)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_text(code, encoding="ascii")
        partial.replace(path)
    except OSError:
        pass  # a read-only checkout still builds; it only draws every code again next time


def short_url(url: str) -> str:
    """The address as people type it from paper: no scheme, no trailing slash."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/")
