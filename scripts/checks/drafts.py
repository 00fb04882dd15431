"""Draft lines left in a page: a page made by ``new-page`` is a draft until every one is replaced.

Why: ``new-page`` must leave a site that builds, so editors can look at the new page at once; but
its starter holds no safety advice, only draft lines where facts must go (data/starters.yml). The
content check lists each remaining draft line as a warning (on the pull request's diff, too), and
the release check, which the deploy workflow runs, refuses to publish while one is left.
"""

from __future__ import annotations

from pathlib import Path

from scripts import starters
from scripts.problems import Problem, display_path

HINT = (
    "write this part from a named source (or the translation of the English page), then delete the draft line"
)


def check(docs_dir: Path, severity: str = "warning") -> list[Problem]:
    """Every draft line in every page, at its line."""
    if not starters.starters_file().exists():
        return []  # a project without starters has no drafts
    try:
        drafts = [line for line in starters.load().drafts() if line.strip()]
    except starters.StarterError as error:
        return [Problem("data/starters.yml", 1, str(error), "fix the file", severity)]
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if any(draft in line for draft in drafts):
                problems.append(
                    Problem(
                        display_path(path),
                        number,
                        "this page is still a draft: a draft line is left",
                        HINT,
                        severity,
                    )
                )
    return problems
