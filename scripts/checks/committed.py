"""A data file as committed on the published branch, to compare an edit with what readers have.

Why: some rules are about change, not about the file alone. A published address may not disappear
(``published_urls``); a contact whose number changed is no longer verified (``contact_changes``).
A file cannot remember what it held; git can. Read in this order: ``main`` (the published branch),
``origin/main`` (a CI checkout has no local branch), else the last commit.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

COMMITTED_REFS = ("main", "origin/main")


@dataclass(frozen=True)
class Committed:
    """The committed texts of one file (one per ref found), or why there are none."""

    texts: tuple[str, ...]
    source: str  # "main and origin/main", "HEAD", or the reason nothing could be compared
    comparable: bool  # False outside a git checkout: the caller warns, never passes silently


def git(root: Path, *arguments: str) -> subprocess.CompletedProcess[str] | None:
    """One git command in ``root``; None when git is not installed."""
    try:
        return subprocess.run(
            ["git", *arguments], cwd=root, capture_output=True, text=True, check=False, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def read(path: Path) -> Committed:
    """``path`` (a file of the project at ``path.parent.parent``) as committed.

    A file that no ref has (new, or a repository without commits) gives no texts but is
    comparable: nothing of it was published."""
    root = path.parent.parent
    top = git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return Committed((), "git is not installed", False)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():
        return Committed((), f"{root} is not a git checkout", False)
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    found: list[tuple[str, str]] = []
    for ref in COMMITTED_REFS:
        shown = git(root, "show", f"{ref}:{relative}")
        if shown is not None and shown.returncode == 0:
            found.append((ref, shown.stdout))
    if not found:
        shown = git(root, "show", f"HEAD:{relative}")
        if shown is None or shown.returncode != 0:
            return Committed((), "HEAD", True)
        found.append(("HEAD", shown.stdout))
    return Committed(tuple(text for _, text in found), " and ".join(ref for ref, _ in found), True)
