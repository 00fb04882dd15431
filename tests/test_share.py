"""The "Send this" control (scripts/render/share.py): on every page, in the reader's language, plain
links made at build time (WhatsApp, Telegram, SMS) that work without JavaScript and ask nothing of
another host until tapped; "copy" where the clipboard can be written; a leaflet's page sends its
PDF; hidden in print; and the link to the guide on one page."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, urlsplit

import pytest

from scripts import front_matter, interface_text
from scripts.finish import output_policy, single_file
from scripts.pages import docs_folder, output_file, source_pages, url_path
from scripts.render import leaflets
from scripts.site_config import language, languages, load
from tests.browser_waits import wait_until
from tests.html import parse

PHONE = {"width": 360, "height": 740}
HOST = "site.example"


def every_page():
    return [(reader, page) for reader in languages() for page in source_pages(reader)]


def expected_message(language, page: PurePosixPath) -> list[str]:
    """Title, line and address, from the page's own front matter and data (not from the control)."""
    meta, _ = front_matter.read(docs_folder() / language.code / page)
    address = load()["site_url"] + url_path(page, language)
    if meta.get("leaflet"):
        leaflet = leaflets.load()[meta["leaflet"]]
        address += leaflet.pdf_name(language.code, leaflet.papers[0])
    if page == PurePosixPath("index.md"):
        titles = " · ".join(step["title"][language.code] for step in interface_text.steps())
        line = f"{interface_text.text('steps.label', language.code)}: {titles}"
    else:
        line = " ".join(meta["description"].split())
    return [meta["title"], line, address]


@pytest.mark.parametrize(("language", "page"), every_page(), ids=lambda item: str(item))
def test_every_page_has_the_control_with_links_made_at_build_time(built_site: Path, language, page):
    html_file = output_file(built_site, page, language)
    soup = parse(html_file)
    controls = soup.select("article .jsg-share")
    assert len(controls) == 1
    control = controls[0]
    wanted = expected_message(language, page)
    title = "share.leaflet_title" if "leaflets/" in str(page) and page.name != "index.md" else "share.title"
    assert control.h2.get_text(strip=True) == interface_text.text(title, language.code)
    links = {link["data-jsg-share-via"]: link["href"] for link in control.select("a.jsg-share__link")}
    assert set(links) == {"whatsapp", "telegram", "sms"}
    for href in links.values():
        assert href.isascii() and " " not in href and "\n" not in href, "every character is percent-encoded"
    whatsapp, telegram, sms = urlsplit(links["whatsapp"]), urlsplit(links["telegram"]), links["sms"]
    assert (whatsapp.scheme, whatsapp.netloc, whatsapp.path) == ("https", "wa.me", "/")
    assert parse_qs(whatsapp.query)["text"] == ["\n".join(wanted)]
    assert (telegram.scheme, telegram.netloc, telegram.path) == ("https", "t.me", "/share/url")
    assert parse_qs(telegram.query) == {"url": [wanted[2]], "text": ["\n".join(wanted[:2])]}
    assert sms.startswith("sms:?body=")
    assert parse_qs(urlsplit(sms).query)["body"] == ["\n".join(wanted)]
    assert control["data-jsg-share-url"] == wanted[2]
    if "pdf" in wanted[2]:
        assert (html_file.parent / wanted[2].rpartition("/")[2]).is_file(), "the PDF it sends is published"
    whole = control.select_one(".jsg-share__file a")
    assert whole.get_text(strip=True) == interface_text.text("single.download", language.code)
    assert (html_file.parent / whole["href"]).resolve() == (
        built_site / single_file.site_path_of(language.code)
    ).resolve()
    # The buttons that need the script are hidden until it finds what they need.
    assert control.select_one("[data-jsg-share-native]").has_attr("hidden")
    assert control.select_one("[data-jsg-share-copy-row]").has_attr("hidden")


def test_arabic_words_are_sent_in_arabic(built_site: Path):
    control = parse(built_site / "report" / "index.html").select_one(".jsg-share")
    text = parse_qs(urlsplit(control.select_one("[data-jsg-share-via=whatsapp]")["href"]).query)["text"][0]
    assert text.splitlines()[0] == front_matter.read(docs_folder() / "ar/report.md")[0]["title"]
    assert any("\u0600" <= char <= "\u06ff" for char in text)
    assert "%D8" in control.select_one("[data-jsg-share-via=whatsapp]")["href"], "UTF-8, percent-encoded"


