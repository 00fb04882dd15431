"""Post-build step: our changes to the HTML Material writes, each pattern checked to have matched.

Why: Material's pages need a few changes (the text direction on ``<html>``, absolute hreflang
alternates with ``x-default``, language names marked in the switcher, section menus named for
screen readers, two fixes for the HTML standard, the article marked for Pagefind, no generator
tag naming engine versions, links home on the not-found pages). They used to be engine events
whose regexes returned the page unchanged once a theme upgrade changed the markup, so a fix was
lost without a word. Here they run once over the engine's output, the engine's page data is not
needed (every language's pages are in the folder), and a pattern that no longer finds what it
was written for stops the build with the file and the theme version (``MarkupChanged``).
tests/test_theme_markup.py runs every pattern against pages the engine has just written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath

from scripts.engine.mkdocs import theme
from scripts.pages import PRINT_PAGE

NOT_FOUND = "404.html"
# The whole guide on one page repeats every other page: not marked for the search index, so
# Pagefind (which indexes only marked articles once any page has one) leaves it out.
UNINDEXED = frozenset({PRINT_PAGE.with_suffix("") / "index.html"})


class MarkupChanged(Exception):
    """Material's HTML is no longer what a pattern here was written for."""


@dataclass(frozen=True)
class Pattern:
    """A piece of Material's HTML we change, and what it is there for (said when it is missing)."""

    purpose: str
    regex: re.Pattern[str]


BODY_DIR = Pattern("the text direction on <body>", re.compile(r'<body dir="(ltr|rtl)"'))
HTML_TAG = Pattern("the <html lang> tag", re.compile(r'<html lang="([^"]+)"'))
ARTICLE = Pattern("the page's article", re.compile(r'<article class="md-content__inner md-typeset">'))
ALTERNATE = Pattern(
    "the theme's hreflang alternates", re.compile(r'<link rel="alternate" href="[^"]*" hreflang="([^"]*)">')
)
# Starts with the tag, not with white space: a leading \s* made every search try each space of a
# page (quadratic on 4,000-page sites, found by the scaling run).
ALTERNATE_AND_SPACE = re.compile(ALTERNATE.regex.pattern + r"\s*")
SWITCHER = Pattern(
    "the links of the language switcher",
    re.compile(r'<a href="[^"]*" hreflang="([^"]+)" class="md-select__link"'),
)
SECTION = Pattern(
    "the title of a menu section",
    re.compile(
        r'aria-labelledby="(?P<path>__nav[\d_]*)_label"(?P<rest>[^>]*>\s*<label class="md-nav__title" '
        r'for="(?P=path)">\s*<span class="md-nav__icon md-icon"></span>\s*(?P<title>[^<]*?)\s*</label>)'
    ),
)
LABELLED_SECTION = 'aria-labelledby="__nav'
GENERATOR = Pattern("the generator tag", re.compile(r'\s*<meta name="generator" content="[^"]*">'))
# Where the page's content starts: every pattern here is looked for only before it (the head, the
# header with the switcher, the menus), so text in a page that looks like the theme's markup is
# never counted or changed; the article tag itself must come right after it.
CONTENT = Pattern(
    "the start of the page's content", re.compile(r'<div class="md-content" data-md-component="content">')
)
ARTICLE_WITHIN = 400  # characters after CONTENT (white space, Material's edit/view buttons none here)
CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
TOC_LABEL_FOR = ' for="__toc"'


@dataclass(frozen=True)
class Site:
    """What the step knows of the site: the folder the engine wrote, its address and path, each
    language's URL prefix and the default language."""

    folder: Path
    site_url: str
    site_path: str
    prefixes: dict[str, str]
    default: str


def found(pattern: Pattern, html: str, where: str, expected: int | None = 1) -> list[re.Match[str]]:
    """The pattern's matches; stop when there are not ``expected`` of them (at least one if None)."""
    matches = list(pattern.regex.finditer(html))
    if (expected is None and matches) or len(matches) == expected:
        return matches
    wanted = "at least once" if expected is None else f"{expected} time(s)"
    raise MarkupChanged(
        f"{where}: {pattern.purpose} was found {len(matches)} time(s), not {wanted}: {theme.version()} "
        f"writes other HTML than scripts/engine/mkdocs/markup.py expects — change the pattern there "
        f"(and check the built page in a browser), or go back to the theme version pinned before"
    )


def with_direction(html: str, where: str) -> str:
    """``dir`` on ``<html>`` too: browsers, screen readers and print read it there."""
    direction = found(BODY_DIR, html, where)[0].group(1)
    tag = found(HTML_TAG, html, where)[0]
    return html[: tag.end()] + f' dir="{direction}"' + html[tag.end() :]


def with_language_of_names(html: str, where: str, languages: int) -> str:
    """Each language name in the switcher marked as written in that language (WCAG 3.1.2)."""
    found(SWITCHER, html, where, languages)
    return SWITCHER.regex.sub(lambda link: f'{link.group(0)} lang="{link.group(1)}"', html)


