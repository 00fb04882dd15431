"""Trust, checked in Chromium on every page of every language, served with the headers the build
writes (site/_headers): the Content-Security-Policy is sent and blocks nothing the site needs (no
violation, no console error, with search used and the service worker running); nothing is asked of
another host; no cookie is set; local storage holds only the theme's own preferences."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.finish import page_styles, security_headers, single_file
from scripts.pages import source_pages, url_path
from scripts.serve.static_server import read_headers_file
from scripts.site_config import languages
from tests.test_browser import search_for

# Reports every blocked script, style, image or connection, with what and where.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""
# What Material for MkDocs keeps in local storage (prefixed by the site's path): UI preferences.
THEME_STORAGE = ("__palette", "__tabs", "__expand", "__consent", "__search", "__hash")
SEARCH_WORDS = {"ar": "لغم", "ku": "mayin", "tr": "mayın", "en": "mine"}


def expected_headers(built_site: Path) -> dict[str, str]:
    return dict(security_headers.headers(security_headers.script_hashes(built_site)))


def test_headers_file_sends_the_security_headers_to_every_address(built_site: Path):
    rules = read_headers_file(built_site)
    assert dict(rules["/*"]) == expected_headers(built_site)
    policy = dict(rules["/*"])["Content-Security-Policy"]
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    for directive in (
        "default-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ):
        assert directive in policy.split("; ")


def test_every_page_carries_the_policy_in_a_meta_element_too(built_site: Path):
    """The header's policy, with the hashes of the page's own styles in place of 'unsafe-inline'."""
    hashes = security_headers.script_hashes(built_site)
    pages = [page for page in built_site.rglob("*.html") if page.parent.name != single_file.FOLDER]
    wrong = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        styles = page_styles.own_style_hashes(html)
        policy = security_headers.policy(hashes, in_meta=True, styles=styles)
        if (
            f'<meta http-equiv=Content-Security-Policy content="{policy}">' not in html
            or "'unsafe-inline'" in policy
        ):
            wrong.append(str(page))
    assert pages and wrong == []
    # The guides on one page open from anywhere and load nothing: a stricter policy of their own.
    own = f'<meta http-equiv=Content-Security-Policy content="{single_file.POLICY}">'
    guides = list((built_site / single_file.FOLDER).glob("*.html"))
    assert len(guides) == len(languages())
    assert all(own in guide.read_text(encoding="utf-8") for guide in guides)


@pytest.mark.browser
def test_every_page_runs_under_the_policy_without_violations_cookies_or_other_hosts(
    browser, site_server: str, built_site: Path, site_languages
):
    headers = {name.lower(): value for name, value in expected_headers(built_site).items()}
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    problems: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith((site_server, "data:")) else elsewhere.append(request.url)
        ),
    )
    visited = 0
    for language in site_languages:
        addresses = [url_path(source, language) for source in source_pages(language)]
        for address in addresses:
            response = page.goto(site_server + address, wait_until="load")
            sent = {name: value for name, value in response.headers.items() if name in headers}
            assert sent == headers, f"/{address}: security headers"
            for violation in page.evaluate("window.__violations"):
                problems.append(f"/{address}: {violation}")
            visited += 1
        # Search runs its WebAssembly under the policy, in every language.
        assert search_for(page, SEARCH_WORDS[language.code]), f"{language.code}: search found nothing"
        for violation in page.evaluate("window.__violations"):
            problems.append(f"{language.code} search: {violation}")
        # The not-found page of the language, at an address that does not exist.
        missing = page.goto(site_server + language.prefix + "no-such-page/", wait_until="load")
        assert missing.status == 404
        problems += [f"{language.code} 404: {v}" for v in page.evaluate("window.__violations")]
    # The service worker registered and took control under the policy.
    page.goto(site_server, wait_until="load")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload(wait_until="load")
    assert page.evaluate("!!navigator.serviceWorker.controller")
    # The only console errors allowed: the 404 status of the not-found pages themselves.
    found = [problem for problem in problems if "status of 404" not in problem]
    # And the policy bites: a script injected into the page is blocked and reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = 1'; document.body.append(s); }"
    )
    page.wait_for_function("window.__violations.length > 0")
    assert not page.evaluate("!!window.__ran")
    # A style injected into the page is not applied either: only the page's own, by hash.
    page.evaluate(
        "() => { const s = document.createElement('style');"
        " s.textContent = 'body{display:none}'; document.head.append(s); }"
    )
    page.wait_for_function("window.__violations.some((v) => v.startsWith('style-src'))")
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    storage = page.evaluate("Object.keys(localStorage)")
    cookies = context.cookies()
    context.close()

    assert visited == sum(len(source_pages(language)) for language in site_languages)
    assert found == []
    assert elsewhere == []
    assert cookies == []
    assert [key for key in storage if not key.endswith(THEME_STORAGE)] == []
