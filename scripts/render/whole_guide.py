"""The whole guide on one page, to print (``/<lang>/print/``): every guide and the contacts, one
chapter each, in the menu's order.

Why: NGOs run sessions in schools, mosques and camps and need the whole guide on paper, in
reading order. It must never become a second copy of the words that drifts from the guides, so
it has none: the engine hands us, for the print page, the HTML it has just rendered for every
other page of the same language (scripts/engine/mkdocs/hooks/whole_guide.py), and we put those
in a row. Each chapter keeps its own last-reviewed date and translation notes; its ids are
made unique by the chapter's path (scripts/finish/gathered_ids.py), its headings go one level down
(the page has one ``<h1>``), links to another chapter become links to that chapter, and links to
anything else are rewritten for the print page's address. Leaflet pages are left out (print
sheets with PDFs of their own), and so is the print page itself.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape
from pathlib import PurePosixPath

import html5lib
from html5lib.serializer import HTMLSerializer

from scripts import interface_text
from scripts.engine import PageInfo
from scripts.finish import gathered_ids
from scripts.pages import PRINT_PAGE
from scripts.render.page_steps import relative_url
from scripts.render.print_kit import PLACEHOLDER

LEFT_OUT = ("leaflets/",)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:|^//")
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "for")
LINKING = ("href", "src")
HEADINGS = {f"h{level}": f"h{min(level + 1, 6)}" for level in range(1, 7)}


class PlaceholderMissing(ValueError):
    """The print page has no place for its chapters (its {{ print-kit }} line was removed)."""


def is_chapter(path: PurePosixPath) -> bool:
    """Whether a page of the language is a chapter of the whole guide."""
    return path != PRINT_PAGE and not str(path).startswith(LEFT_OUT)


@dataclass(frozen=True)
class Chapter:
    """One rendered page of the language, as the engine made it."""

    page: PageInfo
    html: str

    @property
    def key(self) -> str:
        return gathered_ids.section_id(self.page.path)

    @property
    def source(self) -> str:
        """The file it was made from: ``docs/en/children.md``."""
        return f"docs/{self.page.source_language}/{self.page.path}"


class Rewriter:
    """Makes one chapter's HTML fit the print page (see the module's docstring)."""

    def __init__(self, chapter: Chapter, print_url: str, chapters: dict[str, str]) -> None:
        self.chapter = chapter
        self.print_url = print_url
        self.chapters = chapters  # chapter address without its last '/' → chapter id

    def prefixed(self, ident: str) -> str:
        return gathered_ids.inner_id(self.chapter.key, ident)

    def address(self, value: str) -> str:
        """An address of the chapter's page, as it works from the print page."""
        value = value.strip()
        if not value or SCHEME.match(value) or value.startswith("/"):
            return value
        if value.startswith("#"):
            return "#" + (self.prefixed(value[1:]) if value[1:] else self.chapter.key)
        path, hash_mark, fragment = value.partition("#")
        target = posixpath.normpath(posixpath.join(self.chapter.page.url or ".", path or "."))
        target = "" if target == "." else target
        page = target.removesuffix("index.html").rstrip("/")
        if page in self.chapters:
            key = self.chapters[page]
            return "#" + (gathered_ids.inner_id(key, fragment) if fragment else key)
        folder = path.endswith("/") or path in ("", ".", "..")
        return (
            relative_url(target + ("/" if folder and target else ""), self.print_url) + hash_mark + fragment
        )

    def clean(self, element) -> None:
        """The element's descendants rewritten in place."""
        for child in element:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag.rpartition("}")[2]
            if tag in HEADINGS and not child.tag.startswith("{"):
                child.tag = HEADINGS[tag]
            for name in list(child.attrib):
                value = child.get(name)
                if name == "id":
                    child.set(name, self.prefixed(value))
                elif name in ID_REFERENCES:
                    child.set(name, " ".join(self.prefixed(part) for part in value.split()))
                elif name in LINKING or name == "{http://www.w3.org/1999/xlink}href":
                    child.set(name, self.address(value))
            self.clean(child)


def serialised(fragment) -> str:
    """A parsed fragment as HTML again (its text, elements and the text between them)."""
    walker = html5lib.getTreeWalker("etree")
    serializer = HTMLSerializer(quote_attr_values="always", omit_optional_tags=False, resolve_entities=False)
    return serializer.render(walker(fragment))


def section(chapter: Chapter, print_url: str, chapters: dict[str, str]) -> tuple[str, str]:
    """(the chapter as one ``<section>``, its title)."""
    fragment = html5lib.parseFragment(chapter.html, container="div", namespaceHTMLElements=False)
    rewriter = Rewriter(chapter, print_url, chapters)
    rewriter.clean(fragment)
    heading = next((element for element in fragment.iter() if element.tag == "h2"), None)
    title = " ".join("".join(heading.itertext()).split()) if heading is not None else chapter.key
    ident = heading.get("id") if heading is not None else None
    labelled = f' aria-labelledby="{escape(ident)}"' if ident else ""
    body = serialised(fragment)
    source = f'{gathered_ids.SOURCE}="{escape(chapter.source)}"'
    start = f'<section class="jsg-chapter" id="{escape(chapter.key)}" {source}{labelled}>'
    return f"{start}{body}</section>", title


def contents(titles: list[tuple[str, str]], language: str) -> str:
    """The chapters' titles, each a link to its chapter (on screen; a booklet leaves it out)."""
    items = "".join(f'<li><a href="#{escape(key)}">{escape(title)}</a></li>' for key, title in titles)
    label = escape(interface_text.text("single.contents", language))
    return (
        f'<nav class="jsg-whole-guide__contents" aria-labelledby="jsg-contents">'
        f'<h2 id="jsg-contents">{label}</h2><ol>{items}</ol></nav>'
    )


def with_chapters(html: str, page: PageInfo, chapters: list[Chapter]) -> str:
    """The print page's content with its placeholder replaced by the contents and the chapters."""
    if html.count(PLACEHOLDER) != 1:
        raise PlaceholderMissing(
            f"docs/{page.reader_language}/{page.path}: the print page needs the line {{{{ print-kit }}}} "
            "exactly once — put it back"
        )
    addresses = {chapter.page.url.rstrip("/"): chapter.key for chapter in chapters}
    made = [section(chapter, page.url, addresses) for chapter in chapters]
    titles = [(chapter.key, title) for chapter, (_, title) in zip(chapters, made, strict=True)]
    guide = (
        '<div class="jsg-whole-guide">'
        + contents(titles, page.reader_language)
        + "".join(html for html, _ in made)
        + "</div>"
    )
    return html.replace(PLACEHOLDER, guide, 1)
