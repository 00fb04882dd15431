"""Home pages on a 360 px phone: no sideways scrolling, no console errors, screenshots to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

PHONE = {"width": 360, "height": 740}


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "ku/"], ids=["ar", "ku"])
def test_home_fits_a_phone_without_errors(browser, site_server: str, artifacts: Path, prefix: str):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)

    page.goto(site_server + prefix, wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=artifacts / f"home-{prefix.strip('/') or 'ar'}-360.png", full_page=True)
    context.close()

    assert overflow <= 0, f"/{prefix} scrolls sideways by {overflow}px at 360px"
    assert failed == [], "requests that failed (Material fetches sitemap.xml next to rel=alternate links)"
    assert errors == []
