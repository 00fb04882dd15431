"""QR codes as SVG, made with segno (a maintained, pure-Python QR encoder).

Why: every printed page and leaflet carries a code that opens the same page in the same language.
Drawn as vector SVG, it stays sharp at any print size and costs a few hundred bytes of HTML.
"""

from __future__ import annotations

import io
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from html import escape
from urllib.parse import quote, urlsplit

import segno

from scripts.parallel import workers


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
    return "data:image/svg+xml," + quote(svg(url, size=size), safe=" :/=,.-")


def draw(urls: list[str], size: str) -> list[str]:
    return [data_uri(url, size) for url in urls]


def prepare(urls: list[str], size: str) -> None:
    """Start drawing many codes on the other processor cores, while MkDocs renders pages in this
    one; each page then takes its own code (encoding one takes about 10 ms, and the scaling run
    has 4,000 pages: done before rendering, the codes alone took a tenth of the build)."""
    missing = [url for url in urls if (url, size) not in PENDING]
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
    """The data URI for a page's printed footer: from ``prepare``'s workers where it started one."""
    if (url, size) in PENDING:
        future, index = PENDING[(url, size)]
        return future.result()[index]
    return data_uri(url, size)


def short_url(url: str) -> str:
    """The address as people type it from paper: no scheme, no trailing slash."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/")
