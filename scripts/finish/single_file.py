"""Post-build step: each language's whole guide on one page, a file that works wherever it is opened.

Why: the zip (scripts/finish/offline_bundle.py) must be unzipped, and many phones' file apps and
messaging apps cannot. One HTML file, sent by WhatsApp or Bluetooth, opens in any browser: every
guide and the contacts, a table of contents with in-page links, the styles and pictograms inside,
no script, and nothing it may load but its own ``data:`` images (a ``<meta>`` policy:
``default-src 'none'; style-src 'unsafe-inline'; img-src data:``). Its top says when it was made
and where to check for newer numbers (the zip's notice, in the same words).

It is made from the finished pages (after the fingerprint and minify step), not from a second
copy of the words: each page's article, without the site's notices and share control, its ids
made unique by the page's path (scripts/finish/gathered_ids.py, which also checks the finished
file), links to pages inside it turned into links to their sections, links to anything else
(leaflets, PDFs, the zip) to the website, and each pictogram ``<img>`` drawn in the page from its
SVG through the SVG allow-list. Anything else that would load
a file stops the build. Leaflet pages are left out: they are print sheets, and their PDFs are
on the website. The output policy reads the file afterwards like every page. The date comes from
SOURCE_DATE_EPOCH, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import posixpath
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath

import html5lib
from html5lib.serializer import HTMLSerializer

from scripts import interface_text, project
from scripts.dates import format_date
from scripts.finish import compression, gathered_ids, offline_bundle, output_policy, security_headers, styles
from scripts.pages import PRINT_PAGE, nav_pages, output_file, source_pages, url_path
from scripts.parallel import workers
from scripts.problems import BuildStopped, display_path
from scripts.render import qr
from scripts.site_config import Language, i18n_languages, languages, load, site_path

FOLDER = offline_bundle.FOLDER
# The most one language's file may weigh, in bytes: it is sent from phone to phone by WhatsApp or
# Bluetooth over slow, costly connections. The build stops above it (tests/test_single_file.py
# reads the same number).
MAX_BYTES = 300 * 1024
# How many of a too-big file's pictures its message names, biggest first.
PICTURES_NAMED = 3
# Pages under these folders of a language are not in the file (print sheets: their PDFs are online).
# The print page is left out too: it is every other page again.
LEFT_OUT = ("leaflets/", str(PRINT_PAGE))
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
STYLESHEET = "assets/stylesheets/site.*.css"
# Parts of a page that belong to the website, not to the file: the saved-copy notices (they need
# the service worker), the share control, the zip's notice.
DROPPED_CLASSES = frozenset({"jsg-notices", "jsg-share", "jsg-bundle-notice"})
# Elements that load or run something, or are the page's frame: never copied (the output policy
# would stop the build for most of them anyway).
DROPPED_ELEMENTS = frozenset(
    {"script", "noscript", "style", "link", "meta", "template", "iframe", "object", "embed", "base"}
    | {"form", "input", "button", "label", "video", "audio", "source", "picture", "track", "canvas"}
)
# Elements a browser loads something for (an <img> with a data: image loads nothing).
LOADING_ELEMENTS = frozenset(
    {"script", "link", "iframe", "object", "embed", "img", "video", "audio", "source", "base", "track"}
)
ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "for")
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
IMAGE_TYPES[".webp"] = "image/webp"
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
KEPT_SCHEMES = ("https:", "http:", "tel:", "mailto:")
SVG_NS = output_policy.SVG_NS
PICTOGRAM_SIZE = 112


def file_name(language: str) -> str:
    return f"jarablus-safety-guide-{language}.html"


def site_path_of(language: str) -> str:
    """Where a language's file is in the site, from the site root."""
    return f"{FOLDER}/{file_name(language)}"


@dataclass(frozen=True)
class Entry:
    """One page of the file: its source, its address in the site, its section id, its depth in
    the table of contents (1 for a page inside a menu section, after the section's first page)."""

    page: PurePosixPath
    address: str
    key: str
    depth: int


