"""Check all content and data before MkDocs reads any of it; report every problem at once.

Why: MkDocs stops at the first bad page, sometimes with a Python traceback (an impossible date in
front matter crashes its YAML parser), and knows nothing of our rules. Editors need the whole
list, each as ``file:line: what is wrong — how to fix it``. Run by ``python -m scripts check``,
by ``make test``, by pre-commit, by CI, and at the start of every build.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path, PurePosixPath

import yaml

from scripts import contacts, front_matter, interface_text
from scripts.checks import (
    contact_changes,
    drafts,
    glossary,
    glossary_table,
    input_files,
    links,
    markup_in_text,
    menu,
    number_parity,
    parity,
    plain_language,
    reader_text,
    release_check,
    stray_numbers,
    template_check,
    text_tricks,
)
from scripts.checks import phone_numbers as phone_number_matcher
from scripts.checks.rendered_page import RenderedPage, render
from scripts.finish import html_policy, published_urls, redirects
from scripts.pages import PRINT_PAGE, docs_folder
from scripts.parallel import chunks, workers
from scripts.problems import MISSING_TRANSLATION, Problem, display_path
from scripts.render import blocks, leaflets

PARALLEL_FROM = 200  # pages


def check_all(
    docs_dir: Path | None = None,
    contacts_file: Path | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """Every problem in the Markdown pages and the data files, sorted by file and line."""
    contacts_file = contacts.contacts_file() if contacts_file is None else contacts_file
    docs_dir = docs_folder() if docs_dir is None else docs_dir
    problems: list[Problem] = input_files.check(docs_dir.resolve().parent, today or dt.date.today())
    if any(problem.rule == input_files.UNREADABLE for problem in problems):
        return sorted(set(problems))  # every other check would read these files and only repeat it
    rendered: dict[Path, RenderedPage] = {}
    paths = sorted(docs_dir.rglob("*.md"))
    for path, (found, page) in zip(paths, check_pages(paths, docs_dir), strict=True):
        problems += found
        rendered[path] = page
    problems += parity.check(docs_dir, rendered)
    problems += contacts.check(contacts_file)
    problems += contact_changes.check(contacts_file)
    if not any(problem.file == display_path(contacts_file) for problem in problems):
        stale = release_check.stale_contacts(contacts_file, today or dt.date.today())
        problems += [replace(problem, severity="warning") for problem in stale]
    problems += interface_text.check()
    problems += leaflets.check()
    problems += markup_in_text.check_files(docs_dir.resolve().parent)
    problems += stray_numbers.check(docs_dir.resolve().parent)
    problems += template_check.check(docs_dir.resolve().parent)
    data_dir = docs_dir.resolve().parent / "data"
    problems += number_parity.check_pages(docs_dir, rendered)
    problems += number_parity.check_data(sorted(data_dir.glob("*.yml")))
    problems += redirects.check(data_dir / "redirects.yml", docs_dir)
    problems += published_urls.check_registry(docs_dir, data_dir / "published-urls.yml")
    problems += drafts.check(docs_dir)  # warnings here; the release check refuses to publish them
    if not any(problem.file == "mkdocs.yml" for problem in problems):  # it reads the menu there
        problems += menu.check(docs_dir)
    # Words: one term per idea (glossary), short sentences and everyday words (plain language).
    pieces = reader_text.everything(docs_dir)
    problems += glossary.check(docs_dir, pieces, data_dir / "glossary.yml")
    problems += plain_language.check(docs_dir, pieces, data_dir / "plain-language.yml")
    problems += glossary_table.check(
        guides(docs_dir), data_dir / "glossary.yml", data_dir / "plain-language.yml"
    )
    return sorted(set(problems))


def guides(docs_dir: Path) -> tuple[Path, ...]:
    """The editors' guides that show the glossary, in the project of ``docs_dir``."""
    root = docs_dir.resolve().parent
    return tuple(root / name for name in glossary_table.GUIDE_NAMES)


def check_page(path: Path, docs_dir: Path) -> tuple[list[Problem], RenderedPage]:
    """One page's problems, and the page as rendered (the translation checks compare pages)."""
    where = display_path(path)
    meta, problems = front_matter.read(path)
    page = render(path)
    problems += leaflet_page(meta, page, where)
    problems += print_kit_page(path, docs_dir, page, where)
    problems += html_policy.check(page, where)
    problems += links.check(page, path, where, docs_dir)
    problems += unknown_blocks(page, where)
    problems += phone_numbers(page, where)
    problems += text_tricks.check_page(meta, page, where)
    problems += markup_in_text.check_meta(meta, page.source, where)
    return problems, page


