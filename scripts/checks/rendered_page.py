"""Render a content page's Markdown the way MkDocs does, and list what the HTML contains.

Why: checks on raw Markdown can be bypassed by syntax (``[x](javascript:…)``, ``{ onclick=… }``
through attr_list, raw HTML inside md_in_html). Checking the rendered HTML, made with the same
Markdown extensions as the site (read from mkdocs.yml), sees what readers' browsers would get.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import html5lib
import markdown

from scripts.file_cache import until_changed
from scripts.front_matter import FENCE
from scripts.site_config import config_path, load


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
    html: str = ""  # the body as rendered once: checks read it instead of rendering again

    def line_of(self, needle: str) -> int:
        """Line in the file where ``needle`` first appears (1 if it only appears after rendering)."""
        index = self.source.find(needle)
        return self.source.count("\n", 0, index) + 1 if index >= 0 else 1

    def all(self, *tags: str) -> list[Element]:
        return [element for element in self.elements if element.tag in tags]

    @property
    def ids(self) -> set[str]:
        return {element.attrs["id"] for element in self.elements if element.attrs.get("id")}


HEADINGS = ("h1", "h2", "h3", "h4")


def local_name(name: object) -> str:
    """``{namespace}tag`` as html5lib names it → ``tag``; an xlink attribute → ``xlink:href``."""
    text = str(name)
    if text.startswith("{http://www.w3.org/1999/xlink}"):
        return "xlink:" + text.partition("}")[2]
    return text.partition("}")[2] if text.startswith("{") else text


def collect(html: str) -> list[Element]:
    """Every element of the rendered HTML with its attributes, and the text of headings.

    Why html5lib and not Python's html.parser: the browser's parser (the HTML standard's) ends a
    ``<noscript>``, ``<textarea>`` or ``<title>`` at its closing tag even inside what looks like an
    attribute, so ``<noscript><p title="</noscript><script>…">`` runs a script that html.parser
    reads as a title. html5lib follows the standard, with scripting on as in readers' browsers.
    """
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"))
    fragment = parser.parseFragment(html, container="div", scripting=True)
    elements = []
    for node in fragment.iter():
        if not isinstance(node.tag, str) or node is fragment:
            continue
        tag = local_name(node.tag)
        element = Element(tag, {local_name(name).lower(): value or "" for name, value in node.attrib.items()})
        if tag in HEADINGS:
            element.text = "".join(node.itertext())
        elements.append(element)
    return elements


@until_changed(lambda: [config_path()])
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


@until_changed(lambda: [config_path()])
def converter() -> markdown.Markdown:
    """One Markdown converter per process, reset before each page (as Python-Markdown advises):
    setting up the extensions again for every page took a sixth of the content check's time."""
    names, configs = extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs)


@until_changed(lambda: [config_path()])
def settings_digest() -> str:
    """What the Markdown extensions are, as a key: the bytes of mkdocs.yml, which lists them."""
    return hashlib.sha256(config_path().read_bytes()).hexdigest()


# Pages as rendered, by the extensions' key and the page's Markdown. Why: the content check runs
# before every build and on every save under `make serve`, and rendering is a third of it;
# most pages have not changed since the last run. The Markdown and the extensions are all a
# page's HTML is made from while every extension is one of PURE, which read nothing else: with
# any other (pymdownx.snippets, which engine_allowlist.py allows fenced to docs/, reads files
# into pages) nothing is kept, as an edit to such a file would otherwise go unseen. Emptied
# when full.
RENDERED: dict[tuple[str, str], tuple[str, tuple[Element, ...]]] = {}
RENDERED_LIMIT = 4000
PURE = frozenset({"attr_list", "md_in_html", "admonition", "toc", "pymdownx.superfences"})


def render(path: Path) -> RenderedPage:
    """Render one Markdown file."""
    source = path.read_text(encoding="utf-8")
    match = FENCE.match(source)
    body = source[match.end() :] if match else source
    offset = source[: match.end()].count("\n") if match else 0
    keep = all(name in PURE for name in extensions()[0])
    key = (settings_digest(), body)
    kept = RENDERED.get(key) if keep else None
    if kept is None:
        html = converter().reset().convert(body)
        kept = (html, tuple(collect(html)))
        if len(RENDERED) >= RENDERED_LIMIT:
            RENDERED.clear()
        if keep:
            RENDERED[key] = kept
    html, elements = kept
    copies = [Element(element.tag, dict(element.attrs), element.text) for element in elements]
    return RenderedPage(source=source, body=body, offset=offset, elements=copies, html=html)
