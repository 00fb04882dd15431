"""Our ``PageInfo`` from the engine's page and config, so no other module reads their attributes.

Why: mkdocs-static-i18n hangs the page's languages on the engine's ``File`` (``locale``,
``locale_alternate_of``, ``alternates``) and changes ``config.theme["language"]`` to the language
being built; a new version of either, or another engine, changes only this file.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from markupsafe import Markup
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


def as_written(value: object) -> object:
    """A front-matter value as the editor wrote it. hooks/safe_meta.py turns titles and
    descriptions into escaped ``Markup`` for the theme's templates, which do not escape; our steps
    escape what they write themselves, so they get the text (a share message that quoted the
    escaped form sent ``&#34;`` and ``&amp;`` to WhatsApp: found by the red team)."""
    if isinstance(value, Markup):
        return str(value.unescape())
    if isinstance(value, dict):
        return {key: as_written(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_written(item) for item in value]
    return value


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
        meta=as_written(page.meta),
        alternates={code: file.url.removeprefix("./").lstrip("/") for code, file in alternates.items()},
    )
