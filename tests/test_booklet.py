"""The NGO print kit, checked on what NGOs get: the print page and the built booklet PDFs.

Each language: a booklet of landscape A4 sheets holding two A5 pages each, in folding order (the
cover on the right half of the first side for books that open from the left, on the left half
for Arabic, which opens from the right), a page count that is a multiple of four, every chapter
in the menu's order, a cover whose QR code opens the language's home page, the contacts on the
back cover, the draft mark on every page, fonts embedded, and the same pages one by one on A4.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
from collections import Counter
from pathlib import Path, PurePosixPath

import pikepdf
import pypdfium2
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from pypdf import PdfReader
from pypdf.generic import ContentStream

from scripts import contacts, interface_text
from scripts.build import mkdocs_env
from scripts.finish import booklet_pdfs, imposition, leaflet_pdfs
from scripts.pages import PRINT_PAGE, output_file, url_path
from scripts.render import whole_guide
from scripts.site_config import languages, load
from tests.project_copy import copy_project, digests, published_site, run

SITE_URL = load()["site_url"]
A4 = (595.28, 841.89)
JOBS = booklet_pdfs.jobs()
IDS = [job.language.code for job in JOBS]


def words(text: str) -> list[str]:
    """Text as words: presentation forms folded (NFKC), punctuation dropped."""
    return re.sub(r"[.,:;،؛()\"«»]", " ", unicodedata.normalize("NFKC", text)).split()


def letters(text: str) -> Counter:
    """How many times each letter occurs, whatever order the text comes out in."""
    return Counter(char for char in unicodedata.normalize("NFKC", text) if char.isalpha())


def pdfs(site: Path, job: booklet_pdfs.Job) -> tuple[PdfReader, PdfReader]:
    return PdfReader(job.pdf_file(site, "booklet")), PdfReader(job.pdf_file(site, "a4"))


def placements(page) -> list[tuple[float, str]]:
    """(x of the placed page's lower left corner, its XObject name) for each A5 page on a sheet."""
    found, x = [], None
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"cm":
            x = float(operands[4])
        elif operator == b"Do":
            found.append((x, str(operands[0])))
    return found


def halves(page) -> tuple[str, str]:
    """The text of the left and the right A5 page on an imposed sheet, each read from its own page."""
    xobjects = page["/Resources"]["/XObject"]
    placed = sorted(placements(page))
    assert len(placed) == 2 and placed[0][0] < imposition.A4_LONG / 2 <= placed[1][0]
    left, right = (page.extract_xform_text(xobjects[name].get_object()) for _, name in placed)
    return left, right


def single_page_text(page) -> str:
    (_, name), *_ = placements(page)
    return page.extract_xform_text(page["/Resources"]["/XObject"][name].get_object())


def expected_sides(count: int, right_to_left: bool) -> list[tuple[int, int]]:
    """The folding order, worked out on paper for a stack of count/4 sheets folded once: sheet i
    (from the outside) shows [count-2i | 2i+1] outside and [2i+2 | count-2i-1] inside when the book
    opens from the left; the mirror image when it opens from the right."""
    sides = []
    for sheet in range(count // 4):
        for left, right in ((count - 2 * sheet, 2 * sheet + 1), (2 * sheet + 2, count - 2 * sheet - 1)):
            sides.append((right, left) if right_to_left else (left, right))
    return sides


def test_folding_order_of_an_eight_page_booklet():
    assert imposition.sides(8, right_to_left=False) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert imposition.sides(8, right_to_left=True) == [(1, 8), (7, 2), (3, 6), (5, 4)]
    with pytest.raises(imposition.ImpositionError):
        imposition.sides(6, right_to_left=False)


def a5_pages(count: int) -> bytes:
    """``count`` A5 pages, each drawing its own number (content streams, as Chromium's have)."""
    pdf = pikepdf.new()
    for number in range(1, count + 1):
        page = pdf.add_blank_page(page_size=(419.53, 595.28))
        page.contents_add(pdf.make_stream(f"0 0 {number} {number} re f".encode()))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


@pytest.mark.unit
def test_imposing_the_same_pages_twice_gives_the_same_bytes():
    """pikepdf's add_overlay named each placed page with a random UUID: two builds of one booklet
    differed in every byte after the first page. Our own placement names pages by number."""

    def saved(pdf: pikepdf.Pdf) -> bytes:
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()

    pages = a5_pages(8)
    for impose in (lambda: imposition.booklet(pages, right_to_left=True), lambda: imposition.enlarged(pages)):
        first, second = saved(impose()), saved(impose())
        assert first == second
        assert b"/Page8" in first  # each page placed under its own number


@pytest.mark.parametrize("job", JOBS, ids=IDS)
def test_booklet_is_a4_sheets_of_two_a5_pages_a_multiple_of_four(built_site: Path, job):
    booklet, pages = pdfs(built_site, job)
    assert len(pages.pages) % 4 == 0 and len(pages.pages) >= 8
    assert len(booklet.pages) == len(pages.pages) // 2
    for sheet in booklet.pages:
        assert (float(sheet.mediabox.width), float(sheet.mediabox.height)) == pytest.approx(A4[::-1], abs=1)
        assert len(placements(sheet)) == 2
    for page in pages.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=1)
    assert pages.page_labels == [str(number) for number in range(1, len(pages.pages) + 1)]
    epoch = int(mkdocs_env()["SOURCE_DATE_EPOCH"])
    for reader in (booklet, pages):
        assert reader.metadata["/CreationDate"] == leaflet_pdfs.pdf_date(epoch)
        assert reader.trailer["/Root"]["/Lang"] == job.language.code


@pytest.mark.parametrize("job", JOBS, ids=IDS)
def test_imposed_pages_are_in_folding_order(built_site: Path, job):
    """Each half of each sheet holds the page the folding order names, read back from the sheet:
    its text is that page's text in the one-page-per-sheet PDF (page numbers make each unique)."""
    booklet, pages = pdfs(built_site, job)
    texts = [single_page_text(page) for page in pages.pages]
    assert len(set(texts)) == len(texts), "every page differs (at least by its number)"
    number_of = {text: index + 1 for index, text in enumerate(texts)}
    found = [tuple(number_of[text] for text in halves(sheet)) for sheet in booklet.pages]
    assert found == expected_sides(len(texts), job.right_to_left)


def qr_codes(pdf: bytes, index: int) -> list[tuple[str, float]]:
    """(text, x of the code's centre as a share of the page's width) of every QR code on a page."""
    document = pypdfium2.PdfDocument(pdf)
    image = document[index].render(scale=150 / 72).to_pil()
    found = []
    for code in zxingcpp.read_barcodes(image):
        if code.format == zxingcpp.BarcodeFormat.QRCode:
            corners = (code.position.top_left, code.position.bottom_right)
            found.append((code.text, sum(point.x for point in corners) / 2 / image.width))
    return found


@pytest.mark.parametrize("job", JOBS, ids=IDS)
def test_cover_opens_on_the_side_the_language_reads_from(built_site: Path, job):
    """The first side of the first sheet: the cover, with its code to the language's home page, on
    the right half for a booklet opening from the left, on the left half for Arabic."""
    home = SITE_URL + job.language.prefix
    codes = qr_codes(job.pdf_file(built_site, "booklet").read_bytes(), 0)
    assert [text for text, _ in codes] == [home]
    centre = codes[0][1]
    assert (centre < 0.5) if job.right_to_left else (centre > 0.5)
    assert [text for text, _ in qr_codes(job.pdf_file(built_site, "a4").read_bytes(), 0)] == [home]


def chapter_titles(site: Path, job) -> list[str]:
    """Each chapter's heading, from its own built page, in the menu's order."""
    titles = []
    for entry in load()["nav"]:
        paths = [entry] if isinstance(entry, str) else next(iter(entry.values()))
        for path in map(PurePosixPath, paths):
            if whole_guide.is_chapter(path):
                html = output_file(site, path, job.language).read_text(encoding="utf-8")
                heading = BeautifulSoup(html, "html.parser").select_one("article h1")
                titles.append(" ".join(heading.get_text().split()))
    return titles


@pytest.mark.parametrize("job", JOBS, ids=IDS)
def test_every_chapter_is_in_the_booklet_in_reading_order(built_site: Path, job):
    _, pages = pdfs(built_site, job)
    texts = [" ".join(words(page.extract_text())) for page in pages.pages]
    titles = chapter_titles(built_site, job)
    assert len(titles) >= 15
    where = []
    for title in titles:
        wanted = " ".join(words(title))
        starts = [index for index, text in enumerate(texts) if wanted in text]
        assert starts, f"chapter '{title}' is not in the booklet"
        where.append(next(index for index in starts if not where or index > where[-1]))
    assert where == sorted(where) and where[0] == 1, "chapters start after the cover, in the menu's order"


@pytest.mark.parametrize("job", JOBS, ids=IDS)
def test_back_cover_has_the_contacts_and_every_page_the_draft_mark(built_site: Path, job):
    _, pages = pdfs(built_site, job)
    back = "".join(pages.pages[-1].extract_text().split())
    for contact in contacts.load():
        assert "".join(contact.display_number.split()) in back
    # No number is verified yet: every page says it is a draft. Its letters are counted, not its
    # words: pypdf reads an Arabic line in a page margin in pieces (the sheet itself reads right,
    # see the booklet's pictures in the README's "Print the booklet").
    draft = letters(interface_text.text("booklet.draft", job.language.code))
    for number, page in enumerate(pages.pages, start=1):
        assert not draft - letters(page.extract_text()), f"page {number} has no draft mark"


def fonts_not_embedded(reader: PdfReader) -> list[str]:
    """Fonts of every placed page (inside the sheets' form XObjects) without their font file."""
    missing, seen = [], set()

    def visit(resources) -> None:
        for name, font in (resources.get("/Font") or {}).items():
            font = font.get_object()
            if id(font) in seen or font["/Subtype"] == "/Type3":
                continue
            seen.add(id(font))
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(f"{name} {font.get('/BaseFont')}")
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                visit(xobject["/Resources"].get_object())

    for page in reader.pages:
        visit(page["/Resources"])
    return missing


@pytest.mark.parametrize("job", JOBS, ids=IDS)
def test_booklet_fonts_are_embedded(built_site: Path, job):
    for reader in pdfs(built_site, job):
        assert fonts_not_embedded(reader) == []


def test_arabic_booklet_extracts_in_reading_order(built_site: Path):
    job = next(job for job in JOBS if job.language.code == "ar")
    _, pages = pdfs(built_site, job)
    text = " ".join(words(" ".join(page.extract_text() for page in pages.pages[1:4])))
    home = output_file(built_site, PurePosixPath("index.md"), job.language).read_text("utf-8")
    paragraphs = BeautifulSoup(home, "html.parser").select("article > p")
    lead = next(words(p.get_text()) for p in paragraphs if len(words(p.get_text())) >= 6)
    assert " ".join(lead) in text, "a whole line of the first chapter, first word first"
    assert " ".join(lead[::-1]) not in text
    assert pages.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_print_page_is_linked_and_links_its_pdfs(built_site: Path, language):
    for page in ("about.md", "leaflets/index.md"):
        html = output_file(built_site, PurePosixPath(page), language).read_text("utf-8")
        base = url_path(PurePosixPath(page), language)
        links = [a["href"] for a in BeautifulSoup(html, "html.parser").select("article a[href]")]
        found = {posixpath.normpath(posixpath.join(base, href)) for href in links if "://" not in href}
        assert posixpath.normpath(url_path(PRINT_PAGE, language)) in found, page
    printed = output_file(built_site, PRINT_PAGE, language)
    soup = BeautifulSoup(printed.read_text("utf-8"), "html.parser")
    pdf_links = [a["href"] for a in soup.select(".jsg-downloads--booklet a[href$='.pdf']")]
    assert len(pdf_links) == 2 and all((printed.parent / href).is_file() for href in pdf_links)
    assert len(soup.select(".jsg-chapter")) >= 15
    assert len(soup.select("h1")) == 1, "chapters' titles go one level down"
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids)), "ids stay unique on the one page"


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_print_page_is_left_out_of_search_and_the_saved_copies(built_site: Path, language):
    html = output_file(built_site, PRINT_PAGE, language).read_text("utf-8")
    assert "data-pagefind-body" not in html, "Pagefind indexes only marked articles"
    offline = (built_site / "offline" / f"{language.code}.json").read_text("utf-8")
    assert f'"/{url_path(PRINT_PAGE, language)}"' not in offline
    assert '"/' + url_path(PurePosixPath("about.md"), language) + '"' in offline


