"""Waiting in the browser for what the service worker has done, polled from Python.

Why not Playwright's ``wait_for_function``: it compiles its predicate in the page, where the
site's policy (no 'unsafe-eval') can refuse it ("EvalError: Evaluating a string as JavaScript
violates the following Content Security Policy directive", seen in a full run); ``evaluate`` is
not held to the page's policy. And it does not wait for an async predicate's promise.
A predicate that reads the caches returns a promise at once, which counts as true: a test that
waited that way went offline before the pages it then opened were saved (seen: the caches were
empty when the wait returned; tests/test_fast_and_offline.py failed in 8 of 16 runs on two busy
cores, and in CI).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from scripts.site_config import language

OUR_CACHES = "(await caches.keys()).filter((name) => name.startsWith('jsg:/:'))"
SAVED_PAGES = f"""async () => {{
    let pages = 0;
    for (const name of {OUR_CACHES}.filter((n) => n.includes(':pages:'))) {{
        pages += (await (await caches.open(name)).keys()).length;
    }}
    return pages;
}}"""


def wait_until(page, expression: str, timeout: float = 15, arg: object = None) -> None:
    """Poll ``expression`` (awaited; a function is called with ``arg``) until it is true, across
    reloads: an evaluation that fails because the page is being replaced asks the next one."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression, arg):
                return
        except Exception:  # the page is being replaced (a reload): ask the next one
            pass
        assert time.monotonic() < deadline, f"not true within {timeout} s: {expression}"
        time.sleep(0.2)  # polling a condition, not waiting for one


def cached_addresses(page) -> list[str]:
    """Every cache name and address saved on the page's origin, for failure messages."""
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


def visit_and_save(page, url: str, site: Path, code: str = "en", timeout: float = 60) -> None:
    """One visit to a language's home, then wait until the worker controls the page and has saved
    every page listed for that language in ``site``'s offline list."""
    listed = len(json.loads((site / f"offline/{code}.json").read_text(encoding="utf-8"))["pages"])
    home = url + language(code).prefix
    page.goto(home, wait_until="load")
    deadline = time.monotonic() + timeout
    asked = time.monotonic()
    while page.evaluate(SAVED_PAGES) < listed:
        assert time.monotonic() < deadline, (
            f"not all {code} pages saved within {timeout} s: {cached_addresses(page)}"
        )
        if time.monotonic() - asked > 15:  # a reader's next visit asks again for what is missing
            page.goto(home, wait_until="load")
            asked = time.monotonic()
        time.sleep(0.25)
    wait_until(page, "!!navigator.serviceWorker.controller")
