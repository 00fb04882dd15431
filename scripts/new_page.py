"""Add a page in one step: the page in every language, the menu entry, its published addresses.

Why: by hand, a new page means four files with the right front matter, an entry in mkdocs.yml's
``nav`` (the build is strict: a page outside the menu fails it), ``python -m scripts urls`` for
data/published-urls.yml and, for a leaflet, an entry in data/leaflets.yml, in the right order.
``python -m scripts new-page ordnance/thermobaric.md --title "…" --kind item`` does it all; the
site builds right after. The English page is the source; the translations start from the same
starter in their own language (data/starters.yml), marked outdated (no ``source_hash`` yet) and
not reviewed, so readers see the translation notice until a translator has done them. Draft lines
keep it from being published (scripts/checks/drafts.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from scripts import project, starters
from scripts.checks import content_check
from scripts.finish import published_urls
from scripts.problems import Problem
from scripts.render import leaflets
from scripts.site_config import languages
from scripts.translation_status import source_language

SEGMENT = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,60}[a-z0-9])?", re.ASCII)
RESERVED = frozenset({"assets", "index", "404", "pagefind", "search"})
NAV_START = re.compile(r"^nav:\s*$")
NAV_ENTRY = re.compile(r"^(\s*)- (?:[^:#]+: )?(\S+\.md)\s*$")
LEAFLET_FOLDER = "leaflets"
EXAMPLE = "ordnance/thermobaric.md"
LEAFLET_ENTRY = "  {id}:\n    guide: index.md\n    papers: [a4]\n    parts: [steps, call, guide]\n"


class Refused(ValueError):
    """The page cannot be added as asked; the message says why and what to do. Nothing was written."""


@dataclass(frozen=True)
class Plan:
    """Every file new-page writes, with its new text: computed whole before anything is written."""

    page: PurePosixPath
    files: dict[Path, str]


def page_path(raw: str) -> PurePosixPath:
    """The page's path inside each language folder (``ordnance/thermobaric.md``), or Refused."""
    codes = {language.code for language in languages()}
    text = raw.strip()
    if not text:
        raise Refused("new-page: give the page's path, such as ordnance/thermobaric.md")
    if "\\" in text or text.startswith("/") or re.match(r"[A-Za-z]:", text):
        raise Refused(f"new-page: '{raw}' is not a path inside a language folder — write it like {EXAMPLE}")
    path = PurePosixPath(text if text.endswith(".md") else text + ".md")
    parts = [*path.parent.parts, path.stem]
    if ".." in path.parts or "." in text.split("/"):
        raise Refused(f"new-page: '{raw}' leaves the language folder ('..' or '.') — write it like {EXAMPLE}")
    if path.parts[0] in codes or path.parts[0] == "docs":
        raise Refused(
            f"new-page: '{raw}' starts with a language folder — name the page once, without docs/ or a "
            "language code (ordnance/thermobaric.md): it is made in every language"
        )
    for part in parts:
        if not SEGMENT.fullmatch(part):
            raise Refused(
                f"new-page: '{part}' in '{raw}' is not a plain name — use small letters a-z, digits and "
                "'-' between them (no spaces, capitals, accents or other signs)"
            )
    if path.stem in RESERVED or path.parts[0] in RESERVED:
        raise Refused(
            f"new-page: '{raw}' uses a name the site keeps for itself ({', '.join(sorted(RESERVED))})"
        )
    return path


def title_text(raw: str) -> str:
    """The English title: one line of words."""
    title = raw.strip()
    if not title or any(ord(char) < 32 or ord(char) == 127 for char in raw) or not re.search(r"\w", title):
        raise Refused('new-page: give a title of words on one line, such as --title "Thermobaric weapons"')
    if len(title) > 120:
        raise Refused("new-page: the title is longer than 120 characters — shorten it")
    return title


MARKDOWN_MARKS = re.compile(r"([\\`*_\[\]#])")


def as_heading(title: str) -> str:
    """The title as the page's heading, shown as written: Markdown's marks escaped, so a title such
    as ``[Click](https://evil.example)`` is not a link in the page (found by the red team)."""
    return MARKDOWN_MARKS.sub(r"\\\1", title).replace("<", "&lt;")


def front_matter(title: str, description: str, language: str, today: dt.date, leaflet: str | None) -> str:
    """The page's front matter; a translation records its source but no hash: outdated until stamped."""
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
        f"last_reviewed: {today.isoformat()}",
    ]
    if leaflet:
        lines.append(f"leaflet: {leaflet}")
    if language != source_language():
        lines += ["translation:", f"  from: {source_language()}", "  reviewed: false"]
    return "\n".join([*lines, "---", ""])


