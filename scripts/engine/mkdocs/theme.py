"""Where Material's own files are and which version is installed; the engine's YAML loader.

Why: checks and tests compare our templates and theme strings with Material's, and every pattern
over Material's HTML names the theme version when it stops matching (``markup.py``).
"""

from __future__ import annotations

import importlib.metadata
import os
from functools import cache
from pathlib import Path

import material
from mkdocs.utils.yaml import yaml_load

TEMPLATES = Path(material.__file__).parent / "templates"
THEME_LANGUAGES = TEMPLATES / "partials" / "languages"
STYLESHEETS = TEMPLATES / "assets" / "stylesheets"


@cache
def template_names() -> frozenset[str]:
    """Every file name of Material's templates (about 11,000 with its icons). Kept for the process:
    the installed theme does not change while it runs, and listing it was a quarter of the
    content check's time."""
    names = set()
    for folder, _, files in os.walk(TEMPLATES):  # os.walk, not Path.rglob: a tenth of the time
        relative = Path(folder).relative_to(TEMPLATES).as_posix()
        names.update(name if relative == "." else f"{relative}/{name}" for name in files)
    return frozenset(names)


def version() -> str:
    """``mkdocs-material 9.8.1``: for messages that say which theme changed its markup."""
    return f"mkdocs-material {importlib.metadata.version('mkdocs-material')}"


def load_config(text: str) -> dict:
    """mkdocs.yml parsed the way the engine parses it (``!ENV`` resolved); the caller has already
    checked the text's tags (scripts/safe_yaml.py)."""
    return yaml_load(text)
