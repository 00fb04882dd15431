"""Project copies for tests: copy (scripts/project_copy.py), run a command in it, compare sites."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from scripts.project_copy import copy_project

__all__ = ["copy_project", "digests", "published_site", "run"]


def published_site(folder: Path) -> Path:
    """A stand-in for the site as published before a build, to prove a failed build leaves it alone."""
    folder.mkdir()
    (folder / "index.html").write_text("the site as published before", encoding="utf-8")
    return folder


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
