"""Pages in a real browser (Debian's Chromium) on a 360 x 740 phone: nothing scrolls sideways,
nothing fails to load, no console errors, and phone numbers read in the right order in Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.pages import source_pages, url_path
from tests.browser_waits import wait_until

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
SCREENSHOTS = ["", "contacts/", "report/", "vehicles/", "ordnance/landmines/"]

# For each character of an element's text, the x position where the browser drew it.
CHARACTER_POSITIONS = """
element => {
  const node = element.firstChild;
  const positions = [];
  for (let index = 0; index < node.length; index++) {
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + 1);
    const box = range.getBoundingClientRect();
    positions.push([node.data[index], box.left]);
  }
  return positions;
}
"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.problems = []
    page.on(
        "console", lambda message: page.problems.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on(
        "response",
        lambda response: (
            page.problems.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    yield page
    context.close()


def test_every_page_fits_a_phone_and_loads_cleanly(phone, site_server: str, site_languages, artifacts: Path):
    overflowing = []
    for language in site_languages:
        for source in source_pages(language):
            path = url_path(source, language)
            phone.goto(site_server + path, wait_until="load")
            # Against the phone's width, not innerWidth: a mobile browser widens its layout viewport
            # to fit a page that is too wide (and shrinks the text), so innerWidth grows with it.
            overflow = phone.evaluate("document.documentElement.scrollWidth") - PHONE["width"]
            if overflow > 0:
                overflowing.append(f"/{path} by {overflow}px")
            if path.removeprefix(language.prefix) in SCREENSHOTS:
                name = f"{language.code}-{path.removeprefix(language.prefix).strip('/') or 'home'}"
                phone.screenshot(path=artifacts / f"{name.replace('/', '-')}.png", full_page=True)
    assert overflowing == []
    assert phone.problems == []


@pytest.mark.parametrize("prefix", ["", "ku/", "tr/", "en/"])
def test_pages_fit_a_phone_with_javascript_off(browser, site_server: str, prefix: str):
    """Some readers switch scripts off (or their browser cannot run ours): with no search button,
    the language menu sat at the edge of the header and its closed list stuck out by 26 px."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    overflowing = []
    for address in ("", "report/", "contacts/", "ordnance/shells/", "leaflets/vehicle/"):
        page.goto(site_server + prefix + address)
        overflow = page.evaluate("document.documentElement.scrollWidth") - PHONE["width"]
        if overflow > 0:
            overflowing.append(f"/{prefix}{address} by {overflow}px")
    context.close()
    assert overflowing == []


@pytest.mark.parametrize("prefix", ["", "ku/", "tr/", "en/"])
def test_phone_numbers_read_left_to_right(phone, site_server: str, prefix: str):
    phone.goto(site_server + prefix + "contacts/")
    numbers = phone.locator(".jsg-phone")
    assert numbers.count() >= 1
    for index in range(numbers.count()):
        element = numbers.nth(index)
        text = element.inner_text()
        positions = element.evaluate(CHARACTER_POSITIONS)
        assert "".join(character for character, _ in positions) == text
        digits = [x for character, x in positions if not character.isspace()]
        assert digits == sorted(digits), f"{prefix or 'ar'}: '{text}' is drawn out of order: {positions}"


def test_home_core_rule_fits_on_the_first_phone_screen(phone, site_server: str, site_languages):
    for language in site_languages:
        phone.goto(site_server + language.prefix)
        last_step = phone.locator("li.jsg-step").last
        box = last_step.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], f"{language.code}: step 5 is below the fold"


def search_for(page, query: str) -> list[str]:
    """Type a query in the search dialog the way a reader does; return result paths in order."""
    if not page.is_checked("#__search"):
        page.click("label.md-header__button[for=__search]")
    page.fill("input[data-jsg-search-input]", "")
    page.type("input[data-jsg-search-input]", query)
    # site.js marks the result list with the query it answers, so stale results never count.
    wait_until(
        page, "q => document.querySelector('[data-jsg-search-results]').dataset.query === q", 30, arg=query
    )
    return page.eval_on_selector_all(
        ".md-search-result__link", "links => links.map(link => new URL(link.href).pathname)"
    )


def test_search_downloads_nothing_until_opened_then_only_the_readers_language(phone, site_server: str):
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.goto(site_server + "ku/report/", wait_until="load")
    # The last thing the page does on its own: register the service worker, after load.
    assert phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assert [url for url in requests if "pagefind" in url or "search" in url] == []

    results = search_for(phone, "mayin")
    assert results[0] == "/ku/ordnance/landmines/"
    index_files = [url.rsplit("/", 1)[-1] for url in requests if "/pagefind/" in url]
    assert any(name.startswith("pagefind.ku_") for name in index_files)
    for other in ("ar", "tr", "en"):
        assert not any(name.startswith((f"pagefind.{other}_", f"{other}_")) for name in index_files)
    assert phone.problems == []


ARABIC_VARIANTS = {
    "/ordnance/landmines/": ["الألغام", "الالغام", "الأَلْغَام", "الألغـــام"],
    "/ordnance/shells/": ["قذيفة", "قذيفه"],
    "/children/": ["الأطفال", "الاطفال"],
    "/ordnance/": ["إشارة", "اشارة"],
}


@pytest.mark.parametrize("expected", list(ARABIC_VARIANTS))
def test_arabic_spelling_variants_find_the_same_page(phone, site_server: str, expected: str):
    phone.goto(site_server)
    for query in ARABIC_VARIANTS[expected]:
        assert expected in search_for(phone, query)[:3], query


@pytest.mark.parametrize(
    ("prefix", "with_accents", "without", "expected"),
    [
        ("tr/", "çocuk", "cocuk", "/tr/children/"),
        ("tr/", "şüpheli", "supheli", "/tr/packages/"),
        ("ku/", "mayîn", "mayin", "/ku/ordnance/landmines/"),
        ("ku/", "şerît", "serit", "/ku/ordnance/cluster-munitions/"),
    ],
)
def test_latin_words_match_with_or_without_accents(
    phone, site_server, prefix, with_accents, without, expected
):
    phone.goto(site_server + prefix)
    found = search_for(phone, with_accents)
    plain = search_for(phone, without)
    assert expected in found[:3] and expected in plain[:3]
    assert set(plain) == set(found), "the same pages with or without accents"


@pytest.mark.parametrize("prefix", ["", "ku/", "tr/", "en/"])
def test_missing_address_gets_its_languages_404_and_a_switcher_that_keeps_the_address(
    browser, site_server: str, prefix: str
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    response = page.goto(site_server + prefix + "no/such-page/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "ar")
    wait_until(page, "document.querySelector('a.md-select__link[hreflang=en]').href.includes('no/')", 30)
    links = page.eval_on_selector_all(
        "a.md-select__link[hreflang]",
        "links => links.map(link => [link.hreflang, new URL(link.href).pathname])",
    )
    assert dict(links) == {
        "ar": "/no/such-page/",
        "ku": "/ku/no/such-page/",
        "tr": "/tr/no/such-page/",
        "en": "/en/no/such-page/",
    }
    context.close()
