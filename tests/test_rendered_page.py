"""The content check's rendering memo (scripts/checks/rendered_page.py): a page whose Markdown did
not change is not rendered again, and nothing is kept when an extension reads other files."""

from __future__ import annotations

from pathlib import Path

from scripts import project
from scripts.checks import rendered_page
from tests.project_copy import copy_project

PAGE = "---\ntitle: T\n---\n\n# Heading\n\nText with a [link](report.md).\n"


def test_an_unchanged_page_is_rendered_once_and_each_reader_gets_its_own_elements(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    first = rendered_page.render(page)
    kept = len(rendered_page.RENDERED)
    first.elements[0].attrs["id"] = "changed by a check"
    second = rendered_page.render(page)
    assert len(rendered_page.RENDERED) == kept
    assert second.html == first.html and "changed by a check" not in str(second.elements)
    page.write_text(PAGE.replace("Text", "Other text"), encoding="utf-8")
    assert "Other text" in rendered_page.render(page).html


def test_with_an_extension_that_reads_files_nothing_is_kept(tmp_path: Path):
    copy = copy_project(tmp_path / "project")
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    extended = text.replace("  - pymdownx.superfences", "  - pymdownx.superfences\n  - abbr", 1)
    config.write_text(extended, encoding="utf-8")
    page = copy / "docs/en/page.md"
    page.write_text(PAGE.replace("Text", "Unkept text"), encoding="utf-8")
    with project.using(config):
        assert "abbr" in rendered_page.extensions()[0]
        before = len(rendered_page.RENDERED)
        assert "Unkept text" in rendered_page.render(page).html
        assert len(rendered_page.RENDERED) == before
