"""The offline copy: one zip per language, linked from the About page, that works opened from files
(file://) in Chromium, with no server: pages, pictograms and styles load, links lead to pages, and
each page says when the copy was made."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup

from scripts import interface_text
from scripts.finish import offline_bundle
from scripts.pages import output_file, source_pages
from scripts.site_config import languages, load

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_about_page_links_to_a_zip_with_every_page(built_site: Path, language):
    about = output_file(built_site, PurePosixPath("about.md"), language)
    link = BeautifulSoup(about.read_text(encoding="utf-8"), "html.parser").select_one(".jsg-download a")
    assert link.get_text(strip=True) == interface_text.text("bundle.download", language.code)
    archive = (about.parent / link["href"]).resolve()
    assert archive == (built_site / offline_bundle.site_path_of(language.code)).resolve()
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        assert bundle.testzip() is None
    top = f"jarablus-safety-guide-{language.code}/"
    assert all(name.startswith(top) for name in names)
    pages = [name for name in names if name.endswith("/index.html")]
    # Every page of the language, plus a start page where the language lives in a folder.
    assert len(pages) == len(source_pages(language)) + (1 if language.prefix else 0)
    assert top + "index.html" in names
    assert any(name.endswith(f"-{language.code}-a4.pdf") for name in names), "the leaflets come too"
    assert not any("/pagefind/" in name or name.endswith((".br", ".gz")) for name in names)


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_links_in_the_copy_lead_to_its_files_or_to_the_website(built_site: Path, language):
    """The theme writes the language switcher's links as relative ones (``../en/report/``): in a
    copy of one language they lead to the website, as do the downloads; every other relative link
    names a file of the copy. The copy links to no manifest: it cannot be installed."""
    with zipfile.ZipFile(built_site / offline_bundle.site_path_of(language.code)) as bundle:
        names = set(bundle.namelist())
        pages = {name: bundle.read(name).decode("utf-8") for name in names if name.endswith(".html")}
    site_url = load()["site_url"]
    for name, html in pages.items():
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find("link", rel="manifest") is None, name
        for switch in soup.select("a.md-select__link[hreflang]"):
            if switch["hreflang"] != language.code:
                assert switch["href"].startswith(site_url), (name, switch["href"])
        for element in soup.find_all(href=True) + soup.find_all(src=True):
            link = (element.get("href") or element.get("src")).partition("#")[0]
            if link and not link.startswith(("http://", "https://", "data:", "tel:", "mailto:")):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), link))
                assert target in names, f"{name}: {link} is not in the copy"


@pytest.mark.browser
@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
def test_the_copy_works_opened_from_files(
    built_site: Path, browser, tmp_path: Path, language, artifacts: Path
):
    with zipfile.ZipFile(built_site / offline_bundle.site_path_of(language.code)) as bundle:
        bundle.extractall(tmp_path)
    start = tmp_path / f"jarablus-safety-guide-{language.code}" / "index.html"
    page = browser.new_page(viewport=PHONE)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.goto(start.as_uri())
    page.wait_for_selector("article h1")
    assert page.url.startswith("file://")
    assert page.locator("html").get_attribute("dir") == language.direction
    # Styled (our header red), pictures drawn, no sideways scrolling on a phone.
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(183, 28, 28)"
    assert page.evaluate("[...document.images].every((image) => image.complete && image.naturalWidth > 0)")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    notice = page.locator(".jsg-bundle-notice")
    assert notice.is_visible()
    assert "2026" in notice.inner_text() or "19" in notice.inner_text()
    page.screenshot(path=artifacts / f"offline-copy-{language.code}.png")
    # A link in the text leads to another page of the copy.
    page.locator("article a[href$='contacts/index.html']").first.click()
    page.wait_for_url("**/contacts/index.html")
    assert page.locator(".jsg-contact").count() >= 1
    page.close()
    assert problems == []
