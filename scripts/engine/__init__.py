"""The boundary between our build and the site engine.

Why: Material for MkDocs stops receiving security fixes on 2027-05-05 and MkDocs 1.x has had no
release since 2024, so the engine will change while the guide must keep building. Only
``scripts/engine/mkdocs/`` imports the engine (ProperDocs, the maintained drop-in fork of MkDocs),
Material or mkdocs-static-i18n, or knows Material's HTML. The rest of ``scripts/`` sees the small
values defined here, so a move to another engine means a second adapter beside that one, not a
change everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

# The engine that builds the site; the one line to change to go back to MkDocs.
# tests/test_reproducible.py builds one commit with both and compares every file.
ENGINE = "properdocs"
ENGINES = ("properdocs", "mkdocs")
# Set by that test (and by a developer trying the other engine): JSG_ENGINE=mkdocs.
ENGINE_ENV = "JSG_ENGINE"
# The languages one engine process builds, in order (scripts/engine/language_shares.py sets it).
SHARE_ENV = "JSG_LANGUAGES"
# The engine's command line as a module to run with ``python -m`` (its crashes told plainly).
CLI_MODULE = "scripts.engine.mkdocs.cli"


class EngineUnknown(ValueError):
    """JSG_ENGINE names an engine we have no adapter for."""


def engine() -> str:
    """The engine to run: ``ENGINE``, or the one ``JSG_ENGINE`` names."""
    name = os.environ.get(ENGINE_ENV) or ENGINE
    if name not in ENGINES:
        raise EngineUnknown(f"{ENGINE_ENV}={name!r}: the engine must be one of {', '.join(ENGINES)}")
    return name


@dataclass(frozen=True)
class PageInfo:
    """What our steps need to know about the page the engine is rendering.

    ``reader_language`` is the language the reader chose; ``source_language`` the language the
    Markdown is written in (the default language's, when a page is missing in the reader's).
    ``path`` is the page inside its language folder (``ordnance/fuzes.md``); ``url`` is
    site-relative (``ku/ordnance/fuzes/``); ``alternates`` maps each language code to the same
    page's site-relative URL in that language. ``meta`` is the front matter as the editor wrote
    it (text, not HTML): a step that writes it into a page escapes it.
    """

    reader_language: str
    source_language: str
    path: PurePosixPath
    url: str
    site_url: str
    site_name: str
    meta: Mapping[str, object] = field(default_factory=dict)
    alternates: Mapping[str, str] = field(default_factory=dict)

    @property
    def absolute_url(self) -> str:
        return self.site_url + self.url
