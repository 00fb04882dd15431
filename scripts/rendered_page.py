"""Render a content page's Markdown the way MkDocs does, and list what the HTML contains.

Why: checks on raw Markdown can be bypassed by syntax (``[x](javascript:…)``, ``{ onclick=… }``
through attr_list, raw HTML inside md_in_html). Checking the rendered HTML, made with the same
Markdown extensions as the site (read from mkdocs.yml), sees what readers' browsers would get.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import markdown

from scripts.front_matter import FENCE
from scripts.site_config import load


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class RenderedPage:
    """One page: its Markdown source (front matter removed) and the elements of its HTML."""

    source: str
    body: str
    offset: int
    elements: list[Element] = field(default_factory=list)

    def line_of(self, needle: str) -> int:
        """Line in the file where ``needle`` first appears (1 if it only appears after rendering)."""
        index = self.source.find(needle)
        return self.source.count("\n", 0, index) + 1 if index >= 0 else 1

    def all(self, *tags: str) -> list[Element]:
        return [element for element in self.elements if element.tag in tags]

    @property
    def ids(self) -> set[str]:
        return {element.attrs["id"] for element in self.elements if element.attrs.get("id")}


class Collector(HTMLParser):
    """Every start tag with its attributes, and the text of headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open_heading: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name.lower(): value or "" for name, value in attrs})
        self.elements.append(element)
        if tag in ("h1", "h2", "h3", "h4"):
            self.open_heading = element

    def handle_endtag(self, tag: str) -> None:
        if self.open_heading is not None and tag == self.open_heading.tag:
            self.open_heading = None

    def handle_data(self, data: str) -> None:
        if self.open_heading is not None:
            self.open_heading.text += data


@cache
def extensions() -> tuple[list, dict]:
    """Markdown extensions and their settings, exactly as mkdocs.yml lists them."""
    names, configs = [], {}
    for entry in load()["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, settings), *_ = entry.items()
            names.append(name)
            configs[name] = settings or {}
        else:
            names.append(entry)
    return names, configs


@cache
def converter() -> markdown.Markdown:
    """One Markdown converter per process, reset before each page (as Python-Markdown advises):
    setting up the extensions again for every page took a sixth of the content check's time."""
    names, configs = extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs)


def render(path: Path) -> RenderedPage:
    """Render one Markdown file."""
    source = path.read_text(encoding="utf-8")
    match = FENCE.match(source)
    body = source[match.end() :] if match else source
    offset = source[: match.end()].count("\n") if match else 0
    html = converter().reset().convert(body)
    collector = Collector()
    collector.feed(html)
    return RenderedPage(source=source, body=body, offset=offset, elements=collector.elements)
