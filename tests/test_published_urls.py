"""Printed addresses never break: every page's address is registered once printed, every registered
address leads to a page, and renaming a page fails the build until a redirect is added, after which
the old address sends readers to the new page in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.finish import published_urls
from scripts.finish.leaflet_pdfs import CACHE_ENV
from scripts.serve.static_server import running
from scripts.site_config import ROOT, languages
from tests import nginx_server
from tests.project_copy import copy_project, digests, published_site, run


def test_every_page_address_is_registered():
    missing = sorted(set(published_urls.current_addresses()) - set(published_urls.load()))
    assert missing == [], "new pages: run `python -m scripts urls` and commit data/published-urls.yml"


def test_every_registered_address_leads_to_a_page(built_site: Path):
    assert published_urls.check(built_site) == []


def rename_children_to_kids(project: Path) -> None:
    """An editor's rename: the file in every language, the menu entry and the links to it."""
    for language in languages():
        folder = project / "docs" / language.code
        (folder / "children.md").rename(folder / "kids.md")
        index = folder / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("children.md", "kids.md"), "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - children.md", "  - kids.md"), "utf-8")


@pytest.mark.browser
def test_renaming_a_page_needs_a_redirect_and_then_old_addresses_work(tmp_path: Path, browser, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(ROOT / ".cache" / "leaflets"))
    project = copy_project(tmp_path / "project")
    rename_children_to_kids(project)
    site = published_site(tmp_path / "site")
    before = digests(site)

    refused = run(project, "build", "--site-dir", str(site))
    assert refused.returncode != 0
    for prefix in ("", "ku/", "tr/", "en/"):
        assert f"'/{prefix}children/' was printed on paper and no longer leads to a page" in refused.stderr
    assert "add 'old.md: new.md' to data/redirects.yml" in refused.stderr
    assert digests(site) == before

    redirects = project / "data/redirects.yml"
    redirects.write_text(
        redirects.read_text(encoding="utf-8").replace("redirects: {}", "redirects:\n  children.md: kids.md"),
        "utf-8",
    )
    built = run(project, "build", "--site-dir", str(site))
    assert built.returncode == 0, built.stderr
    assert "/ku/children/ /ku/kids/ 301" in (site / "_redirects").read_text(encoding="utf-8")
    # nginx with the copy's own serving/nginx.conf, as a host would regenerate it (README).
    served = run(project, "serving", "--site-dir", str(site))
    assert served.returncode == 0, served.stderr
    with nginx_server.running(site, include=project / "serving/nginx.conf") as (url, _):
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