def entries(language: Language) -> list[Entry]:
    """The pages of the file, in the menu's order; a page the menu does not name comes last."""
    existing = set(source_pages(language))
    ordered = [(PurePosixPath(path), depth) for path, depth in nav_pages(load().get("nav") or [])]
    named = {page for page, _ in ordered}
    ordered += [(page, 0) for page in sorted(existing - named)]
    return [
        Entry(page, url_path(page, language), gathered_ids.section_id(page), depth)
        for page, depth in ordered
        if page in existing and not str(page).startswith(LEFT_OUT)
    ]


def site_name(language: str) -> str:
    return next(item["site_name"] for item in i18n_languages(load()) if item["locale"] == language)


class Page:
    """One built page's article, made fit for the file (see the module's docstring)."""

    def __init__(
        self, site_dir: Path, entry: Entry, language: Language, sections: dict[str, str], site_url: str
    ) -> None:
        self.site_dir = site_dir
        self.entry = entry
        self.language = language
        self.sections = sections  # page address without its last '/' → section id
        self.site_url = site_url
        self.root = site_path(site_url)
        self.pictures: list[tuple[Path, int]] = []  # (the site's file, bytes it adds) per picture drawn
        source = output_file(site_dir, entry.page, language).read_text(encoding="utf-8")
        article = html5lib.parse(source, namespaceHTMLElements=False).find(".//article")
        if article is None:
            raise BuildStopped(f"{self.shown()}: no <article> to put in the guide on one page")
        self.article = article
        heading = article.find(".//h1")
        self.title = " ".join("".join(heading.itertext()).split()) if heading is not None else entry.key

    def shown(self) -> str:
        return "site/" + self.entry.address + "index.html"

    def prefixed(self, ident: str) -> str:
        return gathered_ids.inner_id(self.entry.key, ident)

    def link(self, href: str) -> str:
        """An address of the page, as it works in the file."""
        value = href.strip()
        if value.startswith("#"):
            return "#" + (self.prefixed(value[1:]) if value[1:] else self.entry.key)
        if SCHEME.match(value):
            if value.lower().startswith(KEPT_SCHEMES):
                return value
            raise BuildStopped(f"{self.shown()}: the link '{value[:60]}' cannot go in the guide on one page")
        path, hash_mark, fragment = value.partition("#")
        if path.startswith("/"):
            target = path[len(self.root) :] if path.startswith(self.root) else path.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(self.entry.address or ".", path or "."))
        target = target.removesuffix("index.html").rstrip("/")
        target = "" if target == "." else target
        if target in self.sections:
            section = self.sections[target]
            return "#" + (gathered_ids.inner_id(section, fragment) if fragment else section)
        folder = path.endswith("/") or path in ("", ".", "..") or path.endswith("index.html")
        return self.site_url + target + ("/" if folder and target else "") + hash_mark + fragment

    def pictogram(self, image) -> list:
        """The elements that draw an ``<img>`` of ours in the page: its SVG drawn inline, or a
        ``data:`` image for the other kinds the site publishes."""
        source = image.get("src", "")
        alt = image.get("alt", "")
        if SCHEME.match(source) or source.startswith("//"):
            raise BuildStopped(f"{self.shown()}: the image '{source[:60]}' is not a file of this site")
        relative = posixpath.normpath(posixpath.join(self.entry.address or ".", source.partition("#")[0]))
        file = self.site_dir / relative
        if not file.is_file() or ".." in PurePosixPath(relative).parts:
            raise BuildStopped(f"{self.shown()}: the image '{source[:60]}' is not in the built site")
        if file.suffix == ".svg":
            view_box, drawing = output_policy.clean_svg(file.read_text(encoding="utf-8"))
            markup = (
                f'<svg class="{escape(image.get("class", ""))}" role="img" aria-label="{escape(alt)}" '
                f'viewBox="{view_box}" width="{PICTOGRAM_SIZE}" height="{PICTOGRAM_SIZE}" '
                f'xmlns="{SVG_NS}">{drawing}</svg>'
            )
            self.pictures.append((file, len(markup.encode("utf-8"))))
            return list(html5lib.parseFragment(markup, namespaceHTMLElements=False))
        kind = IMAGE_TYPES.get(file.suffix.lower())
        if kind is None:
            raise BuildStopped(f"{self.shown()}: the image '{source[:60]}' cannot go in the one-page guide")
        data = base64.b64encode(file.read_bytes()).decode("ascii")
        self.pictures.append((file, len(data)))
        copy = html5lib.parseFragment("<img>", namespaceHTMLElements=False)[0]
        copy.attrib.update({"src": f"data:{kind};base64,{data}", "alt": alt})
        for name in ("class", "width", "height"):
            if name in image.attrib:
                copy.set(name, image.get(name))
        return [copy]

    def section(self) -> str:
        """The article as one ``<section>`` of the file."""
        clean(self.article, self)
        self.article.attrib.clear()
        self.article.attrib.update({"id": self.entry.key, "class": "jsg-single__page"})
        self.article.set(gathered_ids.SOURCE, f"docs/{self.language.code}/{self.entry.page}")
        self.article.tag = "section"
        back = escape(interface_text.text("single.back", self.language.code))
        markup = f'<p class="jsg-single__back"><a href="#contents">{back}</a></p>'
        self.article.extend(html5lib.parseFragment(markup, namespaceHTMLElements=False))
        return serialised(self.article)


