"""Phone numbers typed anywhere but ``data/contacts.yml``'s ``number`` fields: data strings,
``mkdocs.yml`` (site names, menu labels) and the theme strings.

Why: a number on this site must be one that is checked and marked verified or not. The page check
(content_check.phone_numbers) reads the Markdown only, so a number planted in a step's text, a
contact's opening hours, a language's site name or a theme string reached every page unchecked.
Read line by line from the raw text, so the message names the line and YAML quoting or a
template's markup cannot hide a number from the matcher (scripts/checks/phone_numbers.py, the one every
number check uses: libphonenumber and runs of 8 or more digits, in any script).
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.checks import phone_numbers
from scripts.problems import Problem, display_path

# The one place a number may be written: a contact's own number field.
NUMBER_FIELD = re.compile(r"^\s*-?\s*number\s*:")


def numbers_in(line: str) -> list[str]:
    """The phone-like numbers of one line, as written."""
    return [number.raw for number in phone_numbers.find(line)]


def files(root: Path) -> list[Path]:
    """Every non-page file whose text reaches readers."""
    found = [*sorted((root / "data").glob("*.yml")), root / "mkdocs.yml"]
    found += sorted((root / "overrides").rglob("*.html"))
    return [path for path in found if path.is_file()]


def check(root: Path) -> list[Problem]:
    problems = []
    for path in files(root):
        contacts = path.name == "contacts.yml"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # reported by input_files
        for number, line in enumerate(lines, start=1):
            if contacts and NUMBER_FIELD.match(line):
                continue
            if path.suffix == ".yml" and line.lstrip().startswith("#"):
                continue  # a YAML comment is never published
            found = numbers_in(line)
            if found:  # one problem a line: a run of digits may hold a number found on its own
                raw = ", ".join(item.strip() for item in found)
                problems.append(
                    Problem(
                        display_path(path),
                        number,
                        f"a phone number ({raw}) is written here",
                        "numbers live only in the 'number' fields of data/contacts.yml, where "
                        "they are checked and marked verified or not; remove it from this text",
                    )
                )
    return sorted(set(problems))
