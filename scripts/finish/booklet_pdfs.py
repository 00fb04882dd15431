"""Post-build step: the NGO print kit's PDFs, per language, next to the print page: a booklet (A5
pages two-up on A4 in folding order, scripts/finish/imposition.py) and the same pages one by one
on A4, for printers that cannot print both sides.

Why: NGOs run sessions with paper where phones are few, from an ordinary office printer. Chromium
prints the print page (the whole guide, scripts/render/whole_guide.py) on A5 with the booklet's
page rules (scripts/render/print_footer.py, ``booklet_style``), its parts put in booklet order:
cover, chapters, ruled notes pages to reach a multiple of four, back cover. The same guarantees
as the leaflets (scripts/finish/leaflet_pdfs.py): fonts embedded by Chromium, dates from
SOURCE_DATE_EPOCH and a document ID from what the PDF is made of (two builds give the same bytes),
cached by what they are made from, the draft mark on every page while no primary number is
verified, and the build stops when a cover runs past its page or a chapter is wider than the page
(it would be cut off on paper).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from scripts import chromium as chromium_setup
from scripts import project
from scripts.finish import imposition, leaflet_pdfs, single_file
from scripts.pages import PRINT_PAGE, output_file, url_path
from scripts.problems import BuildStopped
from scripts.render import print_footer, print_kit
from scripts.site_config import Language, languages, load

CACHE_ENV = "JSG_BOOKLET_CACHE"
# The A5 page's text width in CSS pixels (148 mm less the booklet's side margins, at 96 per inch):
# the width at which a chapter is checked for anything that would be cut off.
TEXT_WIDTH_PX = round((148 - 2 * 12) / 25.4 * 96)
# The print page's parts in booklet order, shown (they are hidden on screen), and the booklet's
# page rules in place of the page's own. ``part`` "covers" prints the two covers alone, to check
# that each fits on its page.
ARRANGE = """({css, padding, part}) => {
  const article = document.querySelector("article");
  const one = (name) => article.querySelector(name);
  const cover = one(".jsg-booklet-cover"), back = one(".jsg-booklet-back"), notes = one(".jsg-booklet-notes");
  const chapters = [...article.querySelectorAll(".jsg-chapter")];
  const blanks = Array.from({length: padding}, () => notes.cloneNode(true));
  for (const shown of [cover, back, ...blanks]) shown.hidden = false;
  article.replaceChildren(...(part === "covers" ? [cover, back] : [cover, ...chapters, ...blanks, back]));
  // A new sheet for the page rules: site.js's date-printed rule goes into the old one, removed
  // (the booklet is dated on its cover, by the build, not by the day Chromium prints it). A sheet
  // made in script, not a <style>: the page's policy applies only its own styles, by hash.
  const rules = new CSSStyleSheet({media: "print"});
  rules.replaceSync(css);
  document.getElementById("jsg-print").remove();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, rules];
  return chapters.length;
}"""
# What reaches past the text's edges, or is clipped by a box narrower than what it holds: the ids
# of the chapters it is in (or its tag).
TOO_WIDE = """() => {
  const article = document.querySelector("article"), edge = article.getBoundingClientRect();
  return [...new Set([...article.querySelectorAll("*")].filter((element) => {
    const box = element.getBoundingClientRect();
    const outside = box.width > 0 && (box.right > edge.right + 1 || box.left < edge.left - 1);
    // A box that clips (a scrolling table) and holds more than it shows. Text that overflows a
    // visible box is drawn anyway (a list marker of right-to-left text in a left-to-right page).
    const clipped = getComputedStyle(element).overflowX !== "visible";
    return outside || (clipped && element.scrollWidth > element.clientWidth + 1);
  }).map((element) => element.closest(".jsg-chapter")?.id || element.tagName.toLowerCase()))];
}"""


def cache_dir() -> Path:
    """Where made PDFs are kept between builds (.cache/booklets, or $JSG_BOOKLET_CACHE)."""
    return Path(os.environ.get(CACHE_ENV) or project.current().cache_dir / "booklets")


class BookletError(BuildStopped):
    """A booklet could not be made, or something in it would be cut off. The message says which."""


@dataclass(frozen=True)
class Job:
    language: Language

    def html_file(self, site_dir: Path) -> Path:
        return output_file(site_dir, PRINT_PAGE, self.language)

    def pdf_file(self, site_dir: Path, kind: str) -> Path:
        return self.html_file(site_dir).parent / print_kit.pdf_name(self.language.code, kind)

    @property
    def where(self) -> str:
        return f"docs/{self.language.code}/{PRINT_PAGE}"

    @property
    def right_to_left(self) -> bool:
        return self.language.direction == "rtl"

    def style(self) -> str:
        """The booklet's page rules in this language."""
        return print_footer.booklet_style(
            site_name=single_file.site_name(self.language.code),
            home_url=load()["site_url"] + self.language.prefix,
            language=self.language.code,
            direction=self.language.direction,
            draft=not print_kit.verified(),
        )


def jobs() -> list[Job]:
    return [Job(language) for language in languages()]


