"""Printed addresses never break: every page's address is registered once printed, every registered
address leads to a page, and renaming a page fails the build until a redirect is added, after which
the old address sends readers to the new page in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.finish import published_urls
from scripts.serve.static_server import running
from scripts.site_config import languages
from tests import nginx_server
from tests.project_copy import copy_project, digests, published_site, rename_children_to_kids, run


def test_every_page_address_is_registered():
    missing = sorted(set(published_urls.current_addresses()) - set(published_urls.load()))
    assert missing == [], "new pages: run `python -m scripts urls` and commit data/published-urls.yml"


def test_every_registered_address_leads_to_a_page(built_site: Path):
    assert published_urls.check(built_site) == []


@pytest.mark.build
def test_renaming_a_page_without_a_redirect_fails_the_build_and_leaves_the_site(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    rename_children_to_kids(project)
    site = published_site(tmp_path / "site")
    before = digests(site)
    refused = run(project, "build", "--site-dir", str(site))
    assert refused.returncode != 0
    for prefix in ("", "ku/", "tr/", "en/"):
        assert f"'/{prefix}children/' was printed on paper and no longer leads to a page" in refused.stderr
    assert "add 'old.md: new.md' to data/redirects.yml" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert digests(site) == before


@pytest.mark.browser
def test_with_the_redirect_old_addresses_lead_to_the_renamed_page(moved_project: Path, browser):
    """The same rename with its line in data/redirects.yml, built once for the run (tests/conftest.py)."""
    site = moved_project / "site"
    assert "/ku/children/ /ku/kids/ 301" in (site / "_redirects").read_text(encoding="utf-8")
    # nginx with the copy's own serving/nginx.conf, as a host would regenerate it (README).
    with nginx_server.running(site, include=moved_project / "serving/nginx.conf") as (url, _):
        page = browser.new_page()
        for language in languages():
            response = page.request.get(f"{url}{language.prefix}children/", max_redirects=0)
            assert (response.status, response.headers["location"]) == (301, f"/{language.prefix}kids/")
            page.goto(f"{url}{language.prefix}children/")
            page.wait_for_url(f"{url}{language.prefix}kids/")
            assert page.locator("html").get_attribute("lang") == language.code
        page.close()
    # Hosts without server rules (the Python preview, GitHub Pages) get the forwarding pages.
    with running(site) as (url, _):
        page = browser.new_page()
        for language in languages():
            page.goto(f"{url}{language.prefix}children/")
            page.wait_for_url(f"{url}{language.prefix}kids/")
            assert page.locator("html").get_attribute("lang") == language.code
        page.close()
