"""Printing and leaflets, checked on what NGOs get: the built PDFs, and pages printed by Chromium.

Each PDF: one page of the right size, fonts embedded, title and number in its text (Arabic in
reading order), a QR code that decodes to the guide in its language. Each printed page: no screen
furniture, and a footer whose QR code decodes to that page's own address.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path, PurePosixPath

import pypdfium2
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from pypdf import PdfReader

from scripts import contacts, front_matter, interface_text
from scripts.finish import leaflet_pdfs
from scripts.pages import docs_folder, output_file, url_path
from scripts.render import leaflets
from scripts.site_config import languages, load
from tests.project_copy import copy_project, digests, published_site, run

SITE_URL = load()["site_url"]
# Page sizes in PostScript points (1/72 inch).
SIZES = {"a4": (595.28, 841.89), "a5": (419.53, 595.28), "letter": (612.0, 792.0)}
JOBS = leaflet_pdfs.jobs()


def plain(text: str) -> str:
    """Text as a reader sees it: presentation forms folded (NFKC), runs of space made one."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def words(text: str) -> str:
    """Text without punctuation: PDF text extraction puts an Arabic line's final full stop first
    (its place on the page), so sentences are compared word by word."""
    return " ".join(re.sub(r"[.,:;،؛()]", " ", plain(text)).split())


def pdf_text(path: Path) -> str:
    return plain(PdfReader(path).pages[0].extract_text())


def qr_codes(pdf: bytes) -> list[str]:
    """Every QR code on the first page, read from a 200 dpi rendering."""
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=200 / 72).to_pil()
    return [
        code.text for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode
    ]


def fonts_not_embedded(reader: PdfReader) -> list[str]:
    missing = []
    for page in reader.pages:
        for name, font in (page["/Resources"].get("/Font") or {}).items():
            font = font.get_object()
            if font["/Subtype"] == "/Type3":  # glyphs drawn inside the PDF itself
                continue
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(f"{name} {font.get('/BaseFont')}")
    return missing


def title(job: leaflet_pdfs.Job) -> str:
    meta, _ = front_matter.read(docs_folder() / job.language.code / job.page)
    return meta["title"]


def primary_number() -> str:
    return next(contact for contact in contacts.load() if contact.primary).display_number


def has_number(text: str, number: str) -> bool:
    """Whether the number is in the text; spaces aside (PDF text puts one after the "+")."""
    return "".join(number.split()) in "".join(text.split())


@pytest.mark.parametrize("job", JOBS, ids=lambda job: f"{job.leaflet.id}-{job.language.code}-{job.paper}")
def test_leaflet_pdf(built_site: Path, job: leaflet_pdfs.Job):
    path = job.pdf_file(built_site)
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(SIZES[job.paper], abs=1)
    assert fonts_not_embedded(reader) == []
    text = pdf_text(path)
    if job.leaflet.parts != ("cards",):
        assert words(title(job)) in words(text), "the title, in reading order"
    assert has_number(text, primary_number())
    # No number is verified yet: the sheet must say it is a draft, in its own language.
    assert words(interface_text.text("leaflet.draft", job.language.code)) in words(text)
    guide = SITE_URL + url_path(PurePosixPath(job.leaflet.guide), job.language)
    codes = qr_codes(path.read_bytes())
    expected = leaflets.CARDS_PER_SHEET if "cards" in job.leaflet.parts else 1
    assert codes == [guide] * expected
    assert reader.metadata["/CreationDate"] == leaflet_pdfs.pdf_date(int(build_epoch()))


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_every_pocket_card_carries_the_draft_mark(built_site: Path, language):
    """A card cut from the sheet is apart from the sheet's draft line: each card says it itself."""
    leaflet = leaflets.load()["contacts-card"]
    page = output_file(built_site, PurePosixPath("leaflets/contacts-card.md"), language)
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    mark = plain(interface_text.text("leaflet.card.draft", language.code))
    cards = soup.select(".jsg-card")
    assert len(cards) == leaflets.CARDS_PER_SHEET
    assert all(plain(card.select_one(".jsg-card__draft").get_text()) == mark for card in cards)
    # On paper too: the mark's first word once per card, and once more in the sheet's own draft line.
    text = words(pdf_text(page.parent / leaflet.pdf_name(language.code, "a4")))
    first_word = words(mark).split()[0]
    assert text.split().count(first_word) >= leaflets.CARDS_PER_SHEET + 1


def build_epoch() -> str:
    from scripts.build import mkdocs_env

    return mkdocs_env()["SOURCE_DATE_EPOCH"]


