"""MkDocs hook: refuse to build when content or data has problems, listing all of them.

Runs before MkDocs parses any page (see scripts/content_check.py for why).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from scripts.content_check import check_all
from scripts.problems import ALLOW_MISSING_TRANSLATIONS_ENV, MISSING_TRANSLATION
from scripts.site_config import default_language


def on_pre_build(config: MkDocsConfig) -> None:
    """Stop the build with every problem found (once, in the default language's build: the
    other languages are built inside it by mkdocs-static-i18n and read the same files)."""
    if config.theme["language"] != default_language().code:
        return
    # Set by `python -m scripts build --allow-missing-translations` (drafts, urgent source-only edits).
    allow_missing = os.environ.get(ALLOW_MISSING_TRANSLATIONS_ENV) == "1"
    problems = [
        problem
        for problem in check_all(Path(config.docs_dir))
        if problem.severity == "error" and not (allow_missing and problem.rule == MISSING_TRANSLATION)
    ]
    if problems:
        listing = "\n".join(str(problem) for problem in problems)
        raise PluginError(f"{len(problems)} problem(s) in the content:\n{listing}")
