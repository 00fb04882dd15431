"""The NGO print kit on the print page (block ``{{ print-kit }}``): the PDF links, the place of the
chapters, and the booklet's own pages (cover, back cover, notes page), hidden on screen and on a
printed web page.

Why: the booklet (scripts/finish/booklet_pdfs.py) is printed by Chromium from this same page, so
everything it shows must already be in the page's HTML, made from the data files: the cover
(site name, a QR code of the language's home page, the date it was made and where to check for
newer numbers, in the offline copy's words), and the back cover (whom to call, from
data/contacts.yml, marked unconfirmed while no number is). Only the page's order changes for the
booklet; its words do not.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from html import escape

from scripts import contacts as contact_data
from scripts import interface_text
from scripts.dates import format_date
from scripts.render import blocks, leaflets, qr

# What the build writes next to the print page, per language (scripts/finish/booklet_pdfs.py).
KINDS = ("booklet", "a4")
# Where the chapters go; replaced once every page is rendered (scripts/render/whole_guide.py).
PLACEHOLDER = '<div class="jsg-whole-guide" data-jsg-whole-guide></div>'


def pdf_name(language: str, kind: str) -> str:
    """A PDF's file name, saying what it is when shared on its own: jarablus-guide-ku-booklet.pdf."""
    return f"jarablus-guide-{language}-{kind}.pdf"


def made_on() -> dt.date:
    """The day the booklet is dated: SOURCE_DATE_EPOCH's (the build sets it to the last commit's
    time, so two builds of one commit print the same date), else today (``make serve``)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()


def downloads(language: str) -> str:
    text = interface_text.text
    links = "".join(
        f'<li><a href="{pdf_name(language, kind)}" download>{escape(text(f"booklet.{kind}", language))}'
        "</a></li>"
        for kind in KINDS
    )
    return (
        f'<div class="jsg-downloads jsg-downloads--booklet"><p><strong>'
        f"{escape(text('booklet.download', language))}</strong></p><ul>{links}</ul></div>"
    )


def cover(language: str, site_name: str, home_url: str) -> str:
    """The booklet's first page: its title, a code to the language's home page, and its date."""
    text = interface_text.text
    scan = text("leaflet.scan", language)
    notice = escape(text("bundle.notice", language)).format(
        date=escape(format_date(made_on(), language)),
        url=f'<span dir="ltr">{escape(qr.short_url(home_url))}</span>',
    )
    return (
        '<div class="jsg-booklet-cover" hidden>'
        f'<p class="jsg-booklet-cover__title">{escape(site_name)}</p>'
        f'<div class="jsg-booklet-cover__qr">{qr.svg(home_url, label=f"{scan}: {home_url}")}</div>'
        f'<p class="jsg-booklet-cover__scan">{escape(scan)}</p>'
        f'<p class="jsg-booklet-cover__url" dir="ltr">{escape(qr.short_url(home_url))}</p>'
        f'<p class="jsg-booklet-cover__made">{notice}</p></div>'
    )


def back_cover(language: str, site_name: str) -> str:
    """The booklet's last page: whom to call (every contact, its number and whether it is
    confirmed), and the five steps' names. The build stops when it does not fit on one page."""
    text = interface_text.text
    rows = []
    for contact in sorted(contact_data.load(), key=lambda item: (not item.primary, not item.is_verified)):
        state = "" if contact.is_verified else leaflets.unconfirmed(language)
        rows.append(
            f'<li><p class="jsg-booklet-back__name">{escape(contact.name[language])}</p>'
            f'<p class="jsg-booklet-back__number">{blocks.phone_number(contact)}</p>{state}</li>'
        )
    steps = " · ".join(escape(step["title"][language]) for step in interface_text.steps())
    return (
        '<div class="jsg-booklet-back" hidden>'
        f'<p class="jsg-booklet-back__site">{escape(site_name)}</p>'
        f'<p class="jsg-booklet-back__title">{escape(text("leaflet.card.title", language))}</p>'
        f'<ul class="jsg-booklet-back__contacts">{"".join(rows)}</ul>'
        f'<p class="jsg-booklet-back__steps">{steps}</p></div>'
    )


def notes_page() -> str:
    """An empty ruled page: the booklet adds as many as it needs to reach a multiple of four."""
    return '<div class="jsg-booklet-notes" hidden></div>'


def block(language: str, site_name: str, home_url: str) -> str:
    """The ``{{ print-kit }}`` block of the print page."""
    return (
        downloads(language)
        + "\n\n"
        + cover(language, site_name, home_url)
        + PLACEHOLDER
        + notes_page()
        + back_cover(language, site_name)
        + "\n"
    )


def verified() -> bool:
    """Whether a primary number is verified (else every booklet page says it is a draft)."""
    return bool(contact_data.verified_primary(contact_data.load()))
