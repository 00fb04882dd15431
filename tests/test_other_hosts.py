"""What readers of the other hosts the README promises get: Cloudflare Pages and GitHub Pages.

Cloudflare Pages for real: ``wrangler pages dev`` (tests/wrangler_server.py) runs Cloudflare's
workerd runtime with its own ``_headers`` and ``_redirects`` parser, limits included. (Netlify's
``netlify dev`` is not used: it applies both files with netlify-cli's own re-implementation, not
Netlify's edge, so one real host's parser is worth more than a second imitation.)

GitHub Pages cannot be run here: tests/github_pages_server.py does what it does (no custom headers,
only the root 404.html, a 10-minute cache), and Chromium shows what readers there get.
"""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.finish import security_headers
from scripts.serve import serving, static_server
from scripts.site_config import languages
from tests import github_pages_server, wrangler_server
from tests.browser_waits import wait_until

# Meant for one test worker (its module fixtures build a project copy or start servers); not
# honoured by pytest 9.2 with pytest-xdist 3.8 (pytest-xdist #1386): see the Makefile.
pytestmark = pytest.mark.xdist_group("other_hosts")

# What Cloudflare Pages sends for a file that no _headers rule names (it revalidates every view).
CLOUDFLARE_DEFAULT_CACHE = "public, max-age=0, must-revalidate"
META_POLICY = re.compile(r"<meta http-equiv=Content-Security-Policy content=\"[^\"]*\">")
INJECTED = "<script>window.pwned=1</script>"
# Records every policy violation from the first moment of each document (an init script runs
# before the page's own, and is not subject to its policy).
RECORD_VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.violations.push({directive: event.effectiveDirective, sample: event.sample}));
"""


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object) -> None:
        return None


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    """(status, headers with lower-case names, body) of one GET, redirects not followed."""
    try:
        response = urllib.request.build_opener(NoRedirects).open(url, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return (
            response.status,
            {k.lower(): v for k, v in response.headers.items()},
            response.read().decode(errors="replace"),
        )


def page_language(html: str) -> str | None:
    found = re.search(r"<html\b[^>]*\blang=\"?([a-z]+)", html)
    return found[1] if found else None


def one(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, f"the built site has no {pattern}"
    return found[0].relative_to(site).as_posix()


def with_injected_script(page: Path, keep_meta_policy: bool) -> None:
    """An attacker's inline script right after the page's <meta charset> (where the policy's
    <meta>, when kept, is already in force); without the <meta>, only a header can stop it."""
    html = page.read_text(encoding="utf-8")
    meta = META_POLICY.search(html)
    assert meta, f"{page}: no <meta> policy"
    replacement = meta[0] + INJECTED if keep_meta_policy else INJECTED
    page.write_text(html.replace(meta[0], replacement, 1), encoding="utf-8")


@pytest.fixture
def reader(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


# ---- Cloudflare Pages -----------------------------------------------------------------------


def on_wrangler(site: Path) -> Iterator[tuple[str, Path]]:
    """``site`` on wrangler for a fixture: (base URL, wrangler's log); a failed start fails the test
    with wrangler's own message."""
    try:
        with wrangler_server.running(site) as served:
            yield served
    except wrangler_server.WranglerError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def cloudflare(built_site: Path) -> Iterator[tuple[str, Path]]:
    """The built site on wrangler: (base URL, wrangler's log)."""
    yield from on_wrangler(built_site)


@pytest.fixture(scope="module")
def moved_site(moved_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site in which children.md became kids.md with its line in data/redirects.yml
    (tests/conftest.py), copied. Its /en/ page then gets an injected inline script and loses its
    <meta> policy: only the header can stop that script."""
    site = tmp_path_factory.mktemp("moved") / "site"
    shutil.copytree(moved_project / "site", site)
    with_injected_script(site / "en" / "index.html", keep_meta_policy=False)
    return site


@pytest.fixture(scope="module")
def cloudflare_moved(moved_site: Path) -> Iterator[tuple[str, Path]]:
    yield from on_wrangler(moved_site)


@pytest.mark.parametrize("address", ["", "ku/", "tr/report/", "en/contacts/", "sw.js", "ku/nope", "nope"])
def test_cloudflare_sends_the_security_headers_of_headers_file(
    cloudflare: tuple[str, Path], built_site: Path, address: str
):
    url, _ = cloudflare
    written = static_server.read_headers_file(built_site)["/*"]
    assert written == security_headers.headers(security_headers.script_hashes(built_site))
    _, headers, _ = fetch(url + address)
    assert {name: headers.get(name.lower()) for name, _ in written} == dict(written)


def test_cloudflare_keeps_fingerprinted_files_for_a_year(cloudflare: tuple[str, Path], built_site: Path):
    url, _ = cloudflare
    for pattern in (
        "assets/stylesheets/site.*.css",
        "assets/javascripts/site.*.js",
        "assets/pictograms/*.svg",
    ):
        address = one(built_site, pattern)
        status, headers, _ = fetch(url + address)
        assert (status, headers["cache-control"]) == (200, serving.IMMUTABLE), address


@pytest.mark.parametrize(
    "address",
    ["", "en/", "en/contacts/", "ku/", "tr/contacts/", "sw.js", "manifest.ar.webmanifest", "offline/en.json"],
)
def test_cloudflare_revalidates_pages_on_every_view(cloudflare: tuple[str, Path], address: str):
    """No rule names them: Cloudflare's default, which revalidates on every view."""
    url, _ = cloudflare
    status, headers, _ = fetch(url + address)
    assert status == 200
    assert headers["cache-control"] == CLOUDFLARE_DEFAULT_CACHE, address


def test_cloudflare_applies_every_cache_rule_of_headers_file(cloudflare: tuple[str, Path], built_site: Path):
    """Cloudflare reads only the first 100 rules: the build writes one per folder of fingerprinted
    files (scripts/serve/serving.py), so search's chunks are kept for a year too."""
    url, log = cloudflare
    assert "Maximum number of rules supported" not in log.read_text()
    for pattern in ("pagefind/fragment/*.pf_fragment", "pagefind/index/*.pf_index", "pagefind/*.pf_meta"):
        address = one(built_site, pattern)
        assert fetch(url + address)[1]["cache-control"] == serving.IMMUTABLE, address


@pytest.mark.parametrize("language", languages(), ids=lambda language: language.code)
@pytest.mark.parametrize("missing", ["nope", "no/such-page/", "assets/stylesheets/site.00000000.css"])
def test_cloudflare_gives_each_language_its_own_not_found_page(
    cloudflare: tuple[str, Path], language, missing: str
):
    url, _ = cloudflare
    status, headers, body = fetch(url + language.prefix + missing)
    assert status == 404
    assert page_language(body) == language.code
    assert "immutable" not in headers.get("cache-control", "")


def test_cloudflare_skips_the_404_lines_of_redirects_file_and_finds_the_nearest_404_page_itself(
    cloudflare: tuple[str, Path], built_site: Path
):
    """The ``/ku/*  /ku/404.html  404`` lines are Netlify's syntax: Cloudflare allows only 200 and
    3xx there and skips them with a warning. Its own rule (the nearest 404.html up the path) gives
    the same pages, as the test above shows."""
    _, log = cloudflare
    text = log.read_text()
    for language in languages():
        if language.prefix:
            line = f"/{language.prefix}*  /{language.prefix}404.html  404"
            assert line in (built_site / "_redirects").read_text(encoding="utf-8")
            assert line in text, f"wrangler did not mention {line!r}:\n{text}"
    assert "Got 404." in text


def test_cloudflare_sends_a_folder_without_slash_to_the_folder(cloudflare: tuple[str, Path]):
    url, _ = cloudflare
    status, headers, _ = fetch(url + "en")
    assert (status, headers["location"]) == (308, "/en/")


def test_cloudflare_sends_moved_pages_on_with_301_in_every_language(
    cloudflare_moved: tuple[str, Path], moved_site: Path
):
    url, log = cloudflare_moved
    assert f"Parsed {len(languages())} valid redirect rules" in log.read_text()
    for language in languages():
        old = f"{language.prefix}children/"
        assert (moved_site / old / "index.html").exists(), "the forwarding page is there as well"
        status, headers, _ = fetch(url + old)
        assert (status, headers.get("location")) == (301, f"/{language.prefix}kids/"), old


@pytest.mark.browser
def test_chromium_on_cloudflare_shows_a_page_with_no_policy_violation(cloudflare: tuple[str, Path], reader):
    url, _ = cloudflare
    response = reader.goto(url + "en/contacts/", wait_until="load")
    assert response.status == 200
    assert reader.locator("article h1").is_visible()
    assert reader.evaluate("[...document.styleSheets].some((sheet) => sheet.href && sheet.cssRules.length)")
    assert reader.evaluate("window.violations") == []
    assert reader.problems == []


@pytest.mark.browser
def test_chromium_on_cloudflare_blocks_an_injected_script_by_the_header_alone(
    cloudflare_moved: tuple[str, Path], moved_site: Path, reader
):
    url, _ = cloudflare_moved
    assert "http-equiv=Content-Security-Policy" not in (moved_site / "en/index.html").read_text()
    reader.goto(url + "en/", wait_until="load")
    assert reader.evaluate("typeof window.pwned") == "undefined"
    wait_until(reader, "window.violations.length > 0", 30)  # the report is queued after the block
    assert reader.evaluate("window.violations") == [{"directive": "script-src-elem", "sample": ""}]


# ---- GitHub Pages ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def github_pages(built_site: Path) -> Iterator[tuple[str, github_pages_server.GitHubPagesServer]]:
    with github_pages_server.running(built_site) as served:
        yield served


@pytest.fixture(scope="module")
def github_pages_injected(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, github_pages_server.GitHubPagesServer]]:
    """A copy of the site whose /en/ page has an injected inline script after its <meta> policy."""
    site = tmp_path_factory.mktemp("github-pages") / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("*.br", "*.gz"))
    with_injected_script(site / "en" / "index.html", keep_meta_policy=True)
    with github_pages_server.running(site) as served:
        yield served


