"""The registry of every address ever printed, and the check that each still leads to a page.

Why: every printed page carries a QR code of its own address, and leaflets carry their guides'.
Once printed, an address must work for years. ``data/published-urls.yml`` lists them all; the
build fails when one no longer reaches a page (directly or through data/redirects.yml), naming the
address and the fix. ``python -m scripts urls`` adds the addresses of new pages to the list.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import yaml

from scripts import project, safe_yaml
from scripts.checks import committed as committed_file
from scripts.finish import redirects
from scripts.pages import source_pages, url_path
from scripts.problems import Problem, display_path
from scripts.site_config import languages


def registry_file() -> Path:
    """The file of the current project (scripts/project.py), looked up each time."""
    return project.current().data("published-urls.yml")


HEADER = """\
# Every address printed on paper: each page's own QR code on its printed footer, and the guides
# that leaflets point to. Site-relative ("/" is the Arabic home page).
# Added by `python -m scripts urls` (run it after adding a page). Never remove a line: when a page
# moves, add a line to data/redirects.yml and the old address keeps working. The build fails when
# an address here no longer leads to a page.
"""


def load(path: Path | None = None) -> list[str]:
    path = registry_file() if path is None else path
    data = safe_yaml.load(path.read_text(encoding="utf-8")) or {}
    return list(data.get("urls") or [])


def current_addresses() -> list[str]:
    return sorted(
        "/" + url_path(page, language) for language in languages() for page in source_pages(language)
    )


def add_current(path: Path | None = None) -> list[str]:
    """Add today's page addresses to the registry (never removing any); return those added."""
    path = registry_file() if path is None else path
    known = load(path) if path.exists() else []
    added = [address for address in current_addresses() if address not in known]
    if added or not path.exists():
        lines = "".join(f'  - "{address}"\n' for address in sorted({*known, *added}))
        path.write_text(HEADER + "urls:\n" + lines, encoding="utf-8")
    return added


def check(site_dir: Path, path: Path | None = None) -> list[str]:
    """Printed addresses that no longer lead to a page (nor to a redirect to one)."""
    path = registry_file() if path is None else path
    try:
        moved = {"/" + move.old: "/" + move.new for move in redirects.moves()}
    except redirects.RedirectsRefused:  # reported by redirects.write, which runs first; nothing is redirected
        moved = {}
    problems = []
    for address in load(path):
        target = moved.get(address, address)
        if not (site_dir / target.lstrip("/") / "index.html").exists():
            problems.append(
                f"data/published-urls.yml: '{address}' was printed on paper and no longer leads to a page. "
                "If the page moved, add 'old.md: new.md' to data/redirects.yml"
            )
    return problems


MOVE_HINT = (
    "put the line back: an address printed on paper must keep working. To move the page, rename it "
    "and add 'old.md: new.md' to data/redirects.yml (README, 'Addresses that never break')"
)


def committed(path: Path | None = None) -> tuple[set[str] | None, str]:
    """The addresses of the file as committed on main (or origin/main, or HEAD), and which one.

    Why compare with git: the list only grows, but a file cannot remember what it held. ``None``
    when there is nothing to compare with (no git, or not a git checkout of this project), with
    the reason."""
    path = registry_file() if path is None else path
    found = committed_file.read(path)
    if not found.comparable:
        return None, found.source
    addresses: set[str] = set()
    for text in found.texts:
        try:
            addresses |= {str(item) for item in (safe_yaml.load(text) or {}).get("urls") or []}
        except (yaml.YAMLError, AttributeError, TypeError, ValueError):
            continue  # the committed copy was broken; the working copy is checked on its own
    return addresses, found.source


def served_addresses(docs_dir: Path) -> set[str]:
    """Every address that leads to a page before MkDocs runs: each language's pages, a page of the
    default language (MkDocs shows it where a translation is missing; that is reported on its
    own), and the old address of each valid redirect."""
    every = languages()
    default = next(language for language in every if language.default)
    pages = {page for language in every for page in source_pages(language, docs_dir)}
    defaults = set(source_pages(default, docs_dir))
    found = set()
    for language in every:
        own = set(source_pages(language, docs_dir))
        found |= {"/" + url_path(page, language) for page in pages if page in own or page in defaults}
    found_moves, _ = redirects.read(docs_dir.parent / "data" / "redirects.yml", docs_dir)
    found |= {"/" + url_path(PurePosixPath(item.old), language) for item in found_moves for language in every}
    return found


def check_registry(docs_dir: Path, path: Path | None = None) -> list[Problem]:
    """For the content check, before MkDocs: no published address removed from the list (compared
    with git) and none whose page is gone. A copy outside git gets a warning, never a silent pass."""
    path = registry_file() if path is None else path
    where = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
        current = [str(address) for address in load(path)]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError, TypeError, ValueError) as error:
        return [Problem(where, 1, f"the list of published addresses cannot be read ({error})", MOVE_HINT)]
    lines = text.splitlines()

    def line_of_address(address: str) -> int:
        listed_as = (f"- {address}", f'- "{address}"', f"- '{address}'")
        return next((number for number, row in enumerate(lines, 1) if row.strip() in listed_as), 1)

    problems = []
    before, source = committed(path)
    if before is None:
        problems.append(
            Problem(
                where,
                1,
                f"removed addresses cannot be found: {source}, so this list is not compared with main",
                "run the check in a git checkout of the project",
                "warning",
            )
        )
    else:
        listed = set(current)
        for address in sorted(before - listed):
            later = [row for row in sorted(listed) if row > address]
            line = line_of_address(later[0]) if later else len(lines)
            problems.append(
                Problem(
                    where,
                    line,
                    f"the published address '{address}' was removed (it is in this file on {source})",
                    MOVE_HINT,
                )
            )
    served = served_addresses(docs_dir)
    for address in current:
        if address not in served:
            problems.append(
                Problem(
                    where,
                    line_of_address(address),
                    f"'{address}' was printed on paper and no longer leads to a page (its page is gone)",
                    "put the page back; if the page moved, add 'old.md: new.md' to data/redirects.yml "
                    "(such as 'children.md: kids.md'), so the printed address leads to the new page",
                )
            )
    return problems
