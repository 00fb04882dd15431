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
    if not contacts.verified_primary(contacts.load(contacts_file)):
        problems.append(
            Problem(
                display_path(contacts_file),
                1,
                "no primary emergency contact is verified, so the site must not be published yet",
                "when the police confirm a number, set 'verified:' (YYYY-MM-DD) and 'verified_by:' "
                "on the contact with 'primary: true'",
            )
        )
    return problems + stale_contacts(contacts_file, today)


def stale_contacts(contacts_file: Path, today: dt.date) -> list[Problem]:
    """Verified numbers not checked again for a while: a warning after 180 days, an error after 365.

    The content check shows them all as warnings (drafts still build); only this release check
    stops publishing.
    """
    where = display_path(contacts_file)
    text = contacts_file.read_text(encoding="utf-8")
    problems = []
    for contact in contacts.load(contacts_file):
        if contact.verified is None:
            continue
        age = (today - contact.verified).days
        if age <= WARN_AFTER_DAYS:
            continue
        problems.append(
            Problem(
                where,
                line_of(text, f"- id: {contact.id}"),
                f"contact '{contact.id}' was last verified {age} days ago",
                "call the number again, then update 'verified:' to today's date; "
                f"after {FAIL_AFTER_DAYS} days publishing stops",
                "error" if age > FAIL_AFTER_DAYS else "warning",
            )
        )
    return problems
