"""The ZIM files for Kiwix (scripts/finish/zim_files.py): one per language, checked with Debian's
zimcheck, read back with libzim, served by Debian's kiwix-serve on 127.0.0.1 and read in Chromium
through it: the home page renders (Arabic right to left), links work, no service worker, and
nothing is asked of another host. Also: two libzim files of the same content become identical
once finished (scripts/finish/zim_format.py), and the output policy reads the pages inside."""

from __future__ import annotations

import datetime as dt
import posixpath
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from libzim.reader import Archive
from libzim.writer import Creator

from scripts import chromium
from scripts.finish import icon_png, offline, output_policy, zim_files, zim_format
from scripts.pages import output_file, source_pages, url_path
from scripts.site_config import ROOT, languages, load
from tests import kiwix_server
from tests.browser_waits import wait_until

PHONE = {"width": 360, "height": 740}
LANGUAGES = languages()
IDS = [language.code for language in LANGUAGES]
# What Kiwix's library filters by (ISO 639-3), written out here rather than read from the code.
ISO_639_3 = {"ar": "ara", "ku": "kmr", "tr": "tur", "en": "eng"}


def zim_of(site: Path, code: str) -> Path:
    return site / "downloads" / f"jarablus-safety-guide_{code}_all.zim"


def content_paths(zim: Path) -> list[str]:
    return [item.path for item in zim_format.dirents(zim.read_bytes()) if item.namespace == "C"]


def commit_day() -> str:
    seconds = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    return dt.datetime.fromtimestamp(int(seconds), dt.UTC).date().isoformat()


def require_kiwix_tools() -> None:
    if not kiwix_server.available():
        pytest.fail(kiwix_server.INSTALL_HINT)


