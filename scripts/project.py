"""The project being built: its configuration file and the folders the build reads and writes.

Why: every path used to hang off the folder this package sits in, so ``--config-file`` moved
MkDocs but none of our steps. Now the command line (or an engine hook, from the engine's own
config) says which configuration is in use, and every module asks ``current()`` for the folders
when it needs them. The choice travels to child processes (the engine's language shares) in
``JSG_CONFIG_FILE``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# The folder this code lives in: the project unless a configuration elsewhere is chosen.
CODE_ROOT = Path(__file__).resolve().parent.parent
CONFIG_ENV = "JSG_CONFIG_FILE"
CONFIG_NAME = "mkdocs.yml"


@dataclass(frozen=True)
class Project:
    """One project: the folder of its configuration file holds its pages, data and theme."""

    config_file: Path

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def overrides_dir(self) -> Path:
        return self.root / "overrides"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache"

    def cache(self, name: str, variable: str) -> Path:
        """One build cache: ``.cache/<name>``, or the folder the environment variable ``variable``
        names (the tests point every project copy at one, tests/conftest.py)."""
        return Path(os.environ.get(variable) or self.cache_dir / name)

    def data(self, name: str) -> Path:
        """A file of ``data/``, such as ``contacts.yml``."""
        return self.data_dir / name


def current() -> Project:
    """The project in use: the one ``use`` chose (here or in a parent process), else this one."""
    chosen = os.environ.get(CONFIG_ENV)
    return Project(Path(chosen).resolve() if chosen else CODE_ROOT / CONFIG_NAME)


def use(config_file: Path | str) -> Project:
    """Make the project of ``config_file`` the current one, for this process and its children."""
    os.environ[CONFIG_ENV] = str(Path(config_file).resolve())
    return current()


@contextmanager
def using(config_file: Path | str | None) -> Iterator[Project]:
    """The project of ``config_file`` (the current one if None) for the time of a ``with`` block,
    then the one before: a test or tool that builds a copy does not change the project after it."""
    before = os.environ.get(CONFIG_ENV)
    chosen = current() if config_file is None else use(config_file)
    try:
        yield chosen
    finally:
        if before is None:
            os.environ.pop(CONFIG_ENV, None)
        else:
            os.environ[CONFIG_ENV] = before
