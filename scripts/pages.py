"""Where each Markdown page of each language ends up in the built site.

Why: tests, checks and post-build steps all need the same mapping from ``docs/<lang>/x.md`` to
``site/<prefix>x/index.html`` and its URL. It lives here once.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from scripts import project
from scripts.site_config import Language

# The whole guide on one page, to print (scripts/render/whole_guide.py). It is made from the other
# pages, so it stays out of what would repeat them: the search index, the service worker's list and
# the guide in one file.
PRINT_PAGE = PurePosixPath("print.md")


def docs_folder() -> Path:
    """The file of the current project (scripts/project.py), looked up each time."""
    return project.current().docs_dir


def source_pages(language: Language, docs_dir: Path | None = None) -> list[PurePosixPath]:
    """Markdown pages of one language, as paths relative to its folder (``report.md``)."""
    docs_dir = docs_folder() if docs_dir is None else docs_dir
    folder = docs_dir / language.code
    return sorted(PurePosixPath(path.relative_to(folder).as_posix()) for path in folder.rglob("*.md"))


def url_path(page: PurePosixPath, language: Language) -> str:
    """Site-relative URL of a page, with directory URLs: ``report.md`` → ``en/report/``."""
    parts = page.with_suffix("").parts
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    path = "/".join(parts)
    return language.prefix + (f"{path}/" if path else "")


def output_file(site_dir: Path, page: PurePosixPath, language: Language) -> Path:
    """The HTML file MkDocs writes for a page."""
    return site_dir / url_path(page, language) / "index.html"


def nav_pages(items: list, depth: int = 0) -> list[tuple[str, int]]:
    """(page, depth) in the menu's order (mkdocs.yml ``nav``): a section's first page at the
    section's depth, the rest one deeper."""
    found: list[tuple[str, int]] = []
    for item in items or []:
        if isinstance(item, str):
            found.append((item, depth))
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    found.append((value, depth))
                elif isinstance(value, list):
                    inner = nav_pages(value, depth + 1)
                    if inner:
                        found.append((inner[0][0], depth))
                        found += inner[1:]
    return found
