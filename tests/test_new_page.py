"""`python -m scripts new-page`: a page in every language, in the menu and the published addresses,
from a starter; the check passes (drafts are warnings), the release check refuses drafts, the
site builds; bad paths are refused with a message and nothing written."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts import new_page, starters, translation_status
from scripts.checks.rendered_page import render
from scripts.finish import published_urls
from scripts.site_config import ROOT, languages
from tests.project_copy import copy_project, run, run_here

LANGUAGES = [language.code for language in languages()]


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("/etc/passwd.md", "not a path inside a language folder"),
        ("C:/pages/x.md", "not a path inside a language folder"),
        ("ordnance\\x.md", "not a path inside a language folder"),
        ("../outside.md", "leaves the language folder"),
        ("ordnance/../../x.md", "leaves the language folder"),
        ("ku/report-two.md", "starts with a language folder"),
        ("docs/en/x.md", "starts with a language folder"),
        ("Safe Routes.md", "not a plain name"),
        ("safe_routes.md", "not a plain name"),
        ("güvenli.md", "not a plain name"),
        ("x.md;rm -rf", "not a plain name"),
        ("assets/x.md", "keeps for itself"),
        ("", "give the page's path"),
    ],
)
def test_bad_paths_are_refused_with_a_reason(raw: str, says: str):
    with pytest.raises(new_page.Refused, match=re.escape(says)):
        new_page.page_path(raw)


def test_an_existing_page_or_leaflet_is_refused():
    with pytest.raises(new_page.Refused, match=r"docs/ar/report\.md, .* already exists"):
        new_page.plan("report.md", "Report", "howto", None, dt.date(2026, 12, 1))
    with pytest.raises(new_page.Refused, match="a leaflet goes in the leaflets/ folder"):
        new_page.plan("market.md", "Market", "leaflet", None, dt.date(2026, 12, 1))
    with pytest.raises(new_page.Refused, match="unknown kind 'poster'"):
        new_page.plan("market.md", "Market", "poster", None, dt.date(2026, 12, 1))


def test_the_menu_entry_goes_after_its_folder_and_keeps_the_rest_of_mkdocs_yml():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    changed = new_page.with_nav_entry(config, new_page.page_path("ordnance/thermobaric.md"))
    assert changed.replace("      - ordnance/thermobaric.md\n", "", 1) == config
    assert "      - ordnance/fuzes.md\n      - ordnance/thermobaric.md\n" in changed
    top = new_page.with_nav_entry(config, new_page.page_path("safe-routes"))
    assert top.endswith("  - about.md\n  - safe-routes.md\n")


@pytest.mark.parametrize("kind", sorted(starters.load().kinds))
def test_starter_headings_are_the_guides_own_translations(kind: str):
    """Each heading and sentence of a starter is, word for word, on the page it names in every
    language: translators start from words already reviewed in the guide, not new ones."""
    data = starters.load()
    sources = [page.strip() for page in data.kinds[kind]["from"].split(",")]
    for part in data.kinds[kind]["parts"]:
        if not isinstance(part, dict) or not {"heading", "text"} & set(part):
            continue
        ((name, words),) = part.items()
        for code in LANGUAGES:
            texts = [(ROOT / "docs" / code / page).read_text(encoding="utf-8") for page in sources]
            line = f"## {words[code]}" if name == "heading" else words[code]
            assert any(line in text.splitlines() for text in texts), (kind, code, line)


def test_draft_lines_exist_for_every_language_and_are_marked_as_not_reviewed():
    data = starters.load()
    assert set(data.draft_text) == set(data.draft_description) == set(LANGUAGES)
    raw = (ROOT / "data/starters.yml").read_text(encoding="utf-8")
    for code in LANGUAGES:
        if code != translation_status.source_language():
            assert re.search(rf"^    {code}: false$", raw, re.MULTILINE), code


def test_new_pages_exist_everywhere_and_the_check_passes_with_draft_warnings(
    project_with_new_pages: Path, capfd: pytest.CaptureFixture[str]
):
    project = project_with_new_pages
    for code in LANGUAGES:
        for page in ("ordnance/thermobaric.md", "safe-routes.md", "leaflets/market.md"):
            assert (project / "docs" / code / page).exists()
    status, out, _ = run_here(project, capfd, "check")
    assert status == 0, out
    problems = [line for line in out.splitlines() if re.match(r"\S+:\d+: ", line)]
    assert problems and all("warning: this page is still a draft" in line for line in problems)
    drafted = {line.split(":")[0] for line in problems}
    assert {f"docs/{code}/safe-routes.md" for code in LANGUAGES} <= drafted
    urls = published_urls.load(project / "data/published-urls.yml")
    assert {"/safe-routes/", "/ku/ordnance/thermobaric/", "/en/leaflets/market/"} <= set(urls)
    assert "      - ordnance/thermobaric.md\n" in (project / "mkdocs.yml").read_text(encoding="utf-8")


def test_translations_of_a_new_page_are_outdated_and_not_reviewed(project_with_new_pages: Path):
    docs = project_with_new_pages / "docs"
    for code in LANGUAGES:
        status = translation_status.page_status(code, Path("safe-routes.md"), docs)
        expected = (translation_status.SOURCE,)
        if code != translation_status.source_language():
            expected = (translation_status.OUTDATED, translation_status.NOT_REVIEWED)
        assert status.states == expected


def test_the_release_check_refuses_to_publish_a_draft(project_with_new_pages: Path):
    result = run(project_with_new_pages, "release-check")
    assert result.returncode == 1
    assert "docs/en/safe-routes.md:9: this page is still a draft" in result.stderr


def test_a_refused_page_writes_nothing(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    project = copy_project(tmp_path / "project")
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    status, _, err = run_here(project, capfd, "new-page", "../escape.md", "--title", "Escape")
    assert status == 1
    assert err.startswith("new-page: '../escape.md' leaves the language folder") and "Traceback" not in err
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before
    assert not list(tmp_path.rglob("escape.md"))


@pytest.mark.build
def test_the_site_builds_right_after_new_page(project_with_new_pages: Path):
    """The fixture (tests/conftest.py) built the site right after the pages were added."""
    site = project_with_new_pages / "site"
    for language in languages():
        page = site / language.prefix / "ordnance/thermobaric/index.html"
        assert page.exists()


@pytest.mark.parametrize(
    "title, says",
    [
        ("Rockets <b>new</b>", "docs/en/rockets-new.md"),
        ("Call 0538 862 61 99 now", "docs/en/rockets-new.md"),
        ("UXO in fields", "UXO"),
    ],
)
def test_a_page_the_check_would_refuse_is_not_left_behind(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], title: str, says: str
):
    """The red team's titles: each was written, then failed the check. Now new-page checks what it
    wrote and puts everything back, saying why."""
    project = copy_project(tmp_path / "project")
    kept = {name: (project / name).read_bytes() for name in ("mkdocs.yml", "data/published-urls.yml")}
    status, _, err = run_here(project, capfd, "new-page", "rockets-new", "--title", title)
    assert status == 1 and "nothing was written" in err and "Traceback" not in err
    assert says in err
    assert not list((project / "docs").rglob("rockets-new.md"))
    assert {name: (project / name).read_bytes() for name in kept} == kept


def test_a_title_with_markdown_is_the_heading_as_written_not_a_link(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
):
    project = copy_project(tmp_path / "project")
    title = "[Click](https://evil.example) *now*"
    status, _, err = run_here(project, capfd, "new-page", "click", "--title", title)
    assert status == 0, err
    html = render(project / "docs/en/click.md").html
    heading = BeautifulSoup(html, "html.parser").find("h1")
    assert heading.get_text() == title and heading.find("a") is None and heading.find("em") is None


def test_an_error_already_in_the_project_does_not_stop_a_new_page(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
):
    """The project as it was is checked only when the new one has an error
    (new_page.written_or_undone): an older error is told apart from the page's, and the page,
    its menu entry and its addresses are written as if it were not there."""
    project = copy_project(tmp_path / "project")
    report = project / "docs/en/report.md"
    report.write_text(report.read_text(encoding="utf-8") + "\nCall 0538 862 61 99 now.\n", encoding="utf-8")
    status, out, err = run_here(project, capfd, "new-page", "safe-roads", "--title", "Safe roads")
    assert status == 0 and "Traceback" not in err, err
    assert "added /en/safe-roads/" in out
    assert all((project / "docs" / code / "safe-roads.md").exists() for code in LANGUAGES)
    assert "safe-roads.md" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "/ku/safe-roads/" in (project / "data/published-urls.yml").read_text(encoding="utf-8")
    assert "0538 862 61 99" in report.read_text(encoding="utf-8")  # the editor's own line is left alone
