"""A broken edit never replaces a good site: the build fails, says where and why, and site/ stays
byte-identical."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.project_copy import copy_project, run


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def built_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    project = copy_project(tmp_path_factory.mktemp("failed-build") / "project")
    first = run(project, "build")
    assert first.returncode == 0, first.stderr
    return project, snapshot(project / "site")


def append(path: str, text: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        target = project / path
        target.write_text(target.read_text(encoding="utf-8") + text, "utf-8")

    return edit


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        target = project / path
        content = target.read_text(encoding="utf-8")
        assert old in content
        target.write_text(content.replace(old, new, 1), "utf-8")

    return edit


BROKEN_EDITS = {
    "link to a missing page": (
        append("docs/en/report.md", "\n[broken](no-such-page.md)\n"),
        "no-such-page.md",
    ),
    "impossible date": (
        replace("docs/tr/children.md", "last_reviewed: 2026-11-26", "last_reviewed: 2026-02-30"),
        "docs/tr/children.md:4: 'last_reviewed' is not a real date",
    ),
    "unknown block marker": (
        append("docs/ar/report.md", "\n{{ contact }}\n"),
        "docs/ar/report.md:",
    ),
    "invalid phone number": (
        replace("data/contacts.yml", 'number: "+90 538 862 61 76"', 'number: "+90 538"'),
        "is not a valid phone number",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_EDITS))
def test_broken_edit_fails_and_leaves_site_untouched(built_copy, tmp_path: Path, name: str):
    original, before = built_copy
    project = copy_project(tmp_path / "project")
    (project / "site").symlink_to(original / "site", target_is_directory=True)
    edit, expected_message = BROKEN_EDITS[name]
    edit(project)

    result = run(project, "build")

    assert result.returncode != 0
    assert expected_message in result.stderr + result.stdout
    assert "left as it was" in result.stderr
    assert snapshot(original / "site") == before
    assert not list(project.glob(".site-build-*")), "the temporary build folder was left behind"
