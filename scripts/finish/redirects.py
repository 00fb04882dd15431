"""Old addresses keep working: a page at each old address sends readers to the page that replaced it.

Why: QR codes on thousands of printed leaflets point at page addresses for years. When a page is
renamed or moved, ``data/redirects.yml`` says where it went, in one line for all languages, and the
build writes the old address in every language: a small page in the reader's language with a
meta refresh and a link (no script, so the site's Content-Security-Policy needs no exception), plus
``_redirects`` for hosts that redirect on the server (Netlify, Cloudflare Pages) and the same rules
in serving/nginx.conf.

Written here rather than with mkdocs-redirects: that plugin does not find pages in
mkdocs-static-i18n's per-language folders ("Redirect target 'children.md' does not exist"), and its
page is English-only with an inline script, which would need a policy hash per redirect.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path, PurePosixPath
from typing import NamedTuple

import yaml

from scripts import interface_text, project, safe_yaml
from scripts.pages import url_path
from scripts.problems import Problem, display_path
from scripts.site_config import Language, languages, site_path


class RedirectsRefused(Exception):
    """data/redirects.yml did not pass its check: nothing is written from it. Carries the problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def redirects_file() -> Path:
    """The file of the current project (scripts/project.py), looked up each time."""
    return project.current().data("redirects.yml")


# Addresses computed without a language prefix: the same for every language.
DEFAULT_PREFIX = Language(code="", name="", default=True)


# The only characters a redirect path may hold: every page name of the site fits, and none of them
# means anything to a shell, to nginx (``;`` ``{`` ``}`` quotes, spaces), to _redirects (spaces) or
# to a file system (``..`` is ruled out by allowing a dot only between letters or digits).
SEGMENT = r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*"
MARKDOWN_PATH = re.compile(rf"(?:{SEGMENT}/)*{SEGMENT}\.md", re.ASCII)
# An address written from a validated path: the same characters, with directory URLs.
ADDRESS = re.compile(r"(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*/)*", re.ASCII)
# First folders that are not pages of one language: the other languages' folders and the site's own.
RESERVED_FOLDERS = frozenset({"assets", "pagefind", "downloads", "offline", "search"})
HINT = "write 'old-name.md: new-name.md': paths of pages inside a language folder of docs/"


class Redirect(NamedTuple):
    """One line of data/redirects.yml, validated: Markdown paths relative to a language folder."""

    old: str
    new: str
    line: int


def read(path: Path | None = None, docs_dir: Path | None = None) -> tuple[list[Redirect], list[Problem]]:
    """Every redirect of the file and every problem with it, each with its line.

    Why by hand over YAML nodes: a plain mapping hides duplicate keys (the last one wins) and
    lines; the nodes keep both. Called before MkDocs (content check) and by every writer."""
    path = redirects_file() if path is None else path
    where = display_path(path)
    docs_dir = docs_dir or path.parent.parent / "docs"
    root, problems = safe_yaml.compose_file(path, where, "the redirects", HINT)
    if problems:
        return [], problems
    if root is None:
        return [], []
    mapping = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "redirects" and mapping is None:
                mapping = value
            else:
                return [], [
                    Problem(where, key.start_mark.line + 1, "only 'redirects:' belongs in this file", HINT)
                ]
    if mapping is None or (isinstance(mapping, yaml.ScalarNode) and mapping.value in ("", "~", "null")):
        return [], []
    if not isinstance(mapping, yaml.MappingNode):
        return [], [
            Problem(
                where,
                mapping.start_mark.line + 1,
                "'redirects:' must be a list of 'old.md: new.md' lines",
                HINT,
            )
        ]
    problems: list[Problem] = []
    found: list[Redirect] = []
    seen: dict[str, int] = {}
    for key, value in mapping.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode) or not isinstance(value, yaml.ScalarNode):
            problems.append(Problem(where, line, "each redirect is one line 'old.md: new.md'", HINT))
            continue
        old, new = key.value, value.value
        bad = [f"'{shown(side)}' {why}" for side in (old, new) if (why := path_problem(side, docs_dir))]
        if bad:
            problems.append(Problem(where, line, "; ".join(bad), HINT))
            continue
        address = url_of(old)
        if address in seen:
            problems.append(
                Problem(
                    where,
                    line,
                    f"'{old}' is redirected twice (also on line {seen[address]})",
                    "keep one line",
                )
            )
            continue
        seen[address] = line
        found.append(Redirect(old, new, line))
    problems += consistency(found, where, docs_dir)
    bad_lines = {problem.line for problem in problems}
    return [item for item in found if item.line not in bad_lines], problems


def shown(value: str) -> str:
    """A path as it can be printed on one line: control characters and the like made visible."""
    return value.encode("unicode_escape").decode("ascii")[:120]


def path_problem(value: str, docs_dir: Path) -> str | None:
    """Why ``value`` cannot be a page path of a redirect (None when it can)."""
    if not MARKDOWN_PATH.fullmatch(value):
        return (
            "is not a page path: use only small letters a-z, digits, '-', '_', '/' between folders and "
            "'.md' at the end (no '..', no '/' at the start, no spaces, quotes or other signs)"
        )
    first = value.split("/", 1)[0]
    if first in RESERVED_FOLDERS or first in {language.code for language in languages()}:
        return (
            "starts with a folder that is not a page of one language (write the path inside docs/<language>/)"
        )
    return None


