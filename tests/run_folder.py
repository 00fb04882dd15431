"""The test run's shared folder: what the xdist workers of one run make once and share.

Why: `make test` runs the suite on every core (pytest-xdist), one process per core. A site built
per worker would cost each of them half a minute and print the leaflets twice at the same time;
built once under a file lock, the first worker to need it builds it and the others wait and read it.
The folder is made by the process that starts pytest (tests/conftest.py, pytest_configure) before
any worker starts, handed to the workers in the environment, and removed when the run ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock

SHARED_ENV = "JSG_TEST_SHARED"


@contextlib.contextmanager
def only_one_worker(name: str) -> Iterator[Path]:
    """Hold the run's lock called ``name`` (one worker at a time); yields the shared folder."""
    folder = Path(os.environ[SHARED_ENV])
    with FileLock(folder / f"{name}.lock"):
        yield folder


def made_once(name: str, make: Callable[[Path], None]) -> Path:
    """``<shared folder>/<name>``, made by ``make(folder)`` in the first worker that asks, once per
    run. A failure is kept too: every worker that asks then fails with the same message rather
    than building it again."""
    with only_one_worker(name) as shared:
        folder, done, failed = shared / name, shared / f"{name}.done", shared / f"{name}.failed"
        if failed.exists():
            pytest.fail(failed.read_text(encoding="utf-8"))
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            try:
                make(folder)
            except (Exception, pytest.fail.Exception) as error:  # not Ctrl+C: that is no failure to keep
                failed.write_text(f"{name}: {error}", encoding="utf-8")
                raise
            done.touch()
    return folder
