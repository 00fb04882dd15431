"""Release check: may this build be published? Used by the deploy workflow, not by ``make build``.

Why: the site can be built and reviewed while contact numbers are still being confirmed, but it
must not go public until at least one primary emergency number has been verified by a named person,
and no verified number may be left unchecked for more than a year.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scripts import contacts
from scripts.problems import Problem, display_path, line_of

WARN_AFTER_DAYS = 180
FAIL_AFTER_DAYS = 365


def check(contacts_file: Path = contacts.CONTACTS_FILE, today: dt.date | None = None) -> list[Problem]:
    """Problems that block publishing (severity "error") or need attention soon ("warning")."""
    problems = contacts.check(contacts_file)
    if problems:
        return problems
    today = today or dt.date.today()
    where = display_path(contacts_file)
    text = contacts_file.read_text(encoding="utf-8")
    loaded = contacts.load(contacts_file)
    if not contacts.verified_primary(loaded):
        problems.append(
            Problem(
                where,
                1,
                "no primary emergency contact is verified, so the site must not be published yet",
                "when the police confirm a number, set 'verified:' (YYYY-MM-DD) and 'verified_by:' "
                "on the contact with 'primary: true'",
            )
        )
    for contact in loaded:
        if contact.verified is None:
            continue
        age = (today - contact.verified).days
        line = line_of(text, f"- id: {contact.id}")
        hint = "call the number again, then update 'verified:' to today's date"
        if age > FAIL_AFTER_DAYS:
            problems.append(
                Problem(where, line, f"contact '{contact.id}' was last verified {age} days ago", hint)
            )
        elif age > WARN_AFTER_DAYS:
            problems.append(
                Problem(
                    where, line, f"contact '{contact.id}' was last verified {age} days ago", hint, "warning"
                )
            )
    return problems