def url_of(page: str) -> str:
    """The address of a page path within one language (``a/index.md`` and ``a.md`` are both ``a/``)."""
    return url_path(PurePosixPath(page), DEFAULT_PREFIX)


def existing_addresses(docs_dir: Path) -> dict[str, str]:
    """Address -> page path, for the pages of every language."""
    found: dict[str, str] = {}
    for language in languages():
        folder = docs_dir / language.code
        for page in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            relative = page.relative_to(folder).as_posix()
            found.setdefault(url_of(relative), relative)
    return found


def consistency(found: list[Redirect], where: str, docs_dir: Path) -> list[Problem]:
    """The old page must be gone, the new one must exist, and no redirect may lead to another."""
    pages = existing_addresses(docs_dir)
    olds = {url_of(item.old): item for item in found}
    problems = []
    for item in found:
        if url_of(item.old) in pages:
            problems.append(
                Problem(
                    where,
                    item.line,
                    f"'{item.old}' is still a page (docs/<language>/{pages[url_of(item.old)]})",
                    "remove the line, or rename the page first",
                )
            )
        elif url_of(item.new) in olds:
            then = olds[url_of(item.new)]
            what = (
                "to itself" if then is item else f"to '{item.new}', which is redirected on line {then.line}"
            )
            problems.append(
                Problem(
                    where,
                    item.line,
                    f"'{item.old}' is redirected {what}",
                    f"send it straight to the page: '{item.old}: {then.new}'"
                    if then is not item
                    else "remove the line",
                )
            )
        elif url_of(item.new) not in pages:
            problems.append(
                Problem(
                    where,
                    item.line,
                    f"'{item.old}' should go to '{item.new}', which is not a page in docs/<language>/",
                    "check the spelling of the new page's path",
                )
            )
    return problems


def check(path: Path | None = None, docs_dir: Path | None = None) -> list[Problem]:
    """For the content check: every problem of data/redirects.yml, before MkDocs runs."""
    path = redirects_file() if path is None else path
    return read(path, docs_dir)[1]


def load(path: Path | None = None) -> dict[str, str]:
    """Old Markdown path -> new Markdown path, validated. Raises RedirectsRefused when the file has a
    problem: nothing is written from a file that did not pass ``check``."""
    path = redirects_file() if path is None else path
    found, problems = read(path)
    if problems:
        raise RedirectsRefused(problems)
    return {item.old: item.new for item in found}


class Move(NamedTuple):
    """One page that moved, in one language: addresses site-relative, without the leading slash."""

    old: str
    new: str
    language: Language


def moves() -> list[Move]:
    """Every move of data/redirects.yml, in every language: only values that passed ``read``, and
    each address checked once more against ``ADDRESS`` right here, where the writers (the pages and
    ``_redirects`` below, serving/nginx.conf in serving.py) take them. Raises RedirectsRefused."""
    found = [
        Move(url_path(PurePosixPath(old), language), url_path(PurePosixPath(new), language), language)
        for old, new in sorted(load().items())
        for language in languages()
    ]
    for move in found:
        if not (ADDRESS.fullmatch(move.old) and ADDRESS.fullmatch(move.new)) or not move.old:
            raise RedirectsRefused(
                [
                    Problem(
                        display_path(redirects_file()), 1, f"'{shown(move.old)}' is not a safe address", HINT
                    )
                ]
            )
    return found


def page(language_code: str, direction: str, target: str) -> str:
    text = interface_text.text
    title = escape(text("moved.title", language_code))
    return (
        f'<!doctype html><html lang="{language_code}" dir="{direction}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<title>{title}</title><meta name="robots" content="noindex">'
        f'<link rel="canonical" href="{escape(target)}">'
        f'<meta http-equiv="refresh" content="0; url={escape(target)}"></head>'
        f'<body><h1>{title}</h1><p><a href="{escape(target)}">{escape(text("moved.link", language_code))}</a>'
        "</p></body></html>\n"
    )


def write(site_dir: Path) -> list[str]:
    """Post-build step: the page at each old address, and ``_redirects``. Returns problems: an old
    address that is still a page, or a new one that is not."""
    root = site_path()
    try:
        every = moves()
    except RedirectsRefused as error:
        return [str(problem) for problem in error.problems]
    problems = []
    rules = []
    inside = site_dir.resolve()
    for old, new, language in every:
        old_file, new_file = site_dir / old / "index.html", site_dir / new / "index.html"
        if not old_file.resolve().is_relative_to(inside):  # unreachable after ADDRESS; never write outside
            problems.append(f"data/redirects.yml: '/{old}' is outside the site")
            continue
        if not new_file.exists():
            problems.append(f"data/redirects.yml: '/{old}' should go to '/{new}', which is not a page")
            continue
        if old_file.exists():
            problems.append(f"data/redirects.yml: '/{old}' is still a page; remove the line or the page")
            continue
        old_file.parent.mkdir(parents=True, exist_ok=True)
        old_file.write_text(page(language.code, language.direction, root + new), encoding="utf-8")
        rules.append(f"{root}{old} {root}{new} 301")
    # Then each language's own not-found page (the host's default is the root one, in Arabic).
    for language in sorted(languages(), key=lambda item: len(item.prefix), reverse=True):
        if language.prefix:
            rules.append(f"{root}{language.prefix}*  {root}{language.prefix}404.html  404")
    (site_dir / "_redirects").write_text("".join(line + "\n" for line in rules), encoding="utf-8")
    return problems