def check_group(paths: list[Path], docs_dir: Path) -> dict[Path, tuple[list[Problem], RenderedPage]]:
    return {path: check_page(path, docs_dir) for path in paths}


def check_pages(paths: list[Path], docs_dir: Path) -> list[tuple[list[Problem], RenderedPage]]:
    """Every page checked, in order. A big site's pages are shared among the processor cores:
    rendering each page again is most of the check, and it runs before every build. A small one
    (the guide today) is checked in this process, where starting workers would cost more."""
    if len(paths) < PARALLEL_FROM or workers() == 1:
        checked = check_group(paths, docs_dir)
    else:
        groups = chunks(paths)
        checked = {}
        with ProcessPoolExecutor(max_workers=workers()) as pool:
            for group in pool.map(check_group, groups, [docs_dir] * len(groups)):
                checked.update(group)
    return [checked[path] for path in paths]


def leaflet_page(meta: dict | None, page: RenderedPage, where: str) -> list[Problem]:
    """A leaflet page names a leaflet of data/leaflets.yml and places it with {{ leaflet }};
    the block is only for such pages."""
    has_block = any(found.group(1) == "leaflet" for found in blocks.MARKER.finditer(page.body))
    name = (meta or {}).get("leaflet")
    if name is None:
        if has_block:
            return [
                Problem(
                    where,
                    page.line_of("{{ leaflet"),
                    "'{{ leaflet }}' on a page that is not a leaflet",
                    "add 'leaflet: <name>' to the front matter, or remove the block",
                )
            ]
        return []
    try:
        known = leaflets.load()
    except (yaml.YAMLError, KeyError, TypeError, AttributeError):  # reported by leaflets.check()
        return []
    if name not in known:
        return [Problem(where, 1, f"unknown leaflet '{name}'", f"use one of: {', '.join(known)}")]
    if not has_block:
        return [Problem(where, 1, "leaflet page without its sheet", "add a line '{{ leaflet }}' to the page")]
    return []


def print_kit_page(path: Path, docs_dir: Path, page: RenderedPage, where: str) -> list[Problem]:
    """{{ print-kit }} is where the print page's chapters go (scripts/render/whole_guide.py): once
    on that page, on no other."""
    try:
        inside = PurePosixPath(*path.resolve().relative_to(docs_dir.resolve()).parts[1:])
    except ValueError:
        return []
    count = sum(found.group(1) == "print-kit" for found in blocks.MARKER.finditer(page.body))
    if inside == PRINT_PAGE and count != 1:
        return [Problem(where, 1, "the print page needs the line '{{ print-kit }}' once", "put it back")]
    if inside != PRINT_PAGE and count:
        return [
            Problem(
                where,
                page.line_of("{{ print-kit"),
                "'{{ print-kit }}' belongs on the print page only",
                f"remove it; the whole guide to print is docs/<language>/{PRINT_PAGE}",
            )
        ]
    return []


def unknown_blocks(page: RenderedPage, where: str) -> list[Problem]:
    """Block markers that are not ours (a typo such as {{ contact }})."""
    known = ", ".join("{{ " + name + " }}" for name in blocks.NAMES)
    return [
        Problem(
            where, page.line_of(found.group(0)), f"unknown block '{found.group(0).strip()}'", f"use {known}"
        )
        for found in blocks.MARKER.finditer(page.body)
        if found.group(1) not in blocks.NAMES
    ]


def phone_numbers(page: RenderedPage, where: str) -> list[Problem]:
    """A phone number typed into a page: numbers live in data/contacts.yml only. The matcher is
    scripts/checks/phone_numbers.py, the same for every check."""
    return [
        Problem(
            where,
            page.line_of(number.raw),
            f"a phone number ({number.raw}) is written in the page",
            "numbers live only in data/contacts.yml, where they are checked and marked "
            "verified or not; show them with {{ emergency }} or {{ contacts }}",
        )
        for number in phone_number_matcher.find(page.body)
    ]


# Set for the engine's processes by scripts/build.py once this check passed before the engine
# started: the hook (scripts/engine/mkdocs/hooks/content_check.py) then does not read it all again.
CHECKED_ENV = "JSG_CONTENT_CHECKED"


def blocking(docs_dir: Path | None = None, allow_missing_translations: bool = False) -> list[Problem]:
    """The problems that stop a build: every error, except a missing translation when the build
    was asked to allow them (``--allow-missing-translations``: readers get the Arabic page)."""
    return [
        problem
        for problem in check_all(docs_dir)
        if problem.severity == "error"
        and not (allow_missing_translations and problem.rule == MISSING_TRANSLATION)
    ]


def stop_message(problems: list[Problem]) -> str:
    listing = "\n".join(str(problem) for problem in problems)
    return f"{len(problems)} problem(s) in the content:\n{listing}"