def clean(element, page: Page) -> None:
    """The element's descendants made fit for the file, in place."""
    for child in list(element):
        if not isinstance(child.tag, str):
            remove(element, child)  # comments
            continue
        tag = child.tag.rpartition("}")[2] if child.tag.startswith("{") else child.tag
        classes = set(child.get("class", "").split())
        if tag in DROPPED_ELEMENTS or classes & DROPPED_CLASSES:
            remove(element, child)
            continue
        if tag == "img":
            replace(element, child, page.pictogram(child))
            continue
        for name in list(child.attrib):
            if name.startswith("data-pagefind") or name in ("srcset", "loading", "decoding"):
                del child.attrib[name]
            elif name == "id":
                child.set(name, page.prefixed(child.get(name)))
            elif name in ID_REFERENCES:
                child.set(name, " ".join(page.prefixed(part) for part in child.get(name).split()))
            elif name in ("href", "{http://www.w3.org/1999/xlink}href") and tag == "a":
                child.set(name, page.link(child.get(name)))
            elif name in output_policy.LOADED or name == "href":
                raise BuildStopped(
                    f"{page.shown()}: <{tag} {name}> would load a file, which the guide on one page cannot"
                )
        clean(child, page)


def remove(parent, child) -> None:
    """Take ``child`` out of ``parent``, keeping the text after it."""
    replace(parent, child, [])


