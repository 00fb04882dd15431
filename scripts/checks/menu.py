"""Every page is in the menu (``nav`` in mkdocs.yml), and every page the menu names exists.

Why: the engine builds strictly, so a page the menu leaves out, or a menu entry with no page,
stops the build; the content check is what editors are told to run, and it said nothing (found by
the red team: a page missing from the menu passed the check and failed the build). The menu is
one list for every language: a page is named once, by its path inside a language folder.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from scripts.pages import nav_pages, source_pages
from scripts.problems import Problem, display_path
from scripts.site_config import languages, load

HOW_TO_ADD = (
    "add it to nav in mkdocs.yml, where it belongs in the menu "
    "(python -m scripts new-page makes a page in every language and adds it there)"
)


def check(docs_dir: Path) -> list[Problem]:
    """Pages outside the menu, and menu entries with a page in no language. (A page missing in
    one language is a missing translation, which the translation check reports: the engine shows
    the default language's page in its place.)"""
    config = docs_dir.resolve().parent / "mkdocs.yml"
    named = [PurePosixPath(page) for page, _ in nav_pages(load(config).get("nav") or [])]
    text = config.read_text(encoding="utf-8").splitlines()
    problems = []
    everywhere: set[PurePosixPath] = set()
    for language in languages():
        pages = set(source_pages(language, docs_dir))
        everywhere |= pages
        for page in sorted(pages - set(named)):
            problems.append(
                Problem(
                    display_path(docs_dir / language.code / page),
                    1,
                    f"this page is not in the menu (nav in mkdocs.yml), so the build would stop: {page}",
                    HOW_TO_ADD,
                )
            )
    for page in [page for page in named if page not in everywhere]:
        problems.append(
            Problem(
                display_path(config),
                next((number for number, line in enumerate(text, 1) if line.strip() == f"- {page}"), 1),
                f"the menu names {page}, but no language folder has that page",
                f"add the page (docs/<language>/{page}), or take the line out of the menu",
            )
        )
    return problems
