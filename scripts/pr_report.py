"""What a pull request changes for readers, in Markdown for the job summary (``python -m scripts pr-report``).

Why: reviewers who read Kurmanji or Turkish should not have to download the built site or read a
diff of YAML to know what a change does. The report compares the change with its base (from
their merge base, so a base branch that moved on adds nothing) and says, in plain words: any
change to the emergency contacts, first; the pages changed per language; translations this change
makes outdated or brings up to date; addresses added or moved; and the screenshots at phone width
(scripts/screenshots.py) saved beside the report for the workflow to upload.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from scripts import project, safe_yaml, translation_status
from scripts.github_report import code
from scripts.site_config import languages

# A contact's fields whose change needs its verification said again; then the rest, in this order.
CONTACT_FIELDS = ("number", "region", "verified", "verified_by", "primary")
WORD_FIELDS = ("name", "purpose", "area", "hours", "source", "note")


class ReportError(RuntimeError):
    """The comparison cannot be made (no git, an unknown base); the message says what to do."""


def git(root: Path, *arguments: str, binary: bool = False) -> Any:
    """One git command's output in ``root``; ReportError naming the command when it fails."""
    try:
        done = subprocess.run(["git", *arguments], cwd=root, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ReportError(f"pr-report: git could not run ({error}) — install git") from error
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReportError(
            f"pr-report: 'git {' '.join(arguments)}' failed: {said[0] if said else done.returncode}"
        )
    return done.stdout if binary else done.stdout.decode("utf-8", "replace")


def merge_base(root: Path, base: str) -> str:
    """The commit the change started from; a clear error when the base is not in this clone."""
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except ReportError as error:
        raise ReportError(
            f"pr-report: '{base}' is not a commit in this clone — fetch it first "
            "(on GitHub: actions/checkout with fetch-depth: 0, and --base origin/<base branch>)"
        ) from error
    return git(root, "merge-base", base, "HEAD").strip()


@dataclass(frozen=True)
class Change:
    status: str  # A added, M changed, D removed, R renamed (git's letters)
    path: str
    old_path: str | None = None


def changes(root: Path, start: str) -> list[Change]:
    """Files changed from ``start`` to the working tree's HEAD, renames found."""
    fields = [
        item for item in git(root, "diff", "--name-status", "-M", "-z", start, "HEAD").split("\0") if item
    ]
    found = []
    while fields:
        status = fields.pop(0)
        if status.startswith(("R", "C")):
            old, new = fields.pop(0), fields.pop(0)
            found.append(Change("R", new, old))
        else:
            found.append(Change(status[0], fields.pop(0)))
    return found


def file_at(root: Path, commit: str, path: str) -> str | None:
    """A file's text at a commit; None when it did not exist there."""
    try:
        return git(root, "show", f"{commit}:{path}")
    except ReportError:
        return None


@dataclass
class PageChanges:
    """Pages changed, by language code, as (what happened, page, the page's old path if renamed)."""

    by_language: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)

    def pages(self) -> list[PurePosixPath]:
        """Each changed page once, as a path inside a language folder (for the screenshots)."""
        return sorted(
            {
                PurePosixPath(page)
                for items in self.by_language.values()
                for what, page, _ in items
                if what != "removed"
            }
        )


WORDS = {"A": "added", "M": "changed", "D": "removed", "R": "renamed"}


def page_changes(found: list[Change]) -> PageChanges:
    codes = {language.code for language in languages()}
    result = PageChanges()
    for change in found:
        parts = PurePosixPath(change.path).parts
        if len(parts) < 3 or parts[0] != "docs" or parts[1] not in codes or not change.path.endswith(".md"):
            continue
        page = PurePosixPath(*parts[2:]).as_posix()
        what = WORDS.get(change.status, "changed")
        old = PurePosixPath(*PurePosixPath(change.old_path).parts[2:]).as_posix() if change.old_path else None
        result.by_language.setdefault(parts[1], []).append((what, page, old))
    return result


