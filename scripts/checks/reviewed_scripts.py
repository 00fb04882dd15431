"""The script files the site publishes: a committed, reviewed list of names and SHA-256 digests.

Why: our scripts run on every reader's phone, and a script can rewrite a phone number on the page
after every check has passed. The inline scripts are held to ``allowed_inline_scripts``; the
script files are held here the same way. A new ``.js`` file in ``overrides/`` or a changed one
stops the check, naming the file and its new digest. A developer reviews the change and updates
the digest in the same pull request, where the reviewers see this file change (CODEOWNERS).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from scripts.problems import Problem

# Path in the repository → SHA-256 of the file's bytes as reviewed.
REVIEWED: dict[str, str] = {
    "overrides/assets/javascripts/site.js": (
        "ab49b47f858d3276ea432e333fdafdac10feb42891d0a52f32b1ba256e870556"
    ),
    "overrides/assets/javascripts/sw.js": (
        "7607b6bf16c78302d3d9870aae2ba6247070526510b7d0310879bafa5f5835c8"
    ),
}


def check(relative: str, data: bytes, where: str) -> list[Problem]:
    """One script file of the project (``relative`` to its root) against the reviewed list."""
    digest = hashlib.sha256(data).hexdigest()
    if relative not in REVIEWED:
        return [
            Problem(
                where,
                1,
                "this script is not on the reviewed list of scripts: it would run on every reader's phone",
                "remove it; a new script needs a developer's review and a line in "
                "scripts/checks/reviewed_scripts.py",
            )
        ]
    if REVIEWED[relative] != digest:
        return [
            Problem(
                where,
                1,
                "this script changed since it was reviewed",
                f"undo the change; or, once a developer has reviewed it, set its digest in "
                f"scripts/checks/reviewed_scripts.py to {digest}",
            )
        ]
    return []


def missing(root: Path) -> list[Problem]:
    """Listed scripts that are gone (the list must say what is published, no more). A folder
    without overrides/ is not a copy of the site (a test's few files): nothing to compare."""
    if not (root / "overrides" / "assets" / "javascripts").is_dir():
        return []
    return [
        Problem(
            relative,
            1,
            "a reviewed script is missing",
            "restore it from git, or remove its line in scripts/checks/reviewed_scripts.py",
        )
        for relative in REVIEWED
        if not (root / relative).is_file()
    ]