def test_github_pages_mode_sends_no_custom_headers_and_only_the_root_404(github_pages):
    url, _ = github_pages
    status, headers, _ = fetch(url + "en/contacts/")
    assert (status, headers["cache-control"]) == (200, "max-age=600")
    assert "content-security-policy" not in headers
    status, headers, body = fetch(url + "ku/missing-page")
    assert (status, page_language(body), headers["cache-control"]) == (404, "ar", "max-age=600")
    status, headers, _ = fetch(url + "en")
    assert (status, headers["location"]) == (301, "/en/")


@pytest.mark.browser
def test_github_pages_page_gets_its_policy_from_the_meta_element(github_pages, github_pages_injected, reader):
    url, _ = github_pages
    reader.goto(url + "en/", wait_until="load")
    assert reader.locator("article h1").is_visible()
    assert reader.evaluate("window.violations") == []
    url, _ = github_pages_injected
    reader.goto(url + "en/", wait_until="load")
    assert reader.evaluate("typeof window.pwned") == "undefined"
    wait_until(reader, "window.violations.length > 0", 30)  # the report is queued after the block
    assert reader.evaluate("window.violations") == [{"directive": "script-src-elem", "sample": ""}]
    assert reader.locator("article h1").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("asked", "kept"),
    [("ku/missing-page", "missing-page"), ("///evil.example/x", "evil.example/x")],
)
def test_github_pages_shows_the_arabic_404_and_its_switcher_keeps_the_address_on_this_site(
    github_pages, reader, asked: str, kept: str
):
    url, _ = github_pages
    response = reader.goto(url + asked)
    assert response.status == 404
    assert reader.locator("html").get_attribute("lang") == "ar"
    wait_until(reader, f"document.querySelector('a.md-select__link[hreflang=en]').href.endsWith('{kept}')")
    links = reader.eval_on_selector_all(
        "a.md-select__link[hreflang]",
        "links => links.map(link => [link.hreflang, link.href])",
    )
    assert dict(links) == {language.code: f"{url}{language.prefix}{kept}" for language in languages()}


@pytest.mark.browser
def test_github_pages_service_worker_registers_and_pages_work_after_one_visit(
    github_pages, reader, built_site: Path
):
    url, server = github_pages
    title = re.search(r"<h1\b[^>]*>([^<]+)", (built_site / "en/contacts/index.html").read_text("utf-8"))
    assert title, "en/contacts/ has no <h1>"
    reader.goto(url + "en/", wait_until="load")
    wait_until(reader, "!!navigator.serviceWorker.controller", timeout=30)  # sw.js claims its clients
    wait_until(reader, f"caches.match('{url}en/contacts/').then(Boolean)", timeout=60)
    server.answering = False
    try:
        reader.goto(url + "en/contacts/", wait_until="load")
        assert reader.locator("article h1").inner_text() == title[1].strip()
        assert reader.locator("html").get_attribute("lang") == "en"
    finally:
        server.answering = True