def test_arabic_extracts_in_reading_order(built_site: Path):
    """Whole Arabic lines come out in reading order (first word first), not mirrored.
    (pypdf keeps runs of different weight within one line in page order, so mixed lines are not used.)"""
    job = next(
        j for j in JOBS if j.language.code == "ar" and j.leaflet.id == "do-not-touch" and j.paper == "a4"
    )
    text = words(pdf_text(job.pdf_file(built_site)))
    for sentence in (title(job), interface_text.text("leaflet.do-not-touch.lead", "ar")):
        assert words(sentence) in text
        assert words(sentence)[::-1] not in text


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_each_leaflet_page_links_to_its_pdfs(built_site: Path, language):
    for leaflet in leaflets.load().values():
        page = output_file(built_site, PurePosixPath(f"leaflets/{leaflet.id}.md"), language)
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in soup.select(".jsg-downloads a[href$='.pdf']")]
        assert links == [leaflet.pdf_name(language.code, paper) for paper in leaflet.papers]
        assert all((page.parent / link).is_file() for link in links)


def test_unchanged_leaflets_are_not_printed_again(built_site: Path):
    assert leaflet_pdfs.write(built_site, int(build_epoch())) == 0


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_printed_page_has_footer_with_its_own_qr_code(browser, site_server, language, paper, artifacts):
    page_path = url_path(PurePosixPath("vehicles.md"), language)
    page = browser.new_page()
    page.goto(site_server + page_path)
    pdf = page.pdf(format=paper.capitalize() if paper == "letter" else "A4")
    page.close()
    reader = PdfReader(io.BytesIO(pdf))
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == pytest.approx(
        SIZES[paper], abs=1
    )
    codes = qr_codes(pdf)
    assert codes == [SITE_URL + page_path], "one code per sheet, for this page in this language"
    text = plain(reader.pages[0].extract_text())
    assert SITE_URL.split("://")[1].rstrip("/") in text
    # Footer words are checked one by one: in Arabic, text in a page margin comes out word by word
    # in page order (the printed line itself reads correctly, see test-artifacts/print-*-ar-*.pdf).
    for key in ("page.last_reviewed", "home.no_verified.title", "print.printed"):
        assert set(words(interface_text.text(key, language.code)).split()) <= set(words(text).split())
    if language.code == "ar":
        (artifacts / f"print-vehicles-{language.code}-{paper}.pdf").write_bytes(pdf)


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_print_media_hides_screen_furniture(browser, site_server, language):
    page = browser.new_page()
    page.goto(site_server + url_path(PurePosixPath("contacts.md"), language))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".jsg-contact").first.is_visible()
    page.goto(site_server + url_path(PurePosixPath("leaflets/vehicle.md"), language))
    assert page.locator(".jsg-sheet").is_visible()
    assert not page.locator(".jsg-downloads").is_visible()
    assert not page.locator("article h1").is_visible(), "a leaflet prints its sheet only"
    page.close()


def test_a_leaflet_that_runs_past_one_page_fails_the_build(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    interface = project / "data/interface.yml"
    text = interface.read_text(encoding="utf-8")
    long_lead = "Look for several signs together, and keep away. " * 25
    text = text.replace(
        '    en: "If a car, van or motorbike looks suspicious:"', f'    en: "{long_lead.strip()}"', 1
    )
    interface.write_text(text, encoding="utf-8")
    previous = published_site(tmp_path / "site")
    before = digests(previous)
    result = run(project, "build", "--site-dir", str(previous))
    assert result.returncode != 0
    assert "docs/en/leaflets/vehicle.md: leaflet 'vehicle' in en (A4) runs to 2 pages" in result.stderr
    assert "a leaflet must fit on one page" in result.stderr
    assert digests(previous) == before


def test_verified_number_prints_without_draft_mark(verified_site: Path):
    language = next(item for item in languages() if item.code == "ar")
    leaflet = leaflets.load()["do-not-touch"]
    page = output_file(verified_site / "site", PurePosixPath("leaflets/do-not-touch.md"), language)
    text = pdf_text(page.parent / leaflet.pdf_name("ar", "a4"))
    assert has_number(text, primary_number())
    assert plain(interface_text.text("leaflet.draft", "ar")) not in text
    assert plain(interface_text.text("contact.unconfirmed.title", "ar")) not in text
    cards = output_file(verified_site / "site", PurePosixPath("leaflets/contacts-card.md"), language)
    card_text = pdf_text(cards.parent / leaflets.load()["contacts-card"].pdf_name("ar", "a4"))
    assert has_number(card_text, primary_number())
    assert words(interface_text.text("leaflet.card.draft", "ar")).split()[0] not in words(card_text).split()


def test_without_chromium_the_build_says_how_to_get_it(built_site: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("JSG_CHROMIUM", str(tmp_path / "no-chromium-here"))
    monkeypatch.setenv(leaflet_pdfs.CACHE_ENV, str(tmp_path / "empty-cache"))
    monkeypatch.setattr(leaflet_pdfs, "playwright_has_chromium", lambda: False)
    with pytest.raises(leaflet_pdfs.LeafletError) as stopped:
        leaflet_pdfs.write(built_site, 0)
    assert "sudo apt install chromium" in str(stopped.value)
    assert "playwright install chromium" in str(stopped.value)
