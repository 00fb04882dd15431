"""What readers of an nginx host get: Debian's nginx serving the built site with serving/nginx.conf.

Each test starts real nginx (tests/nginx_server.py) with the include exactly as the README says,
and asks it what a browser or a cache in front of it would ask.
"""

from __future__ import annotations

import shutil
import stat
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest

from scripts.serve import serving
from tests import nginx_server

pytestmark = pytest.mark.skipif(not nginx_server.available(), reason=nginx_server.INSTALL_HINT)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object) -> None:
        return None


def fetch(url: str, encoding: str = "") -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-case names, body) of one GET, redirects not followed."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        response = urllib.request.build_opener(NoRedirects).open(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


@pytest.fixture(scope="module")
def nginx(built_site: Path) -> Iterator[str]:
    with nginx_server.running(built_site) as (url, _):
        yield url


def one(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, f"the built site has no {pattern}"
    return found[0].relative_to(site).as_posix()


def test_config_passes_nginx_t_on_stock_nginx_without_any_module(built_site: Path, tmp_path: Path):
    result = nginx_server.check(tmp_path / "plain", built_site, brotli=False)
    assert result.returncode == 0, result.stderr
    assert "load_module" not in (tmp_path / "plain/nginx.conf").read_text()


def test_committed_brotli_include_matches_the_rules():
    assert serving.NGINX_BROTLI_FILE.read_text(encoding="utf-8") == serving.nginx_brotli_config(), (
        "serving/nginx-brotli.conf is out of date: run `python -m scripts serving` and commit it"
    )


# Every kind of file the site has, and the Content-Type a browser needs for it under nosniff.
KINDS = {
    "": "text/html",
    "en/contacts/": "text/html",
    "assets/stylesheets/site.*.css": "text/css",
    "assets/javascripts/site.*.js": "application/javascript",
    "sw.js": "application/javascript",
    "offline/en.json": "application/json",
    "assets/pictograms/*.svg": "image/svg+xml",
    "manifest.en.webmanifest": "application/manifest+json",
    "pagefind/*.pf_meta": "application/octet-stream",
    "pagefind/index/*.pf_index": "application/octet-stream",
    "pagefind/fragment/*.pf_fragment": "application/octet-stream",
    "pagefind/*.pagefind": "application/octet-stream",
    "pagefind/pagefind-entry.json": "application/json",
    "**/*.pdf": "application/pdf",
    "downloads/*.zip": "application/zip",
    "**/*.png": "image/png",
    "sitemap.xml": "text/xml",
}


@pytest.mark.parametrize("pattern", KINDS)
def test_every_kind_of_file_gets_its_content_type(nginx: str, built_site: Path, pattern: str):
    address = one(built_site, pattern) if "*" in pattern else pattern
    status, headers, _ = fetch(nginx + address, "br, gzip")
    assert status == 200, address
    assert headers["content-type"].split(";")[0] == KINDS[pattern], address
    if KINDS[pattern].startswith("text/") or KINDS[pattern].endswith(("json", "javascript", "+xml")):
        assert "charset=utf-8" in headers["content-type"], address


def test_wasm_would_get_its_type_from_nginxs_own_table(built_site: Path, tmp_path: Path):
    """The include leaves nginx's MIME table whole: a kind it does not mention still has its type."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "module.wasm").write_bytes(b"\0asm\1\0\0\0")
    site.chmod(0o755)
    (site / "module.wasm").chmod(0o644)
    with nginx_server.running(site) as (url, _):
        status, headers, _ = fetch(url + "module.wasm")
    assert (status, headers["content-type"]) == (200, "application/wasm")


@pytest.mark.parametrize("address", ["", "en/report/", "sw.js", "assets/stylesheets/site.*.css"])
def test_compressed_answers_vary_on_accept_encoding_and_others_get_plain_bytes(
    nginx: str, built_site: Path, address: str
):
    address = one(built_site, address) if "*" in address else address
    local = built_site / (address + "index.html" if address.endswith("/") or not address else address)
    status, headers, body = fetch(nginx + address, "gzip")
    assert (status, headers.get("content-encoding")) == (200, "gzip")
    assert "Accept-Encoding" in headers.get("vary", "")
    status, headers, body = fetch(nginx + address)
    assert status == 200 and "content-encoding" not in headers
    assert body == local.read_bytes()
    assert "Accept-Encoding" in headers.get("vary", ""), "a cache must not reuse this for a gzip client"


@pytest.mark.parametrize(
    "address",
    ["assets/stylesheets/site.00000000.css", "assets/pictograms/stop.0123abcd.svg", "pagefind/x_0.pf_meta"],
)
def test_a_missing_fingerprinted_file_is_not_cached_for_a_year(nginx: str, address: str):
    status, headers, body = fetch(nginx + address)
    assert status == 404
    assert "immutable" not in headers.get("cache-control", "")
    assert headers.get("cache-control") == serving.REVALIDATE
    assert b"lang=ar" in body, "the not-found page, not nginx's own"
    assert "content-security-policy" in headers


def test_fingerprinted_files_that_exist_are_kept_for_a_year_and_pages_revalidate(
    nginx: str, built_site: Path
):
    assert (
        fetch(nginx + one(built_site, "assets/stylesheets/site.*.css"))[1]["cache-control"]
        == serving.IMMUTABLE
    )
    for address in ("", "ku/report/", "sw.js", "manifest.ar.webmanifest", "pagefind/pagefind-entry.json"):
        assert fetch(nginx + address)[1]["cache-control"] == serving.REVALIDATE, address


def test_a_folder_without_slash_redirects_with_a_relative_location(nginx: str):
    status, headers, _ = fetch(nginx + "en")
    assert (status, headers["location"]) == (301, "/en/")


def test_built_site_is_readable_by_others(built_site: Path):
    """nginx's worker runs as another user: 0755 folders and 0644 files, the top folder included."""
    wrong = [
        path
        for path in [built_site, *built_site.rglob("*")]
        if stat.S_IMODE(path.stat().st_mode) != (0o755 if path.is_dir() else 0o644)
    ]
    assert not wrong, f"not readable by nginx's worker: {wrong[:5]}"


def test_the_worker_is_unprivileged_and_cannot_read_a_private_folder(built_site: Path, tmp_path: Path):
    """What `make build` gave before the swap made it readable: a 0700 site/ is a 403 for nginx."""
    site = tmp_path / "private"
    shutil.copytree(built_site / "en", site)
    site.chmod(0o700)
    with nginx_server.running(site) as (url, _):
        status, _, _ = fetch(url)
    assert status == 403


def test_brotli_module_serves_br_twins_with_vary(built_site: Path):
    if not nginx_server.BROTLI_MODULE.exists():
        pytest.fail(nginx_server.INSTALL_HINT)
    with nginx_server.running(built_site, brotli=True) as (url, _):
        for address in ("", "en/contacts/", one(built_site, "assets/stylesheets/site.*.css")):
            local = built_site / (address + "index.html" if address.endswith("/") or not address else address)
            status, headers, body = fetch(url + address, "gzip, deflate, br")
            assert (status, headers.get("content-encoding")) == (200, "br"), address
            assert "Accept-Encoding" in headers.get("vary", ""), address
            assert brotli.decompress(body) == local.read_bytes(), address
            status, headers, _ = fetch(url + address, "gzip")
            assert headers.get("content-encoding") == "gzip", "a client without Brotli gets gzip"
