"""HTML for the page parts that repeat across pages and languages: the five steps, contact cards,
the home page's emergency call buttons.

Why: these carry safety-critical words and numbers. Written once here (structure) and in
``data/interface.yml`` / ``data/contacts.yml`` (words and numbers), they cannot drift between pages
or languages. Phone numbers are always wrapped in ``dir="ltr"`` so ``+90 …`` never reorders inside
Arabic text, and only verified numbers ever become ``tel:`` links.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from scripts import contacts as contact_data
from scripts import interface_text
from scripts.dates import format_date
from scripts.file_cache import until_changed
from scripts.finish import output_policy
from scripts.pages import docs_folder

# A block is placed by a line of its own: {{ steps }}, {{ contacts }} or {{ emergency }}.
MARKER = re.compile(r"^\{\{\s*([a-z][a-z-]*)\s*\}\}[ \t]*$", re.MULTILINE)
NAMES = (
    "steps", "vehicle-steps", "contacts", "emergency", "leaflet", "offline-bundle", "single-file",
    "print-kit",
)  # fmt: skip

# Pictograms live in docs/assets/pictograms/; `asset` turns a site path into a page-relative URL.


def pictograms() -> Path:
    """Our pictograms, in the current project's docs/assets/pictograms/."""
    return docs_folder() / "assets" / "pictograms"


AssetUrl = Callable[[str], str]
PageUrl = Callable[[str], str]


def phone_number(contact: contact_data.Contact) -> str:
    """The number as text, isolated left-to-right so it reads the same inside Arabic."""
    return f'<span class="jsg-phone" dir="ltr">{escape(contact.display_number)}</span>'


@until_changed(lambda icon: [pictograms() / f"{icon}.svg"])
def pictogram_parts(icon: str) -> tuple[str, str]:
    """(viewBox, drawing) of one of our pictograms: its file without the outer <svg> tag, re-written
    from the parsed file with only what the SVG allow-list names (scripts/finish/output_policy.py), so a
    script or event handler in the file never reaches the pages that draw it."""
    source = (pictograms() / f"{icon}.svg").read_text(encoding="utf-8").strip()
    try:
        return output_policy.clean_svg(source)
    except ValueError as error:
        raise ValueError(f"{pictograms() / icon}.svg: {error}") from None


def pictogram(icon: str, alt: str) -> str:
    """A step's pictogram drawn in the page, named by its alt text for screen readers.

    Why in the page and not an <img>: the home page's five pictograms were five more requests
    (each about 350 bytes of drawing and 1 KB of headers), made before the page's text counted as
    shown on a slow connection. Leaflets keep <img> (scripts/render/leaflets.py).
    """
    view_box, drawing = pictogram_parts(icon)
    return (
        f'<svg class="jsg-step__icon" role="img" aria-label="{escape(alt)}" viewBox="{view_box}" '
        f'width="56" height="56" xmlns="http://www.w3.org/2000/svg">{drawing}</svg>'
    )


def step_list(rows: list[tuple[str, str, str]], label: str, css: str = "jsg-steps") -> str:
    """A numbered list of (pictogram id, alt text, HTML of the words), one pictogram per step."""
    items = "".join(f'<li class="jsg-step">{pictogram(icon, alt)}{words}</li>' for icon, alt, words in rows)
    return f'<ol class="{css}" aria-label="{escape(label)}">{items}</ol>'


def steps(language: str) -> str:
    """The five core steps, each with its title and a pictogram."""
    rows = [
        (
            step["id"],
            step["alt"][language],
            f'<span><span class="jsg-step__title">{escape(step["title"][language])}:</span> '
            f'<span class="jsg-step__text">{escape(step["text"][language])}</span></span>',
        )
        for step in interface_text.steps()
    ]
    return step_list(rows, interface_text.text("steps.label", language))


