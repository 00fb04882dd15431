"""A broken edit never replaces a good site: the build fails and site/ stays byte-identical."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.site_config import ROOT

PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "scripts"]


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def run_build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_broken_page_fails_and_leaves_site_untouched(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    first = run_build(project)
    assert first.returncode == 0, first.stderr
    before = snapshot(project / "site")
    assert "index.html" in before

    page = project / "docs/en/report.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[broken](no-such-page.md)\n", "utf-8")
    second = run_build(project)

    assert second.returncode != 0
    assert "no-such-page.md" in second.stderr + second.stdout
    assert "left as it was" in second.stderr
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site-build-*")), "the temporary build folder was left behind"
