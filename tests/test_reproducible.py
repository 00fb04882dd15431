"""Two builds of the same commit give byte-identical sites (pages, search index, compressed twins,
service worker, leaflet PDFs), and dates in the output come from the commit, not from the day of the build."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from scripts import build, language_shares, leaflet_pdfs
from scripts.site_config import ROOT
from tests.project_copy import digests


def test_two_builds_of_one_commit_are_byte_identical(built_site: Path, tmp_path: Path, monkeypatch):
    # An empty PDF cache: the second build prints every leaflet again rather than copying the first's.
    monkeypatch.setenv(leaflet_pdfs.CACHE_ENV, str(tmp_path / "pdf-cache"))
    again = tmp_path / "site"
    assert build.build(site_dir=again) == 0
    first, second = digests(built_site), digests(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_sitemap_dates_come_from_the_last_commit(built_site: Path):
    seconds = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    day = dt.datetime.fromtimestamp(int(seconds), dt.UTC).date().isoformat()
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{day}</lastmod>" in sitemap
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{day}</lastmod>")


def test_languages_built_side_by_side_give_the_same_site_as_one_process(tmp_path: Path):
    """scripts/language_shares.py: four processes, one language each, write exactly the files that
    one process building all four writes (pages, 404 pages, the sitemap joined from four parts)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml")]
    env = build.mkdocs_env()
    one, four = tmp_path / "one", tmp_path / "four"
    one.mkdir()
    four.mkdir()
    assert language_shares.build(command, one, ROOT, env, count=1) == 0
    assert language_shares.build(command, four, ROOT, env, count=4) == 0
    first, second = digests(one), digests(four)
    # MkDocs' own sitemap.xml.gz is stale once the sitemap is joined (compression writes it again),
    # and mkdocs-static-i18n writes an empty lunr index in one process (scripts/hooks/no_lunr_index.py;
    # scripts/search_index.py removes it).
    assert first.pop("sitemap.xml.gz")
    first.pop("search/search_index.json", None)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    sitemap = (four / "sitemap.xml").read_text(encoding="utf-8")
    for prefix in ("/ku/", "/tr/", "/en/"):
        assert f"{prefix}contacts/</loc>" in sitemap
