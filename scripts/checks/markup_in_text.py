"""Text that templates print must be text: no HTML tags in titles, descriptions, data strings or
theme strings.

Why: Material's templates print a page's title into ``<title>``, the heading and the menu, and our
templates print data/interface.yml and the theme strings (overrides/partials/languages/*.html),
without escaping (MkDocs templates do not auto-escape). The build now escapes what it can at the
source (safe_meta.py and template_helpers.py in scripts/engine/mkdocs/hooks/) and the output policy
(scripts/finish/output_policy.py) stops anything that still runs; this check tells the editor first,
with the file and line, because a ``<`` that starts a tag there is always a mistake or an attack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from scripts import safe_yaml
from scripts.problems import Problem, display_path

# A "<" that a browser would read as the start of a tag, a comment or a declaration.
TAG = re.compile(r"<\s*[A-Za-z!/?]")
HINT = "write plain text: remove the '<…>' part (if you need the sign itself, write 'less than')"
META_FIELDS = ("title", "description")
# data/*.yml files whose strings are printed into pages.
DATA_FILES = ("interface.yml", "contacts.yml", "leaflets.yml")
# Strings and Jinja comments in overrides/partials/languages/<code>.html.
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'')
COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def line_at(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def check_meta(meta: dict[str, Any] | None, source: str, where: str) -> list[Problem]:
    """A page's front-matter title and description (the title is also its menu label)."""
    problems = []
    for field in META_FIELDS:
        value = (meta or {}).get(field)
        if isinstance(value, str) and (found := TAG.search(value)):
            line = line_at(source, f"{field}:")
            message = f"the {field} contains HTML ('{value[found.start() : found.start() + 30]}')"
            problems.append(Problem(where, line, message, HINT))
    return problems


def strings(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a parsed YAML document, with its key path (``text.404.title.en``)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for number, value in enumerate(data, start=1):
            yield from strings(value, f"{path}.{number}")
    elif isinstance(data, str):
        yield path, data


def check_data(root: Path) -> list[Problem]:
    """Strings of the data files that pages print."""
    problems = []
    for name in DATA_FILES:
        path = root / "data" / name
        try:
            text = path.read_text(encoding="utf-8")
            data = safe_yaml.load(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):
            continue  # reported by the check of that file
        for key, value in strings(data):
            if found := TAG.search(value):
                snippet = value[found.start() : found.start() + 30]
                line = line_at(text, snippet) if snippet in text else line_at(text, value[:20])
                message = f"the text '{key}' contains HTML ('{snippet}')"
                problems.append(Problem(display_path(path), line, message, HINT))
    return problems


def check_theme_strings(root: Path) -> list[Problem]:
    """The theme strings Material prints into every page of a language (menus, buttons, labels):
    no tag in a string, and none outside the strings either (the file is a Jinja template, so
    anything there is printed into every page)."""
    problems = []
    for path in sorted((root / "overrides" / "partials" / "languages").glob("*.html")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        # Jinja comments print nothing; blanked out keeping the line numbers.
        text = COMMENT.sub(lambda found: "\n" * found.group(0).count("\n"), text)
        for number, line in enumerate(text.splitlines(), start=1):
            for entry in QUOTED.finditer(line):
                value = entry.group(1) or entry.group(2) or ""
                if found := TAG.search(value):
                    snippet = value[found.start() : found.start() + 30]
                    message = f"a theme string contains HTML ('{snippet}')"
                    problems.append(Problem(display_path(path), number, message, HINT))
            if TAG.search(QUOTED.sub("", line)):
                message = "this line of the theme strings holds HTML outside a string"
                problems.append(Problem(display_path(path), number, message, HINT))
    return problems


def check_files(root: Path) -> list[Problem]:
    """Every data file and theme string file of the project at ``root``."""
    return check_data(root) + check_theme_strings(root)
