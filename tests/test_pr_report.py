"""`python -m scripts pr-report --base <ref>`, on a real git repository with two commits: contacts
first (each changed field by name, old and new), pages per language, translations made outdated
or brought up to date, addresses, and screenshots at phone width; nothing an editor wrote becomes
a link or formatting in GitHub's Markdown."""

from __future__ import annotations

import json
import re
import struct
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

import markdown
import pytest
import yaml
from markdown_it import MarkdownIt

from scripts import screenshots, translation_status
from scripts.site_config import languages
from tests.project_copy import copy_project, git, run_here


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def two_commits(tmp_path: Path) -> Path:
    """Commit 1: the project, with the English report page changed after its Kurmanji translation
    (so that one is outdated). Commit 2, the change under review: the Kurmanji report page brought
    up to date, the English vehicles page changed, the police number and its verification changed,
    the 112 number's region changed, an address added, a page moved, and pages added whose names
    GitHub would make links of."""
    project = copy_project(tmp_path / "project")
    edit(project / "docs/en/report.md", "Report them too.", "Report them too, at once.")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    git(project, "checkout", "-qb", "change")
    translation_status.stamp(project / "docs/ku/report.md", project / "docs")
    edit(project / "docs/en/vehicles.md", "\n## ", "\nA new sentence.\n\n## ")
    contacts = project / "data/contacts.yml"
    edit(contacts, 'number: "+90 538 862 61 76"', 'number: "+90 538 862 61 99"')
    edit(contacts, "verified: null", "verified: 2026-11-30")
    edit(contacts, "verified_by: null", f"verified_by: {json.dumps(HOSTILE_WORDS)}")
    edit(contacts, 'number: "112"\n    region: SY', 'number: "112"\n    region: TR')
    for name in HOSTILE_PAGES:
        (project / "docs/en" / name).write_text("# A page\n", encoding="utf-8")
    edit(project / "data/published-urls.yml", "urls:\n", 'urls:\n  - "/en/kids/"\n')
    edit(project / "data/redirects.yml", "redirects: {}", "redirects:\n  children.md: kids.md")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "the change")
    return project


HOSTILE_WORDS = "Partner <b>desk</b> | 1, see https://evil.example/x or www.evil.example @someone #12"
HOSTILE_PAGES = ["www.jarablus-police.md", "mail me@evil.example `a`|``b``.md"]


def test_the_report_spells_out_contacts_first_then_pages_translations_and_addresses(
    two_commits: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch
):
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    out_dir = tmp_path / "report"
    status, out, err = run_here(
        two_commits, capfd, "pr-report", "--base", "main", "--out", str(out_dir), "--no-screenshots"
    )
    assert status == 0, err
    report = (out_dir / "report.md").read_text(encoding="utf-8")
    assert summary_file.read_text(encoding="utf-8").strip() == report.strip()
    assert report in out  # also in the log, between stop-commands markers
    contacts_at = report.index("This change edits the emergency contacts")
    assert contacts_at < report.index("### Pages changed")
    contact_line = next(line for line in report.splitlines() if "jarablus-police-2018" in line)
    assert "number: `+90 538 862 61 76` → `+90 538 862 61 99`" in contact_line
    assert "verified: none → `2026-11-30`" in contact_line
    assert f"verified by: none → `{HOSTILE_WORDS}`" in contact_line  # shown as written, in code
    rows = {line.split(" | ")[0].lstrip("| "): line for line in report.splitlines() if line.startswith("| ")}
    assert "`vehicles.md` (changed)" in rows["`English` (`en`)"]
    assert "`report.md` (changed)" in rows["`Kurmancî` (`ku`)"]
    outdated = re.findall(r"Now \*\*outdated\*\*.*: `(\S+)`", report)
    assert outdated == ["docs/ar/vehicles.md", "docs/ku/vehicles.md", "docs/tr/vehicles.md"]
    assert re.findall(r"Brought \*\*up to date\*\*: `(\S+)`", report) == ["docs/ku/report.md"]
    assert "- New address: `/en/kids/`" in report
    assert "- Moved page: `children.md` → `kids.md`" in report
    assert "not asked for (--no-screenshots)" in report


