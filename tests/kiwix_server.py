"""Serve ZIM files with Debian's kiwix-serve (kiwix-tools), on 127.0.0.1 and a free port.

Why: a Kiwix reader is what opens our ZIM files, and kiwix-serve is the one that runs here. It
reads each file with its own libzim (Debian 12: libzim 8, older than the one that wrote it), lists
the books in its OPDS catalog as Kiwix's apps do, and serves each book under a path of its own
(kiwix-serve 3.3: ``/<book>/``; 3.4 and later: ``/content/<book>/``), so the tests find a book's
address in the catalog rather than assume it. The test starts it, waits until its port answers,
and stops it.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

from tests.nginx_server import free_port

KIWIX_SERVE = shutil.which("kiwix-serve") or "/usr/bin/kiwix-serve"
ZIMCHECK = shutil.which("zimcheck") or "/usr/bin/zimcheck"
INSTALL_HINT = "Install Kiwix's tools with `apt install zim-tools kiwix-tools` (.ci/run does)."
ATOM = "{http://www.w3.org/2005/Atom}"


def available() -> bool:
    return Path(KIWIX_SERVE).exists() and Path(ZIMCHECK).exists()


@contextlib.contextmanager
def running(zims: list[Path]) -> Iterator[str]:
    """kiwix-serve with ``zims`` on 127.0.0.1: its base URL (ending in '/'); stopped on exit."""
    port = free_port()
    command = [KIWIX_SERVE, "--address", "127.0.0.1", "--port", str(port), *map(str, zims)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"kiwix-serve did not start: {output}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("kiwix-serve did not answer within 15 s")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


def catalog(base: str) -> dict[str, dict[str, str]]:
    """The books kiwix-serve lists, by Name: what its OPDS catalog says of each (title, language,
    summary, the address of its pages as ``href``)."""
    with urlopen(base + "catalog/v2/entries", timeout=10) as answer:  # our own server on 127.0.0.1
        feed = ElementTree.fromstring(answer.read())
    books = {}
    for entry in feed.iter(f"{ATOM}entry"):
        book = {child.tag.removeprefix(ATOM): (child.text or "").strip() for child in entry}
        pages = next(link for link in entry.iter(f"{ATOM}link") if link.get("type") == "text/html")
        book["href"] = pages.get("href", "")
        books[book["name"]] = book
    return books
