"""Ids on the two pages that gather every page of a language into one: the guide on one page
(scripts/finish/single_file.py) and the print page (scripts/render/whole_guide.py), and the
build's check that every id on them is unique and every in-page link has its target.

Why: on those pages each page becomes a section, and every id inside it must be told apart from
the same id in another section and from the gathering page's own ids (its table of contents, the
theme's). Ids made by joining a page's folders with '-' and its ids with '--' met each other: a
page ``ordnance-shells.md`` had the id of ``ordnance/shells.md``, a page ``contents.md`` the id of
the table of contents, and the table of contents then led to the wrong place. The ids here cannot
meet, by how they are spelt:

- a page's section: ``page:`` and the page's path without ``.md``, each character but a-z, 0-9,
  '-' and '/' written as ``_<its code in hex>_`` (``page:ordnance/shells``, ``page:index``,
  ``page:www_2e_police``). Read back, it gives the path again ('_' always opens a code, which
  ends at the next '_'), so two pages never share one; and it has no ':' after ``page:``;
- an id inside a page: the section's id, ':', the page's own id (``page:report:what-to-do``).
  Cut at its second ':', it gives back the section and the page's own id, so it is never a
  section's id, nor an id of another page;
- the gathering page's own ids (``contents``, ``jsg-contents``, the theme's ``__drawer``) and the
  ids Markdown makes from headings (letters, digits, '-' and '_') never start with ``page:``.

Only an id written by hand (``{#page:x}`` after a heading) or twice on one page can still meet
another; the check (``problems``) stops the build then, naming the pages, and it also stops it
when an in-page link (``#…``) would lead nowhere.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import html5lib

from scripts.pages import PRINT_PAGE, output_file, url_path
from scripts.problems import BuildStopped
from scripts.site_config import languages

SECTION = "page:"
# Characters a page's path keeps as they are in its section's id; any other is written as a code.
PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-/")
# On each section of a gathering page: the file it was made from, for the check's messages.
SOURCE = "data-jsg-source"


def section_id(page: PurePosixPath) -> str:
    """A page's section id: ``ordnance/shells.md`` → ``page:ordnance/shells``."""
    path = page.as_posix().removesuffix(".md")
    return SECTION + "".join(char if char in PLAIN else f"_{ord(char):x}_" for char in path)


def inner_id(section: str, ident: str) -> str:
    """An id of a page, as it is inside the page's section: ``page:report:what-to-do``."""
    return f"{section}:{ident}"


def problems(html: str, where: str, own: str) -> list[str]:
    """Every id used more than once in a finished gathering page (``where``, as shown), and every
    in-page link without its target, each with the file its section was made from (the
    ``data-jsg-source`` of the section it is in, else ``own``: the gathering page's own parts) and
    the id as that file has it."""
    root = html5lib.parse(html, namespaceHTMLElements=False)
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)  # id → (file, section id) of each
    links: list[tuple[str, str, str]] = []  # (target, file, section id)

    def visit(element, source: str, section: str) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            place = (child.get(SOURCE), child.get("id", "")) if child.get(SOURCE) else (source, section)
            if ident := child.get("id"):
                found[ident].append(place)
            href = child.get("href")
            if child.tag.rpartition("}")[2] in ("a", "area") and href and href.startswith("#"):
                links.append((href[1:], *place))
            visit(child, *place)

    def shown(ident: str, section: str, mark: str = "") -> str:
        """The id as its page's file has it, and as it is on this page when they differ."""
        written = ident.removeprefix(inner_id(section, "")) if section else ident
        return f"'{mark}{written[:80]}'" + (f" (here '{mark}{ident[:120]}')" if written != ident else "")

    visit(root, own, "")
    messages = []
    for ident, places in found.items():
        if len(places) > 1:
            files = ", ".join(sorted({source for source, _ in places}))
            messages.append(
                f"{where}: the id {shown(ident, places[-1][1])} is there {len(places)} times (from {files}), "
                "so a link to it would lead to the wrong place — give each its own id (an id written as "
                f"{{#…}} or {{: #… }} must be used once, and must not start with '{SECTION}')"
            )
    for target, source, section in links:
        if target and target.lower() != "top" and target not in found and unquote(target) not in found:
            messages.append(
                f"{where}: the link {shown(target, section, '#')} in {source} leads nowhere on this page — "
                "link to an id the page has (the part after '#' is a heading's id)"
            )
    return list(dict.fromkeys(messages))


def check_print_pages(site_dir: Path) -> None:
    """Stop the build when a language's print page has an id twice or a link leading nowhere. (The
    guide on one page is checked as it is made: scripts/finish/single_file.py.)"""
    found = []
    for language in languages():
        file = output_file(site_dir, PRINT_PAGE, language)
        if file.is_file():
            where = f"site/{url_path(PRINT_PAGE, language)}index.html"
            found += problems(file.read_text(encoding="utf-8"), where, f"docs/{language.code}/{PRINT_PAGE}")
    if found:
        raise BuildStopped("\n".join(found))
