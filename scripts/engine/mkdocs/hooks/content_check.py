"""Engine hook: refuse to build when content or data has problems, listing all of them.

Runs before the engine parses any page (see scripts/checks/content_check.py for why). ``python -m scripts
build`` checks before it starts the engine and says so (``CHECKED_ENV``); this hook is what stops
``make serve`` and an engine run by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from scripts.checks import content_check
from scripts.engine.mkdocs.page import building
from scripts.problems import ALLOW_MISSING_TRANSLATIONS_ENV
from scripts.site_config import default_language


def on_pre_build(config: MkDocsConfig) -> None:
    """Stop the build with every problem found (once, in the default language's build: the
    other languages are built inside it by mkdocs-static-i18n and read the same files)."""
    if building(config) != default_language().code or os.environ.get(content_check.CHECKED_ENV) == "1":
        return
    # Set by `python -m scripts build --allow-missing-translations` (drafts, urgent source-only edits).
    allow_missing = os.environ.get(ALLOW_MISSING_TRANSLATIONS_ENV) == "1"
    problems = content_check.blocking(Path(config.docs_dir), allow_missing)
    if problems:
        raise PluginError(content_check.stop_message(problems))
