"""A cache that ends when the files it was read from change.

Why: ``make serve`` rebuilds in one long-lived process. With ``functools.cache`` on the data
loaders, an edit to ``data/interface.yml`` was never read again and the preview kept the old
words. Each result here is kept with the files' size and modification time, and read again
when either changes (or the file appears or goes).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
Stamp = tuple[int, int, int] | None


def stamp(path: Path) -> Stamp:
    """What changes when the file does: its size, modification time and inode (None if absent)."""
    try:
        status = Path(path).stat()
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def until_changed(files: Callable[..., Iterable[Path]]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Cache a function by its arguments for as long as ``files(*args, **kwargs)`` are unchanged."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        results: dict[object, tuple[tuple[Stamp, ...], R]] = {}

        @functools.wraps(function)
        def cached(*args: P.args, **kwargs: P.kwargs) -> R:
            key = (args, tuple(sorted(kwargs.items())))
            stamps = tuple(stamp(path) for path in files(*args, **kwargs))
            kept = results.get(key)
            if kept is not None and kept[0] == stamps:
                return kept[1]
            value = function(*args, **kwargs)
            results[key] = (stamps, value)
            return value

        cached.cache_clear = results.clear  # type: ignore[attr-defined]
        return cached

    return decorate
