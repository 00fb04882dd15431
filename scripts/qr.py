"""QR codes as SVG, made with segno (a maintained, pure-Python QR encoder).

Why: every printed page and leaflet carries a code that opens the same page in the same language.
Drawn as vector SVG, it stays sharp at any print size and costs a few hundred bytes of HTML.
"""

from __future__ import annotations

import io
from concurrent.futures import ProcessPoolExecutor
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


def prepare(urls: list[str], size: str) -> None:
    """Draw many codes at once, on every processor core, before pages ask for them one by one
    (encoding one takes about 10 ms; the scaling run has 4,000 pages)."""
    missing = [url for url in urls if (url, size) not in PREPARED]
    if len(missing) < 50:
        return
    with ProcessPoolExecutor(max_workers=workers()) as pool:
        codes = pool.map(data_uri, missing, [size] * len(missing), chunksize=25)
        for url, uri in zip(missing, codes, strict=True):
            PREPARED[(url, size)] = uri


PREPARED: dict[tuple[str, str], str] = {}


def page_code(url: str, size: str) -> str:
    """The data URI for a page's printed footer, drawn in advance by ``prepare`` where it could."""
    return PREPARED.get((url, size)) or data_uri(url, size)


def short_url(url: str) -> str:
    """The address as people type it from paper: no scheme, no trailing slash."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/")