@pytest.mark.parametrize("language", LANGUAGES, ids=IDS)
def test_zimcheck_finds_nothing_wrong(built_site: Path, language):
    """Every check of Debian's zimcheck (-A: integrity, checksum, metadata, favicon, main page,
    empty and redundant entries, internal and external links, redirect loops): no error, no warning."""
    require_kiwix_tools()
    zim = zim_of(built_site, language.code)
    result = subprocess.run(
        [kiwix_server.ZIMCHECK, "-A", "-D", str(zim)], capture_output=True, text=True, check=False
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "Overall Test Status: Pass" in report, report
    assert "[ERROR]" not in report and "[WARNING]" not in report, report


@pytest.mark.parametrize("language", LANGUAGES, ids=IDS)
def test_metadata_read_back_with_libzim(built_site: Path, language):
    archive = Archive(zim_of(built_site, language.code))

    def meta(key: str) -> str:
        return archive.get_metadata(key).decode("utf-8")

    home = BeautifulSoup(
        output_file(built_site, PurePosixPath("index.md"), language).read_text("utf-8"), "html.parser"
    )
    assert meta("Name") == f"jarablus-safety-guide_{language.code}_all"
    assert meta("Language") == ISO_639_3[language.code]
    assert meta("Title") == offline.site_names()[language.code]
    assert len(meta("Title")) <= 30
    assert meta("Description") == home.select_one("article h1").get_text(strip=True)
    assert len(meta("Description")) <= 80
    assert meta("LongDescription") == home.find("meta", attrs={"name": "description"})["content"]
    assert meta("Creator") == meta("Publisher") == load()["site_name"] == "Jarablus Safety Guide"
    assert meta("Date") == commit_day(), "the date comes from SOURCE_DATE_EPOCH (the last commit)"
    assert {"_category:other", "_ftindex:no", "_pictures:yes"} <= set(meta("Tags").split(";"))
    assert meta("Source") == load()["site_url"] + language.prefix
    assert [key for key in archive.metadata_keys if key.startswith("Illustration")] == [
        "Illustration_48x48@1"
    ]
    illustration = archive.get_metadata_item("Illustration_48x48@1")
    assert illustration.mimetype == "image/png"
    assert icon_png.png_size(bytes(illustration.content)) == (48, 48)
    assert archive.main_entry.get_item().path == language.prefix + "index.html"
    assert archive.has_title_index and not archive.has_fulltext_index
    assert archive.check(), "libzim's own integrity check (the pinned libzim 9)"


@pytest.mark.parametrize("language", LANGUAGES, ids=IDS)
def test_the_book_holds_every_page_without_our_script_and_links_stay_inside(built_site: Path, language):
    zim = zim_of(built_site, language.code)
    archive, paths = Archive(zim), content_paths(zim)
    pages = sorted(path for path in paths if path.endswith(".html"))
    assert pages == sorted(url_path(page, language) + "index.html" for page in source_pages(language))
    assert any(path.endswith(f"-{language.code}-a4.pdf") for path in paths), "the leaflets come too"
    assert any(path.startswith("assets/pictograms/") for path in paths)
    assert any(path.startswith("assets/stylesheets/") for path in paths)
    assert not [path for path in paths if path.endswith(".js") or "pagefind" in path]
    site_url = load()["site_url"]
    for path in pages:
        html = bytes(archive.get_entry_by_path(path).get_item().content).decode("utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.html["data-jsg-bundle"] == "" and soup.select_one(".jsg-bundle-notice"), path
        assert [script for script in soup.find_all("script") if script.get("src")] == [], path
        assert "serviceWorker" not in html and "pagefind/" not in html, path  # data-pagefind-* is inert
        assert soup.find("link", rel="manifest") is None, path
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "worker-src 'none'" in policy and "manifest-src 'none'" in policy, path
        for element in soup.find_all(href=True) + soup.find_all(src=True):
            link = (element.get("href") or element.get("src")).partition("#")[0]
            if not link or link.startswith(("data:", "tel:", "mailto:")):
                continue
            if link.startswith(("http://", "https://")):
                if element.name == "a" and "md-select__link" in (element.get("class") or []):
                    assert link.startswith(site_url), f"{path}: another language goes to the website"
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
            assert target in paths, f"{path}: {link} is not in the book"


def test_finishing_makes_two_libzim_files_of_one_content_identical(tmp_path: Path):
    """libzim stamps a UUID from the clock (and libxapian another into the title index): two files
    of the same entries differ. zim_format.finish sets both from the content, adds the title list
    Debian's libzim 8 checks, and writes the checksum again; libzim reads the result as valid."""

    def write(target: Path, text: str) -> bytes:
        with Creator(target).config_verbose(False).config_nbworkers(2) as creator:
            creator.set_mainpath("index.html")
            creator.add_item(
                zim_files.Entry("index.html", f"<!doctype html><title>{text}</title>".encode(), text)
            )
            creator.add_item(zim_files.Entry("a/index.html", b"<!doctype html><title>A</title>", "A"))
            for key in ("Name", "Title", "Language", "Creator", "Publisher", "Date", "Description"):
                creator.add_metadata(
                    key, "2026-01-01" if key == "Date" else "eng" if key == "Language" else "x"
                )
            creator.add_illustration(48, icon_png.PNG_SIGNATURE + b"\0" * 40)
        return target.read_bytes()

    first, second = write(tmp_path / "1.zim", "Home"), write(tmp_path / "2.zim", "Home")
    assert first != second, "libzim's identifiers differ from one run to the next"
    finished = zim_format.finish(first)
    assert finished == zim_format.finish(second)
    other = zim_format.finish(write(tmp_path / "3.zim", "Other"))
    assert other[8:24] != finished[8:24], "another content, another UUID"
    (tmp_path / "finished.zim").write_bytes(finished)
    assert Archive(tmp_path / "finished.zim").check()
    if kiwix_server.available():
        check = subprocess.run(
            [kiwix_server.ZIMCHECK, "-I", "-C", str(tmp_path / "finished.zim")],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout


def test_the_output_policy_reads_the_pages_inside_a_zim_file(tmp_path: Path):
    """A script planted in a ZIM file's page is found there, by the file and the path inside it."""
    site = tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    target = site / "downloads" / "planted.zim"
    with Creator(target).config_verbose(False) as creator:
        creator.set_mainpath("index.html")
        page = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        page += "<body><p>Hello</p><script>alert(1)</script></body></html>"
        creator.add_item(zim_files.Entry("index.html", page.encode(), "t"))
    messages = output_policy.check(site, files=False)
    assert any(
        "downloads/planted.zim!index.html" in message and "script" in message for message in messages
    ), messages


def test_the_illustration_is_drawn_the_same_each_time(built_site: Path):
    """Chromium draws the icon into the same PNG bytes each time (the build keeps it in .cache/zim)."""
    svg = next((built_site / "assets" / "images").glob("icon.*.svg")).read_bytes()
    with ThreadPoolExecutor(max_workers=1) as executor:  # Playwright's sync API, beside the session's
        drawings = [executor.submit(icon_png.draw, svg, 48, chromium.find()).result() for _ in range(2)]
    in_book = bytes(Archive(zim_of(built_site, "ar")).get_metadata_item("Illustration_48x48@1").content)
    assert drawings[0] == drawings[1] == in_book
    assert icon_png.png_size(in_book) == (48, 48)


@pytest.fixture(scope="module")
def kiwix(built_site: Path) -> Iterator[str]:
    """Debian's kiwix-serve with the four books, on 127.0.0.1 and a free port, for this module."""
    require_kiwix_tools()
    with kiwix_server.running([zim_of(built_site, language.code) for language in LANGUAGES]) as base:
        yield base


def test_kiwix_serve_lists_every_book_in_its_language(kiwix: str):
    books = kiwix_server.catalog(kiwix)
    for language in LANGUAGES:
        book = books[f"jarablus-safety-guide_{language.code}_all"]
        assert book["language"] == ISO_639_3[language.code]
        assert book["title"] == offline.site_names()[language.code]


@pytest.mark.parametrize("language", LANGUAGES, ids=IDS)
def test_chromium_reads_each_book_through_kiwix_serve(kiwix: str, browser, language, artifacts: Path):
    book = kiwix_server.catalog(kiwix)[f"jarablus-safety-guide_{language.code}_all"]
    host = urlsplit(kiwix).netloc
    page = browser.new_page(viewport=PHONE)
    requested: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    def console(message) -> None:
        # jQuery, in kiwix-serve 3.3's toolbar, tries an inline event handler to test the browser;
        # our policy refuses it, and says so. Anything else said in error is a problem.
        if message.type == "error" and not message.location.get("url", "").startswith(kiwix + "skin/"):
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.goto(urljoin(kiwix, book["href"]))
    page.wait_for_selector("article h1")
    home = page.url
    assert home.endswith("/" + language.prefix + "index.html"), home
    assert page.locator("html").get_attribute("dir") == language.direction
    assert page.locator("html").get_attribute("lang") == language.code
    assert (
        page.evaluate("getComputedStyle(document.querySelector('article')).direction") == language.direction
    )
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(183, 28, 28)", "our stylesheet came from the book"
    wait_until(page, "[...document.images].every((image) => image.complete)", 30)
    assert page.evaluate("[...document.images].every((image) => image.naturalWidth > 0)")
    assert page.locator(".jsg-bundle-notice").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "no sideways scrolling"
    # kiwix-serve 3.3 puts its toolbar over the top of the page: it must not cover our header, nor
    # when it comes back as the reader scrolls up (on a phone it hides while scrolling down).
    toolbar = page.evaluate("document.querySelector('#kiwixtoolbar')?.getBoundingClientRect().bottom ?? 0")
    assert page.evaluate("document.querySelector('.md-header').getBoundingClientRect().top") >= toolbar
    if toolbar:
        page.mouse.wheel(0, 900)
        wait_until(page, "() => document.querySelector('#kiwixtoolbar').style.top === '-100%'", 30)
        page.mouse.wheel(0, -200)
        wait_until(
            page,
            """() => {
              const bar = document.querySelector('#kiwixtoolbar').getBoundingClientRect();
              const header = document.querySelector('.md-header').getBoundingClientRect();
              return bar.top === 0 && header.top >= bar.bottom;
            }""",
            30,
        )
        page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=artifacts / f"kiwix-{language.code}.png")
    # Another language is on the website, not in this book.
    other = next(item for item in LANGUAGES if item != language)
    switch = page.locator(f"a.md-select__link[hreflang={other.code}]").get_attribute("href")
    assert switch == load()["site_url"] + other.prefix
    # A link in the text leads to another page of the book, and the menu back home.
    page.locator("article a[href$='contacts/index.html']").first.click()
    page.wait_for_url("**/contacts/index.html")
    assert page.locator(".jsg-contact").count() >= 1
    contacts = page.locator("article h1").inner_text()
    page.locator("label.md-header__button[for=__drawer]").click()  # the menu, as on a phone
    if page.locator("#kiwixtoolbar").count():  # it opens over kiwix-serve 3.3's toolbar too
        x = 20 if language.direction == "ltr" else PHONE["width"] - 20
        wait_until(page, f"() => !!document.elementFromPoint({x}, 10).closest('.md-sidebar--primary')", 30)
    page.locator("a.md-nav__link[href='../index.html']").click()
    page.wait_for_url(home)
    page.wait_for_selector("article h1")
    if page.locator("#kiwixsearchbox").count():  # kiwix-serve 3.3's own search, through our policy
        page.locator("#kiwixsearchbox").press_sequentially(contacts[:5])
        page.locator(".ui-autocomplete li", has_text=contacts).first.wait_for()
    # A leaflet PDF is in the book too.
    leaflet = page.evaluate("new URL('leaflets/vehicle/', location.href).href")
    page.goto(leaflet + "index.html")
    pdf = page.locator("a[href$='.pdf']").first.get_attribute("href")
    answer = page.request.get(urljoin(page.url, pdf))
    assert answer.status == 200 and answer.headers["content-type"].startswith("application/pdf")
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((found) => found.length)") == 0
    page.close()
    elsewhere = [
        url
        for url in requested
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != host
    ]
    assert elsewhere == [], "nothing is asked of another host"
    assert not [url for url in requested if "sw.js" in url or "pagefind" in url]
    assert problems == []
