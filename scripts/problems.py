"""Content problems as values: each names a file and line, says what is wrong and how to fix it.

Why: editors fix what they can read. A check collects every problem and prints them all at once,
as ``file:line: what is wrong — how to fix it``, instead of stopping at the first traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts import project


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix."""

    file: str
    line: int
    message: str
    hint: str
    severity: str = "error"
    # Which rule found it, where a caller treats one rule differently (see MISSING_TRANSLATION).
    rule: str = ""

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}: {prefix}{self.message} — {self.hint}"


# A page missing in one language: an error, except in a build run with
# --allow-missing-translations, where mkdocs-static-i18n shows the Arabic page with a notice.
MISSING_TRANSLATION = "missing-translation"
ALLOW_MISSING_TRANSLATIONS_ENV = "JSG_ALLOW_MISSING_TRANSLATIONS"


def display_path(path: Path | str) -> str:
    """A path as the editor sees it in the repository (``docs/en/report.md``)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(project.current().root).as_posix()
    except ValueError:
        return path.as_posix()


def line_of(text: str, needle: str, default: int = 1) -> int:
    """1-based number of the first line of ``text`` that starts with ``needle`` (after spaces)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(needle):
            return number
    return default


class BuildStopped(Exception):
    """A post-build step found the new site unfit to publish; the message says what and how to fix."""