def test_unchanged_booklets_are_not_printed_again(built_site: Path):
    assert booklet_pdfs.write(built_site, int(mkdocs_env()["SOURCE_DATE_EPOCH"])) == 0


def test_verified_number_prints_a_booklet_without_draft_mark(verified_site: Path):
    job = next(job for job in JOBS if job.language.code == "en")
    _, pages = pdfs(verified_site / "site", job)
    text = " ".join(words(" ".join(page.extract_text() for page in pages.pages)))
    assert " ".join(words(interface_text.text("booklet.draft", "en"))) not in text


def test_something_too_wide_for_the_booklet_fails_the_build(tmp_path: Path):
    """The message names the page's own file, the line of what is too wide and what it is (it
    named docs/en/print.md, no line, and "part of children")."""
    project = copy_project(tmp_path / "project")
    # A Kurmanji page: an English change would mark its three translations out of date, and the
    # copy would print every language's booklet again before this one stopped it.
    page = project / "docs/ku/children.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    row = "|" + " Dûr bikeve |" * 12
    table = "\n".join([row, "|" + "---|" * 12, row])
    page.write_text(text + table + "\n", encoding="utf-8")
    line = text.count("\n") + 1  # the table's first row
    previous = published_site(tmp_path / "site")
    before = digests(previous)
    result = run(project, "build", "--site-dir", str(previous))
    assert result.returncode != 0
    assert (
        f"docs/ku/children.md:{line}: the booklet's A5 page would cut off a table, wider than"
        in result.stderr
    )
    assert "give it fewer columns or shorter words, or split it in two" in result.stderr
    assert "docs/ku/print.md" not in result.stderr and "Traceback" not in result.stderr
    assert digests(previous) == before
