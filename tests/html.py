"""Helpers to read built pages in tests."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def parse(path: Path) -> BeautifulSoup:
    """Parse one built HTML file."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
