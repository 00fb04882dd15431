"""A contact whose number changed is not verified until someone checks the new number.

Why: ``verified`` is the date a named person called *this* number and reached the service. An edit
that changes ``number:`` and leaves ``verified:`` as it was, by mistake or on purpose, would show a
number nobody checked as confirmed, with a tap-to-call button on the home page. The contacts file
alone cannot tell; the file as committed on main can (``scripts/checks/committed.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from scripts import safe_yaml
from scripts.checks import committed
from scripts.contacts import contacts_file, field_line
from scripts.problems import Problem, display_path

HINT = (
    "set 'verified: null' and 'verified_by: null' until a partner has called the new number; "
    "once they have, write the date they did (README, 'Updating a contact')"
)


def digits(number: object) -> str:
    """The number's digits alone: '+90 538 862 61 76' and '+905388626176' are the same number."""
    return re.sub(r"\D", "", str(number or ""))


def by_id(text: str) -> dict[str, dict]:
    """Contacts of one text of the file by id; empty when that text cannot be read."""
    try:
        data = safe_yaml.load(text)
    except (yaml.YAMLError, ValueError):
        return {}
    entries = data.get("contacts") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}
    return {str(entry["id"]): entry for entry in entries if isinstance(entry, dict) and entry.get("id")}


def check(path: Path | None = None) -> list[Problem]:
    """Verified contacts whose number differs from the committed one while ``verified`` did not
    move. Outside a git checkout there is nothing to compare with; ``published_urls`` already warns
    about that for the whole check, so this rule stays silent rather than warn twice."""
    path = contacts_file() if path is None else path
    found = committed.read(path)
    text = path.read_text(encoding="utf-8")
    now = by_id(text)
    problems = []
    for before in map(by_id, found.texts):
        for ident, entry in now.items():
            old = before.get(ident)
            if old is None or entry.get("verified") is None:
                continue
            if digits(old.get("number")) == digits(entry.get("number")):
                continue
            if entry.get("verified") != old.get("verified"):
                continue  # verified again, on the date the editor gives
            problems.append(
                Problem(
                    display_path(path),
                    field_line(text, ident, "number"),
                    f"contact '{ident}': the number changed (on {found.source} it is "
                    f"'{old.get('number')}'), but 'verified: {entry.get('verified')}' is the date "
                    "the old number was checked",
                    HINT,
                )
            )
    return sorted(set(problems))
