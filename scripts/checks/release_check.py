"""Release check: may this build be published? Used by the deploy workflow, not by ``make build``.

Why: the site can be built and reviewed while contact numbers are still being confirmed, but it
must not go public until at least one primary emergency number has been verified by a named person,
and no verified number may be left unchecked for more than a year. Nor may it go public with a
local or unencrypted address (``SITE_URL``): every contacts card and every printed QR code carries
the site's address, and ``http://127.0.0.1:8000/`` on paper leads nowhere for years.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from scripts import contacts, project, site_config
from scripts.checks import drafts
from scripts.problems import Problem, display_path, line_of

WARN_AFTER_DAYS = 180
FAIL_AFTER_DAYS = 365
SITE_URL_ENV = "SITE_URL"
# Names that never reach the public internet (RFC 6761, RFC 6762, RFC 8375 and common private use).
LOCAL_NAMES = frozenset(
    {
        "localhost",
        "local",
        "internal",
        "intranet",
        "lan",
        "home",
        "corp",
        "private",
        "test",
        "example",
        "invalid",
        "home.arpa",
        "localdomain",
    }
)
LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)", re.ASCII)
SAFE_PATH = re.compile(r"/[A-Za-z0-9/_.~-]*", re.ASCII)
URL_HINT = (
    "build and publish with SITE_URL set to the site's public https:// address, "
    "for example SITE_URL=https://example.org/jarablus/ (the deploy workflow sets it)"
)


def check(contacts_file: Path | None = None, today: dt.date | None = None) -> list[Problem]:
    """Problems that block publishing (severity "error") or need attention soon ("warning")."""
    contacts_file = contacts.contacts_file() if contacts_file is None else contacts_file
    problems = contacts.check(contacts_file) + site_address()
    problems += drafts.check(project.current().docs_dir, severity="error")  # new-page's draft lines
    if any(problem.file == display_path(contacts_file) for problem in problems):
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


def site_address(config_file: Path | None = None) -> list[Problem]:
    """The address printed on every contacts card and QR code must be public and https://.

    Read afresh (not the cached configuration) so that SITE_URL is taken as it is now."""
    config_file = site_config.config_path() if config_file is None else config_file
    text = config_file.read_text(encoding="utf-8")
    where, line = display_path(config_file), line_of(text, "site_url:")
    url = site_config.load.__wrapped__(config_file).get("site_url") or ""
    if os.environ.get(SITE_URL_ENV) is None and "!ENV" in text.splitlines()[line - 1]:
        why = f"SITE_URL is not set, so every contacts card and QR code would print {url or 'no address'}"
    else:
        why = address_problem(str(url))
        why = why and f"the site address '{str(url)[:200]}' {why}".replace(" '' ", " ")
    return [Problem(where, line, why, URL_HINT)] if why else []


def address_problem(url: str) -> str | None:
    """Why ``url`` cannot be the published address of the site (None when it can)."""
    if not url.strip():
        return "is empty"
    if any(not 33 <= ord(character) < 127 for character in url):
        return "contains spaces, control characters or letters outside plain ASCII (write a domain as xn--…)"
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        return "does not start with https:// (readers' browsers must reach it encrypted)"
    if parts.username or parts.password or parts.query or parts.fragment or "@" in parts.netloc:
        return "has a user name, a '?' or a '#' part"
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return "has a port that is not a number"
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return "has no host name"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        mapped = getattr(address, "ipv4_mapped", None)
        if not (mapped or address).is_global:
            return f"is a local or private address ({host}): readers' phones cannot open it"
        return None
    labels = host.split(".")
    if not all(LABEL.fullmatch(label) for label in labels):
        return f"has a host name that is not a domain name ({host})"
    if len(labels) < 2 or labels[-1] in LOCAL_NAMES or ".".join(labels[-2:]) in LOCAL_NAMES:
        return f"is a local address ({host}): readers' phones cannot open it"
    if all(label.isdigit() for label in labels) or labels[-1].isdigit():
        return f"is not a complete public address ({host})"
    if not SAFE_PATH.fullmatch(parts.path or "/"):
        return "has a path with characters other than letters, digits and - _ . ~ /"
    return None