def with_nav_entry(config_text: str, page: PurePosixPath) -> str:
    """mkdocs.yml with the page in its menu: after the last page of the same folder, else last.
    Edited as text, so its comments and ``!ENV`` tag stay as they are."""
    lines = config_text.splitlines(keepends=True)
    start = next((number for number, line in enumerate(lines) if NAV_START.match(line)), None)
    if start is None:
        raise Refused("mkdocs.yml has no 'nav:' section — add the page to the menu by hand")
    end = next(
        (n for n in range(start + 1, len(lines)) if lines[n].strip() and not lines[n][0].isspace()),
        len(lines),
    )
    entries = [(n, NAV_ENTRY.match(lines[n])) for n in range(start + 1, end)]
    entries = [(n, found) for n, found in entries if found]
    if not entries:
        raise Refused("mkdocs.yml's 'nav:' lists no page — add the page to the menu by hand")
    folder = page.parent.as_posix()
    same = [(n, found) for n, found in entries if folder != "." and found.group(2).startswith(folder + "/")]
    at, found = same[-1] if same else entries[-1]
    indent = found.group(1) if same else min((f.group(1) for _, f in entries), key=len)
    if not lines[at].endswith("\n"):
        lines[at] += "\n"
    lines.insert(at + 1, f"{indent}- {page.as_posix()}\n")
    return "".join(lines)


def plan(raw_path: str, raw_title: str, kind: str, description: str | None, today: dt.date) -> Plan:
    """Everything new-page would write, or Refused naming what is wrong."""
    page = page_path(raw_path)
    title = title_text(raw_title)
    found = starters.load()
    if kind not in found.kinds:
        raise Refused(f"new-page: unknown kind '{kind}' — use one of: {', '.join(found.kinds)}")
    current = project.current()
    existing = [
        f"docs/{lang.code}/{page}" for lang in languages() if (current.docs_dir / lang.code / page).exists()
    ]
    if existing:
        raise Refused(
            f"new-page: {', '.join(existing)} already exists — choose another name, or edit that page"
        )
    leaflet = None
    files: dict[Path, str] = {}
    if kind == "leaflet":
        if page.parent.as_posix() != LEAFLET_FOLDER:
            raise Refused(
                f"new-page: a leaflet goes in the {LEAFLET_FOLDER}/ folder: {LEAFLET_FOLDER}/{page.name}"
            )
        leaflet = page.stem
        if leaflet in leaflets.load():
            raise Refused(
                f"new-page: data/leaflets.yml already has a leaflet '{leaflet}' — choose another name"
            )
        listing = leaflets.leaflets_file()
        text = listing.read_text(encoding="utf-8")
        files[listing] = text + ("" if text.endswith("\n") else "\n") + LEAFLET_ENTRY.format(id=leaflet)
    for language in languages():
        code = language.code
        words = description if (description and code == source_language()) else found.draft_description[code]
        body = found.body(kind, code)
        text = front_matter(title, words, code, today, leaflet) + f"\n# {as_heading(title)}\n\n{body}"
        files[current.docs_dir / code / page] = text
    files[current.config_file] = with_nav_entry(current.config_file.read_text(encoding="utf-8"), page)
    return Plan(page, files)


def write(made: Plan) -> list[str]:
    """Write the plan's files, then add the new addresses to data/published-urls.yml; return the
    addresses added."""
    for path, text in made.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return published_urls.add_current()


def written_or_undone(made: Plan) -> tuple[list[str], list[Problem]]:
    """Write the plan, then run the content check. When the new page brings an error the check
    did not have before (a title with markup, a phone number, a word the glossary avoids), put
    every file back as it was and return those problems: the promise is that the site builds
    right after new-page (found by the red team: such titles were written, then failed the check).

    The check of the project as it was runs only when the new one finds an error (to tell the
    page's errors from older ones): one check, not two, on the usual path (1.3 s of 2.7 s)."""
    touched = [*made.files, published_urls.registry_file()]
    kept = snapshot(touched)
    added = write(made)
    after = [problem for problem in content_check.check_all() if problem.severity == "error"]
    if not after:
        return added, []
    written = snapshot(touched)
    restore(kept)
    before = {problem for problem in content_check.check_all() if problem.severity == "error"}
    brought = [problem for problem in after if problem not in before]
    if not brought:
        restore(written)
        return added, []
    for path in made.files:  # folders the page made, now empty
        for folder in path.parents:
            if folder == project.current().docs_dir or any(folder.iterdir()):
                break
            folder.rmdir()
    return [], brought


def snapshot(paths: list[Path]) -> dict[Path, bytes | None]:
    """Each file's bytes, or None where it does not exist."""
    return {path: path.read_bytes() if path.exists() else None for path in paths}


def restore(files: dict[Path, bytes | None]) -> None:
    """Put each file back as ``snapshot`` found it (removed where it did not exist)."""
    for path, data in files.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
