"""Phone numbers typed anywhere but ``data/contacts.yml``'s ``number`` fields: data strings,
``mkdocs.yml`` (site names, menu labels) and the theme strings.

Why: a number on this site must be one that is checked and marked verified or not. The page check
(content_check.phone_numbers) reads the Markdown only, so a number planted in a step's text, a
contact's opening hours, a language's site name or a theme string reached every page unchecked.
Read line by line from the raw text, so the message names the line and YAML quoting or a
template's markup cannot hide a number from the matcher (libphonenumber, which also reads
Arabic-Indic and other digits).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import phonenumbers

from scripts.problems import Problem, display_path

REGIONS = ("SY", "TR")
# The one place a number may be written: a contact's own number field.
NUMBER_FIELD = re.compile(r"^\s*-?\s*number\s*:")
# libphonenumber skips a number that other digits run into ("(2018) 0538 862 61 77"), so any run
# of 8 or more digits (spaces, dots, dashes and brackets between them) counts too; ISO dates aside.
DIGIT_RUN = re.compile(r"\d(?:[\s.\-()/]*\d){7,}")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def ascii_digits(text: str) -> str:
    """Every decimal digit (Arabic-Indic, Persian, full-width…) as 0 to 9."""
    return "".join(str(unicodedata.digit(char)) if char.isdecimal() else char for char in text)


def numbers_in(line: str) -> list[str]:
    found = [
        match.raw_string for region in REGIONS for match in phonenumbers.PhoneNumberMatcher(line, region)
    ]
    if not found:
        found = DIGIT_RUN.findall(ISO_DATE.sub(" ", ascii_digits(line)))
    return found


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
            for raw in numbers_in(line):
                problems.append(
                    Problem(
                        display_path(path),
                        number,
                        f"a phone number ({raw.strip()}) is written here",
                        "numbers live only in the 'number' fields of data/contacts.yml, where "
                        "they are checked and marked verified or not; remove it from this text",
                    )
                )
    return sorted(set(problems))
