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
from scripts.front_matter import FENCE
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
  // The parts as the page first had them, kept on the page: arranging it again (with notes pages
  // added) needs no second load.
  const kept = window.jsgBookletParts || (window.jsgBookletParts = {
    cover: one(".jsg-booklet-cover"), back: one(".jsg-booklet-back"), notes: one(".jsg-booklet-notes"),
    chapters: [...article.querySelectorAll(".jsg-chapter")], rules: document.getElementById("jsg-print"),
  });
  const {cover, back, notes, chapters} = kept;
  const blanks = Array.from({length: padding}, () => notes.cloneNode(true));
  for (const shown of [cover, back, ...blanks]) shown.hidden = false;
  article.replaceChildren(...(part === "covers" ? [cover, back] : [cover, ...chapters, ...blanks, back]));
  // A new element for the page rules: site.js's date-printed rule goes into the old one, detached
  // (the booklet is dated on its cover, by the build, not by the day Chromium prints it).
  const rules = document.createElement("style");
  rules.media = "print";
  rules.textContent = css;
  kept.rules.replaceWith(rules);
  kept.rules = rules;
  return chapters.length;
}"""
# What reaches past the text's edges, or is clipped by a box narrower than what it holds: for each,
# the file of the chapter it is in (``data-jsg-source``, scripts/finish/gathered_ids.py), what it is
# (a table, a picture, code, or a word too long for a line) and words of it to find its line by.
TOO_WIDE = """() => {
  const article = document.querySelector("article"), edge = article.getBoundingClientRect();
  const wide = [...article.querySelectorAll("*")].filter((element) => {
    const box = element.getBoundingClientRect();
    const outside = box.width > 0 && (box.right > edge.right + 1 || box.left < edge.left - 1);
    // A box that clips (a scrolling table) and holds more than it shows. Text that overflows a
    // visible box is drawn anyway (a list marker of right-to-left text in a left-to-right page).
    const clipped = getComputedStyle(element).overflowX !== "visible";
    return outside || (clipped && element.scrollWidth > element.clientWidth + 1);
  });
  // What an editor wrote: the table a cell or a table's scrolling box is part of, the picture, the
  // code block; else the element itself (a link or a word that does not break).
  const written = (element) => element.closest("table, pre, img, svg")
    || ([...element.children].length === 1 && element.querySelector(":scope > table, :scope > * > table"))
    || element;
  const found = [...new Set(wide.map(written))];
  const outermost = found.filter((one) => !found.some((other) => other !== one && other.contains(one)));
  const words = (text) => text.split(/\\s+/).filter(Boolean);
  return outermost.map((element) => {
    const tag = element.tagName.toLowerCase();
    const kind = tag === "table" ? "table" : tag === "pre" ? "code"
      : ["img", "svg"].includes(tag) ? "picture" : "text";
    const cell = [...element.querySelectorAll("th, td")].find((one) => one.textContent.trim());
    const name = (element.getAttribute("src") || "").split("/").pop();
    const needle = kind === "table" ? (cell ? cell.textContent.trim() : "")
      : kind === "picture" ? name.replace(/\\.[0-9a-f]{8}(\\.[a-z]+)$/, "$1")
      : kind === "code" ? (element.textContent.split("\\n").find((line) => line.trim()) || "").trim()
      : words(element.textContent).sort((a, b) => b.length - a.length)[0] || "";
    const source = element.closest(".jsg-chapter")?.dataset.jsgSource || "";
    return {source, kind, tag, needle: needle.slice(0, 80)};
  });
}"""
WHAT_IS_CUT = {
    "table": ("a table", "give it fewer columns or shorter words, or split it in two"),
    "picture": ("a picture", "make the picture narrower"),
    "code": ("a line of code", "break the line in two"),
    "text": ("a word or address too long for a line", "write it shorter, or put a space in it"),
}


def cache_dir() -> Path:
    """Where made PDFs are kept between builds (.cache/booklets, or $JSG_BOOKLET_CACHE)."""
    return project.current().cache("booklets", CACHE_ENV)


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


def line_of(source: Path, needle: str, table: bool) -> int | None:
    """The first line of ``source`` after its front matter that has ``needle`` (for a table, a
    line of its rows, '|' first, before any other); None when none has it."""
    if not needle or not source.is_file():
        return None
    text = source.read_text(encoding="utf-8")
    front = FENCE.match(text)
    lines = text.splitlines()
    having = [number for number in range(text[: front.end()].count("\n") if front else 0, len(lines))]
    having = [number for number in having if needle in lines[number]]
    rows = [number for number in having if lines[number].lstrip().startswith("|")] if table else []
    return (rows or having)[0] + 1 if having else None


def cut_off(found: dict[str, str], job: Job) -> str:
    """One thing the booklet's page would cut off, as ``file:line: what — how to fix it``: the file
    of the chapter it is in, and its line when words of it are found there."""
    what, fix = WHAT_IS_CUT[found["kind"]]
    if found["kind"] == "text" and found["needle"]:
        what += f" ('{found['needle'][:40]}')"
    where = found["source"] or job.where
    if found["source"]:
        line = line_of(project.current().root / found["source"], found["needle"], found["kind"] == "table")
        where += f":{line}" if line else ""
    return f"{where}: the booklet's A5 page would cut off {what}, wider than the page — {fix}"


def print_one(page, base: str, job: Job) -> tuple[bytes, list[str]]:
    """The booklet's A5 pages for one language, and what would be cut off (empty when all fits)."""
    address = base + url_path(PRINT_PAGE, job.language)
    css = job.style()

    def printed(part: str, padding: int, load: bool = True) -> bytes:
        if load:
            page.goto(address, wait_until="load")
        page.evaluate(ARRANGE, {"css": css, "padding": padding, "part": part})
        return page.pdf(format="A5", print_background=True, tagged=True, prefer_css_page_size=False)

    problems = []
    if (covers := page_count(printed("covers", 0))) != 2:
        problems.append(
            f"{job.where}: the booklet's covers take {covers} pages, not one each — shorten the words "
            "on the back cover (data/contacts.yml names, data/interface.yml)"
        )
    # One load for the whole booklet: printed, measured for what is too wide (which only reads the
    # page), then arranged again with its notes pages. It loaded the page three times (a quarter
    # of a booklet's time); the PDFs are byte for byte the same (checked for all four languages).
    page.set_viewport_size({"width": TEXT_WIDTH_PX, "height": 900})
    pdf = printed("all", 0)
    page.emulate_media(media="print")
    wide = page.evaluate(TOO_WIDE)
    page.emulate_media(media=None)
    problems += [cut_off(found, job) for found in wide]
    count = page_count(pdf)
    padding = -count % 4
    if padding:
        pdf = printed("all", padding, load=False)
        if page_count(pdf) != count + padding:
            problems.append(f"{job.where}: {padding} notes pages did not make the booklet a multiple of four")
    return pdf, problems


def render(
    site_dir: Path, pending: list[tuple[Job, dict[str, Path]]], chromium: str | None, epoch: int
) -> list[str]:
    """Print and impose the pending booklets into the cache; return what would be cut off."""
    problems = []
    with leaflet_pdfs.printing_page(site_dir, chromium, BookletError) as (page, base):
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
                leaflet_pdfs.write_whole(target, made[kind])
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
