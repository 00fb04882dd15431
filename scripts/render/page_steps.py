"""What our build adds to each page while the engine renders it, given only ``PageInfo``.

Why: the engine's events (scripts/engine/mkdocs/hooks/) hand each page to these functions and add
nothing of their own, so the words, blocks and notices readers get do not depend on the engine:
the block markers in the Markdown, the last-reviewed date, the notices about translations and the
printed footer.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path, PurePosixPath

from scripts import interface_text, translation_status
from scripts.dates import format_date
from scripts.engine import PageInfo
from scripts.finish import offline_bundle, single_file
from scripts.pages import url_path
from scripts.render import blocks, leaflets, print_footer, print_kit, share
from scripts.site_config import language


class UnknownBlock(ValueError):
    """A block marker the content check should have stopped (a guard only)."""


def url_parts(path: str) -> list[str]:
    normal = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return normal.split("/") if normal else []


def relative_url(url: str, page_url: str) -> str:
    """``url`` (site-relative) as a link from the page at ``page_url``, the way MkDocs writes it
    (its ``get_relative_url``, which is the engine's internal helper, not its API): the last part
    of ``page_url`` is a file when it has a dot; going above the root stays at the root."""
    folder, _, name = page_url.rpartition("/")
    base = url_parts(folder if "." in name else page_url)
    target = url_parts(url)
    common = 0
    for ours, theirs in zip(base, target, strict=False):
        if ours != theirs:
            break
        common += 1
    relative = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def with_blocks(markdown: str, page: PageInfo) -> str:
    """Each block marker (``{{ steps }}`` and the others in scripts/render/blocks.py) replaced by its HTML."""
    reader = page.reader_language
    current = language(reader)

    def asset(path: str) -> str:
        return relative_url(path, page.url)

    def page_url(markdown_path: str) -> str:
        return relative_url(url_path(PurePosixPath(markdown_path), current), page.url)

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "steps":
            return blocks.steps(reader)
        if name == "vehicle-steps":
            return blocks.vehicle_steps(reader)
        if name == "leaflet":
            return leaflet_block(page, asset)
        if name == "offline-bundle":
            return blocks.offline_bundle(reader, asset(offline_bundle.site_path_of(reader)))
        if name == "single-file":
            return blocks.single_file(reader, asset(single_file.site_path_of(reader)))
        if name == "contacts":
            return blocks.all_contacts(reader)
        if name == "print-kit":
            return print_kit.block(reader, page.site_name, page.site_url + current.prefix)
        if name == "emergency":
            return blocks.emergency(reader, page_url)
        raise UnknownBlock(f"{page.path}: unknown block '{{{{ {name} }}}}' (run `make check`)")

    return blocks.MARKER.sub(expand, markdown)


def leaflet_block(page: PageInfo, asset: blocks.AssetUrl) -> str:
    """Download links and the sheet of the leaflet this page is about (front matter ``leaflet``)."""
    reader = page.reader_language
    leaflet = leaflets.load()[page.meta["leaflet"]]
    sheet = leaflets.Sheet(
        leaflet=leaflet,
        language=reader,
        title=page.meta["title"],
        site_name=page.site_name,
        guide_url=page.site_url + url_path(PurePosixPath(leaflet.guide), language(reader)),
        reviewed=format_date(page.meta["last_reviewed"], reader),
        asset=asset,
    )
    return leaflets.downloads(leaflet, reader) + "\n\n" + leaflets.sheet_html(sheet) + "\n"


def share_control(page: PageInfo) -> str:
    """The "Send this" control at the end of the page (scripts/render/share.py), in the reader's
    language: the page's title, line and address, or a leaflet's PDF."""
    reader = page.reader_language
    sent = share.message(page.path, dict(page.meta), reader, page.absolute_url)
    whole_guide = relative_url(single_file.site_path_of(reader), page.url)
    return share.control(sent, reader, whole_guide, leaflet="leaflet" in page.meta)


def with_reviewed_date(html: str, page: PageInfo) -> str:
    """The last-reviewed date at the bottom: on a phone the first screen belongs to the steps."""
    reviewed = page.meta.get("last_reviewed")
    if not reviewed:
        return html
    reader = page.reader_language
    label = escape(interface_text.text("page.last_reviewed", reader))
    return html + (
        f'\n<p class="jsg-reviewed" data-pagefind-ignore>{label}: '
        f'<time datetime="{reviewed.isoformat()}">{escape(format_date(reviewed, reader))}</time></p>'
    )


NOTICE_KINDS = ("missing-translation", "outdated-translation")  # scripts/finish/styles.py keeps their style


def notice(kind: str, text: str, link: str = "") -> str:
    if kind not in NOTICE_KINDS:  # the stylesheet keeps the rules of these only
        raise ValueError(f"notice kind {kind!r} is not in NOTICE_KINDS")
    return f'<div class="admonition note jsg-{kind}" data-pagefind-ignore><p>{text}{link}</p></div>\n'


def with_translation_notices(html: str, page: PageInfo, docs_dir: Path) -> str:
    """Tell readers, in their language, when what they read is not a current translation.

    - A page missing in the reader's language (the default language's page is shown): a notice
      at the top, and the content marked with its own language and direction.
    - A translation whose source page changed since it was made (its recorded hash no longer
      matches): a notice at the top linking to the source page. The content stays: an older
      translation of safety advice is better than none.
    - A translation not yet checked by a native speaker: a note at the bottom.
    """
    reader, written_in = page.reader_language, page.source_language
    text = interface_text.text
    if written_in != reader:
        original = language(written_in)
        message = escape(text("translation.missing", reader).replace("{language}", original.name))
        return (
            notice("missing-translation", message)
            + f'<div lang="{written_in}" dir="{original.direction}">{html}</div>'
        )
    translation = page.meta.get("translation") or {}
    source = translation_status.source_language()
    if reader != source and translation:
        current = translation_status.source_hash(docs_dir / source / page.path)
        if translation.get("source_hash") != current:
            source_language = language(source)
            href = relative_url(url_path(page.path, source_language), page.url)
            link = f' <a href="{href}" hreflang="{source}" lang="{source}">{escape(source_language.name)}</a>'
            html = notice("outdated-translation", escape(text("translation.outdated", reader)), link) + html
    if translation.get("reviewed") is False:
        note = escape(text("translation.unreviewed", reader))
        html += f'\n<p class="jsg-translation-note" data-pagefind-ignore>{note}</p>'
    return html


def with_print_footer(html: str, page: PageInfo) -> str:
    """The printed footer's page-margin style, before ``</head>`` (scripts/render/print_footer.py)."""
    reader = page.reader_language
    reviewed = page.meta.get("last_reviewed")
    style = print_footer.style(
        site_name=page.site_name,
        url=page.absolute_url,
        reviewed=format_date(reviewed, reader) if reviewed else None,
        language=reader,
        direction=language(reader).direction,
        leaflet="leaflet" in page.meta,
    )
    return html.replace("</head>", style + "</head>", 1)
