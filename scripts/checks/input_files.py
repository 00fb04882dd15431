"""Every file the build reads, checked before anything parses it: kind, size, encoding, YAML limits.

Why: the other checks assume readable files; a stray byte, a byte-order mark or a YAML bomb would
otherwise end them with a traceback or a hang, and a file of a kind the site does not use
(``docs/en/.meta.yml`` switches a language's pages to another template) would change pages without
any page changing. Files that cannot be read are reported alone (``unreadable``), first: every
other check would only repeat them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import subprocess
from pathlib import Path

import yaml

from scripts import project, safe_yaml
from scripts.checks import css_check, engine_allowlist, future_dates, reviewed_scripts, svg_check, text_tricks
from scripts.front_matter import FENCE
from scripts.problems import Problem, display_path

UNREADABLE = "unreadable"
# Names under docs/ (folders and file names before the suffix): they become web addresses.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SUFFIX = re.compile(r"[a-z0-9]+", re.IGNORECASE)  # b.JPG is an image like b.jpg
MAX_IMAGE_BYTES = 200_000  # every reader's phone downloads each image for offline use
IMAGES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".gif"})
# The kinds of file each folder holds today; another kind is a reviewed change here.
KINDS = {
    "docs": frozenset({".md", ".svg", *IMAGES}),
    "overrides": frozenset({".html", ".css", ".js", ".svg", *IMAGES}),
}
TEXT = frozenset({".md", ".yml", ".svg", ".html", ".css", ".js"})
# Python-Markdown matches brackets in quadratic time: 1000 '[' and 1000 '<' in one paragraph take
# five seconds to render. Our pages have at most 10 and 2; these limits keep any page under 0.2 s.
MAX_PAGE_BYTES = 200_000
MAX_BRACKETS = 300  # '[' and '<' together
# Inline marks ('`', '*', '_') each start a pattern search: 60,000 of them took 12 s to check.
# Our busiest page has 30.
MAX_MARKS = 2_000


def inputs(root: Path) -> list[Path]:
    """The files the build reads: docs/**, overrides/**, data/*.yml, mkdocs.yml."""
    found = [
        path
        for folder in KINDS
        for path in sorted((root / folder).rglob("*"))
        if path.is_symlink() or not path.is_dir()
    ]
    config = [root / "mkdocs.yml"] if (root / "mkdocs.yml").exists() else []  # MkDocs says when it is gone
    return [*found, *sorted((root / "data").glob("*.yml")), *config]


def check(root: Path, today: dt.date) -> list[Problem]:
    """Every problem of every input file."""
    problems: list[Problem] = []
    config = root / "mkdocs.yml"
    for path in inputs(root):
        try:
            problems += check_file(path, root, today)
        except OSError as error:
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    f"the file cannot be read ({error.strerror})",
                    "restore it from git",
                    rule=UNREADABLE,
                )
            )
    if config.exists() and not any(problem.rule == UNREADABLE for problem in problems):
        problems += engine_allowlist.check(config)
    problems += reviewed_scripts.missing(root)
    return problems


def badly_named(path: Path, root: Path) -> list[Problem]:
    """A file or folder under docs/ whose name is not lower-case letters, digits and hyphens.

    Why: each name becomes part of a web address, a menu entry and the build's messages. A name
    with a space, a capital, a look-alike letter or a line break (``kids\n::add-mask::x.md``)
    passed the check, then broke the build or printed lines that CI systems read as commands."""
    relative = path.relative_to(root)
    if relative.parts[0] != "docs":
        return []
    *folders, name = relative.parts[1:]
    stem, dot, suffix = name.rpartition(".")
    if all(SLUG.fullmatch(part) for part in (*folders, stem)) and dot and SUFFIX.fullmatch(suffix):
        return []
    shown = str(relative).encode("unicode_escape").decode("ascii")  # a line break stays on its line
    return [
        Problem(
            shown,
            1,
            f"this name cannot be part of a web address ({shown})",
            "rename it with lower-case letters a-z, digits and hyphens only, for example "
            "docs/en/kids-at-school.md, and the same name in every language folder",
            rule=UNREADABLE,
        )
    ]


def check_file(path: Path, root: Path, today: dt.date) -> list[Problem]:
    where = display_path(path)
    folder = path.relative_to(root).parts[0]
    suffix = path.suffix.lower()
    relative = path.relative_to(root)
    if path.is_symlink() or any((root / parent).is_symlink() for parent in relative.parents if parent.parts):
        return [
            Problem(
                unresolved(root, relative),
                1,
                "this is a link to another file (a symlink): it can bring any file of the computer "
                "into the site",
                "replace the link with a copy of the file itself",
                rule=UNREADABLE,
            )
        ]
    if folder in KINDS and (suffix not in KINDS[folder] or path.name.startswith(".")):
        allowed = ", ".join(sorted(KINDS[folder]))
        return [
            Problem(
                where,
                1,
                f"{folder}/ holds no files of this kind ({path.name})",
                f"remove it; {folder}/ holds only {allowed}",
            )
        ]
    if named := badly_named(path, root):  # after the kinds: a stray file is named as one
        return named
    data = path.read_bytes()
    if suffix in IMAGES:
        if len(data) > MAX_IMAGE_BYTES:
            return [
                Problem(
                    where,
                    1,
                    f"the image is too large ({len(data) // 1000} KB, at most {MAX_IMAGE_BYTES // 1000} KB)",
                    "make it smaller (fewer pixels, or save as WebP) before adding it",
                )
            ]
        return []
    if suffix not in TEXT:
        return []
    text, problems = decode(data, where)
    if text is None:
        return problems
    if suffix == ".svg":
        problems += svg_check.check(data, where)
    elif suffix == ".css":
        problems += css_check.check(text, where)
    elif suffix == ".js":
        problems += reviewed_scripts.check(path.relative_to(root).as_posix(), data, where)
    if suffix == ".md" and (too_much := heavy_page(text, where)):
        return too_much
    problems += text_tricks.hidden_characters(text, where)
    if suffix == ".yml":
        problems += yaml_document(text, where, path.name == "mkdocs.yml", today)
    elif suffix == ".md" and (match := FENCE.match(text.replace("\r\n", "\n"))):
        problems += future_dates.check(match.group(1), where, today, first_line=2)
    return problems


def unresolved(root: Path, relative: Path) -> str:
    """How the editor names a link's own path (display_path would name the file it points to)."""
    return (
        relative.as_posix()
        if root.resolve() == project.current().root
        else (root.resolve() / relative).as_posix()
    )


def heavy_page(text: str, where: str) -> list[Problem]:
    """A page too large or too full of brackets to render in well under a second."""
    brackets = text.count("[") + text.count("<")
    marks = sum(text.count(mark) for mark in "`*_")
    if len(text) <= MAX_PAGE_BYTES and brackets <= MAX_BRACKETS and marks <= MAX_MARKS:
        return []
    return [
        Problem(
            where,
            1,
            f"the page is too large to check ({len(text)} characters, {brackets} '[' and '<', "
            f"{marks} '`', '*' and '_'; at most {MAX_PAGE_BYTES}, {MAX_BRACKETS} and {MAX_MARKS})",
            "split it into several pages, or remove the stray brackets",
            rule=UNREADABLE,
        )
    ]


def decode(data: bytes, where: str) -> tuple[str | None, list[Problem]]:
    """The text of a file, or the problem that stops it being read as UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return None, [
            Problem(
                where,
                1,
                "the file starts with an invisible byte-order mark",
                "save it as UTF-8 without BOM",
                rule=UNREADABLE,
            )
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, [
            Problem(
                where,
                line,
                f"the file is not UTF-8 text (byte {data[error.start]:#04x} cannot be read)",
                "save the file as UTF-8 (in most editors: Save with encoding → UTF-8)",
                rule=UNREADABLE,
            )
        ]


def yaml_document(text: str, where: str, is_config: bool, today: dt.date) -> list[Problem]:
    """A data file or mkdocs.yml read within safe_yaml's limits; then its dates."""
    tags = safe_yaml.STANDARD_TAGS | safe_yaml.MKDOCS_TAGS if is_config else safe_yaml.STANDARD_TAGS
    try:
        safe_yaml.scan(text, tags)
    except yaml.YAMLError as error:
        hint = "check indentation and quotes; write each value in full (no &anchors, *aliases or !tags)"
        return [
            safe_yaml.problem(error, where, "the file is not valid YAML for this site", hint, rule=UNREADABLE)
        ]
    return [] if is_config else future_dates.check(text, where, today)


def check_config(config_file: Path) -> list[Problem]:
    """mkdocs.yml alone, for the build to run before MkDocs reads it (MkDocs' loader runs any tag)."""
    try:
        text, problems = decode(config_file.read_bytes(), display_path(config_file))
    except OSError:
        return []  # MkDocs names a missing configuration itself
    if text is not None:
        problems += yaml_document(text, display_path(config_file), True, dt.date.today())
    return problems or engine_allowlist.check(config_file)


# What the build keeps for itself between runs. A pull request that commits files there would hand
# the build verdicts and twins it never made (a "clean" mark for a page with a script in it).
BUILD_ONLY_FOLDERS = (".cache", "site")


def committed_build_files(root: Path) -> list[Problem]:
    """Files git tracks under .cache/ or site/: each one refused (the build makes these itself)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", *BUILD_ONLY_FOLDERS],
            cwd=root,
            capture_output=True,
            check=False,
        )
    except OSError:
        return []  # no git: nothing can have been committed through it
    names = [name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name]
    shown = [name.encode("unicode_escape").decode("ascii") for name in names]  # one line each
    return [
        Problem(
            name,
            1,
            "this file is committed, but only the build may write under .cache/ and site/",
            "take it out of the pull request (git rm --cached <file>); the build makes its own",
            rule=UNREADABLE,
        )
        for name in shown
    ]
