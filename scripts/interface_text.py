"""The words of our own page parts, per language, from ``data/interface.yml``.

Why: contact cards, step blocks and notices have one structure for all languages; only the words
differ. Keeping them in one data file means a translator edits words, never HTML or Python.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from scripts.site_config import ROOT

INTERFACE_FILE = ROOT / "data" / "interface.yml"


@cache
def load(path: Path = INTERFACE_FILE) -> dict[str, Any]:
    """The parsed interface file."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def text(key: str, language: str) -> str:
    """One interface string in one language; a missing one is a build error, never English."""
    entry = load()["text"].get(key)
    if entry is None or not entry.get(language):
        raise KeyError(f"data/interface.yml: text '{key}' has no '{language}' translation")
    return entry[language]


def steps() -> list[dict[str, Any]]:
    """The five core steps (see it, stop, step back, keep people away, report)."""
    return load()["steps"]
