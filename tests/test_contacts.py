"""Emergency contacts as readers get them: every contact on the contacts page in every language;
only verified numbers can be tapped to call; the home page shows only verified ones; the release
check blocks publishing until a primary number is verified."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

import yaml

from scripts import contacts
from scripts.checks import release_check
from scripts.pages import output_file
from scripts.site_config import ROOT, languages
from tests.html import parse
from tests.project_copy import run

CONTACTS = PurePosixPath("contacts.md")
HOME = PurePosixPath("index.md")


def contact_ids() -> list[str]:
    return [contact["id"] for contact in yaml.safe_load((ROOT / "data/contacts.yml").read_text())["contacts"]]


def test_every_contact_appears_on_the_contacts_page_in_every_language(built_site: Path, site_languages):
    for language in site_languages:
        soup = parse(output_file(built_site, CONTACTS, language))
        shown = [section["data-contact"] for section in soup.select("section.jsg-contact")]
        assert sorted(shown) == sorted(contact_ids()), language.code
        for contact in contacts.load():
            card = soup.select_one(f'section[data-contact="{contact.id}"]')
            assert card.h2.get_text(strip=True) == contact.name[language.code]
            assert card.select_one(".jsg-phone").get_text() == contact.display_number


def test_unverified_numbers_are_never_tap_to_call_and_carry_a_warning(built_site: Path, site_languages):
    unverified = [contact for contact in contacts.load() if not contact.is_verified]
    assert unverified, "the brief's numbers are all unverified; this test needs at least one"
    for language in site_languages:
        soup = parse(output_file(built_site, CONTACTS, language))
        for contact in unverified:
            card = soup.select_one(f'section[data-contact="{contact.id}"]')
            assert card.select("a[href^='tel:']") == []
            assert card.select_one(".jsg-unconfirmed .admonition-title").get_text(strip=True)


def test_numbers_are_written_in_international_form_and_left_to_right(built_site: Path, site_languages):
    for language in site_languages:
        for number in parse(output_file(built_site, CONTACTS, language)).select(".jsg-phone"):
            assert number["dir"] == "ltr"
    police = next(contact for contact in contacts.load() if contact.id == "jarablus-police-2018")
    assert police.display_number == "+90 538 862 61 76"
    assert police.tel_uri == "tel:+905388626176"


def test_home_shows_no_number_while_none_is_verified(built_site: Path, site_languages):
    for language in site_languages:
        soup = parse(output_file(built_site, HOME, language))
        assert soup.select("a[href^='tel:']") == []
        assert soup.select(".jsg-phone") == []
        notice = soup.select_one(".jsg-emergency--none")
        assert notice.select_one("a")["href"].endswith("contacts/")


def test_release_check_blocks_publishing_while_no_primary_number_is_verified():
    problems = release_check.check()
    assert any("no primary emergency contact is verified" in problem.message for problem in problems)
    result = run(ROOT, "release-check")
    assert result.returncode == 1
    assert "data/contacts.yml:1: no primary emergency contact is verified" in result.stderr


def test_a_verified_contact_becomes_a_tap_to_call_button_on_home_and_contacts(verified_site: Path):
    site = verified_site / "site"
    for language in languages():
        for page in (HOME, CONTACTS):
            links = parse(output_file(site, page, language)).select("a[href^='tel:']")
            assert [link["href"] for link in links] == ["tel:+905388626176"], f"{language.code}/{page}"
            assert links[0].select_one(".jsg-phone[dir=ltr]").get_text() == "+90 538 862 61 76"
        home = parse(output_file(site, HOME, language))
        assert home.select_one(".jsg-emergency--none") is None
        # Unverified national numbers stay plain text even when another contact is verified.
        contacts_page = parse(output_file(site, CONTACTS, language))
        for unverified in ("syria-police-112", "syria-ambulance-110", "syria-fire-113"):
            assert contacts_page.select_one(f'section[data-contact="{unverified}"] a') is None


def test_release_check_passes_with_a_verified_primary_number_and_fails_when_stale(
    verified_site: Path, monkeypatch
):
    monkeypatch.setenv("SITE_URL", "https://example.org/")  # a public address (tests/test_address_checks.py)
    contacts_file = verified_site / "data/contacts.yml"
    assert release_check.check(contacts_file, today=dt.date(2026, 11, 26)) == []
    assert run(verified_site, "release-check").returncode == 0
    warning = release_check.check(contacts_file, today=dt.date(2027, 6, 1))
    assert [problem.severity for problem in warning] == ["warning"]
    stale = release_check.check(contacts_file, today=dt.date(2027, 12, 1))
    assert [problem.severity for problem in stale] == ["error"]
    assert "last verified 376 days ago" in stale[0].message
