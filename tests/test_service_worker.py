"""The service worker never puts an old or foreign page in front of a reader who could have the real one.

Chromium with the service worker running, against nginx behind a proxy that delays, changes or
drops answers (tests/flaky_proxy.py): Playwright's offline mode does not reach service workers.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import interface_text
from scripts.finish import offline, output_policy
from scripts.problems import BuildStopped
from scripts.site_config import language
from tests import flaky_proxy, nginx_server
from tests.browser_waits import OUR_CACHES, cached_addresses, visit_and_save, wait_until

pytestmark = pytest.mark.browser

CONTACTS = "en/contacts/"
SHOTS = Path("/tmp/sw-shots")
# True when the element is inside a polite live region (role=status), so screen readers say it.
IN_LIVE_REGION = """(selector) => {
    const region = document.querySelector(selector).closest('[role=status], [aria-live]');
    return !!region && (region.getAttribute('aria-live') || 'polite') === 'polite';
}"""


@pytest.fixture
def served(built_site: Path) -> Iterator[tuple[str, flaky_proxy.Control]]:
    with nginx_server.running(built_site) as (upstream, _), flaky_proxy.running(upstream) as proxied:
        yield proxied


@pytest.fixture
def reader(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


def plant(page, address: str) -> None:
    """Change the bytes of the saved copy of ``address`` (a site path), as another script on the
    origin could: its hash no longer matches the build's."""
    page.evaluate(
        f"""async () => {{
            for (const name of {OUR_CACHES}.filter((n) => n.includes(':pages:'))) {{
                const cache = await caches.open(name);
                const saved = await cache.match('{address}');
                const html = (await saved.text()).replace('<h1', '<h1>PLANTED</h1><h1');
                await cache.put('{address}', new Response(html, {{ headers: saved.headers }}));
            }}
        }}"""
    )


def saved_text(page, address: str) -> str:
    """The saved copy of ``address`` in our caches, or '' when there is none."""
    return page.evaluate(
        f"""async () => {{
            for (const name of {OUR_CACHES}) {{
                const saved = await (await caches.open(name)).match('{address}');
                if (saved) return await saved.text();
            }}
            return '';
        }}"""
    )


