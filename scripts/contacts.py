"""Emergency contacts from ``data/contacts.yml``: load, validate and format.

Why: a phone number is written in exactly one file. Everything that shows one (contact page,
home page, leaflets, release check) goes through here, so a number is checked once, formatted once,
and an unverified number can never turn into a tap-to-call link by accident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
import yaml

from scripts import project, safe_yaml
from scripts.file_cache import until_changed
from scripts.problems import Problem, display_path, line_of
from scripts.site_config import languages


def contacts_file() -> Path:
    """The file of the current project (scripts/project.py), looked up each time."""
    return project.current().data("contacts.yml")


# source is translated too: a reader must be able to read where a number comes from (issue 18).
TRANSLATED_FIELDS = ("name", "purpose", "area", "source")
# note: what a reader must know before calling (for example, where 112 goes on a Turkish SIM).
OPTIONAL_TRANSLATED_FIELDS = ("hours", "note")
KNOWN_FIELDS = {"id", "primary", "number", "region", "verified", "verified_by"}
KNOWN_FIELDS |= set(TRANSLATED_FIELDS) | set(OPTIONAL_TRANSLATED_FIELDS)


@dataclass(frozen=True)
class Contact:
    """One contact, ready to render."""

    id: str
    primary: bool
    display_number: str
    tel_uri: str
    verified: dt.date | None
    verified_by: str | None
    source: dict[str, str]
    name: dict[str, str]
    purpose: dict[str, str]
    area: dict[str, str]
    hours: dict[str, str] | None
    note: dict[str, str] | None = None

    @property
    def is_verified(self) -> bool:
        return self.verified is not None


def parse_number(raw: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    """A full international number, or a short number valid in ``region``; None if invalid."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if raw.strip().startswith("+"):
        return number if phonenumbers.is_valid_number(number) else None
    if region and phonenumbers.is_valid_short_number_for_region(number, region):
        return number
    return None


def format_number(raw: str, region: str | None) -> tuple[str, str]:
    """(number as printed, ``tel:`` URI). International numbers in international form."""
    number = parse_number(raw, region)
    if number is None:
        raise ValueError(f"invalid phone number {raw!r}")
    if raw.strip().startswith("+"):
        printed = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        uri = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return printed, f"tel:{uri}"
    digits = str(number.national_number)
    return digits, f"tel:{digits}"


def field_line(text: str, ident: str, field: str) -> int:
    """Line of ``field:`` inside the contact ``ident`` (the contact's first line if absent)."""
    lines = text.splitlines()
    start = line_of(text, f"- id: {ident}")
    for number in range(start, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if number > start and stripped.startswith("- id:"):
            break
        if stripped.startswith(f"{field}:"):
            return number
    return start


def check(path: Path | None = None) -> list[Problem]:
    """Every problem in the contacts file, with its line."""
    path = contacts_file() if path is None else path
    text = path.read_text(encoding="utf-8")
    where = display_path(path)
    try:
        data = safe_yaml.load(text)
    except yaml.YAMLError as error:
        return [safe_yaml.problem(error, where, "the file is not valid YAML", "check indentation and quotes")]
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), list):
        return [Problem(where, 1, "no 'contacts:' list", "start the file with 'contacts:' and a list")]
    codes = [language.code for language in languages()]
    problems: list[Problem] = []
    seen: set[str] = set()
    for entry in data["contacts"]:
        ident = str(entry.get("id", "")) if isinstance(entry, dict) else ""
        line = line_of(text, f"- id: {ident}") if ident else 1

        def add(message: str, hint: str, field: str = "id", ident: str = ident) -> None:
            line = field_line(text, ident, field)
            problems.append(Problem(where, line, f"contact '{ident}': {message}", hint))

        if not isinstance(entry, dict) or not ident:
            problems.append(Problem(where, line, "a contact without 'id'", "give every contact an id"))
            continue
        if ident in seen:
            add("the same id appears twice", "give each contact its own id")
        seen.add(ident)
        for key in sorted(set(entry) - KNOWN_FIELDS):
            add(f"unknown field '{key}'", f"use only: {', '.join(sorted(KNOWN_FIELDS))}", key)
        raw = str(entry.get("number") or "")
        if parse_number(raw, entry.get("region")) is None:
            add(
                f"'{raw}' is not a valid phone number",
                "write it in international form with + and the country code, e.g. '+90 …', "
                "or a short number like '112' with 'region: SY'",
                "number",
            )
        verified = entry.get("verified")
        if verified is not None and not isinstance(verified, dt.date):
            add(f"verified '{verified}' is not a date", "write the date as YYYY-MM-DD, or null", "verified")
        if verified is not None and not entry.get("verified_by"):
            hint = "say who confirmed the number (organisation and role)"
            add("verified without 'verified_by'", hint, "verified_by")
        for field in TRANSLATED_FIELDS + OPTIONAL_TRANSLATED_FIELDS:
            value = entry.get(field)
            if value is None and field in OPTIONAL_TRANSLATED_FIELDS:
                continue
            if not isinstance(value, dict):
                add(f"'{field}' must list every language", f"give {field} in: {', '.join(codes)}", field)
                continue
            for code in codes:
                if not str(value.get(code) or "").strip():
                    add(f"'{field}' has no {code} text", f"add '{code}:' under {field}", field)
    return problems


@until_changed(lambda path=None: [path or contacts_file()])
def load(path: Path | None = None) -> tuple[Contact, ...]:
    """Validated contacts; raises ValueError listing every problem when the file is wrong."""
    path = contacts_file() if path is None else path
    problems = check(path)
    if problems:
        raise ValueError("\n".join(str(problem) for problem in problems))
    data = safe_yaml.load(path.read_text(encoding="utf-8"))
    contacts = []
    for entry in data["contacts"]:
        printed, uri = format_number(str(entry["number"]), entry.get("region"))
        contacts.append(
            Contact(
                id=entry["id"],
                primary=bool(entry.get("primary")),
                display_number=printed,
                tel_uri=uri,
                verified=entry.get("verified"),
                verified_by=entry.get("verified_by"),
                source={code: " ".join(str(words).split()) for code, words in entry["source"].items()},
                name=entry["name"],
                purpose=entry["purpose"],
                area=entry["area"],
                hours=entry.get("hours"),
                note=entry.get("note"),
            )
        )
    return tuple(contacts)


def verified_primary(contacts: tuple[Contact, ...]) -> list[Contact]:
    """Verified primary contacts: the only ones the home page and leaflets show as numbers to call."""
    return [contact for contact in contacts if contact.primary and contact.is_verified]
