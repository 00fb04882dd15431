"""How many processes our build steps use, and how they share a list of work.

Why: minifying, compressing and drawing QR codes are per-file work that grows with the site; on
a big site they are what keeps the build slow (python -m scripts scaling). One rule for all.
"""

from __future__ import annotations

import os
from typing import TypeVar

Item = TypeVar("Item")


def workers() -> int:
    """One process per processor core, at most 8."""
    return max(1, min(os.cpu_count() or 1, 8))


def chunks(items: list[Item]) -> list[list[Item]]:
    """The items in a few groups, so each process gets a share (sort them first: same work each run)."""
    count = workers() * 4
    return [items[index::count] for index in range(count) if items[index::count]]