def test_a_text_message_to_no_one_is_allowed_and_its_words_still_checked():
    """The output policy lets ``sms:?body=`` through (the phone asks whom to send it to), never a
    link that dials something else, and still reads the message for numbers."""

    def found(body: str) -> list[str]:
        page = f'<!doctype html><html lang="en"><title>t</title><body>{body}</body></html>'
        numbers = output_policy.contact_numbers()
        return [item.message for item in output_policy.check_html(page, "page.html", HOST, numbers)]

    assert found('<a href="sms:?body=Report%20a%20danger%0Ahttps%3A%2F%2Fsite.example%2F">SMS</a>') == []
    assert any("dials nothing" in item for item in found('<a href="sms:abc?body=x">SMS</a>'))
    assert any("dials nothing" in item for item in found('<a href="tel:?body=x">call</a>'))
    planted = found('<a href="sms:?body=call%200538%20862%2061%2077">SMS</a>')
    assert any("not one of data/contacts.yml's numbers" in item for item in planted)


@pytest.fixture
def phone_without_script(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("address", ["", "ku/report/", "tr/leaflets/vehicle/"])
def test_without_javascript_the_links_work_and_nothing_is_asked_of_another_host(
    phone_without_script, site_server: str, address: str
):
    page = phone_without_script
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(site_server) else elsewhere.append(request.url),
    )
    page.goto(site_server + address, wait_until="load")
    control = page.locator(".jsg-share")
    control.scroll_into_view_if_needed()
    links = control.locator("a.jsg-share__link")
    assert links.count() == 3
    for index in range(3):
        box = links.nth(index).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, "a tap target of at least 44 px"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert not control.locator("[data-jsg-share-native]").is_visible()
    assert not control.locator("[data-jsg-share-copy]").is_visible()
    assert control.locator(".jsg-share__file a").bounding_box()["height"] >= 44
    page.emulate_media(media="print")
    assert not control.is_visible(), "the control is not printed"
    assert elsewhere == []


@pytest.mark.parametrize("prefix", ["", "ku/"], ids=["ar", "ku"])
def test_with_javascript_copy_puts_the_message_on_the_clipboard(
    browser, site_server: str, prefix: str, artifacts: Path
):
    """Chromium on Linux has no Web Share API: there, "copy" is offered and works."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    page = context.new_page()
    page.goto(site_server + prefix + "contacts/")
    assert page.evaluate("typeof navigator.share") == "undefined"
    control = page.locator(".jsg-share")
    control.scroll_into_view_if_needed()
    copy = control.locator("[data-jsg-share-copy]")
    assert copy.is_visible() and copy.bounding_box()["height"] >= 44
    assert control.locator("a.jsg-share__link").first.is_visible(), "the plain links stay"
    control.screenshot(path=artifacts / f"share-{prefix.strip('/') or 'ar'}.png")
    copy.click()
    wait_until(page, "document.querySelector('[data-jsg-share-copied]').textContent !== ''", timeout=30)
    reader = next(item for item in languages() if item.prefix == prefix)
    said = page.locator("[data-jsg-share-copied]").inner_text()
    assert said == interface_text.text("share.copied", reader.code)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.splitlines() == expected_message(reader, PurePosixPath("contacts.md"))
    context.close()


def test_where_the_browser_can_share_its_own_sheet_replaces_the_links(browser, site_server: str):
    """Chromium on Linux has no Web Share API, so the page is given one that records what it is
    asked to share (as a phone's would open its sheet with it); the control must use it."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, service_workers="block")
    context.add_init_script(
        "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"
    )
    page = context.new_page()
    page.goto(site_server + "ku/leaflets/vehicle/")
    control = page.locator(".jsg-share")
    control.scroll_into_view_if_needed()
    button = control.locator("[data-jsg-share-native]")
    assert button.is_visible() and button.bounding_box()["height"] >= 44
    assert not control.locator("[data-jsg-share-links]").is_visible()
    button.click()
    shared = page.evaluate("window.__shared")
    wanted = expected_message(language("ku"), PurePosixPath("leaflets/vehicle.md"))
    assert shared == {"title": wanted[0], "text": wanted[1], "url": wanted[2]}
    context.close()
