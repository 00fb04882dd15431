"""The site's icon as a small PNG, drawn by Chromium: the 48x48 illustration Kiwix shows for a ZIM file.

Why: Kiwix's readers and library list a book by a 48x48 PNG (the ZIM metadata
``Illustration_48x48@1``), and our icon is an SVG (overrides/assets/images/icon.svg). Chromium,
which the build already uses for the leaflet PDFs, draws the SVG onto a canvas of that size, with
its transparent corners. The PNG is kept in .cache/zim/ by what it is made from (the SVG, this
code, the browser), so a build with no change starts no browser for it; the same browser draws
the same pixels and writes the same bytes (tests/test_zim.py draws it twice).
"""

from __future__ import annotations

import base64
import hashlib
import struct
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scripts import chromium as chromium_setup
from scripts import project
from scripts.problems import BuildStopped

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DRAW = """async ([svg, size]) => {
  const image = new Image();
  image.src = "data:image/svg+xml;base64," + svg;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  canvas.getContext("2d").drawImage(image, 0, 0, size, size);
  return canvas.toDataURL("image/png");
}"""


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's header; (0, 0) when it is not a PNG."""
    if png[:8] != PNG_SIGNATURE or png[12:16] != b"IHDR":
        return 0, 0
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def cache_file(svg: bytes, size: int, chromium: str | None) -> Path:
    parts = [svg, str(size).encode(), Path(__file__).read_bytes()]
    if chromium:
        binary = Path(chromium).resolve()
        parts.append(f"{binary}:{binary.stat().st_size}:{binary.stat().st_mtime_ns}".encode())
    key = hashlib.sha256(b"\0".join(hashlib.sha256(part).digest() for part in parts)).hexdigest()
    return project.current().cache_dir / "zim" / f"icon-{size}-{key}.png"


def draw(svg: bytes, size: int, chromium: str | None) -> bytes:
    """The SVG drawn on a ``size``x``size`` canvas by Chromium, as PNG bytes (no cache)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium, args=chromium_setup.ARGS)
        except PlaywrightError as error:
            raise BuildStopped(
                "The ZIM files' icon is drawn by Chromium, and none was found.\n"
                + chromium_setup.HOW_TO_GET
                + f"\n(Chromium said: {str(error).splitlines()[0]})"
            ) from error
        try:
            url = browser.new_page().evaluate(DRAW, [base64.b64encode(svg).decode("ascii"), size])
        finally:
            browser.close()
    return base64.b64decode(url.removeprefix("data:image/png;base64,"))


def png(svg: bytes, size: int = 48) -> bytes:
    """The icon as a ``size``x``size`` PNG, from the cache or drawn now."""
    chromium = chromium_setup.find()
    cached = cache_file(svg, size, chromium)
    if cached.exists():
        return cached.read_bytes()
    # In a thread of its own: Playwright's sync API refuses to run where an event loop is already
    # running in this thread (a test session with a browser open), as for the leaflet PDFs.
    with ThreadPoolExecutor(max_workers=1) as executor:
        drawn = executor.submit(draw, svg, size, chromium).result()
    if png_size(drawn) != (size, size):
        raise BuildStopped(f"Chromium drew the icon as {png_size(drawn)}, not {size}x{size}")
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(drawn)
    return drawn
