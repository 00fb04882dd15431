"""Two builds of the same commit give byte-identical sites (pages, search index, compressed twins,
service worker, leaflet PDFs, offline zips and ZIM files), and dates in the output come from the
commit, not from the day of the build."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from scripts import build, engine
from scripts.engine import language_shares
from scripts.finish import policy_cache
from scripts.site_config import ROOT
from tests.project_copy import CACHES, digests


def test_mkdocs_and_properdocs_build_one_commit_into_byte_identical_sites(
    built_site: Path, tmp_path: Path, monkeypatch
):
    """The session's site is built by the engine we use (ProperDocs); the same commit built again by
    MkDocs 1.6.1 (JSG_ENGINE=mkdocs) must give every file byte for byte: pages, search index,
    compressed twins, service worker, offline zips, ZIM files and leaflet PDFs. So the engine can be
    switched back with one line (scripts/engine/__init__.py), and two builds of one commit agree."""
    assert engine.ENGINE == "properdocs"
    assert os.environ.get(engine.ENGINE_ENV) in (None, "", engine.ENGINE)
    # Empty caches: the second build draws every QR code, prints every PDF and compresses every
    # file again rather than taking the first's. The output policy's cache stays: it holds only
    # verdicts on documents by their bytes (scripts/finish/policy_cache.py), nothing that reaches
    # the site, so reading them all again proved nothing about the output and cost about 10 s.
    for variable, name in CACHES.items():
        if variable != policy_cache.CACHE_ENV:
            monkeypatch.setenv(variable, str(tmp_path / "cache" / name))
    monkeypatch.setenv(engine.ENGINE_ENV, "mkdocs")
    again = tmp_path / "site"
    assert build.build(site_dir=again) == 0
    first, second = digests(built_site), digests(again)
    assert first.keys() == second.keys()
    assert len([name for name in first if name.endswith(".zim")]) == 4
    assert [name for name in first if first[name] != second[name]] == []


def test_the_engine_is_properdocs_and_names_itself_nowhere(built_site: Path):
    """Pages carry no generator tag (it named the engine and theme versions to attack)."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 90
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "name=generator" not in html and 'name="generator"' not in html, page
        assert "mkdocs-1." not in html and "ProperDocs" not in html, page


def test_an_unknown_engine_is_refused_in_one_line(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "build", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, engine.ENGINE_ENV: "zensical"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "JSG_ENGINE='zensical': the engine must be one of properdocs, mkdocs" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_sitemap_dates_come_from_the_last_commit(built_site: Path):
    seconds = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    day = dt.datetime.fromtimestamp(int(seconds), dt.UTC).date().isoformat()
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{day}</lastmod>" in sitemap
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{day}</lastmod>")


def test_languages_built_side_by_side_give_the_same_site_as_one_process(tmp_path: Path):
    """scripts/engine/language_shares.py: four processes, one language each, write exactly the files that
    one process building all four writes (pages, 404 pages, the sitemap joined from four parts)."""
    command = build.engine_command(ROOT / "mkdocs.yml")
    env = build.mkdocs_env()
    one, four = tmp_path / "one", tmp_path / "four"
    one.mkdir()
    four.mkdir()
    assert language_shares.build(command, one, ROOT, env, count=1) == 0
    assert language_shares.build(command, four, ROOT, env, count=4) == 0
    first, second = digests(one), digests(four)
    # MkDocs' own sitemap.xml.gz is stale once the sitemap is joined (compression writes it again),
    # and mkdocs-static-i18n writes an empty lunr index in one process
    # (scripts/engine/mkdocs/hooks/no_lunr_index.py; scripts/finish/search_index.py removes it).
    assert first.pop("sitemap.xml.gz")
    first.pop("search/search_index.json", None)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    sitemap = (four / "sitemap.xml").read_text(encoding="utf-8")
    for prefix in ("/ku/", "/tr/", "/en/"):
        assert f"{prefix}contacts/</loc>" in sitemap
