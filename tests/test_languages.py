"""Every page exists in all four languages, in the right language and direction, with a switcher
that keeps the reader on the same page."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

import pytest

from scripts.pages import output_file, source_pages, url_path
from scripts.site_config import default_language
from tests.html import parse

RIGHT_TO_LEFT = {"ar"}


def all_pages() -> list[PurePosixPath]:
    return source_pages(default_language())


def test_every_language_folder_has_the_same_pages(site_languages):
    expected = all_pages()
    for language in site_languages:
        assert source_pages(language) == expected, (
            f"docs/{language.code}/ must hold the same files as docs/{default_language().code}/"
        )


def test_urls_are_as_promised(site_languages):
    codes = {language.code: language for language in site_languages}
    assert url_path(PurePosixPath("index.md"), codes["ar"]) == ""
    assert url_path(PurePosixPath("index.md"), codes["en"]) == "en/"
    assert url_path(PurePosixPath("report.md"), codes["ku"]) == "ku/report/"


def test_every_page_is_built_in_every_language(built_site: Path, site_languages):
    for language in site_languages:
        for page in all_pages():
            assert output_file(built_site, page, language).is_file(), (
                f"{language.code}: {page} was not built at /{url_path(page, language)}"
            )
    assert (built_site / "index.html").is_file()
    for code in ("en", "tr", "ku"):
        assert (built_site / code / "index.html").is_file()


def test_html_lang_and_dir_are_right_on_every_page(built_site: Path, site_languages):
    for language in site_languages:
        expected_dir = "rtl" if language.code in RIGHT_TO_LEFT else "ltr"
        for page in all_pages():
            html = parse(output_file(built_site, page, language)).html
            assert html["lang"] == language.code, f"{language.code}/{page}"
            assert html.get("dir") == expected_dir, f"{language.code}/{page}: dir={html.get('dir')}"


def test_language_switcher_links_to_the_same_page(built_site: Path, site_languages):
    for language in site_languages:
        for page in all_pages():
            here = "/" + url_path(page, language)
            soup = parse(output_file(built_site, page, language))
            links = {a["hreflang"]: a for a in soup.select("a.md-select__link[hreflang]")}
            assert set(links) == {other.code for other in site_languages}, f"{here}"
            for other in site_languages:
                target = urljoin(here, links[other.code]["href"])
                assert target == "/" + url_path(page, other), (
                    f"switcher on {here} sends {other.code} readers to {target}"
                )
                assert links[other.code].get_text(strip=True) == other.name


@pytest.mark.parametrize("page", ["index.md", "report.md"])
def test_kurmanji_pages_use_kurmanji_theme_strings(built_site: Path, site_languages, page):
    kurmanji = next(language for language in site_languages if language.code == "ku")
    soup = parse(output_file(built_site, PurePosixPath(page), kurmanji))
    search = soup.select_one("input.md-search__input")
    assert search["placeholder"] == "Lêgerîn"
    assert search["aria-label"] == "Lêgerîn"
    assert soup.select_one("a.md-skip").get_text(strip=True) == "Derbasî naverokê bibe"


def test_head_lists_every_language_and_x_default_with_absolute_urls(built_site: Path, site_languages):
    site_url = "http://127.0.0.1:8000/"
    for language in site_languages:
        for page in all_pages():
            soup = parse(output_file(built_site, page, language))
            links = {
                link["hreflang"]: link["href"]
                for link in soup.head.find_all("link", hreflang=True)
                if "alternate" in link["rel"]
            }
            expected = {other.code: site_url + url_path(page, other) for other in site_languages}
            expected["x-default"] = site_url + url_path(page, default_language())
            assert links == expected, f"{language.code}/{page}"
