"""Accessible to every resident: axe-core (WCAG 2.2 A/AA and best practice) finds nothing on any
page of any language, with search and navigation open too; keyboard, reflow, zoom, tap targets,
text size and reduced motion, checked in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.pages import source_pages, url_path
from scripts.serve.static_server import running
from scripts.site_config import languages
from tests.axe_check import violations
from tests.browser_waits import wait_until

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
PAGE_TYPES = {"home": "", "guide": "report/", "contacts": "contacts/", "ordnance": "ordnance/landmines/"}
SEARCH_WORDS = {"ar": "الالغام", "ku": "mayin", "tr": "mayin", "en": "mine"}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("code", [language.code for language in languages()])
def test_no_axe_violations_on_any_page_in_any_language(phone, site_server: str, code: str):
    """One test per language, so that the test workers share the languages out."""
    language = next(language for language in languages() if language.code == code)
    addresses = [url_path(page, language) for page in source_pages(language)]
    addresses.append(f"{language.prefix}no-such-page/")
    found = {}
    for address in addresses:
        phone.goto(site_server + address)
        problems = violations(phone)
        if problems:
            found[address] = problems
    assert found == {}


# The search panel and the menu are one component on every page, and the page beneath them has its
# own pass above: they are opened on the home page, a guide (the menu marks it) and the 404 page.
OPENED_ON = [PAGE_TYPES["home"], PAGE_TYPES["guide"], "no-such-page/"]


@pytest.mark.parametrize("state", ["search open", "navigation open"])
def test_no_axe_violations_with_search_or_navigation_open(phone, site_server: str, site_languages, state):
    found = {}
    for language in site_languages:
        for address in OPENED_ON:
            phone.goto(site_server + language.prefix + address)
            if state == "search open":
                phone.click("label.md-header__button[for=__search]")
                phone.type("input[data-jsg-search-input]", SEARCH_WORDS[language.code])
                wait_until(
                    phone,
                    "q => document.querySelector('[data-jsg-search-results]').dataset.query === q",
                    30,
                    arg=SEARCH_WORDS[language.code],
                )
            else:
                phone.click("label.md-header__button[for=__drawer]")
                # The drawer is open (violations() then lets its slide finish before axe reads it).
                phone.wait_for_selector("#__drawer:checked", state="attached")
            problems = violations(phone)
            if problems:
                found[language.prefix + address] = problems
    assert found == {}


def test_no_axe_violations_in_the_dark_scheme(browser, site_server: str, site_languages, artifacts: Path):
    context = browser.new_context(viewport=PHONE, service_workers="block", color_scheme="dark")
    page = context.new_page()
    found = {}
    for language in site_languages:
        for name, address in PAGE_TYPES.items():
            page.goto(site_server + language.prefix + address)
            assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
            problems = violations(page)
            if problems:
                found[language.prefix + address] = problems
            if name in ("home", "contacts") and language.code in ("ar", "ku"):
                page.screenshot(path=artifacts / f"dark-{language.code}-{name}.png")
    context.close()
    assert found == {}


def focus_path(page, presses: int = 60) -> list[str]:
    """What the keyboard reaches, in order, pressing Tab from the top of the page."""
    reached = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                """() => {
                    const el = document.activeElement;
                    const outline = getComputedStyle(el).outlineStyle;
                    const name = el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30);
                    return `${el.tagName.toLowerCase()}|${el.className}|${el.getAttribute('href') || ''}`
                        + `|${name}|${outline}`;
                }"""
            )
        )
    return reached


@pytest.mark.parametrize("prefix", ["", "ku/"], ids=["ar", "ku"])
def test_keyboard_reaches_skip_link_language_switcher_contacts_and_guides(phone, site_server: str, prefix):
    phone.goto(site_server + prefix)
    reached = focus_path(phone)
    assert "md-skip" in reached[0], reached[0]
    switcher = next(i for i, item in enumerate(reached) if "md-select__link" in item)
    contacts = next(i for i, item in enumerate(reached) if "|contacts/|" in item)
    cards = [i for i, item in enumerate(reached) if "md-content" not in item and "|report/|" in item]
    assert switcher < contacts < cards[-1], reached
    assert all(not item.endswith("|none") for item in reached if item.startswith("a|")), (
        "focus must be visible"
    )


@pytest.mark.parametrize("prefix", ["", "ku/"], ids=["ar", "ku"])
def test_skip_link_moves_to_the_content(phone, site_server: str, prefix):
    phone.goto(site_server + prefix + "report/")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    target = phone.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert target
    assert phone.evaluate("id => !!document.getElementById(id)?.closest('article')", target)


def overflow(page) -> dict[str, int]:
    return page.evaluate(
        """() => {
            const clipped = [...document.querySelectorAll('article *')].filter((el) => {
                const style = getComputedStyle(el);
                return el.scrollWidth > el.clientWidth + 1 && ['hidden', 'clip'].includes(style.overflowX)
                    && el.textContent.trim();
            }).length;
            return {sideways: document.documentElement.scrollWidth - window.innerWidth, clipped};
        }"""
    )


@pytest.mark.parametrize("prefix", ["", "ku/"], ids=["ar", "ku"])
@pytest.mark.parametrize(("width", "text_zoom"), [(320, 1), (360, 2)], ids=["320px", "200% text"])
def test_reflow_and_text_zoom_without_sideways_scrolling(browser, site_server, prefix, width, text_zoom):
    context = browser.new_context(viewport={"width": width, "height": 740}, service_workers="block")
    page = context.new_page()
    results = {}
    for address in [*PAGE_TYPES.values(), "no-such-page/"]:
        page.goto(site_server + prefix + address)
        if text_zoom != 1:
            page.evaluate(f"document.documentElement.style.fontSize = '{125 * text_zoom}%'")
        measured = overflow(page)
        if measured["sideways"] > 0 or measured["clipped"]:
            results[address] = measured
    context.close()
    assert results == {}


def test_tap_targets_are_at_least_44_px(phone, verified_site: Path, site_server: str):
    phone.goto(site_server)
    for card in phone.locator(".grid.cards li").all():
        box = card.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    with running(verified_site / "site") as (url, _):
        for address in ("", "contacts/", "ku/", "ku/contacts/"):
            phone.goto(url + address)
            button = phone.locator("a.jsg-call").first
            box = button.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, address


def test_body_text_is_at_least_16_px_on_phones(phone, site_server: str, site_languages):
    for language in site_languages:
        phone.goto(site_server + language.prefix + "report/")
        sizes = phone.eval_on_selector_all(
            "article p, article li", "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))"
        )
        assert min(sizes) >= 16, language.code


def test_reduced_motion_is_honoured(phone, site_server: str):
    phone.emulate_media(reduced_motion="reduce")
    phone.goto(site_server)
    durations = phone.eval_on_selector_all(
        "header, .md-sidebar, .md-search__inner",
        "els => els.map(el => parseFloat(getComputedStyle(el).transitionDuration) || 0)",
    )
    assert max(durations) <= 0.001
