"""Multilingual behaviour as readers get it: sitemap alternates, one search index per language
loaded only on demand and forgiving of how people type, a not-found page per language, and
honest notices when a translation is outdated or missing."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

import pytest

from scripts import translation_status
from scripts.pages import PRINT_PAGE, output_file, source_pages
from scripts.serve.static_server import running
from tests.axe_check import violations
from tests.html import parse
from tests.project_copy import run
from tests.shared_builds import shared

# Meant for one test worker (its module fixtures build a project copy or start servers); not
# honoured by pytest 9.2 with pytest-xdist 3.8 (pytest-xdist #1386): see the Makefile.
pytestmark = pytest.mark.xdist_group("multilingual")

SITE_URL = "http://127.0.0.1:8000/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_sitemap_lists_every_page_with_its_alternates_and_x_default(built_site: Path, site_languages):
    root = ET.parse(built_site / "sitemap.xml").getroot()
    urls = root.findall(f"{SITEMAP}url")
    assert len(urls) == sum(len(source_pages(language)) for language in site_languages)
    for url in urls:
        links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        assert set(links) == {language.code for language in site_languages} | {"x-default"}
        assert links["x-default"] == links["ar"]
        assert all(href.startswith(SITE_URL) for href in links.values())
        assert url.find(f"{SITEMAP}loc").text in links.values()


def test_each_language_has_its_own_search_index_with_only_its_pages(built_site: Path, site_languages):
    entry = json.loads((built_site / "pagefind/pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {language.code for language in site_languages}
    # Every page but the print page, which is every other page again (scripts/engine/mkdocs/markup.py).
    searched = {
        language.code: [page for page in source_pages(language) if page != PRINT_PAGE]
        for language in site_languages
    }
    for language in site_languages:
        assert entry["languages"][language.code]["page_count"] == len(searched[language.code])
    prefixes = {language.code: "/" + language.prefix for language in site_languages}
    others = {code: [p for c, p in prefixes.items() if c != code and p != "/"] for code in prefixes}
    fragments = list((built_site / "pagefind/fragment").glob("*.pf_fragment"))
    assert len(fragments) == sum(len(pages) for pages in searched.values())
    for fragment in fragments:
        code = fragment.name.split("_", 1)[0]
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        assert record["url"].startswith(prefixes[code]), f"{fragment.name}: {record['url']}"
        assert not any(record["url"].startswith(other) for other in others[code])


def test_lunr_search_files_are_not_shipped(built_site: Path):
    assert not (built_site / "search/search_index.json").exists()
    assert not (built_site / "assets/javascripts/lunr").exists()


def test_not_found_page_exists_in_each_language_and_direction(built_site: Path, site_languages):
    titles = {"ar": "لم نجد هذه الصفحة", "ku": "Me ev rûpel nedît", "tr": "Bu sayfa bulunamadı"}
    titles["en"] = "Page not found"
    for language in site_languages:
        soup = parse(built_site / language.prefix / "404.html")
        assert soup.html["lang"] == language.code
        assert soup.html["dir"] == ("rtl" if language.code == "ar" else "ltr")
        assert soup.select_one("article h1").get_text(strip=True) == titles[language.code]
        assert soup.select_one("input.md-search__input")["placeholder"]
        links = [a["href"] for a in soup.select("article a")]
        assert links == [f"/{language.prefix}", f"/{language.prefix}contacts/"]


def test_translation_table_covers_every_page_and_language(site_languages):
    statuses = translation_status.report()
    assert len(statuses) == len(source_pages(site_languages[0])) * len(site_languages)
    for status in statuses:
        if status.language == "en":
            assert status.states == (translation_status.SOURCE,)
        else:
            assert status.states == (translation_status.NOT_REVIEWED,), f"{status.language}/{status.page}"


@pytest.fixture(scope="session")
def changed_project() -> Path:
    """A copy where the English report page changed and the Kurmanji children page is missing,
    built once for the run (tests/shared_builds.py; the tests only read it)."""
    return shared("translations") / "project"


def test_status_command_flags_outdated_and_missing_pages(changed_project: Path):
    result = run(changed_project, "translations")
    assert result.returncode == 0
    rows = {line.split("|")[0].strip(): line for line in result.stdout.splitlines()}
    assert "outdated, not yet reviewed" in rows["report.md"]
    assert "missing" in rows["children.md"]
    failing = run(changed_project, "translations", "--fail-on-missing")
    assert failing.returncode == 1
    assert "docs/ku/children.md: missing" in failing.stderr


def test_outdated_translation_shows_a_notice_and_keeps_its_content(changed_project: Path, site_languages):
    site = changed_project / "site"
    english = next(language for language in site_languages if language.code == "en")
    headings = len(parse(output_file(site, PurePosixPath("report.md"), english)).select("article h2"))
    for language in site_languages:
        soup = parse(output_file(site, PurePosixPath("report.md"), language))
        notice = soup.select_one(".jsg-outdated-translation")
        if language.code == "en":
            assert notice is None
            continue
        assert notice is not None, language.code
        link = notice.select_one("a")
        assert link["hreflang"] == "en" and link["href"].endswith("en/report/")
        assert len(soup.select("article h2")) == headings, "the notice must not replace safety content"
    unchanged = parse(output_file(site, PurePosixPath("vehicles.md"), site_languages[1]))
    assert unchanged.select_one(".jsg-outdated-translation") is None


def test_the_notices_leave_the_stylesheet_as_it_was(changed_project: Path, built_site: Path):
    """The copy's English edit put the notice on three translations. The stylesheet stays the
    real site's, byte for byte: when the notice's rules came and went with it, every page's link
    to the stylesheet changed, and so every page's check and every leaflet and booklet printed again
    after a one-word edit."""

    def stylesheets(site: Path) -> dict[str, bytes]:
        return {path.name: path.read_bytes() for path in (site / "assets/stylesheets").glob("site.*.css")}

    assert len(stylesheets(built_site)) == 1
    assert stylesheets(changed_project / "site") == stylesheets(built_site)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_translation_notices_pass_axe_in_both_schemes(changed_project: Path, browser, scheme: str):
    """The notices readers get when a translation is out of date (with its link to the source) or
    missing: readable by everyone, their links told apart from the text by more than colour."""
    with running(changed_project / "site") as (url, _):
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, color_scheme=scheme, service_workers="block"
        )
        page = context.new_page()
        found = {}
        for path, notice in (
            ("ku/report/", ".jsg-outdated-translation"),
            ("ku/children/", ".jsg-missing-translation"),
        ):
            page.goto(url + path)
            assert page.locator(notice).is_visible(), path
            if problems := violations(page):
                found[path] = problems
        context.close()
    assert found == {}


def test_missing_page_falls_back_to_arabic_in_the_readers_interface(changed_project: Path, site_languages):
    kurmanji = next(language for language in site_languages if language.code == "ku")
    soup = parse(output_file(changed_project / "site", PurePosixPath("children.md"), kurmanji))
    assert soup.html["lang"] == "ku"
    assert soup.select_one("input.md-search__input")["placeholder"] == "Lêgerîn"
    notice = soup.select_one(".jsg-missing-translation").get_text()
    assert "hîn nehatiye wergerandin" in notice and "العربية" in notice
    content = soup.select_one('article div[lang="ar"][dir="rtl"]')
    assert content is not None and "تعليم الأطفال" in content.get_text()
