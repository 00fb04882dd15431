"""`python -m scripts translations --html`: one page for reviewers with each translation's state,
the date last reviewed, and a link to the English page's change since the translation was made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import translation_status
from tests.project_copy import copy_project, git, run_here


def row(page: str, html_text: str) -> list[str]:
    found = re.search(rf"<tr><th>{re.escape(page)}</th>(.*?)</tr>", html_text)
    assert found, page
    return re.findall(r"<td[^>]*>(.*?)</td>", found.group(1))


def test_the_page_links_each_outdated_translation_to_the_source_change_since(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch
):
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "translations made")
    made = git(project, "rev-parse", "HEAD")
    page = project / "docs/en/report.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    git(project, "commit", "-qam", "the English page changed")
    head = git(project, "rev-parse", "HEAD")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/guide")
    monkeypatch.setenv("GITHUB_SHA", head)
    target = tmp_path / "translations.html"
    status, out, _ = run_here(project, capfd, "translations", "--html", str(target))
    assert status == 0 and f"Wrote {target}" in out
    text = target.read_text(encoding="utf-8")
    codes = re.findall(r"<th>(\w\w)</th>", text)
    ku = row("report.md", text)[codes.index("ku")]
    meta, _ = translation_status.split((project / "docs/ku/report.md").read_text(encoding="utf-8"))
    assert ku.startswith("outdated")
    assert f"reviewed {meta['last_reviewed']}" in ku
    assert f'href="https://github.com/owner/guide/compare/{made}...{head}"' in ku
    assert row("report.md", text)[codes.index("en")] == "source"
    unchanged = row("vehicles.md", text)[codes.index("tr")]
    assert "outdated" not in unchanged and "compare" not in unchanged