def docs_at(root: Path, commit: str, into: Path) -> Path:
    """The ``docs/`` folder as it was at ``commit``, unpacked into ``into``."""
    archive = git(root, "archive", "--format=tar", commit, "docs", binary=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "docs"


def translation_moves(root: Path, start: str) -> tuple[list[str], list[str]]:
    """(made outdated, brought up to date) by this change: ``docs/<lang>/<page>`` each."""
    now = {(s.language, s.page): s.states for s in translation_status.report(project.current().docs_dir)}
    with tempfile.TemporaryDirectory(prefix="jsg-pr-report-") as folder:
        before = {
            (s.language, s.page): s.states
            for s in translation_status.report(docs_at(root, start, Path(folder)))
        }
    stale, fresh = [], []
    for key, states in sorted(now.items()):
        if key not in before:
            continue  # a page this change adds: listed with the pages, its translations start outdated
        was = before[key]
        where = f"docs/{key[0]}/{key[1]}"
        if translation_status.OUTDATED in states and translation_status.OUTDATED not in was:
            stale.append(where)
        if translation_status.OUTDATED in was and translation_status.OUTDATED not in states:
            fresh.append(where)
    return stale, fresh


def yaml_of(text: str | None) -> Any:
    try:
        return safe_yaml.load(text) if text else None
    except (yaml.YAMLError, ValueError):
        return None


def address_changes(root: Path, start: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(addresses added to data/published-urls.yml, moves added to data/redirects.yml)."""

    def urls(text: str | None) -> set[str]:
        data = yaml_of(text)
        return {str(item) for item in (data or {}).get("urls") or []} if isinstance(data, dict) else set()

    def moves(text: str | None) -> dict[str, str]:
        data = yaml_of(text)
        found = (data or {}).get("redirects") if isinstance(data, dict) else None
        return {str(old): str(new) for old, new in found.items()} if isinstance(found, dict) else {}

    now_root = project.current().root
    registry, redirects = "data/published-urls.yml", "data/redirects.yml"
    added = sorted(urls(read(now_root / registry)) - urls(file_at(root, start, registry)))
    old_moves, new_moves = moves(file_at(root, start, redirects)), moves(read(now_root / redirects))
    moved = [(old, new) for old, new in sorted(new_moves.items()) if old_moves.get(old) != new]
    return added, moved


def read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def contacts_by_id(text: str | None) -> dict[str, dict]:
    data = yaml_of(text)
    items = (data or {}).get("contacts") if isinstance(data, dict) else None
    return {str(item.get("id")): item for item in items or [] if isinstance(item, dict)}


def contact_changes(root: Path, start: str) -> list[str]:
    """Every change to a contact, as plain-words lines: each field that changed, by name, with its
    old and its new value (for the words, in each language that changed)."""
    path = "data/contacts.yml"
    before = contacts_by_id(file_at(root, start, path))
    after = contacts_by_id(read(project.current().root / path))
    lines = []
    for ident in sorted(before.keys() | after.keys()):
        old, new = before.get(ident), after.get(ident)
        name = f"contact {shown(ident)}"
        if old is None:
            lines.append(f"- {name} **added**: number {shown(new.get('number'))}, {verification(new)}")
        elif new is None:
            lines.append(f"- {name} **removed** (its number was {shown(old.get('number'))})")
        elif old != new:
            known = [*CONTACT_FIELDS, *WORD_FIELDS]
            keys = [*known, *sorted((old.keys() | new.keys()) - set(known), key=str)]
            changed = [line for key in keys for line in field_changes(key, old.get(key), new.get(key))]
            again = any(old.get(key) != new.get(key) for key in CONTACT_FIELDS)
            lines.append(
                f"- {name}: " + "; ".join(changed) + (f" (now {verification(new)})" if again else "")
            )
    return lines


def field_changes(key: object, old: object, new: object) -> list[str]:
    """One field's change, ``name: old → new``; for words in several languages, one per language
    that changed (``purpose (ku): old → new``)."""
    if old == new:
        return []
    label = str(key).replace("_", " ") if key in (*CONTACT_FIELDS, *WORD_FIELDS) else code(str(key))
    if isinstance(old, dict | None) and isinstance(new, dict | None):
        before, after = old or {}, new or {}
        codes = [language.code for language in languages()]
        others = sorted((before.keys() | after.keys()) - set(codes), key=str)
        lines = []
        for each in [*codes, *others]:
            if before.get(each) != after.get(each):
                where = each if each in codes else code(str(each))
                lines.append(f"{label} ({where}): {shown(before.get(each))} → {shown(after.get(each))}")
        return lines
    return [f"{label}: {shown(old)} → {shown(new)}"]


def shown(value: object, in_table: bool = False) -> str:
    """A value an editor wrote, shown exactly and never as a link (a code span); 'none' for none."""
    return "none" if value in (None, "") else code(str(value), in_table)


def verification(contact: dict) -> str:
    if not contact.get("verified"):
        return "not verified"
    return f"verified on {shown(contact.get('verified'))} by {shown(contact.get('verified_by'))}"


@dataclass
class Report:
    base: str
    contacts: list[str]
    pages: PageChanges
    outdated: list[str]
    up_to_date: list[str]
    addresses: list[str]
    moves: list[tuple[str, str]]
    screenshots: list[str] = field(default_factory=list)
    screenshot_note: str = ""


def make(base: str) -> Report:
    """Compare the project's HEAD with ``base``."""
    root = project.current().root
    start = merge_base(root, base)
    found = changes(root, start)
    stale, fresh = translation_moves(root, start)
    added, moved = address_changes(root, start)
    return Report(base, contact_changes(root, start), page_changes(found), stale, fresh, added, moved)


def markdown(report: Report) -> str:
    """The report for the job summary: contacts first, then pages, translations, addresses, pictures.
    Everything editors can write (file names, addresses, contacts, the base's name) is in code
    spans (scripts/github_report.py ``code``): shown as written, never a link or formatting."""
    out = [f"## What this change does to the site (compared with {shown(report.base)})", ""]
    if report.contacts:
        out += [
            "> [!WARNING]",
            "> **This change edits the emergency contacts** (`data/contacts.yml`). Check every number "
            "below against the partner who verified it before approving.",
            "",
            *report.contacts,
            "",
        ]
    out += ["### Pages changed", ""]
    if report.pages.by_language:
        out += ["| Language | Pages |", "|---|---|"]
        for language in languages():
            items = report.pages.by_language.get(language.code)
            if items:
                listed = "<br>".join(
                    f"{shown(page, True)} ({what}{f' from {shown(old, True)}' if old else ''})"
                    for what, page, old in items
                )
                out.append(f"| {shown(language.name, True)} ({shown(language.code, True)}) | {listed} |")
    else:
        out.append("No page changed.")
    out += ["", "### Translations", ""]
    out += [
        f"- Now **outdated** (the English page changed, this one not): {shown(p)}" for p in report.outdated
    ]
    out += [f"- Brought **up to date**: {shown(p)}" for p in report.up_to_date]
    if not (report.outdated or report.up_to_date):
        out.append("No translation became outdated or up to date.")
    out += ["", "### Addresses", ""]
    out += [f"- New address: {shown(address)}" for address in report.addresses]
    out += [f"- Moved page: {shown(old)} → {shown(new)}" for old, new in report.moves]
    if not (report.addresses or report.moves):
        out.append("No address added or moved.")
    out += ["", "### On a phone (360 pixels wide)", ""]
    if report.screenshots:
        out.append(
            f"{len(report.screenshots)} screenshot(s) of the changed pages, in every language: download "
            "**pr-report** at the bottom of this run's Summary page."
        )
        out += [f"- {shown(name)}" for name in report.screenshots]
    else:
        out.append(report.screenshot_note or "No changed page to show.")
    return "\n".join(out) + "\n"