def fits_the_screen(page, selector: str) -> bool:
    """Nothing wider than the screen, and the element wholly on it (no sideways scrolling)."""
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            const width = document.documentElement.clientWidth;
            return document.documentElement.scrollWidth <= width && box.left >= 0 && box.right <= width;
        }""",
        selector,
    )


def listed_addresses(built_site: Path) -> set[str]:
    listed = set()
    for listing in (built_site / "offline").glob("*.json"):
        entries = json.loads(listing.read_text())
        listed |= {*entries["pages"], *entries["files"]}
    return listed


def test_a_late_network_answer_replaces_the_saved_copy_without_the_reader_doing_anything(
    served, reader, built_site: Path
):
    url, control = served
    visit_and_save(reader, url, built_site)
    fresh = (
        (built_site / CONTACTS / "index.html")
        .read_text(encoding="utf-8")
        .replace("Emergency contacts", "UPDATED NUMBERS")
    )
    assert "UPDATED NUMBERS" in fresh
    control.replace["/" + CONTACTS] = fresh.encode()
    control.delay["/" + CONTACTS] = 4.5
    reader.goto(url + CONTACTS, wait_until="load")
    assert reader.evaluate("document.documentElement.dataset.jsgState") == "slow"
    assert not reader.locator("[data-jsg-offline]").is_visible(), "the network has not failed"
    slow = reader.locator("[data-jsg-slow]")
    assert slow.is_visible(), "while the fresh page is on its way, the page says it is the saved copy"
    assert slow.inner_text().strip() == interface_text.text("offline.slow", "en")
    assert reader.evaluate(IN_LIVE_REGION, "[data-jsg-slow]")
    wait_until(reader, "document.documentElement.dataset.jsgState === 'updated'", timeout=30)
    assert reader.locator("article h1").inner_text() == "UPDATED NUMBERS"
    assert not reader.locator("[data-jsg-offline]").is_visible()
    assert not reader.locator("[data-jsg-slow]").is_visible()
    updated = reader.locator("[data-jsg-updated]")
    assert updated.is_visible(), "the reader is told the page was swapped for the newest version"
    assert updated.inner_text().strip() == interface_text.text("offline.updated", "en")
    assert reader.evaluate(IN_LIVE_REGION, "[data-jsg-updated]")
    # The notices' live region (the share box's "Copied." has one of its own).
    notices = reader.get_by_role("status").filter(has=updated)
    assert interface_text.text("offline.updated", "en") in notices.inner_text()
    reader.emulate_media(media="print")
    assert not updated.is_visible(), "a printed page has no notice about the saved copy"
    reader.emulate_media(media="screen")


def test_a_late_answer_with_the_same_page_does_not_reload_it(served, reader, built_site: Path):
    url, control = served
    visit_and_save(reader, url, built_site)
    control.delay["/" + CONTACTS] = 4.5
    reader.goto(url + CONTACTS, wait_until="load")
    assert reader.evaluate("document.documentElement.dataset.jsgState") == "slow"
    reader.evaluate("window.__stayed = true")
    assert reader.locator("[data-jsg-slow]").is_visible()
    wait_until(reader, "document.documentElement.dataset.jsgState === 'current'", timeout=30)
    assert reader.evaluate("window.__stayed === true"), "the reader's page was not reloaded"
    assert not reader.locator("[data-jsg-offline]").is_visible()
    assert not reader.locator("[data-jsg-slow]").is_visible(), "the saved copy was the current page"
    assert not reader.locator("[data-jsg-updated]").is_visible()


def test_offline_is_said_only_when_the_network_fails_and_the_copy_keeps_its_policy(
    served, reader, built_site: Path
):
    url, control = served
    visit_and_save(reader, url, built_site)
    response = reader.goto(url + CONTACTS, wait_until="load")
    assert response.status == 200
    online_policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in online_policy
    assert not reader.locator("[data-jsg-offline]").is_visible(), "online: the fresh page, no note"
    control.drop = True
    response = reader.goto(url + CONTACTS, wait_until="load")
    assert reader.evaluate("document.documentElement.dataset.jsgState") == "offline"
    assert reader.locator("[data-jsg-offline]").is_visible()
    assert "You are offline" in reader.locator("[data-jsg-offline]").inner_text()
    assert not reader.locator("[data-jsg-slow]").is_visible()
    assert reader.evaluate(IN_LIVE_REGION, "[data-jsg-offline]")
    assert response.headers.get("content-security-policy") == online_policy


def test_the_cache_holds_only_what_the_build_listed_whatever_the_query_string(
    served, reader, built_site: Path
):
    url, _ = served
    visit_and_save(reader, url, built_site)
    before = sorted(cached_addresses(reader))
    for number in range(10):
        reader.goto(f"{url}en/?utm={number}", wait_until="load")
    reader.goto(url + "en/no-such-page/", wait_until="load")
    reader.goto(url + "sitemap.xml", wait_until="load")
    after = cached_addresses(reader)
    assert set(before) <= set(after) and len(after) == len(set(after))
    stored = [entry.split(" ", 1)[1].removeprefix(url.rstrip("/")) for entry in after]
    assert not [
        address for address in stored if "?" in address or address not in listed_addresses(built_site)
    ]
    pages = [entry for entry in after if ":pages:" in entry]
    assert len(pages) == len(json.loads((built_site / "offline/en.json").read_text())["pages"])


def test_activation_deletes_only_our_own_old_caches(served, reader, built_site: Path):
    """Ours: this site's older versions (jsg:/:…) and those from before caches carried the site's
    path (jsg-pages-…, jsg-files-…). Not ours: another project's, and our guide under another path."""
    url, _ = served
    ours = ["jsg:/:pages:0123", "jsg-pages-0123456789ab", "jsg-files-0123456789ab"]
    foreign = ["other-project-v1", "jsg:/other/:pages:0123", "jsg-pagesX", "workbox-precache-v2"]
    reader.goto(url + "sitemap.xml")  # a same-origin document with no script: no worker yet
    assert not reader.evaluate("navigator.serviceWorker.controller")
    reader.evaluate(
        """async (names) => {
            for (const name of names) {
                await (await caches.open(name)).put('/x', new Response('other'));
            }
        }""",
        ours + foreign,
    )
    assert set(ours + foreign) <= set(reader.evaluate("caches.keys()"))
    visit_and_save(reader, url, built_site)
    deadline = time.monotonic() + 15  # activation finishes after the worker starts saving
    while set(ours) & set(names := reader.evaluate("caches.keys()")) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert not set(ours) & set(names), f"our own older caches are removed: {names}"
    assert set(foreign) <= set(names), f"other sites' caches are kept: {names}"


def test_a_damaged_saved_copy_is_removed_and_the_reader_told_so_offline(served, reader, built_site: Path):
    url, control = served
    visit_and_save(reader, url, built_site)
    online_policy = reader.goto(url + CONTACTS).headers["content-security-policy"]
    # Offline first: the page's background saving may find the damage before the visit does, and
    # must not fetch a good copy in its place; either way the reader is told.
    control.drop = True
    plant(reader, "/" + CONTACTS)
    response = reader.goto(url + CONTACTS, wait_until="load")
    assert "PLANTED" not in reader.content()
    assert response.status == 503
    assert reader.locator("h1").inner_text() == interface_text.text("offline.damaged.title", "en")
    assert reader.locator("p").inner_text() == interface_text.text("offline.damaged.text", "en")
    assert reader.evaluate("document.documentElement.lang") == "en"
    policy = response.headers["content-security-policy"]
    assert policy != online_policy and "default-src 'none'" in policy and "script-src" not in policy
    assert "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy
    assert reader.evaluate("document.scripts.length") == 0
    assert reader.evaluate("document.styleSheets[0].cssRules.length") > 0, "its one style is allowed"
    assert "PLANTED" not in saved_text(reader, "/" + CONTACTS), "the damaged copy is deleted"
    assert interface_text.text("offline.damaged.title", "en") not in saved_text(reader, "/" + CONTACTS)
    control.drop = False
    reader.goto(url + CONTACTS, wait_until="load")
    assert reader.locator("article h1").inner_text() == "Emergency contacts", "online: the real page"