def vehicle_steps(language: str) -> str:
    """What to do about a suspicious vehicle: numbered, each with a pictogram."""
    rows = [
        (
            step["icon"],
            step["alt"][language],
            f'<span class="jsg-step__text">{escape(step["text"][language])}</span>',
        )
        for step in interface_text.vehicle_steps()
    ]
    label = interface_text.text("vehicle_steps.label", language)
    return step_list(rows, label, "jsg-steps jsg-steps--numbered")


def call_button(contact: contact_data.Contact, language: str) -> str:
    """A large tap-to-call button. Only for verified contacts."""
    if not contact.is_verified:
        raise ValueError(f"contact {contact.id} is not verified: it must not be a tap-to-call link")
    call = escape(interface_text.text("contact.call", language))
    return (
        f'<a class="jsg-call" href="{contact.tel_uri}" data-contact="{contact.id}">'
        f'<span class="jsg-call__label">{call}: {escape(contact.name[language])}</span> '
        f"{phone_number(contact)}</a>"
    )


def emergency(language: str, page_url: PageUrl) -> str:
    """Home page block: verified primary contacts as call buttons, or what to do while none is."""
    verified = contact_data.verified_primary(contact_data.load())
    if verified:
        return '<div class="jsg-emergency">' + "".join(call_button(c, language) for c in verified) + "</div>"
    text = interface_text.text
    return (
        '<div class="admonition warning jsg-emergency jsg-emergency--none">'
        f'<p class="admonition-title">{escape(text("home.no_verified.title", language))}</p>'
        f"<p>{escape(text('home.no_verified.text', language))}</p>"
        f'<p><a href="{page_url("contacts.md")}">{escape(text("home.no_verified.link", language))}</a></p>'
        "</div>"
    )


def contact_card(contact: contact_data.Contact, language: str) -> str:
    """One contact on the contacts page, with every fact a reader needs to judge it."""
    text = interface_text.text
    unknown = escape(text("contact.unknown", language))
    hours = escape(contact.hours[language]) if contact.hours else unknown
    if contact.is_verified:
        number = call_button(contact, language)
        checked = escape(format_date(contact.verified, language))
        warning = ""
    else:
        number = f'<p class="jsg-contact__number">{phone_number(contact)}</p>'
        checked = escape(text("contact.not_verified", language))
        warning = (
            '<div class="admonition warning jsg-unconfirmed">'
            f'<p class="admonition-title">{escape(text("contact.unconfirmed.title", language))}</p>'
            f"<p>{escape(text('contact.unconfirmed.text', language))}</p></div>"
        )
    state = "verified" if contact.is_verified else "unverified"
    rows = [
        (text("contact.hours", language), hours),
        (text("contact.area", language), escape(contact.area[language])),
        (text("contact.verified", language), checked),
        (text("contact.source", language), escape(contact.source[language])),
    ]
    note = f'<p class="jsg-contact__note">{escape(contact.note[language])}</p>' if contact.note else ""
    details = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return (
        f'<section class="jsg-contact jsg-contact--{state}" id="{contact.id}" data-contact="{contact.id}">'
        f"<h2>{escape(contact.name[language])}</h2>"
        f"<p>{escape(contact.purpose[language])}</p>"
        f"{number}{note}{warning}<dl>{details}</dl></section>"
    )


def all_contacts(language: str) -> str:
    """Every contact in the data file, verified ones first."""
    ordered = sorted(contact_data.load(), key=lambda contact: (not contact.is_verified, not contact.primary))
    return '<div class="jsg-contacts">' + "".join(contact_card(c, language) for c in ordered) + "</div>"


def offline_bundle(language: str, href: str) -> str:
    """The download link of this language's offline copy (written by scripts/finish/offline_bundle.py)."""
    words = escape(interface_text.text("bundle.download", language))
    return f'<p class="jsg-download"><a href="{escape(href)}" download>{words}</a></p>'


def single_file(language: str, href: str) -> str:
    """The download link of this language's guide on one page (scripts/finish/single_file.py)."""
    words = escape(interface_text.text("single.download", language))
    return f'<p class="jsg-download jsg-download--single"><a href="{escape(href)}" download>{words}</a></p>'
