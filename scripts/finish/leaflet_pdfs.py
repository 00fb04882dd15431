"""Post-build step: a PDF of every leaflet, in every language and paper size, printed by Chromium.

Why: NGOs print from PDFs. Chromium is the engine readers print with, so the PDF is exactly what the
print stylesheet gives; it embeds its fonts and shapes Arabic as the browser does. A leaflet that
runs past one page fails the build, naming it: a leaflet whose last line lands on page two must
never be printed. PDFs are cached by what they are made from (the page's final HTML, which names
every stylesheet and pictogram by content hash, the paper, the browser and the fonts), so a rebuild
with no change renders nothing. Dates in the PDF come from SOURCE_DATE_EPOCH: builds are byte-identical.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

from scripts import chromium as chromium_setup
from scripts import project
from scripts.pages import output_file, url_path
from scripts.problems import BuildStopped
from scripts.render import leaflets
from scripts.site_config import Language, languages

CACHE_ENV = "JSG_LEAFLET_CACHE"


def cache_dir() -> Path:
    """Where printed PDFs are kept between builds (.cache/leaflets, or $JSG_LEAFLET_CACHE)."""
    return project.current().cache("leaflets", CACHE_ENV)


HOW_TO_GET_CHROMIUM = (
    "Leaflet PDFs are printed by Chromium, and none was found.\n"
    + chromium_setup.HOW_TO_GET
    + "\nThen run 'make build' again."
)


class LeafletError(BuildStopped):
    """A leaflet could not be made, or does not fit its page. The message says which and why."""


@dataclass(frozen=True)
class Job:
    leaflet: leaflets.Leaflet
    language: Language
    paper: str
    page: PurePosixPath  # the leaflet's Markdown page, e.g. leaflets/vehicle.md

    def html_file(self, site_dir: Path) -> Path:
        return output_file(site_dir, self.page, self.language)

    def pdf_file(self, site_dir: Path) -> Path:
        return self.html_file(site_dir).parent / self.leaflet.pdf_name(self.language.code, self.paper)

    def describe(self) -> str:
        return f"leaflet '{self.leaflet.id}' in {self.language.code} ({self.paper.upper()})"


def jobs() -> list[Job]:
    return [
        Job(leaflet, language, paper, PurePosixPath(f"leaflets/{leaflet.id}.md"))
        for leaflet in leaflets.load().values()
        for language in languages()
        for paper in leaflet.papers
    ]


def environment_key(chromium: str | None) -> str:
    """What besides the page changes a PDF: our printing code, the browser, the installed fonts."""
    parts = [Path(module).read_text(encoding="utf-8") for module in (__file__, chromium_setup.__file__)]
    if chromium:
        binary = Path(chromium).resolve()
        stat = binary.stat()
        parts.append(f"{binary}:{stat.st_size}:{stat.st_mtime_ns}")
    if shutil.which("fc-list"):
        fonts = subprocess.run(
            ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=False
        )
        parts.append("\n".join(sorted(fonts.stdout.splitlines())))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def cache_key(job: Job, html: bytes, environment: str, epoch: int) -> str:
    digest = hashlib.sha256()
    for part in (html, job.paper.encode(), environment.encode(), str(epoch).encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def pdf_date(epoch: int) -> str:
    moment = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def normalise(pdf: bytes, job: Job, epoch: int, key: str) -> tuple[bytes, int]:
    """(the PDF with dates from SOURCE_DATE_EPOCH, a document ID from what it is made of (``key``),
    and its language recorded; its number of pages)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    title = str((reader.metadata or {}).get("/Title") or job.leaflet.id)
    date = pdf_date(epoch)
    writer.metadata = None
    writer.add_metadata(
        {
            "/Title": title,
            "/Creator": "Jarablus Safety Guide",
            "/Producer": "Chromium (Skia/PDF), pypdf",
            "/CreationDate": date,
            "/ModDate": date,
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject(job.language.code)
    identifier = ByteStringObject(bytes.fromhex(key[:32]))
    writer._ID = ArrayObject([identifier, identifier])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(reader.pages)


@contextlib.contextmanager
def printing_page(
    site_dir: Path, chromium: str | None, error: type[BuildStopped]
) -> Iterator[tuple[object, str]]:
    """A Chromium page and the address of ``site_dir`` served on 127.0.0.1, for printing its
    pages to PDF: (page, base URL). A Chromium that does not start raises ``error`` saying how to
    get one. Shared by the leaflets and the booklets (scripts/finish/booklet_pdfs.py)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from scripts.serve.static_server import running

    with running(site_dir) as (base, _), sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium, args=chromium_setup.ARGS)
        except PlaywrightError as failed:
            raise error(f"{HOW_TO_GET_CHROMIUM}\n(Chromium said: {str(failed).splitlines()[0]})") from failed
        try:
            yield browser.new_page(), base
        finally:
            browser.close()


def write_whole(target: Path, data: bytes) -> None:
    """Whole or not at all: a build stopped half-way, or another build reading the cache
    meanwhile, must never find (and publish) a cut-off PDF."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(target)


def render(site_dir: Path, pending: list[tuple[Job, Path]], chromium: str | None, epoch: int) -> list[str]:
    """Print the pending PDFs into the cache; return what did not fit on one page."""
    too_long = []
    loaded = None
    with printing_page(site_dir, chromium, LeafletError) as (page, base):
        for job, cached in pending:
            # A leaflet's papers follow one another (jobs()): one load prints them all, the paper
            # set on the page each time (the PDFs are byte for byte those of a load each).
            address = base + url_path(job.page, job.language)
            if address != loaded:
                page.goto(address, wait_until="load")
                loaded = address
            page.evaluate("paper => { document.documentElement.dataset.paper = paper; }", job.paper)
            raw = page.pdf(
                format=leaflets.PAPERS[job.paper],
                print_background=True,
                tagged=True,
                prefer_css_page_size=False,
            )
            pdf, pages = normalise(raw, job, epoch, cached.stem)
            if pages != 1:
                too_long.append(
                    f"docs/{job.language.code}/{job.page}: {job.describe()} runs to {pages} pages; "
                    "a leaflet must fit on one page — shorten its words (data/interface.yml) "
                    "or remove a part (data/leaflets.yml)"
                )
                continue
            write_whole(cached, pdf)
    return too_long


def write(site_dir: Path, epoch: int | None = None) -> int:
    """Write every leaflet PDF next to its page; return how many were printed (not from the cache).
    Raises LeafletError when Chromium is missing or a leaflet does not fit on one page."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0")) if epoch is None else epoch
    chromium = chromium_setup.find()
    environment = environment_key(chromium)
    planned = []
    for job in jobs():
        key = cache_key(job, job.html_file(site_dir).read_bytes(), environment, epoch)
        planned.append((job, cache_dir() / f"{key}.pdf"))
    pending = [(job, cached) for job, cached in planned if not cached.exists()]
    if pending:
        if chromium is None and not playwright_has_chromium():
            raise LeafletError(HOW_TO_GET_CHROMIUM)
        # In a thread of its own: Playwright's sync API refuses to run where an event loop is already
        # running in this thread (a test session with a browser open, for one).
        with ThreadPoolExecutor(max_workers=1) as executor:
            too_long = executor.submit(render, site_dir, pending, chromium, epoch).result()
        if too_long:
            raise LeafletError("\n".join(too_long))
    for job, cached in planned:
        shutil.copyfile(cached, job.pdf_file(site_dir))
    return len(pending)


def playwright_has_chromium() -> bool:
    """Whether Playwright's own Chromium download is there (used only where no system one is)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return Path(playwright.chromium.executable_path).exists()
