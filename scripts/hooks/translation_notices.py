"""MkDocs hook: tell readers, in their language, when what they read is not a current translation.

- A translation whose source page changed since it was made (its recorded hash no longer matches):
  a notice at the top, linking to the source page. The content stays: an older translation of
  safety advice is better than none, and the notice never replaces it.
- A page missing in the reader's language: mkdocs-static-i18n shows the default language's page
  in the reader's interface; we say so at the top and mark the content's own language and direction.
- A translation not yet checked by a native speaker: a note at the bottom.
"""

from __future__ import annotations

from html import escape
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from scripts import interface_text, translation_status
from scripts.pages import reader_language, url_path
from scripts.site_config import language


def page_path(page: Page) -> PurePosixPath:
    """The page's path inside its language folder (``ordnance/fuzes.md``)."""
    relative = getattr(page.file, "norm_src_uri", None)
    return PurePosixPath(relative) if relative else PurePosixPath(*PurePosixPath(page.file.src_uri).parts[1:])


def notice(kind: str, text: str, link: str = "") -> str:
    return f'<div class="admonition note jsg-{kind}" data-pagefind-ignore><p>{text}{link}</p></div>\n'


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    reader = reader_language(page, config)
    written_in = getattr(page.file, "locale", reader)
    text = interface_text.text
    if written_in != reader:
        original = language(written_in)
        message = escape(text("translation.missing", reader).replace("{language}", original.name))
        direction = original.direction
        return (
            notice("missing-translation", message)
            + f'<div lang="{written_in}" dir="{direction}">{html}</div>'
        )
    translation = page.meta.get("translation") or {}
    source = translation_status.source_language()
    if reader != source and translation:
        relative = page_path(page)
        current = translation_status.source_hash(Path(config.docs_dir) / source / relative)
        if translation.get("source_hash") != current:
            source_language = language(source)
            href = get_relative_url(url_path(relative, source_language), page.url)
            link = f' <a href="{href}" hreflang="{source}" lang="{source}">{escape(source_language.name)}</a>'
            html = notice("outdated-translation", escape(text("translation.outdated", reader)), link) + html
    if translation.get("reviewed") is False:
        note = escape(text("translation.unreviewed", reader))
        html += f'\n<p class="jsg-translation-note" data-pagefind-ignore>{note}</p>'
    return html
