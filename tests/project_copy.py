"""Copy the project into a temporary folder, so a test can break or change it without touching ours."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.site_config import ROOT

PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "scripts", "data"]


def copy_project(target: Path) -> Path:
    """A working copy of everything the build reads."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def run(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m scripts <arguments>`` inside the copy, as an editor would."""
    return subprocess.run(
        [sys.executable, "-m", "scripts", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under a folder, by relative path: to prove a site did (not) change."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
