"""Fast on a poor connection and readable offline: what the built site and a real browser show."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import brotli
import pytest
from bs4 import BeautifulSoup

from scripts import chromium
from scripts.finish import security_headers
from scripts.finish.compression import TEXT_SUFFIXES
from scripts.pages import source_pages
from scripts.serve import serving
from scripts.serve.static_server import read_headers_file
from scripts.site_config import ROOT
from tests.browser_waits import visit_and_save
from tests.nginx_server import running

SITE_HOST = "127.0.0.1"
FINGERPRINT = re.compile(r"\.[0-9a-f]{8}(\.min)?\.(css|js|svg)$")
LOADING = {"script": "src", "img": "src", "link": "href", "source": "src", "iframe": "src"}


def text_files(site: Path) -> list[Path]:
    return [path for path in site.rglob("*") if path.is_file() and path.suffix in TEXT_SUFFIXES]


def test_every_text_file_has_brotli_and_gzip_twins_with_the_same_content(built_site: Path):
    files = text_files(built_site)
    assert len(files) > 100
    for path in files:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path


def test_no_page_loads_anything_from_another_host(built_site: Path):
    for page in built_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in LOADING.items():
            for element in soup.find_all(tag):
                if tag == "link" and not {"stylesheet", "icon", "manifest", "preload", "modulepreload"} & set(
                    element.get("rel", [])
                ):
                    continue
                address = element.get(attribute, "")
                if address.startswith(("http://", "https://", "//")):
                    assert f"//{SITE_HOST}" in address, f"{page}: <{tag}> loads {address}"
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8")


def test_our_assets_have_fingerprinted_names_and_pages_use_them(built_site: Path):
    ours = [
        *built_site.glob("assets/javascripts/site.*.js"),
        *built_site.glob("assets/stylesheets/site.*.css"),
    ]
    ours = [path for path in ours if path.suffix in (".js", ".css")]
    assert len(ours) == 2 and all(FINGERPRINT.search(path.name) for path in ours)
    pictograms = [path for path in built_site.glob("assets/pictograms/*.svg")]
    assert pictograms and all(FINGERPRINT.search(path.name) for path in pictograms)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "site.css" not in home and "site.js" not in home
    assert re.search(r"assets/javascripts/site\.[0-9a-f]{8}\.js", home)


def test_headers_file_makes_fingerprinted_files_immutable_and_pages_revalidate(built_site: Path):
    """Cloudflare Pages reads 100 rules at most; files no rule names get the host's default, which
    revalidates on every view (tests/test_other_hosts.py shows it on Cloudflare's own server)."""
    rules = read_headers_file(built_site)
    assert len(rules) <= serving.MAX_HEADER_RULES
    for path in sorted(built_site.rglob("*")):
        relative = path.relative_to(built_site).as_posix()
        if not path.is_file() or path.suffix in serving.NOT_SERVED or relative in ("_headers", "_redirects"):
            continue
        address = "/" + relative
        matching = [
            dict(headers).get("Cache-Control")
            for pattern, headers in rules.items()
            if pattern == address or (pattern.endswith("*") and address.startswith(pattern[:-1]))
        ]
        values = [value for value in matching if value]
        assert len(values) <= 1, address
        fingerprinted = FINGERPRINT.search(address) or address.endswith(
            (".pf_fragment", ".pf_index", ".pf_meta")
        )
        assert values == ([serving.IMMUTABLE] if fingerprinted else []), address


def test_committed_nginx_config_matches_the_rules(built_site: Path):
    expected = serving.nginx_config(security_headers.script_hashes(built_site))
    assert (ROOT / "serving/nginx.conf").read_text(encoding="utf-8") == expected, (
        "serving/nginx.conf is out of date: run `make build` then `python -m scripts serving`, and commit it"
    )


def test_every_language_has_an_installable_manifest_and_offline_list(built_site: Path, site_languages):
    for language in site_languages:
        manifest = json.loads((built_site / f"manifest.{language.code}.webmanifest").read_text())
        assert manifest["lang"] == language.code
        assert manifest["start_url"] == "/" + language.prefix
        assert manifest["dir"] == ("rtl" if language.code == "ar" else "ltr")
        assert (built_site / manifest["icons"][0]["src"].lstrip("/")).exists()
        listing = json.loads((built_site / f"offline/{language.code}.json").read_text())
        assert f"/{language.prefix}contacts/" in listing["pages"]
        # Every page of the language but the print page (it repeats all the others: README), and
        # its not-found page.
        assert len(listing["pages"]) == len(source_pages(language)) - 1 + 1
        assert f"/{language.prefix}print/" not in listing["pages"]
        assert all((built_site / file.lstrip("/")).exists() for file in listing["files"])
        # Downloads are fetched when asked for, never saved behind a reader's back.
        assert not [file for file in listing["files"] if file.endswith((".pdf", ".zip", ".zim"))]


@pytest.mark.browser
def test_repeat_view_downloads_no_asset_bytes(browser, built_site: Path):
    with running(built_site) as (url, server):
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        page.goto(url + "ku/")
        # The script and the icon (the page carries its own styles, and the step pictograms are
        # drawn in it); the browser asks for the icon after the page has loaded.
        fetched = server.wait_for(
            lambda seen: {Path(a).suffix for a in seen if FINGERPRINT.search(a)} >= {".js", ".svg"}
        )
        first = {address for address in fetched if FINGERPRINT.search(address)}
        assert not [address for address in fetched if address.endswith(".css")], "a stylesheet was loaded"
        server.requests.clear()
        page.reload()
        page.goto(url + "ku/report/")
        page.goto(url + "ku/")
        page.goto("about:blank")  # the last view's icon is asked for before the next navigation
        seen = server.answered_so_far()
        again = set(seen) & first
        pages = [address for address in seen if address.endswith("/")]
        context.close()
    assert again == set(), f"repeat views fetched these assets again: {again}"
    assert pages == ["/ku/", "/ku/report/", "/ku/"], "pages must be revalidated on every view"


@pytest.fixture
def own_site(built_site: Path, tmp_path: Path) -> Path:
    """A copy of the built site this test may change (to publish an 'update')."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


@pytest.mark.browser
def test_after_one_visit_guides_and_contacts_open_offline_and_fresh_pages_win_online(browser, own_site: Path):
    with running(own_site) as (url, _):
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        visit_and_save(page, url, own_site, "ku")

        context.set_offline(True)
        for path, heading in (("ku/contacts/", "Hejmarên awarte"), ("ku/ordnance/fuzes/", "Teqînok")):
            page.goto(url + path)
            assert page.locator("article h1").inner_text() == heading
            note = page.locator("[data-jsg-offline]")
            assert note.is_visible()
            assert "Tu ne bi înternetê ve girêdayî yî" in note.inner_text()
            assert re.search(r"\d{4}", note.locator("[data-jsg-saved-date]").inner_text())

        context.set_offline(False)
        contacts = own_site / "ku/contacts/index.html"
        contacts.write_text(
            contacts.read_text(encoding="utf-8").replace("Hejmarên awarte", "NÛKIRÎ"), "utf-8"
        )
        for twin in (".br", ".gz"):
            contacts.with_name("index.html" + twin).unlink()
        page.goto(url + "ku/contacts/")
        assert page.locator("article h1").inner_text() == "NÛKIRÎ"
        assert not page.locator("[data-jsg-offline]").is_visible()
        context.close()


def test_chromium_flags_are_the_ones_our_ci_needs():
    assert "--disable-background-networking" in chromium.ARGS
