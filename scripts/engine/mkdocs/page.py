"""Our ``PageInfo`` from the engine's page and config, so no other module reads their attributes.

Why: mkdocs-static-i18n hangs the page's languages on the engine's ``File`` (``locale``,
``locale_alternate_of``, ``alternates``) and changes ``config.theme["language"]`` to the language
being built; a new version of either, or another engine, changes only this file.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from scripts.engine import PageInfo


def building(config: MkDocsConfig) -> str:
    """The language the engine is building now (mkdocs-static-i18n sets the theme's language)."""
    return config.theme["language"]


def reader_language(page: Page, config: MkDocsConfig) -> str:
    """The language the reader chose: the language being built, not the file's own (a page
    missing in one language falls back to the default language's file)."""
    return getattr(page.file, "locale_alternate_of", None) or building(config)


def page_path(page: Page) -> PurePosixPath:
    """The page's path inside its language folder (``ordnance/fuzes.md``)."""
    relative = getattr(page.file, "norm_src_uri", None)
    return PurePosixPath(relative) if relative else PurePosixPath(*PurePosixPath(page.file.src_uri).parts[1:])


def page_info(page: Page, config: MkDocsConfig) -> PageInfo:
    """Everything our steps may know about the page being rendered."""
    reader = reader_language(page, config)
    alternates = getattr(page.file, "alternates", None) or {}
    return PageInfo(
        reader_language=reader,
        source_language=getattr(page.file, "locale", None) or reader,
        path=page_path(page),
        url=page.url,
        site_url=config.site_url or "/",
        site_name=config.site_name,
        meta=page.meta,
        alternates={code: file.url.removeprefix("./").lstrip("/") for code, file in alternates.items()},
    )
