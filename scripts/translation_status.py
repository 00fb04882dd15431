"""Which translations are missing, outdated or not yet reviewed.

Why: a translation records the exact version of its source page it was made from
(``translation.source_hash`` in its front matter: a hash of the source's title, description and
text). When the source changes, the hash no longer matches and the translation is outdated; no
dates to compare, and the record survives rebases and merges (the Kubernetes approach).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from scripts import safe_yaml
from scripts.front_matter import FENCE
from scripts.pages import docs_folder
from scripts.site_config import languages, load

UP_TO_DATE = "up to date"
OUTDATED = "outdated"
MISSING = "missing"
NOT_REVIEWED = "not yet reviewed"
SOURCE = "source"


def source_language() -> str:
    """The language translators work from (``extra.source_language`` in mkdocs.yml)."""
    return load()["extra"]["source_language"]


def split(text: str) -> tuple[dict, str]:
    """(front matter, body) of a Markdown page."""
    match = FENCE.match(text)
    if match is None:
        return {}, text
    return safe_yaml.load(match.group(1)) or {}, text[match.end() :]


def source_hash(path: Path) -> str:
    """Hash of what a translator translates: title, description and body (not dates)."""
    return text_hash(path.read_text(encoding="utf-8"))


def text_hash(text: str) -> str:
    """``source_hash`` of a page's text (also of an old version of it, from git)."""
    meta, body = split(text)
    material = "\n".join([str(meta.get("title", "")), str(meta.get("description", "")), body.strip()])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Status:
    language: str
    page: PurePosixPath
    states: tuple[str, ...]

    @property
    def label(self) -> str:
        return ", ".join(self.states)


def page_status(language: str, page: PurePosixPath, docs_dir: Path | None = None) -> Status:
    """The state of one page in one language."""
    docs_dir = docs_folder() if docs_dir is None else docs_dir
    if language == source_language():
        return Status(language, page, (SOURCE,))
    translated = docs_dir / language / page
    if not translated.exists():
        return Status(language, page, (MISSING,))
    meta, _ = split(translated.read_text(encoding="utf-8"))
    record = meta.get("translation") or {}
    states = []
    if record.get("source_hash") != source_hash(docs_dir / source_language() / page):
        states.append(OUTDATED)
    if record.get("reviewed") is not True:
        states.append(NOT_REVIEWED)
    return Status(language, page, tuple(states) or (UP_TO_DATE,))


def report(docs_dir: Path | None = None) -> list[Status]:
    """Status of every source page in every language."""
    docs_dir = docs_folder() if docs_dir is None else docs_dir
    source_dir = docs_dir / source_language()
    pages = sorted(PurePosixPath(p.relative_to(source_dir).as_posix()) for p in source_dir.rglob("*.md"))
    return [page_status(language.code, page, docs_dir) for page in pages for language in languages()]


def table(statuses: list[Status]) -> str:
    """A plain-text table, page by language."""
    codes = [language.code for language in languages()]
    pages = sorted({status.page for status in statuses})
    cell = {(status.page, status.language): status.label for status in statuses}
    width = max(len(str(page)) for page in pages)
    widths = {code: max(len(code), *(len(cell[(page, code)]) for page in pages)) for code in codes}
    header = "page".ljust(width) + " | " + " | ".join(code.ljust(widths[code]) for code in codes)
    lines = [header, "-" * len(header)]
    for page in pages:
        row = " | ".join(cell[(page, code)].ljust(widths[code]) for code in codes)
        lines.append(str(page).ljust(width) + " | " + row)
    return "\n".join(lines)


TRANSLATION_BLOCK = re.compile(r"^translation:\n((?:[ \t]+.*\n)*)", re.MULTILINE)


def stamp(path: Path, docs_dir: Path | None = None) -> None:
    """Record in a translation's front matter that it matches the current source page."""
    docs_dir = docs_folder() if docs_dir is None else docs_dir
    parts = path.resolve().relative_to(docs_dir.resolve()).parts
    source = docs_dir / source_language() / PurePosixPath(*parts[1:])
    digest = source_hash(source)
    text = path.read_text(encoding="utf-8")
    block = TRANSLATION_BLOCK.search(text)
    if block is None:
        front_end = FENCE.match(text).end(1)
        new = f'translation:\n  from: {source_language()}\n  reviewed: false\n  source_hash: "{digest}"\n'
        text = text[:front_end] + new + text[front_end:]
    else:
        fields = re.sub(r"^[ \t]+source_hash:.*\n", "", block.group(1), flags=re.MULTILINE)
        text = text[: block.start(1)] + fields + f'  source_hash: "{digest}"\n' + text[block.end(1) :]
    path.write_text(text, encoding="utf-8")
