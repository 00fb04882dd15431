"""CODEOWNERS names reviewers for every language folder and for the contacts data. The teams are
placeholders (commented out) until the partners name them; the entries must exist either way."""

from __future__ import annotations

import re

import pytest

from scripts.site_config import ROOT, languages

pytestmark = pytest.mark.unit

ENTRY = re.compile(r"^(?:# )?(\S+)\s+((?:@\S+\s*)+)$")


def entries() -> dict[str, list[str]]:
    """Path pattern -> owners, for active lines and for the placeholder lines ('# path @team')."""
    found = {}
    for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines():
        match = ENTRY.match(line.strip())
        if match:
            found[match.group(1)] = match.group(2).split()
    return found


@pytest.mark.parametrize("code", [language.code for language in languages()])
def test_every_language_folder_has_reviewers(code: str):
    assert entries().get(f"docs/{code}/"), f".github/CODEOWNERS has no line for docs/{code}/"


def test_the_contacts_data_has_its_own_reviewers():
    owners = entries().get("data/contacts.yml")
    assert owners and all(owner.startswith("@") for owner in owners)