def report_of(project: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> str:
    status, _, err = run_here(
        project, capfd, "pr-report", "--base", "main", "--out", str(tmp_path / "report"), "--no-screenshots"
    )
    assert status == 0, err
    return (tmp_path / "report" / "report.md").read_text(encoding="utf-8")


def test_each_changed_field_of_a_contact_is_named_with_its_old_and_new_value(
    two_commits: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
):
    """Changing the region of 112 (SY → TR) was reported as "its words changed"."""
    contacts = two_commits / "data/contacts.yml"
    before = {item["id"]: item for item in yaml.safe_load(contacts.read_text(encoding="utf-8"))["contacts"]}
    old_purpose = before["syria-police-112"]["purpose"]["ku"]
    edit(contacts, old_purpose, old_purpose + " Bi lez.")
    git(two_commits, "commit", "-qam", "words too")
    report = report_of(two_commits, tmp_path, capfd)
    line = next(line for line in report.splitlines() if "`syria-police-112`" in line)
    assert "region: `SY` → `TR`" in line
    assert f"purpose (ku): `{old_purpose}` → `{old_purpose} Bi lez.`" in line
    assert "(now not verified)" in line
    assert "words changed" not in report


def test_nothing_an_editor_wrote_becomes_a_link_or_formatting(
    two_commits: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
):
    """A page named www.jarablus-police.md, or an address in a contact's words, was a link in the
    job summary: read as GitHub-like Markdown, the report has no link, and every file name and
    value is there as written, in code."""
    report = report_of(two_commits, tmp_path, capfd)
    html = markdown.markdown(report, extensions=["tables", "pymdownx.magiclink"])  # links as GitHub does
    assert "<a " not in html and "<b>" not in html
    tokens = MarkdownIt("commonmark").enable("table").parse(report)
    spans = [
        child.content for token in tokens for child in token.children or [] if child.type == "code_inline"
    ]
    assert HOSTILE_WORDS in " ".join(spans)
    for name in HOSTILE_PAGES:
        assert name in spans, name
    rendered = MarkdownIt("commonmark").enable("table").render(report)
    rows = re.findall(r"<tr>(.*?)</tr>", rendered, re.DOTALL)
    assert len(rows) >= 3  # the heads, English and Kurmanji
    assert all(len(re.findall(r"<t[hd][ >]", row)) == 2 for row in rows), "no cell split by a name's '|'"


def test_an_unknown_base_is_a_clear_error(two_commits: Path, capfd: pytest.CaptureFixture[str]):
    status, _, err = run_here(two_commits, capfd, "pr-report", "--base", "no-such-branch", "--no-screenshots")
    assert status == 1
    assert err.startswith("pr-report: 'no-such-branch' is not a commit in this clone — fetch it first")
    assert "Traceback" not in err


@pytest.mark.browser
def test_screenshots_are_360_pixels_wide_for_each_language_built(tmp_path: Path):
    site = tmp_path / "site"
    every = languages()
    built = every[:2]
    for language in built:
        page = site / language.prefix / "report" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!doctype html><title>x</title><p>{language.name}</p>" * 40, encoding="utf-8")
    # In a thread of its own: a test before this one on the same worker may hold the session's
    # browser, whose event loop makes Playwright's sync API refuse to start in this thread (seen
    # in a full run: "using Playwright Sync API inside the asyncio loop"). pr-report itself runs
    # in a process of its own.
    with ThreadPoolExecutor(1) as thread:
        made = thread.submit(
            screenshots.take, site, [PurePosixPath("report.md")], every, tmp_path / "shots"
        ).result()
    assert [path.name for path in made] == [f"{language.code}-report.png" for language in built]
    for path in made:
        width, height = struct.unpack(">II", path.read_bytes()[16:24])
        assert width == screenshots.WIDTH and height > screenshots.HEIGHT  # the whole page, not the window
