"""A verified contact whose number changes loses its verification unless the date moves with it.

The rule compares data/contacts.yml with the file as committed on main (scripts/checks/contact_changes.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks import contact_changes
from tests.test_address_checks import git

VERIFIED = """\
contacts:
  - id: police
    primary: true
    number: "+90 538 862 61 76"
    verified: 2026-01-10
    verified_by: A partner, desk officer
    source: test
  - id: civil-defence
    number: "113"
    region: SY
    verified: null
    verified_by: null
    source: test
"""


@pytest.fixture
def contacts_file(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "contacts.yml"
    path.write_text(VERIFIED, encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "published")
    return path


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def messages(path: Path) -> list[str]:
    root = str(path.parent.parent) + "/"
    return [str(problem).replace(root, "") for problem in contact_changes.check(path)]


@pytest.mark.parametrize(
    "new_number",
    ['"+90 538 862 61 77"', '"+90 538 862 6176 0"', "'+963 11 000 0000'", "+905388626177"],
)
def test_a_new_number_under_an_old_verified_date_fails_with_its_line(contacts_file: Path, new_number: str):
    edit(contacts_file, '"+90 538 862 61 76"', new_number)
    found = messages(contacts_file)
    assert len(found) == 1, found
    assert found[0].startswith("data/contacts.yml:4: contact 'police': the number changed")
    assert "verified: null" in found[0]


def test_the_same_number_written_another_way_is_not_a_change(contacts_file: Path):
    edit(contacts_file, '"+90 538 862 61 76"', '"+905388626176"')
    assert messages(contacts_file) == []


def test_a_new_number_verified_on_a_new_date_passes(contacts_file: Path):
    edit(contacts_file, '"+90 538 862 61 76"', '"+90 538 862 61 77"')
    edit(contacts_file, "verified: 2026-01-10", "verified: 2026-02-01")
    assert messages(contacts_file) == []


def test_a_new_number_marked_unverified_passes(contacts_file: Path):
    edit(contacts_file, '"+90 538 862 61 76"', '"+90 538 862 61 77"')
    edit(contacts_file, "verified: 2026-01-10", "verified: null")
    assert messages(contacts_file) == []


def test_a_change_committed_on_a_branch_still_counts_against_main(contacts_file: Path):
    project = contacts_file.parent.parent
    git(project, "checkout", "-q", "-b", "edit")
    edit(contacts_file, '"+90 538 862 61 76"', '"+90 538 862 61 77"')
    git(project, "commit", "-q", "-am", "new number")
    assert len(messages(contacts_file)) == 1


def test_an_unverified_contact_may_change_its_number(contacts_file: Path):
    edit(contacts_file, '"113"', '"110"')
    assert messages(contacts_file) == []


def test_the_real_contacts_file_passes():
    assert contact_changes.check() == []
