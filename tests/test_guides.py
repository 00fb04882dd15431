"""The guides, as readers get them: every page in every language, the same structure in each,
images with alt text in the page's language, dates and translation notes in the page's language."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest
import yaml

from scripts.front_matter import FENCE
from scripts.pages import docs_folder, output_file, source_pages
from scripts.site_config import default_language
from tests.html import parse

ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
GUIDE_PAGES = [
    "index.md",
    "report.md",
    "after-report.md",
    "contacts.md",
    "about.md",
    "vehicles.md",
    "packages.md",
    "homes-rubble-fields.md",
    "children.md",
    "ordnance/index.md",
    *(
        f"ordnance/{name}.md"
        for name in (
            "mortar-bombs",
            "shells",
            "rockets",
            "air-dropped-bombs",
            "cluster-munitions",
            "hand-grenades",
            "landmines",
            "improvised-devices",
            "fuzes",
        )
    ),
]


def article(built_site: Path, page: str, language):
    return parse(output_file(built_site, PurePosixPath(page), language)).select_one("article")


def structure(soup) -> dict[str, object]:
    """What must be the same in every language: headings, pictures, contact references, steps."""
    return {
        "h2": len(soup.find_all("h2")),
        "h3": len(soup.find_all("h3")),
        "images": [PurePosixPath(img["src"]).name for img in soup.find_all("img")],
        "contacts": [tag["data-contact"] for tag in soup.select("[data-contact]")],
        "steps": len(soup.select("li.jsg-step")),
        "list items": len(soup.find_all("li")),
    }


def test_every_guide_page_exists_in_every_language(site_languages):
    for language in site_languages:
        pages = {page.as_posix() for page in source_pages(language)}
        assert set(GUIDE_PAGES) <= pages, f"docs/{language.code}/ lacks {set(GUIDE_PAGES) - pages}"


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_translations_have_the_same_structure_as_the_source(built_site: Path, site_languages, page):
    source = next(language for language in site_languages if language.code == "en")
    expected = structure(article(built_site, page, source))
    for language in site_languages:
        assert structure(article(built_site, page, language)) == expected, f"{language.code}/{page}"


def pictures(soup) -> list[tuple[str, str]]:
    """(which, text alternative) of every picture: an <img> and its alt, or a pictogram drawn in the
    page (the steps, scripts/render/blocks.py) and its aria-label."""
    images = [(img["src"], img.get("alt", "")) for img in soup.find_all("img")]
    drawings = [
        (f"drawing {index + 1}", svg.get("aria-label", ""))
        for index, svg in enumerate(soup.find_all("svg", class_="jsg-step__icon"))
    ]
    return images + drawings


def test_every_image_has_alt_text_in_the_page_language(built_site: Path, site_languages):
    english = next(language for language in site_languages if language.code == "en")
    for page in GUIDE_PAGES:
        english_alts = [alt for _, alt in pictures(article(built_site, page, english))]
        for language in site_languages:
            found = pictures(article(built_site, page, language))
            if page in ("index.md", "vehicles.md"):
                assert any(which.startswith("drawing") for which, _ in found), f"{language.code}/{page}"
            for index, (which, alt) in enumerate(found):
                alt = alt.strip()
                assert alt, f"{language.code}/{page}: image {which} has no alt text"
                if language.code != "en":
                    assert alt != english_alts[index], f"{language.code}/{page}: alt text is English"
                if language.code == "ar":
                    assert ARABIC_LETTERS.search(alt), f"ar/{page}: alt text is not Arabic: {alt}"


def test_every_page_has_front_matter_and_a_meta_description(built_site: Path, site_languages):
    for language in site_languages:
        for page in source_pages(language):
            source = docs_folder() / language.code / page
            meta = yaml.safe_load(FENCE.match(source.read_text(encoding="utf-8")).group(1))
            html = parse(output_file(built_site, page, language))
            assert html.select_one('meta[name="description"]')["content"] == meta["description"]
            assert html.select_one("title").get_text().startswith(meta["title"])
            assert html.select_one("article h1").get_text(strip=True) == meta["title"], f"{source}"


def test_last_reviewed_date_is_written_in_the_page_language(built_site: Path, site_languages):
    expected = {"ar": "2 كانون الأول 2026", "ku": "2ê berfanbara 2026an", "tr": "2 Aralık 2026"}
    expected["en"] = "December 2, 2026"
    for language in site_languages:
        reviewed = article(built_site, "report.md", language).select_one(".jsg-reviewed time")
        assert reviewed["datetime"] == "2026-12-02"
        assert reviewed.get_text() == expected[language.code]


def test_unreviewed_translations_say_so_and_the_source_does_not(built_site: Path, site_languages):
    for language in site_languages:
        for page in source_pages(language):
            source = (docs_folder() / language.code / page).read_text(encoding="utf-8")
            meta = yaml.safe_load(FENCE.match(source).group(1))
            note = parse(output_file(built_site, page, language)).select_one(".jsg-translation-note")
            if language.code == "en":
                assert "translation" not in meta and note is None
            else:
                assert meta["translation"]["from"] == "en", f"{language.code}/{page}"
                assert meta["translation"]["reviewed"] is False, f"{language.code}/{page}"
                assert note is not None and note.get_text(strip=True)


def test_home_page_links_to_every_guide_as_a_card(built_site: Path, site_languages):
    for language in site_languages:
        cards = article(built_site, "index.md", language).select(".grid.cards li a")
        assert len(cards) == 9, language.code


def test_home_page_leads_with_the_five_steps(built_site: Path, site_languages):
    for language in site_languages:
        soup = article(built_site, "index.md", language)
        first_block = soup.find(["ol", "h2"])
        assert first_block.name == "ol" and "jsg-steps" in first_block["class"]
        assert len(first_block.select("li.jsg-step")) == 5


def test_default_language_is_arabic():
    assert default_language().code == "ar"