def with_named_sections(html: str, where: str) -> str:
    """Each menu section named by its title: Material names it by a label holding only an arrow
    icon, so every section was called "" (axe: landmark-unique)."""
    sections = html.count(LABELLED_SECTION)
    if sections:
        found(SECTION, html, where, sections)
    return SECTION.regex.sub(lambda match: f'aria-label="{match["title"]}"{match["rest"]}', html)


def conforming(html: str) -> str:
    """Two fixes for the W3C checker: no ``autocomplete`` on checkboxes (text inputs only), and no
    ``for="__toc"`` on pages without that checkbox (section index pages). Nothing to fix is fine."""
    html = CHECKBOX.sub(lambda match: match.group(0).replace(' autocomplete="off"', ""), html)
    return html if 'id="__toc"' in html else html.replace(TOC_LABEL_FOR, "")


def without_generator(html: str, where: str) -> str:
    """No ``<meta name="generator">``: it tells anyone which engine and theme versions to attack,
    and a page should not change when only the engine's name does."""
    return GENERATOR.regex.sub("", html, count=len(found(GENERATOR, html, where)))


def alternates(site: Site, relative: PurePosixPath) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of the page at ``relative`` (inside a language folder) in each
    language that has it, then ``x-default``: the default language's."""
    path = relative.as_posix().removesuffix("index.html")
    links = sorted(
        (code, site.site_url + prefix + path)
        for code, prefix in site.prefixes.items()
        if (site.folder / (prefix + path) / "index.html").is_file()
    )
    default = dict(links).get(site.default)
    return links + ([("x-default", default)] if default else [])


def with_alternates(html: str, where: str, links: list[tuple[str, str]], languages: int) -> str:
    """Material's relative alternates replaced by absolute ones with ``x-default``."""
    start = found(ALTERNATE, html, where, languages)[0].start()
    tags = "".join(f'<link rel="alternate" hreflang="{code}" href="{escape(url)}">' for code, url in links)
    return html[:start] + tags + ALTERNATE_AND_SPACE.sub("", html[start:])


def with_switcher_to_homes(html: str, where: str, site: Site) -> str:
    """On a not-found page (served at any address), the switcher and the alternates lead to each
    language's home page: the theme fills them from whichever page it rendered last."""

    def home(code: str) -> str:
        return site.site_path + site.prefixes.get(code, "")

    found(SWITCHER, html, where, len(site.prefixes))
    html = SWITCHER.regex.sub(
        lambda link: f'<a href="{home(link[1])}" hreflang="{link[1]}" class="md-select__link"', html
    )
    found(ALTERNATE, html, where, len(site.prefixes))
    return ALTERNATE.regex.sub(
        lambda link: f'<link rel="alternate" href="{home(link[1])}" hreflang="{link[1]}">', html
    )


def split(html: str, where: str) -> tuple[str, str]:
    """(the theme's part of the page, the content and after): the patterns see only the first."""
    start = found(CONTENT, html, where)[0].start()
    return html[:start], html[start:]


def finish_page(html: str, where: str, site: Site, relative: PurePosixPath) -> str:
    """One page of a language (``relative`` inside its language folder), every change made."""
    theirs, content = split(html, where)
    theirs = with_direction(theirs, where)
    theirs = with_alternates(theirs, where, alternates(site, relative), len(site.prefixes))
    theirs = with_language_of_names(theirs, where, len(site.prefixes))
    theirs = without_generator(conforming(with_named_sections(theirs, where)), where)
    article = ARTICLE.regex.search(content, 0, ARTICLE_WITHIN)
    if article is None:
        found(ARTICLE, "", where)  # stops, naming the page and the theme version
    if relative in UNINDEXED:
        return theirs + content
    return theirs + content[: article.end() - 1] + " data-pagefind-body>" + content[article.end() :]


def finish_not_found(html: str, where: str, site: Site) -> str:
    """A language's not-found page (made from a template alone, no article to index)."""
    theirs, content = split(html, where)
    theirs = with_switcher_to_homes(with_direction(theirs, where), where, site)
    theirs = with_language_of_names(theirs, where, len(site.prefixes))
    return without_generator(conforming(with_named_sections(theirs, where)), where) + content


def finish(site: Site, display: Callable[[Path], str] = str) -> None:
    """Every HTML file the engine wrote, changed in place; ``MarkupChanged`` names the first file
    whose markup is not what a pattern expects."""
    prefixes = sorted((prefix for prefix in site.prefixes.values() if prefix), key=len, reverse=True)
    for path in sorted(site.folder.rglob("*.html")):
        relative = PurePosixPath(path.relative_to(site.folder).as_posix())
        where = display(path)
        html = path.read_text(encoding="utf-8")
        if relative.name == NOT_FOUND:
            html = finish_not_found(html, where, site)
        else:
            inside = next(
                (relative.relative_to(p) for p in prefixes if relative.is_relative_to(p.rstrip("/"))),
                relative,
            )
            html = finish_page(html, where, site, inside)
        path.write_text(html, encoding="utf-8")
