"""Every pattern over Material's HTML (scripts/engine/mkdocs/markup.py) matches what the engine
writes today, and stops the build, naming the page and the theme version, once it does not."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

import pytest

from scripts import build
from scripts.build import theme_markup
from scripts.engine import language_shares
from scripts.engine.mkdocs import markup, theme
from scripts.problems import BuildStopped
from scripts.site_config import ROOT, languages

# Meant for one test worker (its module fixtures build a project copy or start servers); not
# honoured by pytest 9.2 with pytest-xdist 3.8 (pytest-xdist #1386): see the Makefile.
pytestmark = [pytest.mark.build, pytest.mark.xdist_group("theme_markup")]


@pytest.fixture(scope="module")
def engine_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The engine's own pages for all languages, before any step of ours changed them."""
    folder = tmp_path_factory.mktemp("engine") / "site"
    folder.mkdir()
    command = build.engine_command(ROOT / "mkdocs.yml")
    assert language_shares.build(command, folder, ROOT, build.mkdocs_env()) == 0
    return folder


def test_every_pattern_matches_every_page_the_engine_wrote(engine_output: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(engine_output, site)
    theme_markup(site)  # raises BuildStopped if any pattern missed on any page
    codes = [language.code for language in languages()]
    page = (site / "ku/contacts/index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="ku" dir="ltr"', page)
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in page
    assert "generator" not in page
    hreflangs = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page)
    assert [code for code, _ in hreflangs] == [*sorted(codes), "x-default"]
    assert dict(hreflangs)["x-default"] == dict(hreflangs)["ar"] == "http://127.0.0.1:8000/contacts/"
    assert '<link rel="alternate" href=' not in page  # Material's relative ones are gone
    for code in codes:
        assert f'hreflang="{code}" class="md-select__link" lang="{code}"' in page
    assert 'aria-labelledby="__nav' not in page and 'aria-label="Teqemeniyan nas bike"' in page
    arabic = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="ar" dir="rtl"', arabic)
    not_found = (site / "tr/404.html").read_text(encoding="utf-8")
    assert '<a href="/tr/" hreflang="tr" class="md-select__link" lang="tr"' in not_found
    assert '<link rel="alternate" href="/ku/" hreflang="ku">' in not_found
    for html in (arabic, not_found):
        checkboxes = re.findall(r'<input\b[^>]*type="checkbox"[^>]*>', html)
        assert checkboxes and not [box for box in checkboxes if "autocomplete" in box]


# One change to Material's markup per pattern, as a theme upgrade might make it.
CHANGES = {
    "body-dir": ('<body dir="', '<body data-dir="'),
    "html-lang": ('<html lang="', '<html data-lang="'),
    "article": ('class="md-content__inner md-typeset"', 'class="md-content md-typeset"'),
    "alternates": ('<link rel="alternate" href="', '<link rel="alternate" data-href="'),
    "switcher": ('class="md-select__link"', 'class="md-select__option"'),
    "sections": (
        '<label class="md-nav__title" for="__nav_5">',
        '<label class="md-nav__heading" for="__nav_5">',
    ),
    "generator": ('<meta name="generator" content="', '<meta name="engine" content="'),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_changed_theme_stops_the_build_naming_the_page_and_the_theme_version(engine_output: Path, change):
    old, new = CHANGES[change]
    html = (engine_output / "report/index.html").read_text(encoding="utf-8")
    assert old in html, f"the raw page no longer has {old!r}: update this test with the pattern"
    site = build.theme_site(engine_output)
    with pytest.raises(markup.MarkupChanged) as stopped:
        markup.finish_page(
            html.replace(old, new), "site/report/index.html", site, PurePosixPath("report/index.html")
        )
    message = str(stopped.value)
    assert message.startswith("site/report/index.html: ")
    assert theme.version() in message and "mkdocs-material 9.8.1" in message
    assert "scripts/engine/mkdocs/markup.py" in message


def test_a_changed_theme_fails_the_build_and_keeps_the_site(engine_output: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(engine_output, site)
    page = site / "ku/report/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('<body dir="', '<body data-dir="'), "utf-8")
    with pytest.raises(
        BuildStopped, match=r"^site/ku/report/index.html: the text direction on <body> was found 0"
    ):
        theme_markup(site)


FAKES = (
    '<body dir="ltr">',
    '<html lang="en">',
    '<article class="md-content__inner md-typeset">x</article>',
    '<a href="#" hreflang="ku" class="md-select__link">x</a>',
    '<!-- <meta name="generator" content="x"> -->',
    '<!-- <link rel="alternate" href="/x/" hreflang="ku"> -->',
    '<label for="__toc">keep me</label>',
    '<div aria-labelledby="__nav_77_label"><label class="md-nav__title" for="__nav_77">'
    '<span class="md-nav__icon md-icon"></span> fake</label></div>',
)


def test_text_in_a_page_that_looks_like_the_theme_is_neither_counted_nor_changed(engine_output: Path):
    """Only the theme's part of the page (before its content) is read: a page that quotes the
    theme's markup keeps its words, and the patterns still find the theme's own markup once."""
    html = (engine_output / "report/index.html").read_text(encoding="utf-8")
    marker = '<article class="md-content__inner md-typeset">'
    at = html.index(marker) + len(marker)
    planted = "".join(FAKES)
    site = build.theme_site(engine_output)
    done = markup.finish_page(
        html[:at] + planted + html[at:], "site/report/index.html", site, PurePosixPath("report/index.html")
    )
    assert planted in done
    assert done.count("data-pagefind-body") == 1
    assert re.search(r'<html lang="ar" dir="rtl"', done)


def test_a_site_url_without_its_last_slash_is_read_as_the_engine_reads_it(monkeypatch):
    from scripts import site_config

    monkeypatch.setenv("SITE_URL", "https://example.org/jarablus")
    site_config.load.cache_clear()  # read with this SITE_URL, and again without it afterwards
    try:
        assert site_config.load()["site_url"] == "https://example.org/jarablus/"
        assert site_config.site_path() == "/jarablus/"
    finally:
        site_config.load.cache_clear()
