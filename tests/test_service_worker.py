"""The service worker never puts an old or foreign page in front of a reader who could have the real one.

Chromium with the service worker running, against nginx behind a proxy that delays, changes or
drops answers (tests/flaky_proxy.py): Playwright's offline mode does not reach service workers.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import flaky_proxy, nginx_server

pytestmark = pytest.mark.browser

OUR_CACHES = "(await caches.keys()).filter((name) => name.startsWith('jsg:/:'))"
CONTACTS = "en/contacts/"


@pytest.fixture
def served(built_site: Path) -> Iterator[tuple[str, flaky_proxy.Control]]:
    with nginx_server.running(built_site) as (upstream, _), flaky_proxy.running(upstream) as proxied:
        yield proxied


@pytest.fixture
def reader(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


def visit_and_save(page, url: str, built_site: Path) -> None:
    """One visit to the English home, then wait until every listed English page is saved.
    (Polled from Python: wait_for_function does not wait for an async predicate's promise.)"""
    listed = len(json.loads((built_site / "offline/en.json").read_text())["pages"])
    page.goto(url + "en/", wait_until="load")
    count = f"""async () => {{
        let pages = 0;
        for (const name of {OUR_CACHES}.filter((n) => n.includes(':pages:'))) {{
            pages += (await (await caches.open(name)).keys()).length;
        }}
        return pages;
    }}"""
    deadline = time.monotonic() + 60
    asked = time.monotonic()
    while page.evaluate(count) < listed:
        assert time.monotonic() < deadline, (
            f"not all English pages saved within 60 s: {cached_addresses(page)}"
        )
        if time.monotonic() - asked > 15:  # a reader's next visit asks again for what is missing
            page.goto(url + "en/", wait_until="load")
            asked = time.monotonic()
        time.sleep(0.25)
    wait_until(page, "!!navigator.serviceWorker.controller")


def wait_until(page, expression: str, timeout: float = 15) -> None:
    """Poll ``expression`` from Python, across reloads. (Playwright's wait_for_function compiles
    its predicate in the page, which the site's policy forbids: no 'unsafe-eval'.)"""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression):
                return
        except Exception:  # the page is being replaced (a reload): ask the next one
            pass
        assert time.monotonic() < deadline, f"not true within {timeout} s: {expression}"
        time.sleep(0.2)


def cached_addresses(page) -> list[str]:
    return page.evaluate(
        """async () => {
            const found = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) found.push(name + ' ' + request.url);
            }
            return found;
        }"""
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
    wait_until(reader, "document.documentElement.dataset.jsgState === 'updated'", timeout=30)
    assert reader.locator("article h1").inner_text() == "UPDATED NUMBERS"
    assert not reader.locator("[data-jsg-offline]").is_visible()


def test_a_late_answer_with_the_same_page_does_not_reload_it(served, reader, built_site: Path):
    url, control = served
    visit_and_save(reader, url, built_site)
    control.delay["/" + CONTACTS] = 4.5
    reader.goto(url + CONTACTS, wait_until="load")
    assert reader.evaluate("document.documentElement.dataset.jsgState") == "slow"
    reader.evaluate("window.__stayed = true")
    wait_until(reader, "document.documentElement.dataset.jsgState === 'current'", timeout=30)
    assert reader.evaluate("window.__stayed === true"), "the reader's page was not reloaded"
    assert not reader.locator("[data-jsg-offline]").is_visible()


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
    url, _ = served
    reader.goto(url + "sitemap.xml")  # a same-origin document with no script: no worker yet
    reader.evaluate(
        """async () => {
            const names = ['other-project-v1', 'jsg-pages-0123', 'jsg:/other/:pages:0123',
                'jsg:/:pages:0123'];
            for (const name of names) {
                await (await caches.open(name)).put('/x', new Response('other'));
            }
        }"""
    )
    visit_and_save(reader, url, built_site)
    deadline = time.monotonic() + 15  # activation finishes after the worker starts saving
    while "jsg:/:pages:0123" in (names := reader.evaluate("caches.keys()")) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert "jsg:/:pages:0123" not in names, "our own older cache is removed"
    assert {"other-project-v1", "jsg-pages-0123", "jsg:/other/:pages:0123"} <= set(names)


def test_a_saved_page_whose_bytes_were_changed_is_never_shown(served, reader, built_site: Path):
    url, control = served
    visit_and_save(reader, url, built_site)
    reader.evaluate(
        f"""async () => {{
            for (const name of {OUR_CACHES}.filter((n) => n.includes(':pages:'))) {{
                const cache = await caches.open(name);
                const saved = await cache.match('/{CONTACTS}');
                const html = (await saved.text()).replace('Emergency contacts', 'PLANTED');
                await cache.put('/{CONTACTS}', new Response(html, {{ headers: saved.headers }}));
            }}
        }}"""
    )
    control.drop = True
    shown = ""
    try:
        reader.goto(url + CONTACTS, wait_until="load")
        shown = reader.content()
    except Exception as error:  # the browser's own "no connection" page: nothing intact to show
        assert "ERR_" in str(error)
    assert "PLANTED" not in shown
    control.drop = False
    reader.wait_for_load_state("load")
    for _ in range(3):  # the browser's error page may still be arriving
        try:
            reader.goto(url + "sitemap.xml")
            break
        except Exception:
            time.sleep(0.5)
    assert "/" + CONTACTS not in {
        entry.split(" ", 1)[1].removeprefix(url.rstrip("/")) for entry in cached_addresses(reader)
    } or "PLANTED" not in reader.evaluate(
        f"""async () => {{
            for (const name of {OUR_CACHES}) {{
                const saved = await (await caches.open(name)).match('/{CONTACTS}');
                if (saved) return await saved.text();
            }}
            return '';
        }}"""
    )


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
