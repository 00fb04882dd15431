"""Pages in a real browser (Debian's Chromium) on a 360 x 740 phone: nothing scrolls sideways,
nothing fails to load, no console errors, and phone numbers read in the right order in Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.pages import source_pages, url_path

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
            overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                overflowing.append(f"/{path} by {overflow}px")
            if path.removeprefix(language.prefix) in SCREENSHOTS:
                name = f"{language.code}-{path.removeprefix(language.prefix).strip('/') or 'home'}"
                phone.screenshot(path=artifacts / f"{name.replace('/', '-')}.png", full_page=True)
    assert overflowing == []
    assert phone.problems == []


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
