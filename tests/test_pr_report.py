"""`python -m scripts pr-report --base <ref>`, on a real git repository with two commits: contacts
first, pages per language, translations made outdated or brought up to date, addresses, and
screenshots at phone width."""

from __future__ import annotations

import re
import struct
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

import pytest

from scripts import screenshots, translation_status
from scripts.site_config import languages
from tests.project_copy import copy_project, run_here


def git(project: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *arguments],
        cwd=project,
        check=True,
        capture_output=True,
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def two_commits(tmp_path: Path) -> Path:
    """Commit 1: the project, with the English report page changed after its Kurmanji translation
    (so that one is outdated). Commit 2, the change under review: the Kurmanji report page brought
    up to date, the English vehicles page changed, the police number and its verification changed,
    an address added and a page moved."""
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
    edit(contacts, "verified_by: null", "verified_by: Partner <b>desk</b> | 1")
    edit(project / "data/published-urls.yml", "urls:\n", 'urls:\n  - "/en/kids/"\n')
    edit(project / "data/redirects.yml", "redirects: {}", "redirects:\n  children.md: kids.md")
    git(project, "commit", "-qam", "the change")
    return project


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
    assert "**\\+90 538 862 61 76** → **\\+90 538 862 61 99**" in contact_line
    assert "verified: none → **2026-11-30**" in contact_line
    assert "Partner &lt;b&gt;desk&lt;/b&gt; \\| 1" in contact_line  # no HTML, no table cell break
    rows = {line.split(" | ")[0].lstrip("| "): line for line in report.splitlines() if line.startswith("| ")}
    assert "vehicles.md (changed)" in rows["English (en)"]
    assert "report.md (changed)" in rows["Kurmancî (ku)"]
    outdated = re.findall(r"Now \*\*outdated\*\*.*: (\S+)", report)
    assert outdated == ["docs/ar/vehicles.md", "docs/ku/vehicles.md", "docs/tr/vehicles.md"]
    assert re.findall(r"Brought \*\*up to date\*\*: (\S+)", report) == ["docs/ku/report.md"]
    assert "- New address: /en/kids/" in report
    assert "- Moved page: children.md → kids.md" in report
    assert "not asked for (--no-screenshots)" in report


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