def test_the_damaged_copy_page_is_escaped_text_its_policy_allows_only_its_style(monkeypatch):
    """The worker builds this answer itself, so no build step reads it: held to the same rules here."""
    monkeypatch.setattr(interface_text, "text", lambda key, code: f"<script>alert('{code}')</script> & {key}")
    pages = offline.damaged_pages("/")
    assert set(pages) == {"/", "/ku/", "/tr/", "/en/"}
    style = base64.b64encode(hashlib.sha256(offline.DAMAGED_STYLE.encode()).digest()).decode()
    assert f"style-src 'sha256-{style}'" in offline.damaged_policy()
    for page in pages.values():
        assert "<script" not in page and "&lt;script&gt;" in page and "&amp;" in page
        assert f"<style>{offline.DAMAGED_STYLE}</style>" in page
        assert not output_policy.check_html(page)
    assert '<html lang="ar" dir="rtl">' in pages["/"] and '<html lang="ku" dir="ltr">' in pages["/ku/"]


def test_a_placeholder_missing_from_the_worker_stops_the_build():
    with pytest.raises(BuildStopped, match=r"sw\.js:1: .*__JSG_VERSION__"):
        offline.filled("const VERSION = 'renamed';", "__JSG_VERSION__", "0123")


@pytest.mark.parametrize("code", ["ar", "ku"])
def test_the_notices_read_at_360_px_in_arabic_and_kurmanji(served, reader, built_site: Path, code: str):
    """The slow and updated notices and the damaged-copy page, in the reader's language, fit a
    360 px screen; screenshots in /tmp/sw-shots/ for a person to look at."""
    url, control = served
    SHOTS.mkdir(exist_ok=True)
    contacts = language(code).prefix + "contacts/"
    visit_and_save(reader, url, built_site, code)
    html = (built_site / contacts / "index.html").read_text(encoding="utf-8")
    fresh = re.sub(r"(<h1[^>]*>)([^<]*)", r"\1\2 (2)", html, count=1)
    control.replace["/" + contacts] = fresh.encode()
    control.delay["/" + contacts] = 4.5
    reader.goto(url + contacts, wait_until="load")
    assert reader.locator("[data-jsg-slow]").inner_text().strip() == interface_text.text("offline.slow", code)
    reader.screenshot(path=SHOTS / f"slow-{code}.png")
    wait_until(reader, "document.documentElement.dataset.jsgState === 'updated'", timeout=30)
    assert reader.locator("article h1").inner_text().endswith("(2)")
    updated = reader.locator("[data-jsg-updated]")
    assert updated.inner_text().strip() == interface_text.text("offline.updated", code)
    assert fits_the_screen(reader, "[data-jsg-updated]")
    # The notice's words put in again for screen readers (site.js marks it): the same look.
    wait_until(reader, "document.querySelector('[data-jsg-updated]').hasAttribute('data-jsg-announced')")
    reader.screenshot(path=SHOTS / f"updated-{code}.png")
    control.replace.clear()
    control.delay.clear()
    reader.goto(url + contacts, wait_until="load")  # the published page again, saved as it is
    control.drop = True
    plant(reader, "/" + contacts)
    reader.goto(url + contacts, wait_until="load")
    assert reader.locator("h1").inner_text() == interface_text.text("offline.damaged.title", code)
    assert reader.evaluate("document.documentElement.dir") == language(code).direction
    assert fits_the_screen(reader, "main")
    reader.screenshot(path=SHOTS / f"damaged-{code}.png")


@pytest.mark.parametrize(
    "address",
    [
        "///evil.example/x",
        "//evil.example/x",
        "/en//evil.example/x",
        "/%2F%2Fevil.example/x",
        "/\\evil.example/x",
    ],
)
def test_the_404_switcher_keeps_the_address_only_as_a_path_on_this_site(served, reader, address: str):
    url, _ = served
    reader.goto(url.rstrip("/") + address)
    wait_until(reader, "document.readyState === 'complete'")
    links = reader.eval_on_selector_all(
        "a.md-select__link[hreflang]", "links => links.map((link) => link.href)"
    )
    origin = url.rstrip("/")
    assert links and all(link.startswith(origin + "/") for link in links), links
    assert not [link for link in links if "evil.example" in link.split("/", 3)[2]]
