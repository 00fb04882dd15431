"""Project copies for tests: copy (scripts/dev/project_copy.py), run a command in it, compare sites."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.dev.project_copy import copy_project
from scripts.finish import booklet_pdfs, compressed_cache, leaflet_pdfs, policy_cache
from scripts.render import qr
from scripts.site_config import languages

__all__ = [
    "CACHES",
    "copy_project",
    "digests",
    "published_site",
    "rename_children_to_kids",
    "run",
    "run_here",
    "switch_off_content_check",
]


# The build's caches, each variable with its folder under .cache/ (tests/conftest.py shares them).
CACHES = {
    qr.CACHE_ENV: "qr",
    leaflet_pdfs.CACHE_ENV: "leaflets",
    booklet_pdfs.CACHE_ENV: "booklets",
    policy_cache.CACHE_ENV: "policy",
    compressed_cache.CACHE_ENV: "compressed",
}


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


def run_here(project: Path, capfd: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """``python -m scripts --config-file <copy>/mkdocs.yml <arguments>`` in this process: what
    ``run`` does without starting Python again (the engine, if the command gets that far, runs in
    child processes as always). Returns the exit status, stdout and stderr (``capfd`` sees the
    children's output too); the project in use afterwards is the one before."""
    from scripts import project as project_value
    from scripts.__main__ import main

    capfd.readouterr()
    with project_value.using(project / "mkdocs.yml"):
        status = main(["--config-file", str(project / "mkdocs.yml"), *arguments])
    out, err = capfd.readouterr()
    return status, out, err


def switch_off_content_check(project: Path) -> None:
    """In a copy only: the build's content check finds nothing, so a test sees what the steps
    after it (escaping, the output policy) do with content the check would have stopped."""
    module = project / "scripts" / "checks" / "content_check.py"
    module.write_text(
        module.read_text(encoding="utf-8")
        + "\n\ndef blocking(docs_dir=None, allow_missing_translations=False):  # off for this test\n"
        + "    return []\n",
        encoding="utf-8",
    )


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under a folder, by relative path: to prove a site did (not) change."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def git(folder: Path, *arguments: str) -> str:
    """Run git in ``folder`` as an editor would (a name and e-mail of its own, so no machine's
    settings are needed); its output, stripped. Fails the test when git fails."""
    return subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *arguments],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def rename_children_to_kids(project: Path) -> None:
    """An editor's rename: the file in every language, the menu entry and the links to it."""
    for language in languages():
        folder = project / "docs" / language.code
        (folder / "children.md").rename(folder / "kids.md")
        index = folder / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("children.md", "kids.md"), "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - children.md", "  - kids.md"), "utf-8")
