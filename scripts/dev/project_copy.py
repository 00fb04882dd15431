"""A working copy of everything the build reads, for runs that change the project without touching
ours: the tests' broken edits and the scaling run's generated pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.site_config import ROOT

PROJECT_PARTS = [
    "mkdocs.yml",
    "docs",
    "overrides",
    "scripts",
    "data",
    "CONTRIBUTING.md",
    "CONTRIBUTING.ar.md",
]


def copy_project(target: Path) -> Path:
    """Copy the project's build inputs into ``target`` (created; it must not exist yet)."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target