def replace(parent, old, new: list) -> None:
    """Put ``new`` where ``old`` was in ``parent``, keeping the text after ``old``."""
    index = list(parent).index(old)
    tail = old.tail or ""
    parent.remove(old)
    for offset, element in enumerate(new):
        parent.insert(index + offset, element)
    if not tail:
        return
    if new:
        new[-1].tail = (new[-1].tail or "") + tail
    elif index > 0:
        before = parent[index - 1]
        before.tail = (before.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def serialised(element) -> str:
    walker = html5lib.getTreeWalker("etree")
    serializer = HTMLSerializer(quote_attr_values="always", omit_optional_tags=False, resolve_entities=False)
    return serializer.render(walker(element))


def contents(pages: list[Page], language: str) -> str:
    """The table of contents: one link per section, a menu section's other pages in a list under its
    first page."""
    items: list[str] = []
    for index, page in enumerate(pages):
        link = f'<a href="#{escape(page.entry.key)}">{escape(page.title)}</a>'
        following = pages[index + 1].entry.depth if index + 1 < len(pages) else 0
        depth = page.entry.depth
        if following > depth:
            items.append(f"<li>{link}<ol>")
        else:
            items.append(f"<li>{link}</li>")
            for _ in range(depth - following):
                items.append("</ol></li>")
    label = escape(interface_text.text("single.contents", language))
    return (
        f'<nav class="jsg-single__contents" aria-labelledby="contents">'
        f'<h2 id="contents">{label}</h2><ol>{"".join(items)}</ol></nav>'
    )


def head_notice(language: Language, made: dt.date, site_url: str) -> str:
    """When the file was made and where to check for newer numbers (the zip's words)."""
    home = site_url + language.prefix
    text = escape(interface_text.text("bundle.notice", language.code)).format(
        date=escape(format_date(made, language.code)),
        url=f'<a href="{escape(home)}" dir="ltr">{escape(qr.short_url(home))}</a>',
    )
    return f'<div class="admonition warning jsg-bundle-notice jsg-single__notice"><p>{text}</p></div>'


def stylesheet(site_dir: Path, html: str) -> str:
    """The site's stylesheet, only the rules that can match the file ``html`` (scripts/finish/styles.py)."""
    found = sorted(site_dir.glob(STYLESHEET))
    if len(found) != 1:
        raise BuildStopped(f"site/{STYLESHEET}: expected one stylesheet, found {len(found)}")
    used = styles.scan_html(html)
    kept = styles.purge(found[0].read_text(encoding="utf-8"), used, used.variables)
    if "</style" in kept.lower():
        raise BuildStopped(f"site/{found[0].relative_to(site_dir)}: '</style' would end the file's <style>")
    return styles.NOTICE + kept


def document(site_dir: Path, language: Language, epoch: int, site_url: str) -> str:
    """The whole file for one language."""
    return made(site_dir, language, epoch, site_url)[0]


def made(site_dir: Path, language: Language, epoch: int, site_url: str) -> tuple[str, list[Page]]:
    """The whole file for one language, and its pages (with the pictures drawn in each)."""
    listed = entries(language)
    sections = {entry.address.rstrip("/"): entry.key for entry in listed}
    pages = [Page(site_dir, entry, language, sections, site_url) for entry in listed]
    made = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date()
    name = escape(site_name(language.code))
    body = (
        f'<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">'
        f'<div class="md-content"><div class="md-content__inner md-typeset">'
        f'<p class="jsg-single__site">{name}</p>'
        f"{head_notice(language, made, site_url)}{contents(pages, language.code)}"
        f"{''.join(page.section() for page in pages)}"
        "</div></div></div></main></div>"
    )
    attributes = (
        f'dir="{language.direction}" data-md-color-scheme="default" '
        'data-md-color-primary="custom" data-md-color-accent="custom"'
    )
    head = (
        f'<!doctype html><html lang="{language.code}" dir="{language.direction}" data-jsg-single>'
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{name}</title>"
    )
    rest = f"</head><body {attributes}>{body}</body></html>"
    html = head + f"<style>{stylesheet(site_dir, head + rest)}</style>" + rest
    # The policy as the site's pages carry theirs: first after <meta charset>, written after
    # minifying (which would reorder its attributes).
    meta = f'<meta http-equiv=Content-Security-Policy content="{POLICY}">'
    where = Path(site_path_of(language.code))
    return security_headers.with_meta_policy(compression.minify(html), meta, where), pages


def loads_anything(html: str) -> list[str]:
    """What in a finished file would make the browser ask for something: an element that loads, an
    address in an attribute it loads from, or a url() in its styles other than a data: image. For
    the build's own check; the browser test shows it in Chromium."""
    found = []
    root = output_policy.parsed(html, scripting=False)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rpartition("}")[2]
        inline_image = tag == "img" and element.get("src", "").startswith("data:image/")
        if tag in LOADING_ELEMENTS and not inline_image:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            if name in output_policy.LOADED and not value.startswith("data:image/"):
                found.append(f"<{tag} {name}='{value[:40]}'>")
        if tag == "style":
            for match in output_policy.CSS_URL.finditer(output_policy.css_as_read(element.text or "")):
                target = match.group(2) if match.group(2) is not None else match.group(4)
                if not target.strip().lower().startswith("data:image/"):
                    found.append(f"url({target[:40]})")
    return found


def kilobytes(count: int) -> str:
    return f"{count / 1024:.0f} KB" if count >= 10 * 1024 else f"{count / 1024:.1f} KB"


def source_of(file: Path, site_dir: Path) -> str:
    """The project's file a picture of the built site was copied from (its name in the site may
    carry a fingerprint), found by its bytes; else its place in the site."""
    data = file.read_bytes()
    current = project.current()
    for folder in (current.docs_dir, current.overrides_dir):
        for candidate in sorted(folder.rglob("*" + file.suffix)):
            same_size = candidate.is_file() and candidate.stat().st_size == len(data)
            if same_size and candidate.read_bytes() == data:
                return display_path(candidate)
    return f"site/{file.relative_to(site_dir).as_posix()}"


def too_big(site_dir: Path, language: Language, size: int, pages: list[Page]) -> str:
    """Why the file is over MAX_BYTES: its size, the limit, its biggest pictures, and what to do."""
    added: dict[Path, int] = {}
    shown_on: dict[Path, list[str]] = {}
    for page in pages:
        for file, count in page.pictures:
            added[file] = added.get(file, 0) + count
            shown_on.setdefault(file, [])
            if (where := f"docs/{language.code}/{page.entry.page}") not in shown_on[file]:
                shown_on[file].append(where)
    biggest = sorted(added, key=lambda file: (-added[file], str(file)))[:PICTURES_NAMED]
    named = "; ".join(
        f"{source_of(file, site_dir)} ({kilobytes(file.stat().st_size)} as a file, {kilobytes(added[file])} "
        f"in this one, on {', '.join(shown_on[file])})"
        for file in biggest
    )
    pictures = f" Its biggest pictures: {named}." if named else " It has no pictures but its pictograms."
    return (
        f"site/{site_path_of(language.code)}: the guide on one page in {language.name} ({language.code}) is "
        f"{kilobytes(size)} "
        f"({size:,} bytes), more than its limit of {kilobytes(MAX_BYTES)} ({MAX_BYTES:,} bytes): people "
        f"send it from phone to phone over slow connections.{pictures} — make the biggest picture smaller "
        "(fewer pixels, or saved as JPEG or WebP, well under 100 KB), or show it on fewer pages"
    )


def write_language(site_dir: Path, language: Language, epoch: int, site_url: str) -> Path:
    html, pages = made(site_dir, language, epoch, site_url)
    target = site_dir / site_path_of(language.code)
    if found := loads_anything(html):
        raise BuildStopped(
            f"site/{site_path_of(language.code)}: the guide on one page would load "
            + ", ".join(sorted(set(found)))
        )
    if found := gathered_ids.problems(html, f"site/{site_path_of(language.code)}", "its table of contents"):
        raise BuildStopped("\n".join(found))
    if (size := len(html.encode("utf-8"))) > MAX_BYTES:
        raise BuildStopped(too_big(site_dir, language, size, pages))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target


def write(site_dir: Path, epoch: int) -> list[Path]:
    """One file per language, the languages shared among the processor cores (as the zips are).
    Raises BuildStopped naming every language whose file cannot be made."""
    site_url = load()["site_url"]
    every = languages()
    written, problems = [], []
    with ProcessPoolExecutor(max_workers=min(workers(), len(every))) as pool:
        futures = [pool.submit(write_language, site_dir, language, epoch, site_url) for language in every]
        for future in futures:
            try:
                written.append(future.result())
            except BuildStopped as error:
                problems.append(str(error))
    if problems:
        raise BuildStopped("\n".join(problems))
    return written