def environment_key(chromium: str | None) -> str:
    """What besides the page changes a booklet: the leaflets' (browser, fonts, printing code), ours."""
    parts = [leaflet_pdfs.environment_key(chromium), pikepdf.__version__, pikepdf.__libqpdf_version__]
    parts += [Path(module).read_text(encoding="utf-8") for module in (__file__, imposition.__file__)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def cache_key(html: bytes, css: str, environment: str, epoch: int) -> str:
    digest = hashlib.sha256()
    for part in (html, css.encode(), environment.encode(), str(epoch).encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def cached_files(key: str) -> dict[str, Path]:
    return {kind: cache_dir() / f"{key}-{kind}.pdf" for kind in print_kit.KINDS}


def page_count(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        return len(opened.pages)


def finished(pdf: pikepdf.Pdf, job: Job, epoch: int, kind: str) -> bytes:
    """The PDF with its title, language, reading direction, dates from SOURCE_DATE_EPOCH and an ID
    from its content; the A4 pages numbered for viewers (page labels)."""
    date = leaflet_pdfs.pdf_date(epoch)
    pdf.trailer.Info = pdf.make_indirect(
        pikepdf.Dictionary(
            Title=pikepdf.String(single_file.site_name(job.language.code)),
            Creator=pikepdf.String("Jarablus Safety Guide"),
            Producer=pikepdf.String("Chromium (Skia/PDF), pikepdf (qpdf)"),
            CreationDate=pikepdf.String(date),
            ModDate=pikepdf.String(date),
        )
    )
    pdf.Root.Lang = pikepdf.String(job.language.code)
    if job.right_to_left:
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(Direction=pikepdf.Name.R2L)
    if kind == "a4":
        pdf.Root.PageLabels = pikepdf.Dictionary(
            Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D)])
        )
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)  # the ID made from the content: the same bytes every build
    return out.getvalue()


def print_one(page, base: str, job: Job) -> tuple[bytes, list[str]]:
    """The booklet's A5 pages for one language, and what would be cut off (empty when all fits)."""
    address = base + url_path(PRINT_PAGE, job.language)
    css = job.style()

    def printed(part: str, padding: int) -> bytes:
        page.goto(address, wait_until="load")
        page.evaluate(ARRANGE, {"css": css, "padding": padding, "part": part})
        return page.pdf(format="A5", print_background=True, tagged=True, prefer_css_page_size=False)

    problems = []
    if (covers := page_count(printed("covers", 0))) != 2:
        problems.append(
            f"{job.where}: the booklet's covers take {covers} pages, not one each — shorten the words "
            "on the back cover (data/contacts.yml names, data/interface.yml)"
        )
    page.goto(address, wait_until="load")
    page.evaluate(ARRANGE, {"css": css, "padding": 0, "part": "all"})
    page.emulate_media(media="print")
    page.set_viewport_size({"width": TEXT_WIDTH_PX, "height": 900})
    wide = page.evaluate(TOO_WIDE)
    page.emulate_media(media=None)
    if wide:
        problems.append(
            f"{job.where}: the booklet's A5 page would cut off part of {', '.join(sorted(wide))} — "
            "make the wide part (a table, a long word or address, a picture) narrower"
        )
    pdf = printed("all", 0)
    count = page_count(pdf)
    padding = -count % 4
    if padding:
        pdf = printed("all", padding)
        if page_count(pdf) != count + padding:
            problems.append(f"{job.where}: {padding} notes pages did not make the booklet a multiple of four")
    return pdf, problems


def render(
    site_dir: Path, pending: list[tuple[Job, dict[str, Path]]], chromium: str | None, epoch: int
) -> list[str]:
    """Print and impose the pending booklets into the cache; return what would be cut off."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from scripts.serve.static_server import running

    problems = []
    with running(site_dir) as (base, _), sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium, args=chromium_setup.ARGS)
        except PlaywrightError as error:
            raise BookletError(
                f"{leaflet_pdfs.HOW_TO_GET_CHROMIUM}\n(Chromium said: {str(error).splitlines()[0]})"
            ) from error
        try:
            page = browser.new_page()
            for job, targets in pending:
                pages, found = print_one(page, base, job)
                if found:
                    problems += found
                    continue
                made = {
                    "booklet": finished(imposition.booklet(pages, job.right_to_left), job, epoch, "booklet"),
                    "a4": finished(imposition.enlarged(pages), job, epoch, "a4"),
                }
                for kind, target in targets.items():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    # Whole or not at all, as the leaflets: never a cut-off PDF in the cache.
                    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
                    partial.write_bytes(made[kind])
                    partial.replace(target)
        finally:
            browser.close()
    return problems


def write(site_dir: Path, epoch: int | None = None) -> int:
    """Write every language's booklet and A4 PDF next to its print page; return how many languages
    were printed (not from the cache). Raises BookletError when Chromium is missing or something
    would be cut off."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0")) if epoch is None else epoch
    chromium = chromium_setup.find()
    environment = environment_key(chromium)
    planned = []
    for job in jobs():
        key = cache_key(job.html_file(site_dir).read_bytes(), job.style(), environment, epoch)
        planned.append((job, cached_files(key)))
    pending = [(job, files) for job, files in planned if not all(path.exists() for path in files.values())]
    if pending:
        if chromium is None and not leaflet_pdfs.playwright_has_chromium():
            raise BookletError(leaflet_pdfs.HOW_TO_GET_CHROMIUM)
        # In a thread of its own, as the leaflets (Playwright's sync API and a running event loop).
        with ThreadPoolExecutor(max_workers=1) as executor:
            problems = executor.submit(render, site_dir, pending, chromium, epoch).result()
        if problems:
            raise BookletError("\n".join(problems))
    for job, files in planned:
        for kind, cached in files.items():
            shutil.copyfile(cached, job.pdf_file(site_dir, kind))
    return len(pending)
