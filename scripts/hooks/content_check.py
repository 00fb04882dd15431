"""MkDocs hook: refuse to build when content or data has problems, listing all of them.

Runs before MkDocs parses any page (see scripts/content_check.py for why).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from scripts.content_check import check_all


def on_pre_build(config: MkDocsConfig) -> None:
    """Stop the build with every problem found."""
    problems = [problem for problem in check_all(Path(config.docs_dir)) if problem.severity == "error"]
    if problems:
        listing = "\n".join(str(problem) for problem in problems)
        raise PluginError(f"{len(problems)} problem(s) in the content:\n{listing}")
